"""Bookmarks are the person's, not the archive's (reader.archive.personal): they live in the
user's own file, move there when an old archive is upgraded, follow every copy of one archive,
never mix two archives, work where the archive cannot be written, and say why when they cannot
be kept."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from archive_helpers import make_article, make_issue, make_version3_archive
from issue_texts import FRONT_PAGE, issue_text, write
from places import ReadOnlyPlace

from reader.archive import bookmarks, meta, places
from reader.archive.backup import backup_archive
from reader.archive.db import Archive, open_archive
from reader.archive.errors import ArchiveError
from reader.archive.importer import import_paths
from reader.archive.paths import PERSONAL_ENV_VAR
from reader.archive.personal import PersonalFileError

OLD_ARCHIVES = Path(__file__).parent / "fixtures" / "old_archives"  # how they were made: README.md there


def plain_read(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows read with plain sqlite3 (no personal file attached, no migration)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def has_bookmarks_table(path: Path) -> bool:
    return bool(plain_read(path, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bookmarks'"))


def front_page_archive(path: Path, dump: Path) -> Path:
    """An archive holding the three articles of FRONT_PAGE."""
    first = write(dump / "第1版.txt", issue_text(FRONT_PAGE))
    with open_archive(path) as archive:
        assert import_paths(archive, [first]).ok
    return path


def keys_of(archive: Archive) -> list[str]:
    return [r[0] for r in archive.conn.execute("SELECT key FROM articles ORDER BY id")]


BOOKMARK_ROWS = "SELECT article_key, note, created_at, headline, publication, date FROM bookmarks ORDER BY id"


@pytest.mark.parametrize("fixture", ["version2.sqlite3", "version4.sqlite3"])
def test_upgrading_an_old_archive_moves_its_bookmarks_to_the_personal_file(
    tmp_path: Path, personal_file: Path, fixture: str
) -> None:
    path = tmp_path / fixture
    shutil.copyfile(OLD_ARCHIVES / fixture, path)
    before = plain_read(path, BOOKMARK_ROWS)
    assert 2 == len(before)  # what the old program wrote (README.md there)
    with open_archive(path) as archive:
        identity = archive.identity
        listed = bookmarks.list_bookmarks(archive)
        assert [b[0] for b in before] == [b.key for b in listed]
        assert not any(b.deleted for b in listed)
    assert identity is not None and [(identity,)] == plain_read(
        path, "SELECT value FROM archive_meta WHERE key = 'archive_id'"
    )
    moved = plain_read(
        personal_file,
        "SELECT article_key, note, created_at, headline, publication, date FROM bookmarks"
        " WHERE archive_id = ? ORDER BY id",
        (identity,),
    )
    assert before == moved
    assert not has_bookmarks_table(path)


def test_upgrading_a_version_3_archive_moves_every_bookmark_by_key(
    tmp_path: Path, personal_file: Path
) -> None:
    headlines = [f"第{n}篇文章" for n in range(12)]
    path = tmp_path / "old.sqlite3"
    issue = make_issue([make_article(h) for h in headlines])
    make_version3_archive(path, [issue], bookmarked=tuple(headlines[::2]))
    before = plain_read(path, "SELECT article_key FROM bookmarks ORDER BY article_key")
    assert 6 == len(before)
    with open_archive(path) as archive:
        assert before == sorted((b.key,) for b in bookmarks.list_bookmarks(archive))
    assert before == plain_read(personal_file, "SELECT article_key FROM bookmarks ORDER BY article_key")
    assert not has_bookmarks_table(path)


def unusable_personal_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A personal file that cannot be created: its folder would have to be a regular file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    path = blocker / "personal.sqlite3"
    monkeypatch.setenv(PERSONAL_ENV_VAR, str(path))
    return path


def test_an_upgrade_that_cannot_move_the_bookmarks_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "version2.sqlite3"
    shutil.copyfile(OLD_ARCHIVES / "version2.sqlite3", path)
    personal = unusable_personal_file(tmp_path, monkeypatch)
    with pytest.raises(ArchiveError) as raised:
        open_archive(path)
    assert "personal" == raised.value.kind
    assert str(personal) in str(raised.value) and "书签" in str(raised.value)
    assert [(2,)] == plain_read(path, "PRAGMA user_version")
    assert 2 == len(plain_read(path, BOOKMARK_ROWS))


def test_bookmarks_cannot_be_written_to_an_unusable_personal_file_and_say_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = front_page_archive(tmp_path / "archive.sqlite3", tmp_path / "dump")
    personal = unusable_personal_file(tmp_path, monkeypatch)
    with open_archive(path) as archive:
        assert archive.personal_blocker is not None and str(personal) in archive.personal_blocker
        assert [] == bookmarks.list_bookmarks(archive)
        with pytest.raises(PersonalFileError) as raised:
            bookmarks.add(archive, keys_of(archive)[0])
        assert str(personal) in str(raised.value) and "书签" in str(raised.value)
        assert [] == bookmarks.list_bookmarks(archive)


def test_two_archives_on_one_computer_keep_their_bookmarks_apart(tmp_path: Path) -> None:
    first = front_page_archive(tmp_path / "one" / "archive.sqlite3", tmp_path / "dump")
    second = front_page_archive(tmp_path / "two" / "archive.sqlite3", tmp_path / "dump")
    with open_archive(first) as one, open_archive(second) as two:
        assert keys_of(one) == keys_of(two)  # the same issue imported twice: the same keys
        assert one.identity != two.identity
        bookmarks.add(one, keys_of(one)[0], note="只在第一个档案")
        assert [] == bookmarks.list_bookmarks(two)
        assert not bookmarks.is_bookmarked(two, keys_of(two)[0])
        bookmarks.add(two, keys_of(two)[1])
        assert [keys_of(one)[0]] == [b.key for b in bookmarks.list_bookmarks(one)]


def test_a_backup_of_the_archive_shows_the_same_bookmarks(tmp_path: Path) -> None:
    path = front_page_archive(tmp_path / "archive.sqlite3", tmp_path / "dump")
    with open_archive(path) as archive:
        bookmarks.add(archive, keys_of(archive)[2], note="备份里也有")
        expected = bookmarks.list_bookmarks(archive)
    copy = tmp_path / "backup.sqlite3"
    backup_archive(path, copy)
    with open_archive(copy, readonly=True) as restored:
        assert expected == bookmarks.list_bookmarks(restored)


def test_bookmarks_and_notes_work_on_an_archive_in_a_read_only_folder(
    read_only_place: ReadOnlyPlace, tmp_path: Path
) -> None:
    front_page_archive(read_only_place.source / "archive.sqlite3", tmp_path / "dump")
    read_only_place.lock()
    with open_archive(read_only_place.path / "archive.sqlite3", readonly=True) as archive:
        assert archive.write_blocker is not None
        key = keys_of(archive)[1]
        bookmarks.add(archive, key, note="只读也能收藏")
        bookmarks.set_note(archive, key, "改过的批注")
        (mark,) = bookmarks.list_bookmarks(archive)
        assert (key, "改过的批注", False) == (mark.key, mark.note, mark.deleted)
        with pytest.raises(ArchiveError) as raised, archive.transaction() as conn:
            conn.execute("DELETE FROM articles")
        assert "readonly" == raised.value.kind


def test_a_bookmark_is_written_while_an_import_holds_the_archive(tmp_path: Path) -> None:
    """The archive's write transaction locks the archive, not the personal file: a bookmark of
    another archive (another window of the same person) is not kept waiting by an import."""
    busy = front_page_archive(tmp_path / "busy" / "archive.sqlite3", tmp_path / "dump")
    other = front_page_archive(tmp_path / "other" / "archive.sqlite3", tmp_path / "dump")
    with open_archive(busy) as importing, open_archive(other) as reading:
        reading.conn.execute("PRAGMA busy_timeout = 0")
        before = meta.generation(importing.conn)
        with importing.transaction() as conn:
            conn.execute("UPDATE articles SET byline = byline")
            bookmarks.add(reading, keys_of(reading)[0])
        assert before + 1 == meta.generation(importing.conn)
        assert 1 == len(bookmarks.list_bookmarks(reading))


def test_the_place_a_reader_left_is_kept_by_key_for_every_copy_of_that_archive_only(tmp_path: Path) -> None:
    path = front_page_archive(tmp_path / "archive.sqlite3", tmp_path / "dump")
    other = front_page_archive(tmp_path / "other" / "archive.sqlite3", tmp_path / "dump")
    with open_archive(path, readonly=True) as archive:
        assert places.last_place(archive) is None
        issue_key, issue_id = archive.conn.execute("SELECT key, id FROM issues").fetchone()
        article_key, article_id = archive.conn.execute(
            "SELECT key, id FROM articles ORDER BY id DESC"
        ).fetchone()
        places.remember(archive, issue_key, article_key, "幸福食堂", 340)
        assert places.Place(issue_id, article_id, "幸福食堂", 340) == places.last_place(archive)
    copy = tmp_path / "copy.sqlite3"
    backup_archive(path, copy)
    with open_archive(copy, readonly=True) as restored, open_archive(other, readonly=True) as elsewhere:
        assert places.Place(issue_id, article_id, "幸福食堂", 340) == places.last_place(restored)
        assert places.last_place(elsewhere) is None


def test_a_personal_file_of_the_previous_version_keeps_its_place_and_gains_search_and_scroll(
    tmp_path: Path,
) -> None:
    """A file written before the place held a search: its place stays, with no search."""
    path = front_page_archive(tmp_path / "archive.sqlite3", tmp_path / "dump")
    with open_archive(path, readonly=True) as archive:
        issue_key, issue_id = archive.conn.execute("SELECT key, id FROM issues").fetchone()
        places.remember(archive, issue_key, None)
        personal_path = archive.conn.execute(
            "SELECT file FROM pragma_database_list WHERE name = 'personal'"
        ).fetchone()[0]
    old = sqlite3.connect(personal_path)
    try:  # back to the previous version's table, as an older program left it
        old.execute(
            "CREATE TABLE places_old AS SELECT archive_id, issue_key, article_key, saved_at FROM places"
        )
        old.execute("DROP TABLE places")
        old.execute("ALTER TABLE places_old RENAME TO places")
        old.execute("PRAGMA user_version = 2")
        old.commit()
    finally:
        old.close()
    with open_archive(path, readonly=True) as archive:
        assert places.Place(issue_id, None) == places.last_place(archive)
