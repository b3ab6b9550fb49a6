"""Repairing a damaged archive: everything readable goes into a new file, which takes the archive's
place only once it is complete and checked.

How `repair_archive` runs:

1. It leaves a note saying it is repairing (reader.archive.holder) and takes the archive's write
   lock, waiting a moment (BEGIN IMMEDIATE on a connection of its own): a program writing is
   named and the repair refused; while the repair runs, a writer elsewhere is refused and told
   who holds the archive.
2. Rows SQLite still reads through its normal path (a table scan per table, each batch guarded)
   go into a new archive this program makes beside the original, at its current schema, column by
   column name (reader.archive.salvage_rows).
3. The pages: SQLite's backup API copies them, the -wal's committed frames included, into a
   work file beside the archive without reading any b-tree; reader.archive.salvage_tables reads
   that copy through a memory map and every row it finds that is not in yet is added. When SQLite
   cannot copy the file at all (a garbage header, a file cut short), the lock is let go and the
   file and its -wal are read as they lie: no connection of this process is open on it then, so
   opening it cannot drop a lock (docs/architecture.md, "In an office").
4. Mending (salvage_rows.mend), then the search index is rebuilt from the articles. The new file
   must pass quick_check and foreign_key_check and hold the rows the report counts.
5. The swap. The lock connection closes; SQLite, the last one out, folds the -wal into the file
   and removes -wal and -shm. Should they still be there, another program has the archive open:
   the repair stops and the original is left as it is. Else the original is kept by a hard link
   `<stem>.damaged-<time><suffix>` (a copy where links are not supported) and the new file is
   renamed over the path. At every instant a whole archive is at the path, the original or the
   repaired one, and a -wal of the old file is never beside the new one. A repair killed at any
   point leaves the original in place and at most its hidden work files, which the next repair
   removes.

Messages name the archive, never the work files; no message asks to run a repair.
"""

from __future__ import annotations

import datetime as dt
import mmap
import os
import shutil
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from reader.archive.db import Archive, open_archive, side_files
from reader.archive.errors import ArchiveError, classify, translate
from reader.archive.files import write_blocker
from reader.archive.health import damage_of
from reader.archive.holder import announced
from reader.archive.meta import keep_identity_of
from reader.archive.salvage import Image, image_of
from reader.archive.salvage_rows import (
    CONTENT_TABLES,
    RepairReport,
    add_found,
    copy_readable,
    known_shapes,
    mend,
    verify,
)
from reader.archive.salvage_tables import TableSalvage
from reader.archive.salvage_wal import overlay_wal
from reader.archive.search_index import rebuild_search_index
from reader.archive.snapshots import NEVER_WRITTEN, is_snapshot
from reader.text.oserror import describe_os_error

LOCK_WAIT_MS = 2000
SWAP_WAIT_S = 3.0
Progress = Callable[[str], None]


def _work_files(path: Path) -> tuple[Path, Path]:
    """The new archive and the page copy, hidden beside the archive (same disk, so the rename is
    atomic)."""
    return (
        path.with_name(f".{path.stem}.repairing{path.suffix}"),
        path.with_name(f".{path.stem}.pages{path.suffix}"),
    )


def _remove(path: Path) -> None:
    for name in (path, *side_files(path)):
        with suppress(OSError):
            name.unlink()


@contextmanager
def _locked(path: Path) -> Iterator[list[sqlite3.Connection]]:
    """The archive's write lock while the block runs: a one-item list with the connection holding
    it, emptied (and the lock let go) by `_release`; empty when SQLite cannot read the file."""
    held: list[sqlite3.Connection] = []
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
        conn.execute("BEGIN IMMEDIATE")
        held.append(conn)
    except sqlite3.DatabaseError as err:
        conn.close()
        if classify(err) != "damaged":
            raise translate(err, path) from err
    try:
        yield held
    finally:
        _release(held)


def _refuse_if_in_use(path: Path) -> None:
    """Raise ArchiveError "locked" while another program writes the archive (naming it) or has it
    open at all: checked before the work starts, and again before the swap (step 5)."""
    with _locked(path) as held:
        readable = bool(held)
    if readable and (busy := _in_use(path)) is not None:
        raise ArchiveError(path, "locked", busy)


def _release(held: list[sqlite3.Connection]) -> None:
    while held:
        conn = held.pop()
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        conn.close()


