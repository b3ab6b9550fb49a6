"""Files a program must never write over: the archive, its side files, any other SQLite database.

`export --out ARCHIVE` once answered 已导出 and left a PDF where the archive had been, every issue,
bookmark and correction gone. Every writer of a user-chosen file (export, backup) asks here first.

The archive and its side files are recognised without opening them: by identity
(os.path.samefile compares device and inode, so another spelling of the path, a hard link or a
symbolic link is still the archive) and, for a side file that does not exist yet, by its resolved
path. Opening and closing the live archive in a process holding an SQLite connection to it would
drop every lock SQLite holds there (docs/architecture.md, "In an office"). Only a target already known not to
be the archive is opened, to read its first 16 bytes: "SQLite format 3\\0" is how any other database
(a backup, a colleague's snapshot) is told from a PDF. A -wal, -shm or -journal beside such a
database is its side file, judged by the name and the database's header.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.archive.files import SIDE_SUFFIXES, side_files

SQLITE_HEADER = b"SQLite format 3\x00"


def protected_reason(target: Path, archive: Path | None, *, databases: bool = True) -> str | None:
    """Why writing `target` would destroy the archive or a database, as a Chinese clause for a
    refusal after "：" (the caller adds what it was about to do); None when it may be written.

    `archive` is the archive this process may have open (None: none is); it and its side files
    are recognised without being opened. `databases=False` leaves other SQLite databases (and
    their side files) writable: a backup replaces an older backup on purpose.
    """
    target = Path(target)
    if archive is not None:
        if _same_file(target, Path(archive)):
            return "这就是档案本身"
        if any(_same_file(target, side) for side in side_files(Path(archive))):
            return "这是档案正在使用的日志文件"
    if not databases:
        return None
    base = _side_base(target)
    if base is not None and _is_database(base, archive):
        return f"这是 SQLite 数据库 {base.name} 的日志文件"
    if _is_database(target, archive):
        return "这是一个 SQLite 数据库（档案、它的备份或其他数据库）"
    return None


def _same_file(path: Path, other: Path) -> bool:
    """Whether the two names are one file (without opening either); paths compared when one of
    them does not exist (a side file SQLite has not made yet)."""
    try:
        return os.path.samefile(path, other)
    except OSError:
        return os.path.normcase(os.path.realpath(path)) == os.path.normcase(os.path.realpath(other))


def _side_base(path: Path) -> Path | None:
    """The database a name like X-wal / X-shm / X-journal would belong to (None: no such name)."""
    for suffix in SIDE_SUFFIXES:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            return path.with_name(path.name[: -len(suffix)])
    return None


def _is_database(path: Path, archive: Path | None) -> bool:
    """Whether `path` is a regular file starting with the SQLite header. Never opens the archive
    (the caller has ruled it out, and it is checked again here), a FIFO or a device."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
    except OSError:
        return False
    if archive is not None and _same_file(path, archive):
        return True
    return _header(path) == SQLITE_HEADER


def _header(path: Path) -> bytes:
    """The first 16 bytes (fewer for a short file, none when it cannot be read)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return b""
    try:
        return os.read(fd, len(SQLITE_HEADER))
    except OSError:
        return b""
    finally:
        os.close(fd)
