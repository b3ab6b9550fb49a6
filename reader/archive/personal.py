"""The person's own file: bookmarks and notes, apart from the archive they are about.

An archive is shared (an archivist imports into it and publishes read-only copies for
colleagues); bookmarks are not: each reader keeps their own, in `personal.sqlite3` in their data
folder (reader.archive.paths.personal_path). Every archive connection ATTACHes that file as the
schema `personal` (reader.archive.db), so bookmarks can be written beside an archive that cannot
be written at all (a read-only share, a published snapshot opened immutable), survive every new
snapshot, and are never published: they are not in the archive. A bookmark names its archive by
the archive's identity (reader.archive.meta) and its article by the stable article key.

The file has its own schema version (`PRAGMA user_version`, as calibre keeps its full-text
index in an attached database with a version of its own). It is created or upgraded on a
connection of its own: BEGIN IMMEDIATE on the archive's connection would lock the archive as
well. When it cannot be opened or created (a read-only or full home folder), an empty one in
memory stands in, so reading works, and `attach_personal` says why; writes of bookmarks then
raise PersonalFileError with that reason instead of losing the bookmark silently.

Plain sqlite3, no Archive here: the opening code (reader.archive.db) uses it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from reader.archive.errors import classify
from reader.archive.paths import personal_path
from reader.text.oserror import describe_os_error

SCHEMA = "personal"
BUSY_TIMEOUT_S = 5.0


class PersonalFileError(Exception):
    """The personal file cannot take a write; `str()` is a complete Chinese message naming it."""


def _bookmarks_table(conn: sqlite3.Connection, schema: str) -> None:
    """Bookmarks of every archive the person reads, each under its archive's identity. The
    headline, publication and date copies keep a bookmark listable (as 已不在档案中) when its
    article is gone from the archive; no foreign key: the archive is another file."""
    conn.execute(
        f"""
        CREATE TABLE {schema}.bookmarks (
            id INTEGER PRIMARY KEY,
            archive_id TEXT NOT NULL,
            article_key TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT,
            headline TEXT,
            publication TEXT,
            date TEXT,
            UNIQUE (archive_id, article_key)
        )"""
    )
    conn.execute(f"CREATE INDEX {schema}.bookmarks_created ON bookmarks(archive_id, created_at)")


def _places_table(conn: sqlite3.Connection, schema: str) -> None:
    """Where the person left each archive: the issue and article last shown, by stable keys
    (reader.archive.places), so that a newer published copy opens there too."""
    conn.execute(
        f"""
        CREATE TABLE {schema}.places (
            archive_id TEXT PRIMARY KEY,
            issue_key TEXT NOT NULL,
            article_key TEXT,
            saved_at TEXT
        )"""
    )


def _place_view(conn: sqlite3.Connection, schema: str) -> None:
    """The search the person was in and how far the article was scrolled, so the next start
    opens where they were reading, not only at the article's top."""
    conn.execute(f"ALTER TABLE {schema}.places ADD COLUMN query TEXT NOT NULL DEFAULT ''")
    conn.execute(f"ALTER TABLE {schema}.places ADD COLUMN scroll INTEGER NOT NULL DEFAULT 0")


# The personal file's migrations, numbered like the archive's (append; never edit a shipped one).
STEPS: tuple[Callable[[sqlite3.Connection, str], None], ...] = (_bookmarks_table, _places_table, _place_view)


def _version(conn: sqlite3.Connection, schema: str) -> int:
    return int(conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0])


def _upgrade(conn: sqlite3.Connection, schema: str) -> None:
    """Run the steps this file has not had (a newer program's file is used as it is: its
    bookmarks table keeps these columns)."""
    version = _version(conn, schema)
    for number, step in enumerate(STEPS[version:], start=version + 1):
        step(conn, schema)
        conn.execute(f"PRAGMA {schema}.user_version = {number}")


def _prepare_file(path: Path) -> None:
    """Create or upgrade the file on a connection of its own, in WAL mode (several programs of
    the person, the window and the command line, use it at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            _upgrade(conn, "main")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()


def _attach(conn: sqlite3.Connection, target: str) -> None:
    conn.execute(f"ATTACH DATABASE ? AS {SCHEMA}", (target,))


def _detach(conn: sqlite3.Connection) -> None:
    names = [row[1] for row in conn.execute("PRAGMA database_list")]
    if SCHEMA in names:
        conn.execute(f"DETACH DATABASE {SCHEMA}")


def _reason(err: Exception) -> str:
    if isinstance(err, OSError):
        return describe_os_error(err)
    reasons = {
        "readonly": "文件或所在文件夹是只读的",
        "damaged": "文件已损坏或不是个人文件",
        "locked": "文件被其他程序锁定，请稍后再试",
        "full": "磁盘已满",
    }
    kind = classify(err) if isinstance(err, sqlite3.Error) else None
    return reasons.get(kind or "", "无法打开或建立")


def delete_bookmarks(conn: sqlite3.Connection, archive_id: str | None, keys: list[str]) -> None:
    """Delete the bookmarks of these article keys of the archive `archive_id`, in the caller's
    transaction. An archive being upgraded from before bookmarks moved out (`archive_id` None:
    migration 10 has not run) still has them in its own table: an old migration that removes
    the demo deletes them there."""
    if archive_id is None:
        conn.executemany("DELETE FROM main.bookmarks WHERE article_key = ?", [(k,) for k in keys])
        return
    conn.executemany(
        f"DELETE FROM {SCHEMA}.bookmarks WHERE archive_id = ? AND article_key = ?",
        [(archive_id, k) for k in keys],
    )


def personal_error(err: sqlite3.Error) -> Exception:
    """A failed write of the personal file as PersonalFileError (locked, read-only, full,
    damaged), or `err` itself when it is a bug (an SQL mistake)."""
    if classify(err) is None:
        return err
    return PersonalFileError(f"个人文件 {personal_path()} 无法写入（{_reason(err)}），书签和批注没有保存")


def attach_personal(conn: sqlite3.Connection) -> str | None:
    """ATTACH the person's file to an archive connection as `personal`, created or upgraded if
    needed. Returns None, or why it cannot be used (a Chinese sentence naming the file): an
    empty one in memory is attached instead, so reads of bookmarks find none and nothing fails.
    """
    path = personal_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _attach(conn, str(path))
        if _version(conn, SCHEMA) < len(STEPS):
            _detach(conn)
            _prepare_file(path)
            _attach(conn, str(path))
        conn.execute(f"SELECT count(*) FROM {SCHEMA}.bookmarks").fetchone()
        return None
    except (OSError, sqlite3.Error) as err:
        _detach(conn)
        _attach(conn, ":memory:")
        _upgrade(conn, SCHEMA)
        return f"个人文件 {path} 无法使用（{_reason(err)}），书签和批注不能保存"
