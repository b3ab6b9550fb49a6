"""Who holds the archive: a note beside it while this program writes a batch, for lock messages.

SQLite says only "database is locked". When the holder is this program (an import in another
window, or on another PC sharing the folder), the note lets the message say who and since when.
The note is advisory: it is written when it can be, removed when the batch ends, and ignored when
its process is known to have ended.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

PROGRAM = "报刊档案阅读器"


def note_path(archive: Path) -> Path:
    """Where the note of the archive at `archive` lives."""
    return archive.with_name(archive.name + ".writer.json")


@contextlib.contextmanager
def announced(archive: Path, action: str) -> Iterator[None]:
    """Leave a note beside the archive saying this process is `action` (导入, 修复…) until it ends."""
    note = note_path(archive)
    mine = {
        "program": PROGRAM,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "action": action,
        "since": dt.datetime.now().isoformat(timespec="minutes"),
    }
    written = False
    with contextlib.suppress(OSError):
        note.write_text(json.dumps(mine, ensure_ascii=False), encoding="utf-8")
        written = True
    try:
        yield
    finally:
        if written:
            with contextlib.suppress(OSError, ValueError):
                if json.loads(note.read_text(encoding="utf-8")) == mine:
                    note.unlink()


def _gone(host: str, pid: int) -> bool:
    """True when the note's process is known to have ended (same computer, POSIX only: on
    Windows os.kill would end the process instead of asking about it)."""
    if host != socket.gethostname() or sys.platform == "win32":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def describe_holder(archive: Path) -> str | None:
    """'电脑 X 上的报刊档案阅读器（进程 123）自 2026-11-29 15:20 起正在导入', or None when unknown."""
    try:
        note = json.loads(note_path(archive).read_text(encoding="utf-8"))
        host, pid, action, since = (
            str(note["host"]),
            int(note["pid"]),
            str(note["action"]),
            str(note["since"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if _gone(host, pid):
        return None
    return f"电脑 {host} 上的{PROGRAM}（进程 {pid}）自 {since.replace('T', ' ')} 起正在{action}"
