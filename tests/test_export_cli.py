"""`python -m reader export` on an archive built from the test corpus: exit codes, messages, PDFs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from corpus_support import VISIT_HEADLINE
from PySide6.QtWidgets import QApplication

from reader.archive import bookmarks
from reader.archive.db import open_archive
from reader.archive.importer import import_paths
from reader.archive.queries import article_by_key
from reader.archive.search import search
from reader.cli import main
from reader.text.dates import date_span
from reader.text.model import ParsedIssue

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _gui_application(qapp: QApplication) -> None:
    """In-process runs reuse pytest-qt's QApplication instead of making a bare QGuiApplication."""


@pytest.fixture
def db(archive_path: Path, corpus_files: list[Path]) -> Path:
    """An archive file holding the test corpus."""
    with open_archive(archive_path) as archive:
        assert import_paths(archive, corpus_files).ok
    return archive_path


def _key(db: Path, headline_words: str) -> str:
    with open_archive(db, readonly=True) as archive:
        return search(archive, f"标题:{headline_words}").hits[0].key


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages))


Capture = pytest.CaptureFixture[str]


def test_export_by_key_writes_the_article(db: Path, tmp_path: Path, capsys: Capture) -> None:
    key = _key(db, "幸福食堂")
    out = tmp_path / "one.pdf"
    assert 0 == main(["export", "--db", str(db), "--out", str(out), "--key", key])
    assert "已导出 1 篇文章" in capsys.readouterr().out
    assert re.sub(r"\s+", "", VISIT_HEADLINE) in _text(out)


def test_export_bookmarks_writes_a_book_with_notes(db: Path, tmp_path: Path) -> None:
    keys = [_key(db, "幸福食堂"), _key(db, "红色邮箱")]
    with open_archive(db) as archive:
        for key in keys:
            bookmarks.add(archive, key, note=f"批注{key[:4]}")
        headlines = [article_by_key(archive, k).headline for k in keys]  # type: ignore[union-attr]
    out = tmp_path / "marks.pdf"
    assert 0 == main(["export", "--db", str(db), "--out", str(out), "--bookmarks", "--title", "我的书签"])
    text = _text(out)
    assert text.startswith("我的书签")
    assert f"批注{keys[0][:4]}" in text
    assert all(re.sub(r"\s+", "", h) in text for h in headlines)


def test_export_query_writes_every_hit_within_dates(
    db: Path, tmp_path: Path, masthead_issue: ParsedIssue
) -> None:
    assert masthead_issue.date is not None
    first, last = date_span(masthead_issue.date[:7])  # the month of the issue
    with open_archive(db, readonly=True) as archive:
        expected = search(archive, "东昌府", date_from=first, date_to=last, limit=100).total
        everywhere = search(archive, "东昌府", limit=100).total
    out = tmp_path / "query.pdf"
    dates = ["--from", first, "--to", last]
    args = ["export", "--db", str(db), "--out", str(out), "--query", "东昌府", *dates]
    assert 0 == main(args)
    assert 1 < expected < everywhere
    assert f"共{expected}篇" in _text(out)


def test_no_matching_articles_is_exit_1_and_no_file(db: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "none.pdf"
    assert 1 == main(["export", "--db", str(db), "--out", str(out), "--query", "完全不存在的词语组合"])
    assert "没有找到包含“完全不存在的词语组合”的文章" in capsys.readouterr().err
    assert not out.exists()


def test_unknown_key_is_exit_1_naming_the_key(db: Path, tmp_path: Path, capsys: Capture) -> None:
    assert 1 == main(["export", "--db", str(db), "--out", str(tmp_path / "x.pdf"), "--key", "0000deadbeef"])
    assert "0000deadbeef" in capsys.readouterr().err


def test_unwritable_output_is_exit_1(db: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "no-such-folder" / "x.pdf"
    assert 1 == main(["export", "--db", str(db), "--out", str(out), "--key", _key(db, "幸福食堂")])
    assert "无法写入" in capsys.readouterr().err


def test_missing_archive_is_exit_1(tmp_path: Path, capsys: Capture) -> None:
    args = ["export", "--db", str(tmp_path / "nope.sqlite3"), "--out", str(tmp_path / "x.pdf"), "--bookmarks"]
    assert 1 == main(args)
    assert "档案不存在" in capsys.readouterr().err


def test_dates_without_query_are_a_usage_error(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    assert 2 == main(["export", "--db", str(db), "--out", str(out), "--bookmarks", "--from", "2022-01-01"])


def test_export_runs_as_a_separate_process_without_a_display(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "proc.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    command = ["export", "--db", str(db), "--out", str(out), "--key", _key(db, "红色邮箱")]
    args = [sys.executable, "-m", "reader", *command]
    done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert (0, "") == (done.returncode, done.stderr)
    assert out.stat().st_size > 0
