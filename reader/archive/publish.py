"""Publishing the archive for colleagues: a whole, checked, never-changing copy in a shared folder.

SQLite in WAL mode must not be used over a network share, and a reader of a read-only share
cannot see a writer's commits anyway. So the archivist keeps the archive on a local disk and
publishes snapshots of it into the shared folder; colleagues open the folder and read the newest
snapshot, immutable (reader.archive.db, reader.archive.snapshots).

One publish, in this order, so that a reader never sees a half-made file and a publish killed at
any point leaves the previous snapshot in use:

1. nothing to do when the newest snapshot was made from this archive at its current generation
   (reader.archive.meta counts the archive's writes): an unchanged archive writes nothing;
2. the copy is written with SQLite's online backup API (reader.archive.backup: one consistent
   read transaction, progress by pages) under a hidden `.archive-….part` name;
3. on the copy: rollback-journal mode (never WAL on a share), the publishing record (when, by
   which computer, from which file: readers show it), `PRAGMA quick_check`, then fsync;
4. a rename to the next versioned name makes it visible at once and whole; nothing is ever
   renamed over an existing file (Windows refuses to replace an open file, and a reader may
   hold any published file open);
5. old snapshots go after a grace period (by default all but the two newest that are older
   than a day); a removal the system refuses (Windows: the file is open) is tried again at the
   next publish, and leftovers of killed publishes are removed once they are stale.

Personal data is never published: bookmarks are not in the archive (reader.archive.personal).
No Qt here.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import socket
import sqlite3
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from reader.archive.backup import STEP_PAGES, backup_archive
from reader.archive.backup import _sync_folder as sync_folder  # the backup's own, one place for it
from reader.archive.db import open_archive
from reader.archive.errors import ArchiveError, translate
from reader.archive.files import folder_writable, side_files
from reader.archive.meta import generation, identity, write_values
from reader.archive.snapshots import (
    Snapshot,
    final_name,
    is_snapshot,
    newest_snapshot,
    part_name,
    partial_files,
    snapshots,
)
from reader.text.oserror import describe_os_error

Progress = Callable[[int, int], None]

KEEP_NEWEST = 2
GRACE = dt.timedelta(days=1)
# A part file untouched this long belongs to a publish that was killed (a running one writes
# every step, and checking even a large copy takes a minute or two).
STALE_PART = dt.timedelta(minutes=30)


class PublishError(Exception):
    """A publish that cannot be done; `str()` is a complete Chinese message naming the folder."""


@dataclass(frozen=True)
class Grace:
    """Which old snapshots a publish removes: all but the `keep` newest that are older than `age`
    (by their file's time), and leftovers of killed publishes older than `stale`."""

    keep: int = KEEP_NEWEST
    age: dt.timedelta = GRACE
    stale: dt.timedelta = STALE_PART


@dataclass(frozen=True)
class PublishReport:
    """What a publish did: the snapshot readers now use, whether it is new, and what it removed."""

    snapshot: Path
    created: bool
    generation: int
    size: int = 0
    removed: tuple[Path, ...] = field(default=())

    def summary(self) -> str:
        """One Chinese line for the user."""
        if not self.created:
            return f"档案自上次发布以来没有改动，未写入新文件；同事使用的仍是 {self.snapshot}"
        text = f"已发布：{self.snapshot}（{self.size / 1024 / 1024:.1f} MB）"
        if self.removed:
            text += f"；删去了 {len(self.removed)} 个旧版本"
        return text


def _refuse(folder: Path, reason: str) -> PublishError:
    return PublishError(f"无法发布到 {folder}：{reason}")


def _check_folder(source: Path, folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise _refuse(folder, "这不是一个文件夹")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _refuse(folder, describe_os_error(err)) from err
    if not folder_writable(folder):
        raise _refuse(folder, "文件夹不可写（只读共享或没有权限）")
    if is_snapshot(source):
        raise _refuse(folder, "要发布的是档案员自己的档案，不是一个已发布的副本")


def _made_from(path: Path) -> tuple[str | None, int]:
    """The identity and generation an archive (or a snapshot: the ones it was copied at) has."""
    with open_archive(path, readonly=True) as archive:
        return identity(archive.conn), generation(archive.conn)


def _finish_copy(part: Path, source: Path, sequence: int) -> None:
    """Rollback-journal mode, the publishing record, the check, and the data on the disk."""
    conn = sqlite3.connect(part, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN IMMEDIATE")
        write_values(
            conn,
            {
                "published_at": dt.datetime.now().isoformat(timespec="seconds"),
                "published_host": socket.gethostname(),
                "published_from": str(source.resolve()),
                "published_sequence": sequence,
            },
        )
        conn.execute("COMMIT")
        problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.Error as err:
        raise translate(err, part) from err
    finally:
        conn.close()
    if problems != ["ok"]:
        raise ArchiveError(source, "damaged", f"发布的副本未通过检查：{'；'.join(problems[:3])}")
    fd = os.open(part, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rename_without_replacing(part: Path, final: Path) -> None:
    """Make the copy visible under its final name, never over an existing file: a hard link
    (which refuses an existing name) then the part's removal; a rename after a check where the
    file system has no links (some shares)."""
    try:
        os.link(part, final)
    except FileExistsError:
        raise
    except OSError:
        if final.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(final)) from None
        os.rename(part, final)
        return
    with suppress(OSError):
        part.unlink()


def _remove(paths: list[Path]) -> list[Path]:
    """Remove what can be removed (with any journal beside it); a refusal waits for next time."""
    removed: list[Path] = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            continue
        removed.append(path)
        for side in side_files(path):
            with suppress(OSError):
                side.unlink()
    return removed


def _older_than(path: Path, age: dt.timedelta) -> bool:
    try:
        return time.time() - path.stat().st_mtime > age.total_seconds()
    except OSError:
        return False


def prune(folder: Path, grace: Grace = Grace()) -> list[Path]:
    """Remove old snapshots and stale leftovers of killed publishes; returns what was removed."""
    old = snapshots(folder)[: -grace.keep] if grace.keep > 0 else snapshots(folder)
    expired = [s.path for s in old if _older_than(s.path, grace.age)]
    stale = [p for p in partial_files(folder) if _older_than(p, grace.stale)]
    return _remove(expired) + [p for p in _remove(stale) if p.name.endswith(".part")]


def _write_snapshot(
    source: Path, folder: Path, newest: Snapshot | None, progress: Progress | None, step_pages: int
) -> Path:
    """Steps 2 to 4; returns the new snapshot. A failure leaves no part file behind."""
    sequence = (newest.sequence if newest is not None else 0) + 1
    part = folder / part_name(sequence)
    try:
        backup_archive(source, part, progress, step_pages=step_pages)
        _finish_copy(part, source, sequence)
        final = folder / final_name(sequence, dt.datetime.now())
        _rename_without_replacing(part, final)
    except OSError as err:
        _remove([part])
        raise _refuse(folder, describe_os_error(err)) from err
    except BaseException:
        _remove([part])
        raise
    sync_folder(folder)
    return final


def publish(
    source: Path,
    folder: Path,
    progress: Progress | None = None,
    grace: Grace = Grace(),
    *,
    step_pages: int = STEP_PAGES,
) -> PublishReport:
    """Publish the archive `source` into `folder` (created if missing) as its newest snapshot.

    `progress(done_pages, total_pages)` is called while copying, every `step_pages` pages; an
    exception it raises stops the publish (how a caller cancels) and leaves the previous
    snapshot in use. Raises PublishError (the folder cannot take it),
    reader.archive.backup.BackupError or ArchiveError (the archive cannot be read, a full disk:
    Chinese, naming the file).
    """
    source, folder = Path(source), Path(folder)
    _check_folder(source, folder)
    made_from = _made_from(source)
    newest = newest_snapshot(folder)
    if newest is not None and _made_from(newest.path) == made_from:
        return PublishReport(newest.path, False, made_from[1], removed=tuple(prune(folder, grace)))
    final = _write_snapshot(source, folder, newest, progress, step_pages)
    removed = prune(folder, grace)
    return PublishReport(final, True, _made_from(final)[1], final.stat().st_size, tuple(removed))
