"""Checking an archive for damage, and repairing it by copying out everything still readable.

A damaged page in an SQLite file shows up late and far from its cause: an import succeeds, a
search fails with "database disk image is malformed". `find_damage` runs SQLite's quick check so
an import can refuse to write into a damaged file and say so. `repair_archive` keeps the damaged
file as it is (renamed, never overwritten), copies every readable row of the content tables into
a new archive, rebuilds the search index there from the articles, and puts the new file in place.
The search index is derived data, so damage confined to it costs nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from reader.archive.corrections.schema import CORRECTION_TABLES
from reader.archive.db import Archive, open_archive, side_files, wal_has_data
from reader.archive.errors import ArchiveError, classify, translate
from reader.archive.holder import announced
from reader.archive.meta import keep_identity_of
from reader.archive.search_index import CUTS_TABLE, rebuild_search_index
from reader.archive.snapshots import NEVER_WRITTEN, is_snapshot
from reader.text.oserror import describe_os_error

# The tables that hold what cannot be derived, parents before children, and the cut words (kept
# when readable, so the index need not cut every article again).
CONTENT_TABLES = (
    "publications",
    "issues",
    "sources",
    "articles",
    CUTS_TABLE,
    *CORRECTION_TABLES,
    "user_words",
)
BATCH = 500

Progress = Callable[[str], None]


def find_damage(archive: Archive, limit: int = 20) -> list[str]:
    """What SQLite's quick check finds wrong with the file ([] when it is sound)."""
    try:
        rows = [str(r[0]) for r in archive.conn.execute(f"PRAGMA quick_check({int(limit)})")]
    except sqlite3.DatabaseError as err:
        if classify(err) != "damaged":
            raise  # interrupted, locked…: not what the file is
        return [str(err)]
    return [] if rows == ["ok"] else rows


