"""A consistent copy of an archive while it is in use: SQLite's online backup API.

The copy is read through a read-only connection that holds one read transaction for the whole
backup: in WAL mode (every archive is, see reader.archive.db) that pins one snapshot, so the copy
is the archive exactly as it was when the backup began, while this program or another one goes
on writing. Without the held transaction SQLite would restart the copy after every commit made
elsewhere, and a steady import could keep it from ever finishing.

The copy is written to a temporary file beside the target and renamed over it only when
complete: a failed or cancelled backup leaves no half file and never spoils an older backup of
the same name. No Qt here.

Every copy is checked (SQLite's quick check on the copy) before it takes the target's name. The
copy holds the snapshot's pages as they are, so a copy that fails the check is either a damaged
archive copied faithfully or a copy gone wrong: the snapshot itself is checked then (through the
same read transaction). A damaged archive's copy is kept, since it is the archive as it is, and
the backup raises DamagedSource saying so (issue 21: "back up first, then repair" must not end
silently in a bad backup); a copy gone wrong is removed and refused.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from reader.archive.db import connect_reader, side_files
from reader.archive.errors import ArchiveError, classify, translate
from reader.archive.health import damage_in, found
from reader.archive.protected import protected_reason
from reader.text.oserror import describe_os_error

Progress = Callable[[int, int], None]

# 1024 pages of 4 KiB: 4 MiB per step, so progress moves often and each step is short.
STEP_PAGES = 1024


class BackupError(Exception):
    """A backup that cannot be made (bad target, or the system refused a write).

    `str()` is a complete Chinese message naming the file.
    """


class DamagedSource(BackupError):
    """The backup is written, but the archive it copies is damaged: so is the copy."""


def _refuse(target: Path, reason: str) -> BackupError:
    return BackupError(f"无法备份到 {target}：{reason}")


def _check_target(source: Path, target: Path) -> None:
    if target.is_symlink():
        raise _refuse(target, "这是一个符号链接；请直接选择它指向的文件或另选一个文件名")
    if target.exists():
        mode = target.stat().st_mode
        if stat.S_ISDIR(mode):
            raise _refuse(target, "这是一个文件夹，请选择一个文件名")
        if not stat.S_ISREG(mode):
            raise _refuse(target, "这不是普通文件（设备、管道或套接字）")
    if reason := protected_reason(target, source, databases=False):  # an older backup may go
        raise _refuse(target, f"{reason}，备份必须写到另一个文件")


def _open_source(source: Path) -> sqlite3.Connection:
    """A read-only connection holding a read transaction (one snapshot for the whole copy),
    opened the way every reader of an archive is (reader.archive.db.connect_reader: immutable in
    a read-only folder)."""
    try:
        conn, _blocker, _immutable = connect_reader(source)
    except sqlite3.Error as err:
        raise translate(err, source) from err
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as err:
        conn.close()
        raise translate(err, source) from err
    return conn


def _remove_partial(path: Path) -> None:
    for name in (path, *side_files(path)):
        with suppress(OSError):
            name.unlink()


def backup_archive(
    source: Path,
    target: Path,
    progress: Progress | None = None,
    *,
    step_pages: int = STEP_PAGES,
) -> None:
    """Copy the archive `source` to `target`, consistent even while it is being written.

    `progress(done_pages, total_pages)` is called after each step (on the calling thread); an
    exception it raises stops the backup, removes the partial copy and propagates (that is how
    a caller cancels). An existing regular file at `target` is replaced, atomically, only once
    the copy is complete.

    Refused with BackupError: a target that is the archive itself (also by another path or a
    hard link) or one of its -wal/-shm/-journal files, a folder, a device, FIFO or socket, and
    a symbolic link. A link is refused rather than followed: the rename that makes the backup
    atomic would replace the link itself, and a backup landing in a place the dialog did not
    show is a surprise; the message asks for the file it points to.

    Raises ArchiveError for SQLite problems (missing or damaged archive, disk full: Chinese,
    naming the file) and BackupError for operating-system errors, described by
    reader.text.oserror.describe_os_error, or for a copy that fails its check though the archive
    passes; DamagedSource, once the copy is in place, when the archive itself is damaged.
    """
    source, target = Path(source), Path(target)
    if not source.exists():
        raise ArchiveError(source, "missing")
    if not source.is_file():
        raise ArchiveError(source, "notafile")
    _check_target(source, target)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as err:
        raise _refuse(target, describe_os_error(err)) from err
    os.close(handle)
    partial = Path(name)
    try:
        damage = _copy(source, target, partial, progress, step_pages)
        with suppress(OSError):
            os.chmod(partial, stat.S_IMODE(source.stat().st_mode) | stat.S_IRUSR | stat.S_IWUSR)
        os.replace(partial, target)
    except OSError as err:
        _remove_partial(partial)
        raise _refuse(target, describe_os_error(err)) from err
    except BaseException:
        _remove_partial(partial)
        raise
    _sync_folder(target.parent)
    if damage:
        raise DamagedSource(
            f"已备份到 {target}，但档案 {source} 本身已损坏（{found(damage)}），备份是同样损坏的副本。"
            "请修复档案（文件 → 检查并修复档案…，或 python -m reader repair）：修复会把损坏的原文件另存一份"
        )


def _copy(source: Path, target: Path, partial: Path, progress: Progress | None, step_pages: int) -> list[str]:
    """Copy and check the copy: what is wrong with the archive ([] when the copy is sound)."""

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    src = _open_source(source)
    try:
        try:
            dest = sqlite3.connect(partial, isolation_level=None)
        except sqlite3.Error as err:
            raise translate(err, target) from err
        try:
            src.backup(dest, pages=max(1, step_pages), progress=step)
            copy_damage = damage_in(dest)
        except sqlite3.Error as err:
            # Only the copy is written: a full disk or a write refused is the target's problem.
            raise translate(err, target if classify(err) in ("full", "readonly") else source) from err
        finally:
            dest.close()
        if not copy_damage:
            return []
        damage = damage_in(src)
        if not damage:
            raise _refuse(target, "写出的副本未通过检查，已删除；档案本身完好，请换一个位置再试")
        return damage
    finally:
        src.close()


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows cannot open a folder for this and needs it not."""
    if os.name != "posix":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
