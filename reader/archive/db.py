"""Opening an archive: one SQLite file, WAL mode, schema brought up to date on open.

One writer, many read-only readers (Datasette's database.py): the importer writes through an
`Archive` opened normally while the GUI reads through `readonly=True` connections, and WAL lets
them run side by side. A connection belongs to the thread that opened it (sqlite3's
`check_same_thread`), so a worker thread opens its own `Archive` from a path.

Several processes share one archive (the window, the command line, a colleague), and SQLite keeps
them apart with POSIX advisory locks, which a process loses on a file as soon as it closes ANY
descriptor of that file. So nothing in this program opens, renames or deletes the archive or its
side files outside SQLite while a connection may be open (https://sqlite.org/howtocorrupt.html,
section 2.2): whether it can be written is asked of the operating system, and readers use
ordinary connections so that SQLite itself tidies the WAL when the last one closes.

Every connection also ATTACHes the person's own file as `personal` (reader.archive.personal):
bookmarks live there, so they can be written through any connection, a reader's of an archive
nobody may write included, with `Archive.personal_transaction`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.archive.dictionary import archive_segmenter
from reader.archive.errors import ArchiveError, translate
from reader.archive.files import file_stamp, wal_has_data, write_blocker
from reader.archive.files import side_files as side_files  # re-exported: backup and health import it here
from reader.archive.handle import Archive as Archive  # re-exported: the window and commands import it here
from reader.archive.meta import identity
from reader.archive.migrations import MIGRATIONS, migrate
from reader.archive.personal import SCHEMA as PERSONAL
from reader.archive.personal import attach_personal
from reader.archive.search_index import INDEX_VERSION, bring_index_up_to_date, index_version
from reader.archive.snapshots import NEVER_WRITTEN, archive_file, is_snapshot, published_blocker
from reader.text.oserror import describe_os_error
from reader.text.words import Segmenter

BUSY_TIMEOUT_MS = 5000
# The page size of a new archive. At 4 KiB long bodies spilled into overflow pages with a quarter
# of each left empty; 16 KiB made a 100k archive 3.12× → 2.87× its text at the same search CPU
# (bench/bench_size.py --page-sizes; issue 26). An existing file keeps the size it was made with.
NEW_ARCHIVE_PAGE_SIZE = 16384


def _check_path(path: Path) -> None:
    """Refuse what is no archive file before SQLite touches it: a folder (without a published
    archive in it: see reader.archive.snapshots), a device, a pipe."""
    if path.is_dir():
        raise ArchiveError(path, "notafile", "文件夹里也没有档案员发布的档案 archive-日期-时间-序号.sqlite3")
    if path.exists() and not path.is_file():
        raise ArchiveError(path, "notafile")


# sqlite3 authorizer action codes (https://sqlite.org/c3ref/c_alter_table.html) that change a
# database; the TEMP variants are left out: a reader's own scratch tables are no change.
_WRITES = frozenset(
    {
        sqlite3.SQLITE_INSERT,
        sqlite3.SQLITE_UPDATE,
        sqlite3.SQLITE_DELETE,
        sqlite3.SQLITE_CREATE_TABLE,
        sqlite3.SQLITE_CREATE_INDEX,
        sqlite3.SQLITE_CREATE_TRIGGER,
        sqlite3.SQLITE_CREATE_VIEW,
        sqlite3.SQLITE_CREATE_VTABLE,
        sqlite3.SQLITE_DROP_TABLE,
        sqlite3.SQLITE_DROP_INDEX,
        sqlite3.SQLITE_DROP_TRIGGER,
        sqlite3.SQLITE_DROP_VIEW,
        sqlite3.SQLITE_DROP_VTABLE,
        sqlite3.SQLITE_ALTER_TABLE,
    }
)


def _reads_only(
    action: int, table: str | None, _arg2: str | None, db_name: str | None, _source: str | None
) -> int:
    """Refuse, as a bug, any statement of a reader that would change the archive itself.

    A reader's own scratch tables (temp) and the person's own file (personal: bookmarks) may be
    written. The schema table is let through: FTS5's constructor prepares an UPDATE of
    sqlite_master on every connect (it is never run, and SQL cannot change that table anyway).
    """
    if action == sqlite3.SQLITE_ALTER_TABLE:
        db_name = table  # for ALTER TABLE SQLite names the database first, then the table
    if action in _WRITES and db_name not in ("temp", PERSONAL) and table != "sqlite_master":
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def connect_reader(path: Path) -> tuple[sqlite3.Connection, str | None, bool]:
    """A connection for reading, why the archive cannot be written (None: it can), and whether
    it was opened immutable.

    Where the archive can be written the reader is an ordinary connection kept from writing the
    archive by an authorizer (`_reads_only`; TEMP tables stay writable, which searches use and
    `PRAGMA query_only` would forbid): it shares SQLite's locks with every other connection, and the last one
    to close checkpoints and removes the -wal/-shm files (a `mode=ro` connection could not).
    WAL mode needs those files, which a read-only place cannot hold, so there the archive is
    opened `mode=ro` when a -wal with data lies beside it (SQLite reads it) and otherwise
    immutable: nothing is created beside it, and `Archive.changed_on_disk` notices a rewrite.
    A published snapshot is always opened immutable, wherever it lies: it never changes, and
    nobody may write it.
    """
    if not path.is_file():
        raise ArchiveError(path, "missing")
    uri = path.resolve().as_uri()
    if is_snapshot(path):
        conn = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None)
        try:
            return conn, published_blocker(conn), True
        except BaseException:
            conn.close()
            raise
    blocker = write_blocker(path)
    if blocker is None:
        conn = sqlite3.connect(uri + "?mode=rw", uri=True, isolation_level=None)
        conn.set_authorizer(_reads_only)
        return conn, None, False
    if wal_has_data(path):
        try:
            conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn, blocker, False
        except sqlite3.Error:
            conn.close()
    conn = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None)
    return conn, blocker, True


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
    index = index_version(conn)
    if index > INDEX_VERSION:  # rebuilt down here, the newer program would rebuild it again
        raise ArchiveError(path, "newer", f"搜索索引版本 {index}，本程序支持到 {INDEX_VERSION}")
    if readonly and (version < len(MIGRATIONS) or index != INDEX_VERSION):
        raise ArchiveError(path, "outdated", f"且{blocker}，无法升级" if blocker else "")


def _index_up_to_date(archive: Archive) -> None:
    """After the data's migrations, the search index at its own version (search_index): built
    anew in one write transaction when it is not, which an archive that is current never opens
    (a write counts in the archive's generation, and a publish would copy it again)."""
    if index_version(archive.conn) != INDEX_VERSION:
        with archive.transaction():
            bring_index_up_to_date(archive)


def reopen(archive: Archive) -> None:
    """Open a reader's connection again, as it was opened (an immutable one sees the file anew)."""
    archive.conn.close()
    stamp = file_stamp(archive.path)
    conn, blocker, immutable = connect_reader(archive.path)
    try:
        personal_blocker = _configure(conn, archive.path, readonly=True, blocker=blocker)
        archive_identity = identity(conn)
    except sqlite3.Error as err:
        conn.close()
        raise translate(err, archive.path) from err
    archive.replace_connection(
        conn,
        stamp,
        write_blocker=blocker,
        immutable=immutable,
        personal_blocker=personal_blocker,
        identity=archive_identity,
    )


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

    A folder of published snapshots opens its newest (reader.archive.snapshots), read-only and
    immutable; a snapshot, or such a folder, opened for writing is refused ("readonly").
    """
    asked = Path(path)
    path = archive_file(asked)
    if is_snapshot(path) and not readonly:
        raise ArchiveError(asked, "readonly", NEVER_WRITTEN)
    _check_path(path)
    blocker: str | None = None
    immutable = False
    stamp = file_stamp(path)  # before connecting: a change while opening counts as a change
    try:
        if readonly:
            conn, blocker, immutable = connect_reader(path)
        else:
            conn = _connect_writer(path)
    except sqlite3.Error as err:
        raise translate(err, path) from err
    try:
        personal_blocker = _configure(conn, path, readonly=readonly, blocker=blocker)
        if segmenter is None:
            segmenter = archive_segmenter(conn)
        archive = Archive(
            path,
            conn,
            readonly,
            blocker,
            segmenter=segmenter,
            immutable=immutable,
            stamp=stamp,
            personal_blocker=personal_blocker,
        )
        if not readonly:
            migrate(archive)
        archive.identity = identity(conn)
        if not readonly:
            _index_up_to_date(archive)
    except sqlite3.Error as err:
        conn.close()
        raise translate(err, path) from err
    except BaseException:
        conn.close()
        raise
    return archive


def _configure(conn: sqlite3.Connection, path: Path, *, readonly: bool, blocker: str | None) -> str | None:
    """Settings every connection gets, the version check (raises ArchiveError) and the person's
    file attached; returns why that file cannot be written, or None."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    _check_version(conn, path, readonly, blocker)
    if not readonly:
        if conn.execute("PRAGMA page_count").fetchone()[0] == 0:  # nothing written yet: a new file
            conn.execute(f"PRAGMA page_size = {NEW_ARCHIVE_PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last commits only.
        conn.execute("PRAGMA synchronous = NORMAL")
    return attach_personal(conn)
