"""Word (.docx) export and GB/T 7714 citations, read back with python-docx from real files."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from reader.archive import bookmarks
from reader.archive.db import open_archive
from reader.archive.importer import import_paths
from reader.archive.queries import article_by_key
from reader.archive.records import ArticleRecord
from reader.archive.search import search
from reader.cli import main
from reader.export.citation import citation, reference_list, text_with_source
from reader.export.errors import ExportError
from reader.export.word import export_word

REPO = Path(__file__).resolve().parents[1]

ARTICLE = ArticleRecord(
    id=1,
    key="k1",
    issue_id=1,
    position=0,
    page=3,
    kicker="",
    headline="区长走访网格员",
    subtitle="",
    dateline="本报讯",
    byline="本报记者 张三 通讯员 李四",
    body="7月4日，区长走访网格员。\n网格员说了心里话。",
    kind="news",
    publication="东昌时讯",
    date="2022-07-05",
    weekday="星期二",
    number=1449,
)


def test_a_citation_follows_gbt_7714_for_newspapers() -> None:
    assert "张三, 李四. 区长走访网格员[N]. 东昌时讯, 2022-07-05(3)." == citation(ARTICLE)


def test_more_than_three_authors_are_cut_to_three_and_deng() -> None:
    many = replace(ARTICLE, byline="记者 张三 李四 王五 赵六")
    assert citation(many).startswith("张三, 李四, 王五, 等. 区长走访网格员[N].")


def test_what_the_archive_does_not_know_is_left_out_not_invented() -> None:
    bare = replace(ARTICLE, byline="区委宣传部 供稿", date=None, page=None, publication=None)
    assert "区长走访网格员[N]. [报名不详], [出版日期不详]." == citation(bare)
    assert citation(replace(ARTICLE, demo=True)).endswith("（演示内容（虚构新闻，并非真实报道），不可引用）")


def test_a_subtitle_follows_the_title_after_a_colon() -> None:
    subtitled = replace(ARTICLE, subtitle="网格化服务治理见实效")
    assert "区长走访网格员：网格化服务治理见实效[N]." in citation(subtitled)


def test_a_reference_list_numbers_the_entries_in_order() -> None:
    second = replace(ARTICLE, headline="网格员的一天", byline="")
    lines = reference_list([ARTICLE, second]).splitlines()
    assert [line[:4] for line in lines] == ["[1] ", "[2] "]
    assert lines[1] == "[2] 网格员的一天[N]. 东昌时讯, 2022-07-05(3)."


def test_the_copied_text_opens_with_the_article_and_ends_with_its_citation() -> None:
    lines = text_with_source(ARTICLE).splitlines()
    assert lines[0] == "区长走访网格员"
    assert lines[1].startswith("东昌时讯 · 2022年7月5日 星期二 · 总第1449期 · 第3版")
    assert "本报讯\u30007月4日，区长走访网格员。" in lines
    assert lines[-1] == f"引用：{citation(ARTICLE)}"


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph of a real .docx."""
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_one_article_is_a_word_document_with_its_heading_source_text_and_citation(tmp_path: Path) -> None:
    out = tmp_path / "one.docx"
    export_word([ARTICLE], out)
    paragraphs = _paragraphs(out)
    assert ("Heading 1", "区长走访网格员") in paragraphs
    texts = [text for _, text in paragraphs]
    assert any(t.startswith("东昌时讯 · 2022年7月5日") for t in texts)
    assert "本报讯\u30007月4日，区长走访网格员。" in texts
    assert "网格员说了心里话。" in texts
    assert f"引用：{citation(ARTICLE)}" == texts[-1]
    assert docx.Document(str(out)).core_properties.title == "区长走访网格员"


@pytest.fixture
def db(archive_path: Path, corpus_files: list[Path]) -> Path:
    with open_archive(archive_path) as archive:
        assert import_paths(archive, corpus_files).ok
    return archive_path


def test_bookmarks_export_as_a_clippings_book_in_word_with_notes(db: Path, tmp_path: Path) -> None:
    with open_archive(db) as archive:
        keys = [search(archive, f"标题:{word}").hits[0].key for word in ("幸福食堂", "红色邮箱")]
        for key in keys:
            bookmarks.add(archive, key, note=f"批注{key[:4]}")
        records = [article_by_key(archive, k) for k in keys]
    out = tmp_path / "书签.docx"
    assert 0 == main(["export", "--db", str(db), "--out", str(out), "--bookmarks", "--title", "我的书签"])
    paragraphs = _paragraphs(out)
    assert paragraphs[0] == ("Title", "我的书签")
    assert ("Normal", "共 2 篇") in paragraphs
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == [r.headline for r in records if r is not None]
    texts = [text for _, text in paragraphs]
    assert all(f"批注：批注{key[:4]}" in texts for key in keys)
    assert sum(text.startswith("引用：") for text in texts) == 2


def test_word_export_runs_as_a_separate_process_without_a_display(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "proc.docx"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    with open_archive(db, readonly=True) as archive:
        key = search(archive, "标题:红色邮箱").hits[0].key
    args = [sys.executable, "-m", "reader", "export", "--db", str(db), "--out", str(out), "--key", key]
    done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert (0, "") == (done.returncode, done.stderr)
    assert "Word 文档" in done.stdout
    assert any(style == "Heading 1" for style, _ in _paragraphs(out))


def test_a_word_export_onto_the_archive_is_refused_and_the_archive_kept(db: Path) -> None:
    before = db.read_bytes()
    with pytest.raises(ExportError):
        export_word([ARTICLE], db, archive=db)
    assert before == db.read_bytes()
