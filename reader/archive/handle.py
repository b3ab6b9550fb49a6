"""The handle of an open archive: its connection, transactions and what it was opened as.

Every module of the archive package takes an `Archive`, so this module imports nothing that
works on the archive's tables: only the leaves it needs (errors, the files the OS is asked about,
the meta table's statement, the personal file's name, snapshot names, how text becomes tokens,
how a body is stored).
Opening, the version check and the migrations live above it in reader.archive.db; anything may
import this without importing the schema's history (issue 25: the handle once lived in db.py,
and every module's type hint closed a circle through the migrations).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from reader.archive.bodies import register_body_function
from reader.archive.errors import translate
from reader.archive.files import file_stamp
from reader.archive.meta import BUMP
from reader.archive.personal import SCHEMA as PERSONAL
from reader.archive.personal import PersonalFileError, personal_error
from reader.archive.search_tokens import Tokenizer
from reader.archive.snapshots import is_snapshot
from reader.text.words import Segmenter


class Archive:
    """An open archive file: what the archive package's functions are given (a helper that runs
    inside a write transaction may take just its connection).

    `.conn` is the connection every query goes through (plain sqlite3: docs/archive.md says
    why sqlite-utils left the program); `.tokenizer` turns text into search-index tokens with
    the segmenter the archive was opened with. Use `transaction()` for writes of the archive
    and `personal_transaction()` for the person's own (bookmarks): the connection runs in
    autocommit mode so that every write is inside an explicit transaction and nothing commits
    half an issue.

    `identity` is the archive's UUID (reader.archive.meta; None only while an old archive is
    being upgraded); `personal_blocker` says why the personal file cannot be written, or None.
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        readonly: bool,
        write_blocker: str | None = None,
        *,
        segmenter: Segmenter,
        immutable: bool = False,
        stamp: tuple[int, ...] = (),
        personal_blocker: str | None = None,
    ) -> None:
        self.path = path
        self.conn = conn
        register_body_function(conn)  # every statement of the program may read a body
        self.readonly = readonly
        self.write_blocker = write_blocker  # why no connection can write this archive, if so
        self.tokenizer = Tokenizer(segmenter)
        # Opened `immutable` (a read-only place): SQLite takes no locks and trusts its cache, so
        # a change of the file by someone else is noticed here, by its stamp, and never by SQLite.
        self.immutable = immutable
        self._stamp = stamp  # the file as it was just before the connection opened
        self.personal_blocker = personal_blocker
        self.identity: str | None = None
        self._open = True

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction of the archive; rolled back on any exception, SQLite errors
        made known errors.

        Its first statement counts the write in the archive's generation (reader.archive.meta)
        and so takes the archive's write lock at once, as BEGIN IMMEDIATE did; BEGIN IMMEDIATE
        itself would also lock the attached personal file for the whole import. An archive
        still being upgraded to have a generation begins IMMEDIATE.
        """
        conn = self.conn
        try:
            conn.execute("BEGIN" if self.identity else "BEGIN IMMEDIATE")
            if self.identity:
                conn.execute(BUMP)
        except sqlite3.Error as err:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise translate(err, self.path) from err
        with self._rolled_back_on_error(lambda err: translate(err, self.path)):
            yield conn

    @contextmanager
    def personal_transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction of the person's own file (bookmarks, notes), never of the archive.

        It locks the personal file alone, so it works on a connection to an archive nobody may
        write (read-only, immutable) and never waits for an import. The first statement takes
        that lock (a no-op write), so no read inside can leave it unable to write later.
        Raises PersonalFileError (Chinese, naming the file) when the file cannot be written.
        """
        if self.personal_blocker is not None:
            raise PersonalFileError(self.personal_blocker)
        conn = self.conn
        try:
            conn.execute("BEGIN")
            conn.execute(f"UPDATE {PERSONAL}.bookmarks SET id = id WHERE 0")
        except sqlite3.Error as err:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise personal_error(err) from err
        with self._rolled_back_on_error(personal_error):
            yield conn

    @contextmanager
    def _rolled_back_on_error(self, known: Callable[[sqlite3.Error], Exception]) -> Iterator[None]:
        conn = self.conn
        try:
            yield
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise known(exc) from exc
            raise

    @property
    def published(self) -> bool:
        """True for a published snapshot (reader.archive.snapshots): read-only, and never
        changed by anyone, so it needs no watching (a newer one appears beside it instead)."""
        return is_snapshot(self.path)

    @property
    def watched(self) -> bool:
        """True for a reader in a place it cannot write: immutable, or `mode=ro` over a -wal it
        cannot lock properly. Either may meet a file rewritten under it, so its reads are judged
        by the file's stamp (reader.archive.steady) rather than trusted to SQLite's locks. A
        published snapshot is never rewritten, so it is not watched."""
        return self.readonly and self.write_blocker is not None and not self.published

    def changed_on_disk(self) -> bool:
        """True when a watched reader's file changed since the connection opened (someone wrote it).

        Always False for an ordinary connection (SQLite's locks keep its reads consistent) and
        for a published snapshot (never rewritten; removed at most, and an open one reads on).
        """
        return self.watched and file_stamp(self.path) != self._stamp

    def data_version(self) -> Hashable:
        """A value that changes when the archive's content may have changed since the last call
        (on this connection): another process's commit, or a rewrite under a watched reader."""
        if self.published:
            return 0
        if self.watched:
            return file_stamp(self.path)
        version: int = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return version

    def replace_connection(
        self,
        conn: sqlite3.Connection,
        stamp: tuple[int, ...],
        *,
        write_blocker: str | None,
        immutable: bool,
        personal_blocker: str | None,
        identity: str | None,
    ) -> None:
        """Read through `conn` from now on, opened as the arguments say (reader.archive.db.reopen)."""
        self.conn.close()
        self.conn, self._stamp = conn, stamp
        register_body_function(conn)
        self.write_blocker, self.immutable = write_blocker, immutable
        self.personal_blocker, self.identity = personal_blocker, identity

    def close(self) -> None:
        """Close the connection; safe to call twice.

        A reader's connection is an ordinary one (see connect_reader), so the last connection to
        close checkpoints and removes the -wal/-shm files as SQLite always does.
        """
        self._open = False
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
