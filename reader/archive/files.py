"""What is asked of the operating system about an archive's files, without ever opening them.

On POSIX, closing any descriptor of a file drops every SQLite lock the process holds on it (see
reader.archive.db), so whether an archive can be written is asked with os.access and a probe
file in its folder, and whether it changed with stat() alone. The files SQLite keeps beside an
archive are named here once.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

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

    The archive file itself is only asked about (os.access), never opened: on POSIX, closing any
    descriptor of a file drops every lock this process holds on it, SQLite's own included, and
    another process would then checkpoint and delete the WAL this process still writes into.
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
        if not os.access(path, os.W_OK):
            return "档案文件是只读的"
    return None


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


def file_stamp(path: Path) -> tuple[int, ...]:
    """Size, modification time and inode of the archive and its -wal file, read by stat() alone
    (never by opening them): what changes when anyone writes the archive."""
    stamp: list[int] = []
    for name in (path, side_files(path)[0]):
        try:
            info = name.stat()
        except OSError:
            stamp += [-1, -1, -1]
        else:
            stamp += [info.st_size, info.st_mtime_ns, info.st_ino]
    return tuple(stamp)
