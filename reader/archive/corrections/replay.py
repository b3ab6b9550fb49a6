"""Putting an issue back to what its files say, and applying its corrections again.

`lift` undoes the effect of every correction on an issue's rows (from `correction_originals`,
`correction_made`, `article_aliases`); `replay` applies the issue's corrections that are not
undone, oldest first, and records for each whether it applied and why not. The importer lifts
the issues a file touches before it replaces anything (so keys are reused by the imported
headlines, not the corrected ones) and replays them after: a correction is made once and
applied to every later import of its issue. Undo and redo are lift + replay of one issue.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.archive.corrections.apply import apply
from reader.archive.corrections.records import CORRECTION_COLUMNS, correction_from_row
from reader.archive.corrections.schema import ORIGINAL_COLUMNS
from reader.archive.search_index import index_articles, unindex_articles

if TYPE_CHECKING:
    from reader.archive.handle import Archive
    from reader.archive.placement import Placement


ISSUE_GONE = "本期已不在档案中"


def has_corrections(archive: Archive) -> bool:
    """True when the archive holds at least one correction (the importer's fast path)."""
    return archive.conn.execute("SELECT 1 FROM corrections LIMIT 1").fetchone() is not None


def lift(archive: Archive, issue_ids: Iterable[int]) -> None:
    """Put these issues' article rows back as the import wrote them (inside a transaction)."""
    conn = archive.conn
    columns = ", ".join(ORIGINAL_COLUMNS)
    marks = ",".join("?" * (len(ORIGINAL_COLUMNS) + 2))
    for issue_id in sorted(set(issue_ids)):
        originals = conn.execute(
            f"SELECT article_key, {columns} FROM correction_originals WHERE issue_id = ?", (issue_id,)
        ).fetchall()
        made = [
            r[0]
            for r in conn.execute("SELECT article_key FROM correction_made WHERE issue_id = ?", (issue_id,))
        ]
        keys = [r[0] for r in originals] + made
        current = [
            r[0]
            for key in keys
            for r in conn.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchall()
        ]
        unindex_articles(archive, current)
        conn.executemany("DELETE FROM articles WHERE key = ?", [(key,) for key in keys])
        restored = []
        for key, row_id, *values in originals:
            free = conn.execute("SELECT 1 FROM articles WHERE id = ?", (row_id,)).fetchone() is None
            cursor = conn.execute(
                f"INSERT INTO articles(key, issue_id, {columns}) VALUES ({marks})",
                [key, issue_id, row_id if free else None, *values],
            )
            restored.append(int(cursor.lastrowid or 0))
        index_articles(archive, restored)
        for table in ("correction_originals", "correction_made", "article_aliases"):
            conn.execute(f"DELETE FROM {table} WHERE issue_id = ?", (issue_id,))


def replay(archive: Archive, issue_ids: Iterable[int]) -> None:
    """Apply each issue's corrections that are not undone, oldest first, recording the outcome."""
    conn = archive.conn
    for issue_id in sorted(set(issue_ids)):
        found = conn.execute("SELECT key FROM issues WHERE id = ?", (issue_id,)).fetchone()
        if found is None:
            continue
        rows = conn.execute(
            f"SELECT {CORRECTION_COLUMNS} FROM corrections WHERE issue_key = ? AND undone_at IS NULL"
            " ORDER BY id",
            (found[0],),
        ).fetchall()
        for row in rows:
            correction = correction_from_row(row)
            reason = apply(archive, issue_id, correction)
            conn.execute(
                "UPDATE corrections SET status = ?, reason = ? WHERE id = ?",
                ("applied" if reason is None else "failed", reason or "", correction.id),
            )


def corrected_issues(archive: Archive, issue_ids: Iterable[int]) -> set[int]:
    """Those of these issues that have corrections or their traces (what lift/replay must visit)."""
    conn = archive.conn
    wanted: set[int] = set()
    for issue_id in set(issue_ids):
        traced = conn.execute(
            "SELECT 1 FROM correction_originals WHERE issue_id = ?1"
            " UNION ALL SELECT 1 FROM correction_made WHERE issue_id = ?1"
            " UNION ALL SELECT 1 FROM corrections c JOIN issues i ON i.key = c.issue_key WHERE i.id = ?1"
            " LIMIT 1",
            (issue_id,),
        ).fetchone()
        if traced is not None:
            wanted.add(issue_id)
    return wanted


def rebuild(archive: Archive, issue_ids: Iterable[int]) -> None:
    """Lift and replay these issues: after a correction was undone or redone."""
    ids = set(issue_ids)
    lift(archive, ids)
    replay(archive, ids)


def corrections_touched(archive: Archive, placement: Placement) -> set[int]:
    """The issues an import placed by `placement` may change that carry corrections."""
    if not has_corrections(archive):
        return set()
    ids = {placement.issue_id} if placement.issue_id is not None else set()
    if placement.previous is not None:
        ids.add(placement.previous.issue_id)
    ids.update(clash.source.issue_id for clash in placement.clashes)
    return corrected_issues(archive, ids)
