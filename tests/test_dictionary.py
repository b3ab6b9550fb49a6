"""The archive's own dictionary (`words`): a name jieba cuts apart becomes a whole-word hit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_support import JULY_ISSUE, err_text, run_cli

from reader.archive import dictionary
from reader.archive.db import open_archive
from reader.archive.search import search
from reader.cli import main

NAME = "江明远"
# jieba cuts 区长江明远 as 区 / 长江 / 明远: the word index has no 江明远 in this article.
NAME_ISSUE = (
    JULY_ISSUE.replace("区长江绍华", f"区长{NAME}")
    .replace("江绍华督导", "区领导督导")
    .replace("江绍华", NAME)
)
OTHER_ISSUE = JULY_ISSUE.replace("2022年7月5日", "2022年7月6日").replace("总第1449期", "总第1450期")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    folder = tmp_path / "issues"
    folder.mkdir()
    (folder / "name.txt").write_text(NAME_ISSUE, encoding="utf-8")
    (folder / "other.txt").write_text(OTHER_ISSUE, encoding="utf-8")
    path = tmp_path / "archive.sqlite3"
    assert 0 == main(["import", str(folder), "--db", str(path)])
    return path


def _whole_word(db: Path, query: str = NAME) -> list[bool]:
    with open_archive(db, readonly=True) as archive:
        return [hit.whole_word for hit in search(archive, query).hits]


def test_words_add_moves_an_article_with_a_split_name_into_the_whole_word_tier(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert [False] == _whole_word(db)
    assert 0 == main(["words", "add", NAME, "--db", str(db)])
    assert f"已添加 1 个词：{NAME}；重新索引了 1 篇文章" in capsys.readouterr().out
    assert [True] == _whole_word(db)
    assert 0 == main(["words", "remove", NAME, "--db", str(db)])
    assert [False] == _whole_word(db)


def test_the_words_travel_with_the_archive_file(db: Path, tmp_path: Path) -> None:
    assert 0 == main(["words", "add", NAME, "--db", str(db)])
    moved = tmp_path / "elsewhere" / "copy.sqlite3"
    moved.parent.mkdir()
    shutil.copyfile(db, moved)
    done = run_cli("search", NAME, "--json", "--db", str(moved))
    assert '"whole_word": true' in done.stdout.decode("utf-8")
    done = run_cli("words", "list", "--db", str(moved))
    assert f"档案添加的词（1）：\n  {NAME}\n" == done.stdout.decode("utf-8")


def test_an_issue_imported_after_the_word_was_added_is_cut_with_it(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite3"
    other = tmp_path / "other.txt"
    other.write_text(OTHER_ISSUE, encoding="utf-8")
    assert 0 == main(["import", str(other), "--db", str(path)])
    assert 0 == main(["words", "add", NAME, "--db", str(path)])
    issue = tmp_path / "name.txt"
    issue.write_text(NAME_ISSUE, encoding="utf-8")
    assert 0 == main(["import", str(issue), "--db", str(path)])
    assert [True] == _whole_word(path)


def test_words_import_reads_a_list_with_comments_and_jieba_columns(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "名单.txt"
    names.write_text(f"# 区领导\n{NAME} 5 nr\n柳岸青\n\n", encoding="utf-8")
    assert 0 == main(["words", "import", str(names), "--db", str(db)])
    assert "已导入 2 个词" in capsys.readouterr().out
    with open_archive(db, readonly=True) as archive:
        assert [("柳岸青", "add"), (NAME, "add")] == [
            (e.word, e.state) for e in dictionary.list_words(archive)
        ]
    assert [True] == _whole_word(db)


def test_removing_a_shipped_word_stops_keeping_it_whole(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_archive(db, readonly=True) as archive:
        assert ["区长", "江绍华"] == archive.tokenizer.words("区长江绍华")  # the shipped dictionary's name
    assert 0 == main(["words", "remove", "江绍华", "--db", str(db)])
    assert "重新索引了 1 篇文章" in capsys.readouterr().out  # the one issue that mentions it
    with open_archive(db, readonly=True) as archive:
        assert ["区", "长江", "绍", "华"] == archive.tokenizer.words("区长江绍华")
        assert [("江绍华", "remove")] == [(e.word, e.state) for e in dictionary.list_words(archive)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", " "), "词不能为空"),
        (("add", "江 明远"), "词中不能有空格：江 明远"),
        (("import", "missing.txt"), "无法读取词表 missing.txt"),
    ],
)
def test_a_bad_word_or_list_is_one_chinese_line_and_status_1(
    db: Path, args: tuple[str, ...], message: str
) -> None:
    done = run_cli("words", *args, "--db", str(db))
    assert 1 == done.returncode
    assert err_text(done).startswith(message) and "Traceback" not in err_text(done)