def _reader(path: Path) -> sqlite3.Connection:
    """A read-only connection that takes a damaged schema as far as it goes (writable_schema: a
    malformed schema entry is skipped, not fatal; nothing is ever written through it)."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")
    return conn


def _copy_pages(path: Path, copy: Path) -> bool:
    """Copy the archive's pages into `copy` with SQLite's backup API; False when SQLite cannot."""
    _remove(copy)
    source = _reader(path)
    try:
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.DatabaseError as err:
        if classify(err) != "damaged":
            raise
        _remove(copy)
        return False
    finally:
        source.close()
    return True


@contextmanager
def _mapped(path: Path) -> Iterator[Image]:
    """The pages of a file through a read-only memory map (an archive may be larger than memory
    would like)."""
    with path.open("rb") as file:
        if os.fstat(file.fileno()).st_size == 0:
            yield image_of(b"")
            return
        with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            yield image_of(data)


@contextmanager
def _pages(path: Path, copy: Path, held: list[sqlite3.Connection]) -> Iterator[Image]:
    """The archive's pages: the copy SQLite made under the lock, or the file and its -wal as they
    lie once no connection of this process is open on them."""
    if held and _copy_pages(path, copy):
        with _mapped(copy) as image:
            yield image
        return
    _release(held)
    wal = side_files(path)[0]
    if wal.is_file() and wal.stat().st_size:
        yield overlay_wal(path.read_bytes(), wal.read_bytes())
        return
    with _mapped(path) as image:
        yield image


def _salvage(path: Path, target: Archive, report: RepairReport, progress: Progress) -> bool:
    """Steps 1–4 of the module's docstring, into the open new archive `target`; True when SQLite
    could read the file's header (then SQLite looks after its -wal)."""
    conn = target.conn
    conn.execute("PRAGMA foreign_keys = OFF")  # a row's parent may be among the lost
    _fresh, copy = _work_files(path)
    with _locked(path) as held:
        readable = bool(held)
        with target.transaction():
            progress("正在读出 SQLite 仍能读取的内容…")
            reader = _reader(path)
            try:
                read = copy_readable(reader, conn)
                keep_identity_of(conn, reader)  # bookmarks find the repaired archive
            finally:
                reader.close()
            progress("正在逐页读取损坏的档案…")
            shapes = known_shapes(conn)
            try:
                with _pages(path, copy, held) as image:
                    found = TableSalvage(image, CONTENT_TABLES, shapes, read).run()
            finally:
                _remove(copy)
            add_found(conn, found, report)
            mend(conn, report)
        progress("正在重建检索索引…")
        with target.transaction():
            rebuild_search_index(target, recut=False)
        progress("正在检查修复后的档案…")
        verify(target, report, readable)
    return readable


def _aside(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    count = 1
    while aside.exists():
        count += 1
        aside = path.with_name(f"{path.stem}.damaged-{stamp}-{count}{path.suffix}")
    return aside


def _keep(source: Path, target: Path) -> None:
    """`target` becomes another name of `source` (a copy where hard links are not supported)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _in_use(path: Path) -> str | None:
    """Why the archive cannot be swapped now: a -wal or -shm beside it after this repair's own
    connection closed means another connection has it open. One that is just finishing (a
    reader of the same window, a search) is given a moment to close."""
    deadline = time.monotonic() + SWAP_WAIT_S
    while any(side.exists() for side in side_files(path)[:2]):
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    else:
        return None
    return "另一个窗口或程序正打开着它（只是阅读也算），请先关闭后再修复"


def _swap(path: Path, fresh: Path, readable: bool) -> Path:
    """Keep the original under a new name and put the repaired file at `path` (step 5)."""
    if readable and (busy := _in_use(path)) is not None:
        raise ArchiveError(path, "locked", busy)
    if any(side.exists() for side in side_files(fresh)):
        raise ArchiveError(path, "unrepairable", "新档案未能完整写出，原文件未改动")
    aside = _aside(path)
    _keep(path, aside)
    for side, kept in zip(side_files(path), side_files(aside), strict=True):
        if side.exists():  # only beside a file SQLite cannot read: nobody has it open
            os.replace(side, kept)
    with suppress(OSError):
        os.chmod(fresh, stat.S_IMODE(path.stat().st_mode))
    try:
        os.replace(fresh, path)
    except OSError:
        aside.unlink()  # the original is still at the path: the extra name goes
        raise
    return aside


def _checked(exc: BaseException, path: Path) -> BaseException:
    """A failure as the user should read it: an ArchiveError naming the archive (a work file's
    error renamed), an OS error in Chinese; a bug unchanged."""
    if isinstance(exc, ArchiveError) and exc.path != path:
        return ArchiveError(path, exc.kind, exc.detail)
    if isinstance(exc, sqlite3.Error):
        return translate(exc, path)
    if isinstance(exc, OSError):
        return ArchiveError(path, "cantopen", describe_os_error(exc))
    return exc


def repair_archive(path: Path, progress: Progress | None = None) -> RepairReport:
    """Replace a damaged archive by a sound one holding everything readable in it.

    Run it with the archive closed everywhere (step 5 checks). Raises ArchiveError: a missing,
    read-only or locked archive, one another program has open, nothing readable in it at all, or
    a disk that cannot take the new file; the original is then where it was.
    """
    path = Path(path)
    say = progress or (lambda _step: None)
    if not path.is_file():
        raise ArchiveError(path, "missing" if not path.exists() else "notafile")
    if is_snapshot(path):  # a published copy is never rewritten: the archivist publishes again
        raise ArchiveError(path, "readonly", NEVER_WRITTEN)
    if (blocker := write_blocker(path)) is not None:
        raise ArchiveError(path, "readonly", blocker)
    fresh, copy = _work_files(path)
    try:
        _refuse_if_in_use(path)  # before the note below takes the place of a writer's own
        with announced(path, "修复档案"):
            _remove(fresh)
            _remove(copy)
            report = RepairReport(path)
            with open_archive(fresh) as target:
                readable = _salvage(path, target, report, say)
            report.damaged_copy = _swap(path, fresh, readable)
    except BaseException as exc:
        _remove(fresh)
        known = _checked(exc, path)
        if known is exc:
            raise
        raise known from exc
    return report


def repair_if_damaged(
    path: Path, progress: Progress | None = None, *, force: bool = False
) -> RepairReport | None:
    """Check the archive and repair it when damaged (or when `force`); None when it is sound."""
    if not damage_of(path) and not force:
        return None
    return repair_archive(path, progress)
