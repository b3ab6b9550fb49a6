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

from reader.archive.dictionary import archive_segmenter
from reader.archive.errors import ArchiveError, translate
from reader.archive.migrations import MIGRATIONS, migrate
from reader.archive.search_index import Tokenizer
from reader.text.oserror import describe_os_error
from reader.text.words import Segmenter

BUSY_TIMEOUT_MS = 5000
TIDY_TIMEOUT_MS = 100
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")  # the WAL file first


def folder_writable(folder: Path) -> bool:
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
    if not folder_writable(folder):
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
    """An open archive file: what the archive package's functions are given (a helper that runs
    inside a write transaction may take just its connection).

    `.db` is the sqlite-utils Database for queries, `.tokenizer` turns text into search-index
    tokens with the segmenter the archive was opened with. Use `transaction()` for writes: the
    connection runs in autocommit mode so that every write is inside an explicit
    BEGIN IMMEDIATE … COMMIT and nothing commits half an issue.
    """

    def __init__(
        self,
        path: Path,
        db: sqlite_utils.Database,
        readonly: bool,
        write_blocker: str | None = None,
        *,
        segmenter: Segmenter,
    ) -> None:
        self.path = path
        self.db = db
        self.readonly = readonly
        self.write_blocker = write_blocker  # why no connection can write this archive, if so
        self.tokenizer = Tokenizer(segmenter)
        self._open = True

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
        """Close the connection; safe to call twice.

        A reader cannot remove the -wal/-shm files WAL mode made beside the archive, so when one
        closes where the archive is writable, a short writable connection reads once and closes:
        if no one else has the archive open, SQLite checkpoints and removes them. A reader must
        not leave files behind that say the archive is in use.
        """
        was_open = self._open
        self._open = False
        self.db.close()
        if was_open and self.readonly and self.write_blocker is None:
            tidy_after_reader(self.path)

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def tidy_after_reader(path: Path) -> None:
    """After a read-only connection closed where the archive is writable: remove the -wal/-shm
    files it could not, if no one else has the archive open (a short writable connection reads
    once and closes; SQLite checkpoints and removes them as the last one out)."""
    if not path.is_file():
        return
    with suppress(sqlite3.Error):
        tidy = sqlite3.connect(path, isolation_level=None)
        try:
            tidy.execute(f"PRAGMA busy_timeout = {TIDY_TIMEOUT_MS}")
            tidy.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            tidy.close()


def _check_path(path: Path) -> None:
    """Refuse what is no archive file before SQLite touches it: a folder, a device, a pipe."""
    if path.exists() and not path.is_file():
        raise ArchiveError(path, "notafile")


def side_files(path: Path) -> list[Path]:
    """The files SQLite keeps beside the archive at `path` (WAL, shared memory, rollback journal),
    whether they exist or not: they belong to the archive wherever it is moved or copied."""
    return [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]


def wal_has_data(path: Path) -> bool:
    """True when commits may wait in the archive's -wal file (a reader must not ignore them)."""
    try:
        return side_files(path)[0].stat().st_size > 0
    except OSError:
        return False


def connect_reader(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """A connection that can only read, and why the archive cannot be written (None: it can).

    WAL mode keeps two files beside the archive (-wal, -shm) that a `mode=ro` connection must be
    able to create and cannot remove. In a read-only place the archive is therefore opened
    immutable (nothing is created beside it); only when a -wal file with data lies there too is a
    plain read-only open tried first, to read it. Elsewhere call `tidy_after_reader` once the
    connection is closed (`Archive.close` does).
    """
    if not path.is_file():
        raise ArchiveError(path, "missing")
    uri = path.resolve().as_uri()
    blocker = write_blocker(path)
    if blocker is None:
        return sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None), None
    if wal_has_data(path):
        try:
            conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn, blocker
        except sqlite3.Error:
            conn.close()
    return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None), blocker


def _connect_writer(path: Path) -> sqlite3.Connection:
    blocker = write_blocker(path)
    if blocker is not None:
        raise ArchiveError(path, "readonly", blocker)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ArchiveError(path, "cantopen", describe_os_error(err)) from err
    return sqlite3.connect(str(path), isolation_level=None)


def _check_version(conn: sqlite3.Connection, path: Path, readonly: bool, blocker: str | None) -> None:
    """Raise ArchiveError unless this program can use the file as it is (or, writing, migrate it)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise ArchiveError(path, "newer", f"档案版本 {version}，本程序支持到 {len(MIGRATIONS)}")
    if version == 0:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise ArchiveError(path, "foreign")
        if readonly:
            raise ArchiveError(path, "empty")
    if readonly and version < len(MIGRATIONS):
        raise ArchiveError(path, "outdated", f"且{blocker}，无法升级" if blocker else "")


def open_archive(path: Path, *, readonly: bool = False, segmenter: Segmenter | None = None) -> Archive:
    """Open (creating if needed, unless `readonly`) the archive at `path`, schema up to date.

    Words are cut for indexing and search with `segmenter`, by default the one the process
    shares for this archive's own dictionary words (reader.archive.dictionary.archive_segmenter;
    reader.text.words.default_segmenter when it has none); nothing is loaded before the first cut.

    Raises ArchiveError for a folder or device, an empty file or another program's database, a
    damaged or non-database file, a read-only place when writing, a locked database, a full disk,
    or a schema newer than this program (or, when `readonly`, older than it: readers never
    migrate). A reader opens archives in read-only folders too; `Archive.write_blocker` then
    says why nothing can be written.
    """
    path = Path(path)
    _check_path(path)
    blocker: str | None = None
    try:
        if readonly:
            conn, blocker = connect_reader(path)
        else:
            conn = _connect_writer(path)
    except sqlite3.Error as err:
        raise translate(err, path) from err
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        _check_version(conn, path, readonly, blocker)
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last commits only.
            conn.execute("PRAGMA synchronous = NORMAL")
        if segmenter is None:
            segmenter = archive_segmenter(conn)
        archive = Archive(path, sqlite_utils.Database(conn), readonly, blocker, segmenter=segmenter)
        if not readonly:
            migrate(archive)
    except sqlite3.Error as err:
        conn.close()
        raise translate(err, path) from err
    except BaseException:
        conn.close()
        raise
    return archive
