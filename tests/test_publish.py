"""Publishing the archive into a shared folder (reader.archive.publish) and reading what was
published (reader.archive.snapshots): whole, checked, rollback-journal copies that appear under a
new name and are never written again; an unchanged archive writes nothing; old copies go after
their grace period; every command reads the folder's newest copy and none writes it."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from pathlib import Path

import pytest
from cli_support import err_text, out_text, run_cli
from issue_texts import FRONT_PAGE, SECOND_PAGE, issue_text, write

from reader.archive import bookmarks, meta
from reader.archive.db import open_archive
from reader.archive.errors import ArchiveError
from reader.archive.importer import import_paths
from reader.archive.publish import Grace, PublishError, prune, publish
from reader.archive.snapshots import newest_snapshot, partial_files, snapshots


def archive_with(path: Path, dump: Path, *pages: tuple[tuple[str, str], ...]) -> Path:
    """The archive at `path` with one more issue per page given (numbers 1449, 1450, … on one
    day after the other)."""
    with open_archive(path) as archive:
        have = archive.conn.execute("SELECT count(*) FROM issues").fetchone()[0]
        for n, page in enumerate(pages, start=have):
            file = write(dump / f"{n}.txt", issue_text(page, number=1449 + n, date=f"2022年7月{5 + n}日"))
            assert import_paths(archive, [file]).ok
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return archive_with(tmp_path / "desk" / "archive.sqlite3", tmp_path / "dump", FRONT_PAGE)


def plain(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Read a published file as a colleague's SQLite would, without changing it (immutable)."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_publish_writes_a_checked_rollback_journal_copy_under_a_versioned_name(
    source: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    report = publish(source, share)
    assert report.created and [report.snapshot] == [s.path for s in snapshots(share)]
    assert [report.snapshot] == list(share.iterdir())  # no part file, no journal left beside it
    assert report.snapshot.name.startswith("archive-") and report.snapshot.name.endswith("-000001.sqlite3")
    assert [("delete",)] == plain(report.snapshot, "PRAGMA journal_mode")
    assert [("ok",)] == plain(report.snapshot, "PRAGMA quick_check")
    with open_archive(source, readonly=True) as archive:
        expected = archive.conn.execute("SELECT key, headline, body FROM articles ORDER BY id").fetchall()
        identity, generation = meta.identity(archive.conn), meta.generation(archive.conn)
    assert expected == plain(report.snapshot, "SELECT key, headline, body FROM articles ORDER BY id")
    record = dict(plain(report.snapshot, "SELECT key, value FROM archive_meta"))
    assert (identity, generation, 1) == (
        record["archive_id"],
        record["generation"],
        record["published_sequence"],
    )
    assert str(source.resolve()) == record["published_from"]


def test_an_unchanged_archive_publishes_nothing_and_a_bookmark_is_no_change(
    source: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    first = publish(source, share)
    with open_archive(source) as archive:
        key = archive.conn.execute("SELECT key FROM articles LIMIT 1").fetchone()[0]
        bookmarks.add(archive, key, note="档案员自己的书签")
    again = publish(source, share)
    assert not again.created and first.snapshot == again.snapshot
    assert [first.snapshot] == list(share.iterdir())
    assert [] == plain(first.snapshot, "SELECT name FROM sqlite_master WHERE name LIKE '%bookmark%'")


def test_a_changed_archive_is_published_under_the_next_number_beside_the_old_copy(
    source: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    first = publish(source, share)
    archive_with(source, tmp_path / "more", SECOND_PAGE)
    second = publish(source, share)
    assert second.created and second.generation > first.generation
    assert [first.snapshot, second.snapshot] == [s.path for s in snapshots(share)]
    assert second.snapshot.name.endswith("-000002.sqlite3")
    assert [(1,)] == plain(first.snapshot, "SELECT count(*) FROM issues")  # never written again
    assert [(2,)] == plain(second.snapshot, "SELECT count(*) FROM issues")
    with open_archive(share, readonly=True) as newest:
        assert second.snapshot == newest.path and newest.published and newest.immutable


def test_old_copies_go_after_their_grace_and_the_two_newest_stay(source: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    made = []
    for n in range(4):
        archive_with(source, tmp_path / f"more{n}", ((f"第{n}次补充的文章", "正文。"),))
        made.append(publish(source, share, grace=Grace(age=dt.timedelta(hours=1))).snapshot)
    assert made == [s.path for s in snapshots(share)]  # all younger than the grace: all stay
    an_hour_ago = time.time() - 2 * 3600
    for path in made[:3]:
        os.utime(path, (an_hour_ago, an_hour_ago))
    removed = prune(share, Grace(age=dt.timedelta(hours=1)))
    assert made[:2] == removed  # the third is old but one of the two newest
    assert made[2:] == [s.path for s in snapshots(share)]


def test_leftovers_of_a_killed_publish_are_never_read_and_go_once_stale(source: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    first = publish(source, share)
    killed = share / ".archive-000002-99999.part"
    killed.write_bytes(b"half a copy")
    assert first.snapshot == newest_snapshot(share).path  # type: ignore[union-attr]
    with open_archive(share, readonly=True) as archive:
        assert first.snapshot == archive.path
    assert [] == prune(share)  # fresh: it may belong to a publish that is still running
    stale = time.time() - 3600
    os.utime(killed, (stale, stale))
    assert [killed] == prune(share, Grace(stale=dt.timedelta(minutes=30)))
    assert [] == partial_files(share)


def test_a_published_copy_and_its_folder_are_never_opened_for_writing(source: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    snapshot = publish(source, share).snapshot
    before = snapshot.read_bytes()
    for path in (share, snapshot):
        with pytest.raises(ArchiveError) as raised:
            open_archive(path)
        assert "readonly" == raised.value.kind and "只读副本" in str(raised.value)
    with open_archive(share, readonly=True) as archive:
        assert archive.write_blocker is not None and str(source.resolve()) in archive.write_blocker
    assert before == snapshot.read_bytes()
    assert [snapshot] == list(share.iterdir())


def test_publishing_into_a_file_or_from_a_published_copy_is_refused(source: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    snapshot = publish(source, share).snapshot
    with pytest.raises(PublishError) as into_file:
        publish(source, snapshot)
    assert str(snapshot) in str(into_file.value)
    with pytest.raises(PublishError) as from_copy:
        publish(snapshot, tmp_path / "elsewhere")
    assert "已发布的副本" in str(from_copy.value)


def test_the_command_line_publishes_and_every_command_reads_the_folder(source: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    done = run_cli("publish", "--to", str(share), "--db", str(source))
    assert 0 == done.returncode, err_text(done)
    snapshot = newest_snapshot(share)
    assert snapshot is not None and str(snapshot.path) in out_text(done)
    again = run_cli("publish", "--to", str(share), "--db", str(source))
    assert 0 == again.returncode and "没有改动" in out_text(again)
    found = run_cli("search", "幸福食堂", "--db", str(share))
    assert 0 == found.returncode and "共找到 1 篇" in out_text(found)
    info = run_cli("info", "--db", str(share))
    assert 0 == info.returncode and str(snapshot.path) in out_text(info)
    refused = run_cli("import", str(tmp_path / "dump"), "--db", str(share))
    assert 1 == refused.returncode and "只读副本" in err_text(refused)
    assert [snapshot.path] == list(share.iterdir())


def test_a_published_copy_is_never_repaired_in_place(source: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    snapshot = publish(source, share).snapshot
    before = snapshot.read_bytes()
    done = run_cli("repair", "--force", "--db", str(share))
    assert 1 == done.returncode and "只读副本" in err_text(done)
    assert [snapshot] == list(share.iterdir()) and before == snapshot.read_bytes()
