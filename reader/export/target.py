"""Where an export may write, and writing there so that nothing is half done.

A PDF goes to a regular file or to a new path, nowhere else. Opening whatever sits at the path
and writing into it would block forever on a FIFO, pour a clippings book into a device, or fail
half-way through a folder; renaming over it would turn a FIFO, a device node (as root: /dev/null)
or a symlink into a plain file. So the path is looked at first and anything but a regular file
is refused with a Chinese message naming it.

A symlink to a regular file is followed: the PDF replaces the file the link points to and the
link stays as it was. People keep such links on purpose ("最新剪报.pdf" pointing into a dated
folder), and every editor writes through them the same way; replacing the link by a file would
quietly break that arrangement. A link that points nowhere, or to anything but a regular file,
is refused like the thing it points to.

Nor does a PDF ever replace the archive, one of its side files or any other SQLite database
(reader.archive.protected decides, without opening the archive): a mistyped --out once turned the
archive into a clippings book.

The data is written to a new temporary file in the target's own folder (same file system, so
the final rename is atomic) and renamed over the target only once it is complete and on disk:
a cancelled or failed export leaves the old file as it was and no half-written one. The
replaced file's permission bits (and, where allowed, owner) carry over to the new one. A hard
link elsewhere keeps the old content, as with any program that saves by renaming. The path is
checked again just before the rename, which narrows but cannot close the window in which
another program could swap something in.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from reader.archive.protected import protected_reason
from reader.export.errors import ExportError
from reader.text.oserror import describe_os_error


@dataclass(frozen=True)
class OutputTarget:
    """The file an export replaces (`path`, the link's target when `given` is a symlink).

    `existing` is the replaced file's stat result, None when the file is new.
    """

    given: Path
    path: Path
    existing: os.stat_result | None


def _not_a_file(mode: int) -> str:
    """What a non-regular file is, in the words of the refusal."""
    if stat.S_ISDIR(mode):
        return "这是一个文件夹，不是文件"
    if stat.S_ISFIFO(mode):
        return "这是一个命名管道（FIFO），不是普通文件"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是一个设备，不是普通文件"
    if stat.S_ISSOCK(mode):
        return "这是一个套接字，不是普通文件"
    return "这不是普通文件"


def refuse_protected(out: Path, archive: Path | None) -> None:
    """ExportError when `out` is the archive (`archive`: the one this process may have open, never
    opened here), one of its side files or any SQLite database: a PDF there destroys it."""
    if reason := protected_reason(out, archive):
        raise ExportError(f"无法写入 {out}：{reason}，导出的 PDF 会覆盖它；请另选一个文件名")


def output_target(out: Path, archive: Path | None = None) -> OutputTarget:
    """Where writing `out` goes; ExportError with a Chinese message when it must not be written.

    Allowed: a new name in an existing folder, a regular file the user may write, a symlink to
    such a file. Refused: folders, FIFOs, devices, sockets, dangling links, missing folders, and
    (refuse_protected) the archive, its side files and any SQLite database. Pass the `archive`
    this process has open: it is then recognised without being opened.
    """
    out = Path(out)
    link = out.is_symlink()
    shown = f"{out}（链接指向 {os.path.realpath(out)}）" if link else str(out)
    try:
        info = out.stat()
    except FileNotFoundError:
        if link:
            raise ExportError(f"无法写入 {shown}：链接指向的位置不存在") from None
        if not out.parent.is_dir():
            raise ExportError(f"无法写入 {out}：文件夹不存在") from None
        refuse_protected(out, archive)
        return OutputTarget(out, out, None)
    except OSError as err:
        raise ExportError(f"无法写入 {shown}：{describe_os_error(err)}") from err
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(f"无法写入 {shown}：{_not_a_file(info.st_mode)}")
    refuse_protected(out, archive)
    if not os.access(out, os.W_OK):
        raise ExportError(f"无法写入 {shown}：{_why_unwritable(out)}")
    return OutputTarget(out, Path(os.path.realpath(out)) if link else out, info)


def _why_unwritable(path: Path) -> str:
    """The OS's reason (read-only file, read-only disk…) that `os.access` does not give.

    Opening a regular file for writing without truncating it changes nothing; non-blocking in
    case a FIFO was swapped in since it was looked at.
    """
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        return describe_os_error(err)
    os.close(fd)
    return "没有权限修改这个文件"


def write_output(out: Path, data: bytes, archive: Path | None = None) -> OutputTarget:
    """Put `data` at `out` (see the module docstring): complete or not at all. `archive` as for
    output_target.

    Raises ExportError naming `out`, with the OS reason in Chinese, when it cannot be written;
    the old file, if any, is then untouched and no temporary file is left behind.
    """
    target = output_target(out, archive)
    temp = target.path.with_name(f".{target.path.name}.{secrets.token_hex(4)}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(temp, flags, 0o666)  # the umask decides a new file's permissions
    except OSError as err:
        raise ExportError(f"无法写入 {out}：{describe_os_error(err)}") from err
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.existing is not None:
            _carry_over(temp, target.existing)
        if output_target(out, archive).path != target.path:
            raise ExportError(f"无法写入 {out}：导出期间链接被其他程序改动了，请重试")
        os.replace(temp, target.path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(err, OSError):
            raise ExportError(f"无法写入 {out}：{describe_os_error(err)}") from err
        raise
    return target


def _carry_over(temp: Path, old: os.stat_result) -> None:
    """Give the new file the replaced file's owner (when permitted) and permission bits."""
    chown = getattr(os, "chown", None)
    if chown is not None:
        with contextlib.suppress(OSError):
            chown(temp, old.st_uid, old.st_gid)
    os.chmod(temp, stat.S_IMODE(old.st_mode))
