"""Operating-system errors in Chinese: what a user reads instead of "Permission denied".

An OSError's `strerror` is English (or in the system's language) and names no file in a way the
rest of a Chinese message can use. Every layer that reports a failed read or write describes it
through `describe_os_error`, so the wording is the same for an import, an export or a backup.
"""

from __future__ import annotations

import errno

_REASONS: dict[int, str] = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "所在的磁盘或共享是只读的",
    errno.EEXIST: "文件已存在",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ETXTBSY: "文件正被其他程序占用",
    errno.EMFILE: "打开的文件太多",
    errno.EIO: "读写设备出错（磁盘或网络故障）",
    errno.EINVAL: "文件名或路径无效",
    errno.ELOOP: "符号链接层数太多（可能是循环链接）",
}
_EDQUOT = getattr(errno, "EDQUOT", None)
if _EDQUOT is not None:
    _REASONS[_EDQUOT] = "磁盘配额已用完"

# Windows reports some of these only through `winerror` (errno is then EINVAL or absent).
_WINDOWS_REASONS: dict[int, str] = {
    5: "没有权限",  # ERROR_ACCESS_DENIED
    32: "文件正被其他程序占用",  # ERROR_SHARING_VIOLATION
    33: "文件的一部分被其他程序锁定",  # ERROR_LOCK_VIOLATION
    112: "磁盘空间不足",  # ERROR_DISK_FULL
    123: "文件名或路径无效",  # ERROR_INVALID_NAME
}


def describe_os_error(err: OSError) -> str:
    """A short Chinese reason for `err` ("没有权限", "磁盘空间不足", …), never English OS text.

    Unknown errors become "系统错误（错误号 N）": the number is something a helper can look up,
    the English text is not shown.
    """
    winerror = getattr(err, "winerror", None)
    if isinstance(winerror, int) and winerror in _WINDOWS_REASONS:
        return _WINDOWS_REASONS[winerror]
    if err.errno in _REASONS:
        return _REASONS[err.errno]
    if isinstance(err, PermissionError):
        return "没有权限"
    if isinstance(err, FileNotFoundError):
        return "文件或文件夹不存在"
    if isinstance(err, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    number = winerror if isinstance(winerror, int) else err.errno
    return f"系统错误（错误号 {number}）" if number is not None else "系统错误"
