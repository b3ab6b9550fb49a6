"""Known archive errors: what the user can act on (damaged file, read-only, locked, disk full).

Following qutebrowser's misc/sql.py, SQLite errors are sorted into known errors, which become an
`ArchiveError` with a Chinese message naming the file, and bugs (SQL mistakes, misuse), which are
re-raised unchanged so they surface as crash reports instead of being shown as user errors.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Literal

from reader.archive.holder import describe_holder

ErrorKind = Literal[
    "damaged",
    "readonly",
    "locked",
    "full",
    "newer",
    "outdated",
    "missing",
    "cantopen",
    "notafile",
    "empty",
    "foreign",
    "changing",
    "personal",
    "ioerror",
    "unrepairable",
]

# Primary SQLite result codes (https://sqlite.org/rescode.html).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _AUTH, _NOTADB = (
    3,
    5,
    6,
    8,
    10,
    11,
    13,
    14,
    23,
    26,
)

_MESSAGES: dict[ErrorKind, str] = {
    "damaged": "文件已损坏或不是档案数据库（可用 文件 → 检查并修复档案… 或 python -m reader repair 修复）",
    "readonly": "档案是只读的（文件或所在文件夹不可写），无法写入",
    "locked": "档案正被其他程序占用（数据库已锁定），请稍后再试",
    "full": "磁盘已满，无法写入档案",
    "newer": "档案由较新版本的程序创建，请升级本程序后再打开",
    "outdated": "档案版本较旧，需要先以可写方式打开一次以完成升级",
    "missing": "档案不存在",
    "cantopen": "无法打开档案文件（路径不可访问或没有权限）",
    "notafile": "这不是档案文件（是一个文件夹或设备）",
    "empty": "文件是空的，还不是档案",
    "foreign": "这不是本程序的档案（是其他程序的 SQLite 数据库），不会改动它",
    "ioerror": "读写档案文件时出错（磁盘、U盘或网络共享出了故障，或档案旁的 -wal/-shm 文件被其他程序删除）",
    "changing": "档案正在被其他程序改写（例如同事正在导入），暂时读不出一致的内容，请稍后再试",
    "personal": "档案需要升级，升级要把书签移到你的个人文件，但个人文件无法写入；档案没有改动",
    "unrepairable": "档案未能修复",
}

# A batch import stops after these: no later write can succeed (or, locked, succeed soon; waiting
# out the busy timeout file by file took half an hour for 300 files).
FATAL_KINDS: frozenset[ErrorKind] = frozenset(
    {
        "damaged",
        "readonly",
        "full",
        "newer",
        "cantopen",
        "ioerror",
        "locked",
        "notafile",
        "empty",
        "foreign",
        "personal",
    }
)


class ArchiveError(Exception):
    """A known problem with the archive file; `str()` is a complete Chinese message naming it."""

    def __init__(self, path: Path, kind: ErrorKind, detail: str = "") -> None:
        message = f"{path}：{_MESSAGES[kind]}"
        if detail:
            message += f"（{detail}）"
        super().__init__(message)
        self.path = path
        self.kind = kind
        self.detail = detail

    @property
    def fatal(self) -> bool:
        """True when no further write to this archive can succeed (stop a batch import)."""
        return self.kind in FATAL_KINDS


def classify(err: sqlite3.Error) -> ErrorKind | None:
    """The known-error kind of a SQLite error, or None when it is a bug."""
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        primary = code & 0xFF
        by_code: dict[int, ErrorKind] = {
            _NOTADB: "damaged",
            _CORRUPT: "damaged",
            _READONLY: "readonly",
            _PERM: "readonly",
            _AUTH: "readonly",  # a reader's connection refused a write (reader.archive.db._reads_only)
            _BUSY: "locked",
            _LOCKED: "locked",
            _FULL: "full",
            _CANTOPEN: "cantopen",
            _IOERR: "ioerror",
        }
        if primary in by_code:
            return by_code[primary]
    text = str(err).lower()
    by_text: tuple[tuple[str, ErrorKind], ...] = (
        ("not a database", "damaged"),
        ("malformed", "damaged"),
        ("readonly", "readonly"),
        ("read-only", "readonly"),
        ("locked", "locked"),
        ("disk is full", "full"),
        ("unable to open", "cantopen"),
        ("disk i/o error", "ioerror"),
    )
    for needle, kind in by_text:
        if needle in text:
            return kind
    return None


def translate(err: sqlite3.Error, path: Path) -> Exception:
    """`err` as an ArchiveError when it is a known error, else `err` itself (a bug: re-raise).

    A lock names its holder when this program left a note saying who it is (reader.archive.holder).
    """
    kind = classify(err)
    if kind is None:
        return err
    holder = describe_holder(path) if kind == "locked" else None
    error = ArchiveError(path, kind, f"占用者：{holder}" if holder else "")
    error.__cause__ = err
    return error