@dataclass
class RepairReport:
    """What a repair kept and lost, and where the damaged original was put."""

    damaged_copy: Path
    kept: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One Chinese paragraph for the user."""
        kept = self.kept
        text = (
            f"已修复：保留 {kept.get('issues', 0)} 期、{kept.get('articles', 0)} 篇文章，检索索引已重建"
            f"（书签在各人自己的个人文件里，不受影响）。损坏的原文件保存为 {self.damaged_copy}。"
        )
        lost = {k: v for k, v in self.lost.items() if v and k != CUTS_TABLE}
        if lost:
            names = {
                "publications": "报名",
                "issues": "期次",
                "sources": "文件记录",
                "articles": "文章",
                "corrections": "校订",
            }
            text += (
                "无法读出的记录：" + "，".join(f"{names.get(k, k)} {v} 条" for k, v in lost.items()) + "。"
            )
        return text


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


class _Copier:
    """Copies one table's readable rows, splitting a failing range of rowids around bad pages.

    The number of probes is bounded: a table whose every page is unreadable must not turn into
    millions of one-row queries.
    """

    def __init__(self, conn: sqlite3.Connection, table: str, columns: str, budget: int = 20_000) -> None:
        self.conn, self.table, self.columns, self.budget = conn, table, columns, budget
        self.copied = 0
        self.failed_ranges = 0
        marks = ",".join("?" * (columns.count(",") + 1))
        self.insert = f"INSERT OR IGNORE INTO main.{table}(rowid, {columns}) VALUES (?, {marks})"
        self.select = f"SELECT rowid, {columns} FROM damaged.{table} WHERE rowid BETWEEN ? AND ?"

    def copy(self, low: int, high: int) -> None:
        self.budget -= 1
        try:
            rows = self.conn.execute(self.select, (low, high)).fetchall()
        except sqlite3.DatabaseError:
            if low == high or self.budget <= 0:
                self.failed_ranges += 1
                return
            middle = (low + high) // 2
            self.copy(low, middle)
            self.copy(middle + 1, high)
            return
        self.conn.executemany(self.insert, rows)
        self.copied += len(rows)


def _highest_rowid(conn: sqlite3.Connection, table: str) -> int:
    try:
        row = conn.execute(f"SELECT max(rowid) FROM damaged.{table}").fetchone()
        return int(row[0] or 0)
    except sqlite3.DatabaseError:
        return 1_000_000  # the table's b-tree is damaged where its end is: probe the ranges


def _salvage(conn: sqlite3.Connection, report: RepairReport, progress: Progress | None) -> None:
    for table in CONTENT_TABLES:
        try:
            wanted = set(_columns(conn, "damaged", table))
        except sqlite3.DatabaseError:
            wanted = set()
        columns = ", ".join(c for c in _columns(conn, "main", table) if c in wanted)
        if not columns:
            continue
        if progress is not None:
            progress(f"正在读出 {table}…")
        copier = _Copier(conn, table, columns)
        for low in range(0, _highest_rowid(conn, table) + 1, BATCH):
            copier.copy(low, low + BATCH - 1)
        report.kept[table] = copier.copied
        report.lost[table] = copier.failed_ranges


def _drop_orphans(conn: sqlite3.Connection, report: RepairReport) -> None:
    """Rows whose parent was lost cannot be shown: count them as lost. A damaged page can also
    read as an empty one; the recorded word cuts (one row per article) then tell how many
    articles were there."""
    orphans = conn.execute("DELETE FROM articles WHERE issue_id NOT IN (SELECT id FROM issues)").rowcount
    if orphans:
        report.kept["articles"] = report.kept.get("articles", 0) - orphans
    unread = conn.execute(
        f"DELETE FROM {CUTS_TABLE} WHERE article_id NOT IN (SELECT id FROM articles)"
    ).rowcount
    report.lost["articles"] = max(report.lost.get("articles", 0), unread)
    conn.execute("DELETE FROM sources WHERE issue_id NOT IN (SELECT id FROM issues)")


def _move(source: Path, target: Path) -> None:
    """Rename an archive file together with the files SQLite keeps beside it."""
    for old, new in zip([source, *side_files(source)], [target, *side_files(target)], strict=True):
        if old.exists():
            os.replace(old, new)


def _remove(path: Path) -> None:
    for name in (path, *side_files(path)):
        with suppress(OSError):
            name.unlink()


def _reading_uri(path: Path) -> str:
    """Read the damaged file without creating files beside it (immutable), unless its -wal holds
    commits, which only a normal connection reads."""
    return path.resolve().as_uri() + ("?mode=rw" if wal_has_data(path) else "?mode=ro&immutable=1")


def repair_archive(path: Path, progress: Progress | None = None) -> RepairReport:
    """Replace a damaged archive by a sound copy of everything readable in it.

    Every connection to the archive must be closed first. The original is kept beside it as
    `<name>.damaged-<time>.sqlite3` (put back if the repair fails); nothing is deleted. Raises
    ArchiveError when the file cannot be read at all or the folder cannot be written.
    """
    path = Path(path)
    if is_snapshot(path):  # a published copy is never rewritten: the archivist publishes again
        raise ArchiveError(path, "readonly", NEVER_WRITTEN)
    fresh = path.with_name(f"{path.stem}.repairing{path.suffix}")
    _remove(fresh)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    moved = False
    try:
        with announced(path, "修复档案"):
            _move(path, aside)
            moved = True
            with open_archive(fresh) as target:
                report = RepairReport(damaged_copy=aside)
                conn = target.conn
                conn.execute("PRAGMA foreign_keys = OFF")  # a row's parent may be among the lost
                conn.execute("ATTACH DATABASE ? AS damaged", (_reading_uri(aside),))
                with target.transaction():
                    _salvage(conn, report, progress)
                    _drop_orphans(conn, report)
                    keep_identity_of(conn, "damaged")  # bookmarks find the repaired archive
                conn.execute("DETACH DATABASE damaged")
                if progress is not None:
                    progress("正在重建检索索引…")
                with target.transaction():
                    rebuild_search_index(target, recut=False)
                if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise ArchiveError(path, "damaged", "修复后的副本仍未通过检查，原文件未改动")
            os.replace(fresh, path)
    except BaseException as exc:
        _remove(fresh)
        if moved and not path.exists():
            _move(aside, path)
        if isinstance(exc, sqlite3.Error):
            raise translate(exc, path) from exc
        if isinstance(exc, OSError):
            raise ArchiveError(path, "cantopen", describe_os_error(exc)) from exc
        raise
    return report


def damage_of(path: Path) -> list[str]:
    """What is wrong with the archive file at `path`; a file too damaged to open is one problem."""
    try:
        with open_archive(path, readonly=True) as archive:
            return find_damage(archive)
    except ArchiveError as err:
        if err.kind != "damaged":
            raise
        return [str(err)]


def repair_if_damaged(
    path: Path, progress: Progress | None = None, *, force: bool = False
) -> RepairReport | None:
    """Check the archive and repair it when damaged (or when `force`); None when it is sound."""
    if not damage_of(path) and not force:
        return None
    return repair_archive(path, progress)
