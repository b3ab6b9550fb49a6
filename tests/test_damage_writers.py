"""Nothing writes into a damaged archive, and a backup of one says so (issue 21, item 5): every
command that edits the archive checks it as `import` does, and `backup` checks its copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_support import err_text, out_text, run_cli
from damage_support import filled_archive, garble, pages, rows

from reader.archive.health import damage_in


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """An archive with a bad page in its search index (SQLite opens it; its check finds it)."""
    path = filled_archive(tmp_path)
    garble(path, pages(path, "search_chars_data", "leaf")[0])
    return path


def first_key(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT key FROM articles ORDER BY id LIMIT 1").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize(
    "command",
    [
        ["words", "add", "江明远"],
        ["words", "remove", "幸福食堂"],
        ["correct", "retitle", "KEY", "改过的标题"],
        ["correct", "caption", "KEY"],
    ],
)
def test_an_edit_of_a_damaged_archive_is_refused_and_writes_nothing(
    damaged: Path, command: list[str]
) -> None:
    before = damaged.read_bytes()
    words, articles = rows(damaged, "user_words"), rows(damaged, "articles")
    args = [first_key(damaged) if part == "KEY" else part for part in command]
    done = run_cli(*args, "--db", str(damaged))
    said = err_text(done)
    assert 1 == done.returncode, out_text(done)
    assert str(damaged) in said and "损坏" in said and "没有写入" in said
    assert before == damaged.read_bytes()
    assert (words, articles) == (rows(damaged, "user_words"), rows(damaged, "articles"))


def test_reading_a_damaged_archive_still_works(damaged: Path) -> None:
    done = run_cli("words", "list", "--db", str(damaged))
    assert 0 == done.returncode and "幸福食堂" in out_text(done)


def test_a_backup_of_a_damaged_archive_says_the_copy_is_damaged_too(damaged: Path, tmp_path: Path) -> None:
    target = tmp_path / "备份.sqlite3"
    done = run_cli("backup", "--out", str(target), "--db", str(damaged))
    said = err_text(done)
    assert 0 != done.returncode
    assert str(damaged) in said and "本身已损坏" in said and str(target) in said
    assert "已备份：" not in out_text(done)
    conn = sqlite3.connect(target)  # kept: the archive as it is, damage and all
    try:
        assert damage_in(conn)
    finally:
        conn.close()


def test_a_backup_of_a_sound_archive_is_checked_and_says_nothing_more(tmp_path: Path) -> None:
    path = filled_archive(tmp_path)
    target = tmp_path / "备份.sqlite3"
    done = run_cli("backup", "--out", str(target), "--db", str(path))
    assert 0 == done.returncode, err_text(done)
    assert "已备份：" in out_text(done) and "损坏" not in out_text(done) + err_text(done)
    assert rows(path, "articles") == rows(target, "articles")
