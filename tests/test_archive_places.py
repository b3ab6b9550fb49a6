"""Archives where staff keep them: read-only shares, folders, empty or foreign files, leftovers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from archive_helpers import FULL_ISSUE, make_version3_archive
from places import ReadOnlyPlace

from reader.archive import queries
from reader.archive.db import open_archive
from reader.archive.errors import ArchiveError
from reader.archive.importer import import_issue
from reader.archive.search import search

REPO = Path(__file__).resolve().parents[1]


def filled_archive(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_archive(path) as archive:
        import_issue(archive, FULL_ISSUE)
    return path


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=REPO, check=False
    )


def test_an_archive_in_a_read_only_folder_can_be_browsed_and_searched(read_only_place: ReadOnlyPlace) -> None:
    filled_archive(read_only_place.source / "archive.sqlite3")
    read_only_place.lock()
    path = read_only_place.path / "archive.sqlite3"
    with open_archive(path, readonly=True) as archive:
        assert ["2022-07-05"] == queries.issue_dates(archive)
        assert 1 == search(archive, "神经末梢").total
        assert archive.write_blocker is not None and "不可写" in archive.write_blocker
    assert ["archive.sqlite3"] == sorted(p.name for p in read_only_place.path.iterdir())


def test_writing_to_an_archive_in_a_read_only_folder_says_why_not(read_only_place: ReadOnlyPlace) -> None:
    filled_archive(read_only_place.source / "archive.sqlite3")
    read_only_place.lock()
    with pytest.raises(ArchiveError) as info:
        open_archive(read_only_place.path / "archive.sqlite3")
    assert "readonly" == info.value.kind
    assert "archive.sqlite3" in str(info.value) and "不可写" in str(info.value)


def test_info_and_search_work_on_a_read_only_share(read_only_place: ReadOnlyPlace) -> None:
    filled_archive(read_only_place.source / "archive.sqlite3")
    read_only_place.lock()
    path = str(read_only_place.path / "archive.sqlite3")
    info = cli("info", "--db", path)
    assert 0 == info.returncode, info.stderr
    assert "共 1 期" in info.stdout
    found = cli("search", "神经末梢", "--db", path)
    assert 0 == found.returncode, found.stderr
    assert "共找到 1 篇" in found.stdout


def test_an_outdated_archive_on_a_read_only_share_says_it_cannot_be_upgraded(
    read_only_place: ReadOnlyPlace,
) -> None:
    make_version3_archive(read_only_place.source / "old.sqlite3", [FULL_ISSUE])
    read_only_place.lock()
    with pytest.raises(ArchiveError) as info:
        open_archive(read_only_place.path / "old.sqlite3", readonly=True)
    assert "outdated" == info.value.kind and "无法升级" in str(info.value)


def test_reading_leaves_no_files_beside_the_archive(tmp_path: Path) -> None:
    path = filled_archive(tmp_path / "archive.sqlite3")
    assert 0 == cli("info", "--db", str(path)).returncode
    assert 0 == cli("search", "神经末梢", "--db", str(path)).returncode
    assert ["archive.sqlite3"] == sorted(p.name for p in tmp_path.iterdir())


def test_a_folder_given_as_the_archive_is_named_as_a_folder(tmp_path: Path) -> None:
    for readonly in (True, False):
        with pytest.raises(ArchiveError) as info:
            open_archive(tmp_path, readonly=readonly)
        assert "notafile" == info.value.kind and "文件夹" in str(info.value)


def test_an_empty_file_is_not_reported_as_an_old_archive(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    result = cli("info", "--db", str(path))
    assert 1 == result.returncode
    assert "文件是空的" in result.stderr and "较旧" not in result.stderr


def test_another_programs_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts(name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for readonly in (True, False):
        with pytest.raises(ArchiveError) as info:
            open_archive(path, readonly=readonly)
        assert "foreign" == info.value.kind
    assert before == path.read_bytes()
