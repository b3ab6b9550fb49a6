"""Published snapshots in a shared folder: how they are named, which is the newest, which are
unfinished.

The archivist publishes (reader.archive.publish) whole, checked copies of the archive into a
folder that colleagues open. A snapshot becomes visible only under its final name,
`archive-YYYYMMDD-HHMMSS-NNNNNN.sqlite3`, by a rename after it was written, checked and synced;
until then it is a hidden `.archive-….part` file that no reader ever picks. A published file is
never written again, and no file is renamed over another: the next snapshot gets the next
sequence number NNNNNN, and readers take the highest one (the number, not the clock in the
name: another computer's clock may be behind).

Only names are read here (a directory listing and stat), never the files: a reader may hold
any of them open.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from reader.archive.meta import read_value

SUFFIX = ".sqlite3"
_FINAL = re.compile(r"^archive-(\d{8}-\d{6})-(\d{6})\.sqlite3$")
_TIME = "%Y%m%d-%H%M%S"
# Work in progress of a publish: the part file and the backup's own temporary copy inside it,
# each with the journal SQLite may keep beside it.
_PARTIAL = re.compile(r"^\.{1,2}archive-.*\.part")


@dataclass(frozen=True, order=True)
class Snapshot:
    """One complete published snapshot; ordered by its sequence number."""

    sequence: int
    path: Path = field(compare=False)

    @property
    def made(self) -> dt.datetime:
        """When the publishing computer says it was made (from the name)."""
        match = _FINAL.match(self.path.name)
        assert match is not None
        return dt.datetime.strptime(match.group(1), _TIME)


def snapshot_of(path: Path) -> Snapshot | None:
    """The snapshot a file is by its name, or None for any other file."""
    match = _FINAL.match(path.name)
    return None if match is None else Snapshot(int(match.group(2)), path)


def final_name(sequence: int, when: dt.datetime) -> str:
    """archive-YYYYMMDD-HHMMSS-NNNNNN.sqlite3"""
    return f"archive-{when.strftime(_TIME)}-{sequence:06d}{SUFFIX}"


def part_name(sequence: int) -> str:
    """The hidden name a snapshot is written under (one per publishing process)."""
    return f".archive-{sequence:06d}-{os.getpid()}.part"


def _names(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return [entry.name for entry in entries if entry.is_file()]
    except OSError:
        return []


def snapshots(folder: Path) -> list[Snapshot]:
    """The complete snapshots in `folder`, oldest first ([] for no folder or none)."""
    found = (snapshot_of(folder / name) for name in _names(folder))
    return sorted(s for s in found if s is not None)


def newest_snapshot(folder: Path) -> Snapshot | None:
    """The snapshot readers should use: the one with the highest sequence number."""
    found = snapshots(folder)
    return found[-1] if found else None


def partial_files(folder: Path) -> list[Path]:
    """Files of publishes that are running or were killed: never a snapshot."""
    return sorted(folder / name for name in _names(folder) if _PARTIAL.match(name))


def is_published_folder(path: Path) -> bool:
    """True for a folder holding at least one published snapshot."""
    return path.is_dir() and newest_snapshot(path) is not None


def archive_file(path: Path) -> Path:
    """The file that opening `path` reads: a published folder's newest snapshot, else `path`
    itself (a folder without snapshots stays a folder, which opening refuses)."""
    newest = newest_snapshot(path) if path.is_dir() else None
    return path if newest is None else newest.path


def is_snapshot(path: Path) -> bool:
    """True for a published snapshot (by its name), which is only ever read, never written."""
    return snapshot_of(path) is not None


# Why a snapshot is never written (every copy of it is someone's view of the archive).
NEVER_WRITTEN = "这是发布到共享文件夹的只读副本，不能写入；导入、校订和词典只能在档案员自己的档案上进行"


def kept_at(conn: sqlite3.Connection) -> str:
    """Where the archive a snapshot was published from is kept (computer and file, as the
    snapshot's publishing record says), or "" when it says nothing."""
    host, source = read_value(conn, "published_host"), read_value(conn, "published_from")
    if not source:
        return ""
    return f"{host} 上的 {source}" if host else str(source)


def published_blocker(conn: sqlite3.Connection) -> str:
    """The one line a reader of a snapshot shows: why it cannot be written, and where the
    archive is kept (from the snapshot's publishing record)."""
    when, where = read_value(conn, "published_at"), kept_at(conn)
    text = "这是档案员发布的只读副本"
    if when:
        text += f"（{str(when)[:16].replace('T', ' ')} 发布）"
    return text + (f"，档案保存在 {where}" if where else "")
