"""Damaged and locked archives: noticed before anything is written, repaired without loss."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from issue_texts import FRONT_PAGE, SECOND_PAGE, damage_table, issue_text, write

from reader.archive import bookmarks, queries
from reader.archive.db import open_archive
from reader.archive.health import find_damage
from reader.archive.holder import announced
from reader.archive.importer import import_paths
from reader.archive.repair import repair_archive
from reader.archive.search import search


def filled(tmp_path: Path) -> Path:
    path = tmp_path / "archive.sqlite3"
    first = write(tmp_path / "dump" / "第1版.txt", issue_text(FRONT_PAGE))
    with open_archive(path) as archive:
        assert import_paths(archive, [first]).ok
        key = archive.conn.execute("SELECT key FROM articles ORDER BY id LIMIT 1").fetchone()[0]
        bookmarks.add(archive, key, note="留着")
    return path


def test_damage_in_the_search_index_is_found(tmp_path: Path) -> None:
    path = filled(tmp_path)
    damage_table(path, "search_chars_data")
    with open_archive(path) as archive:
        assert find_damage(archive)


def test_an_import_into_a_damaged_archive_writes_nothing_and_says_what_to_do(tmp_path: Path) -> None:
    path = filled(tmp_path)
    damage_table(path, "search_chars_data")
    before = path.read_bytes()
    second = write(tmp_path / "dump" / "第2版.txt", issue_text(SECOND_PAGE, page="第二版"))
    with open_archive(path) as archive:
        report = import_paths(archive, [second])
    assert not report.ok and report.stopped is not None
    assert "archive.sqlite3" in report.stopped and "修复" in report.stopped
    assert [] == report.imported
    assert before == path.read_bytes()


def test_repair_rebuilds_a_damaged_index_and_keeps_every_article_and_bookmark(tmp_path: Path) -> None:
    path = filled(tmp_path)
    damage_table(path, "search_chars_data")
    report = repair_archive(path)
    assert report.damaged_copy.is_file() and report.damaged_copy != path
    assert 3 == report.kept["articles"]
    with open_archive(path) as archive:
        assert [] == find_damage(archive)
        assert 1 == search(archive, "幸福食堂").total
        (mark,) = bookmarks.list_bookmarks(archive)
        assert "留着" == mark.note and not mark.deleted
    assert "3 篇文章" in report.summary()


def test_repair_of_a_damaged_articles_table_keeps_what_is_readable_and_says_what_was_lost(
    tmp_path: Path,
) -> None:
    path = filled(tmp_path)
    damage_table(path, "articles")
    report = repair_archive(path)
    with open_archive(path) as archive:
        assert [] == find_damage(archive)
        assert 1 == len(queries.issue_dates(archive))
        assert 1 == len(bookmarks.list_bookmarks(archive))
    assert report.lost.get("articles", 0) > 0
    assert "无法读出" in report.summary()


def test_a_locked_archive_stops_the_batch_at_the_first_file_and_names_the_holder(tmp_path: Path) -> None:
    path = filled(tmp_path)
    files = [
        write(tmp_path / "more" / f"{n}.txt", issue_text(SECOND_PAGE, number=1500 + n)) for n in range(5)
    ]
    holder = sqlite3.connect(path, isolation_level=None)
    with announced(path, "导入"):
        holder.execute("BEGIN IMMEDIATE")
        try:
            with open_archive(path, readonly=False) as archive:
                archive.conn.execute("PRAGMA busy_timeout = 50")
                report = import_paths(archive, files)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    assert 1 == len(report.failed)
    assert report.stopped is not None and "锁定" in report.stopped
    assert "报刊档案阅读器" in report.stopped and "正在导入" in report.stopped


@pytest.mark.parametrize("table", ["search_chars_data", "articles"])
def test_repair_leaves_no_working_files_behind(tmp_path: Path, table: str) -> None:
    path = filled(tmp_path)
    damage_table(path, table)
    report = repair_archive(path)
    names = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert [path.name, report.damaged_copy.name] == sorted(names, key=lambda n: n != path.name)


def test_the_repair_command_repairs_and_reports(tmp_path: Path) -> None:
    from cli_support import run_cli

    path = filled(tmp_path)
    damage_table(path, "search_words_data")
    result = run_cli("repair", "--db", str(path))
    said = result.stdout.decode("utf-8")
    assert 0 == result.returncode, result.stderr.decode("utf-8")
    assert "已修复" in said and "3 篇文章" in said
    assert "档案完好" in run_cli("repair", "--db", str(path)).stdout.decode("utf-8")
