"""Opening an archive: one SQLite file, WAL mode, schema brought up to date on open.

One writer, many read-only readers (Datasette's database.py): the importer writes through an
`Archive` opened normally while the GUI reads through `readonly=True` connections, and WAL lets
them run side by side. A connection belongs to the thread that opened it (sqlite3's
`check_same_thread`), so a worker thread opens its own `Archive` from a path.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType

import sqlite_utils

from reader.archive.errors import ArchiveError, translate
from reader.archive.migrations import MIGRATIONS, migrate

BUSY_TIMEOUT_MS = 5000


def _folder_writable(folder: Path) -> bool:
    """Whether a file can be created in `folder`: tried for real, since permission bits, ACLs,
    read-only mounts and network shares each answer differently to os.access."""
    try:
        handle, name = tempfile.mkstemp(prefix=".archive-reader-probe-", dir=folder)
    except OSError:
        return False
    os.close(handle)
    with suppress(OSError):
        os.unlink(name)
    return True


def write_blocker(path: Path) -> str | None:
    """Why the archive at `path` cannot be written (a Chinese sentence), or None when it can.

    SQLite in WAL mode writes two files beside the archive (-wal, -shm), so the folder must be
    writable as well as the file. A missing archive can be written when its folder can be made.
    """
    path = Path(path)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not _folder_writable(folder):
        return "档案所在的文件夹不可写（只读共享、光盘或没有权限）"
    if path.exists():
        if not path.is_file():
            return "这不是一个文件"
        try:
            with path.open("r+b"):
                pass
        except OSError:
            return "档案文件是只读的"
    return None


class Archive:
    """An open archive file; `.db` is the sqlite-utils Database for queries.

    Use `transaction()` for writes: the connection runs in autocommit mode so that every write
    is inside an explicit BEGIN IMMEDIATE … COMMIT and nothing commits half an issue.
    """

    def __init__(self, path: Path, db: sqlite_utils.Database, readonly: bool) -> None:
        self.path = path
        self.db = db
        self.readonly = readonly

    @property
    def conn(self) -> sqlite3.Connection:
        """The raw connection (for executemany and explicit transactions)."""
        return self.db.conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back on any exception, SQLite errors made known errors."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise translate(err, self.path) from err
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise translate(exc, self.path) from exc
            raise

    def close(self) -> None:
        """Close the connection; safe to call twice."""
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        if not path.is_file():
            raise ArchiveError(path, "missing")
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except PermissionError as err:
            raise ArchiveError(path, "readonly") from err
        except OSError as err:
            raise ArchiveError(path, "cantopen", err.strerror or "") from err
        conn = sqlite3.connect(str(path), isolation_level=None)
    return conn


def open_archive(path: Path, *, readonly: bool = False) -> Archive:
    """Open (creating if needed, unless `readonly`) the archive at `path`, schema up to date.

    Raises ArchiveError for a damaged or non-database file, a read-only file when writing, a
    locked database, a full disk, or a schema newer than this program (or, when `readonly`,
    older than it: readers never migrate).
    """
    path = Path(path)
    try:
        conn = _connect(path, readonly)
    except sqlite3.Error as err:
        raise translate(err, path) from err
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise ArchiveError(path, "newer", f"档案版本 {version}，本程序支持到 {len(MIGRATIONS)}")
        if readonly:
            if version < len(MIGRATIONS):
                raise ArchiveError(path, "outdated")
        else:
            conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last commits only.
            conn.execute("PRAGMA synchronous = NORMAL")
        archive = Archive(path, sqlite_utils.Database(conn), readonly)
        if not readonly:
            migrate(archive)
    except sqlite3.Error as err:
        conn.close()
        raise translate(err, path) from err
    except BaseException:
        conn.close()
        raise
    return archive
