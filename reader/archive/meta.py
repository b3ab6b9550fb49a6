"""The archive's own facts about itself: who it is (a UUID) and how often it was written.

`archive_id` names the archive across every copy of it: the backup API copies this table with
everything else, so a backup, a published snapshot and the archivist's file all carry the same
identity, and a person's bookmarks (kept in their personal file, keyed by it) follow the archive
to every copy and never mix with another archive's. `generation` counts the archive's write
transactions (Archive.transaction bumps it as the first statement of each): a snapshot records
the generation it was copied at, so publishing an archive that has not been written since is
a comparison, not a copy. A published snapshot also records when, where and from what file it
was made (`published_*`), which its readers show as where the archive is kept.

Plain sqlite3 on a connection: no Archive here, so the opening code can use it.
"""

from __future__ import annotations

import sqlite3

META_TABLE = "archive_meta"
# The first statement of every write transaction of an archive: it takes the archive's write
# lock (as BEGIN IMMEDIATE would) without taking the personal file's, and counts the write.
BUMP = f"UPDATE main.{META_TABLE} SET value = value + 1 WHERE key = 'generation'"


def create_meta_table(conn: sqlite3.Connection) -> str:
    """The table with a new identity and generation 0 (an archive that has it keeps its own);
    returns the identity."""
    kept = identity(conn)
    if kept is not None:
        return kept
    import uuid  # here: only a new archive needs it, and every start imports this module

    identity_now = str(uuid.uuid4())
    conn.execute(f"CREATE TABLE IF NOT EXISTS main.{META_TABLE} (key TEXT PRIMARY KEY, value NOT NULL)")
    conn.executemany(
        f"INSERT INTO main.{META_TABLE}(key, value) VALUES (?, ?)",
        [("archive_id", identity_now), ("generation", 0)],
    )
    return identity_now


def has_meta(conn: sqlite3.Connection, schema: str = "main") -> bool:
    row = conn.execute(
        f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?", (META_TABLE,)
    ).fetchone()
    return row is not None


def read_value(conn: sqlite3.Connection, key: str, schema: str = "main") -> object | None:
    """One value of the table, or None (no such key, or an archive from before the table)."""
    if not has_meta(conn, schema):
        return None
    row = conn.execute(f"SELECT value FROM {schema}.{META_TABLE} WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def identity(conn: sqlite3.Connection, schema: str = "main") -> str | None:
    """The archive's UUID, or None for an archive not yet upgraded to have one."""
    value = read_value(conn, "archive_id", schema)
    return None if value is None else str(value)


def generation(conn: sqlite3.Connection, schema: str = "main") -> int:
    """How many write transactions the archive has had (0 before it kept count)."""
    value = read_value(conn, "generation", schema)
    return int(value) if isinstance(value, int) else 0


def write_values(conn: sqlite3.Connection, values: dict[str, object]) -> None:
    """Set these keys (a snapshot's publishing record); inside the caller's transaction."""
    conn.executemany(
        f"INSERT OR REPLACE INTO main.{META_TABLE}(key, value) VALUES (?, ?)", list(values.items())
    )


def keep_identity_of(conn: sqlite3.Connection, source: sqlite3.Connection) -> None:
    """Give the archive on `conn` the identity of the one `source` reads, and a generation past
    its own (a repair copies a damaged archive into a new file: it is the same archive,
    bookmarks must find it, and a publish must see that it changed). Inside the caller's
    transaction; an unreadable old table leaves the new identity."""
    try:
        old = identity(source)
        count = generation(source)
    except sqlite3.DatabaseError:
        return
    if old is not None:
        write_values(conn, {"archive_id": old, "generation": count + generation(conn) + 1})
