"""The files an issue was imported from, and the issue as all its files together describe it.

An issue is often dumped as several files (one per page or group of pages, the masthead
repeated); each imported file is a source row, and its articles point at it. The issue row holds
the merged view: the first value any source gives for the masthead fields (in page order), every
source's sections, and one reading order over all articles, with the paper and number the user
gave the issue (`user_publication_id`, `user_number`) before what the files print. `refresh_issue`
is the one place that view is computed; call it whenever an issue's sources or the user's names
of it change.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.archive.keys import natural_key
from reader.archive.search_index import unindex_articles

if TYPE_CHECKING:
    from reader.archive.handle import Archive

# Masthead fields an issue takes from the first of its sources that has them.
MERGED_FIELDS = (
    "date_source",
    "weekday",
    "lunar",
    "number",
    "page_count",
    "date_hint_year",
    "date_hint_reason",
)


@dataclass(frozen=True)
class SourceRow:
    """One imported file as the archive remembers it."""

    id: int
    issue_id: int
    name: str
    path: str | None
    content_hash: str
    first_page: int | None
    demo: bool

    def order(self) -> tuple[object, ...]:
        """Reading order of an issue's files: by first page, then by name (第2版 before 第10版)."""
        return (self.first_page is None, self.first_page or 0, natural_key(self.name), self.id)


SOURCE_COLUMNS = "id, issue_id, name, path, content_hash, first_page, demo"


def source_rows(conn: sqlite3.Connection, where: str, args: Iterable[object] = ()) -> list[SourceRow]:
    """Sources matching a WHERE clause (written by this package, never by a caller's input)."""
    rows = conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE {where}", list(args))
    return [SourceRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in rows]


def delete_sources(archive: Archive, source_ids: Iterable[int]) -> set[int]:
    """Remove these sources and their articles (index entries first); returns the issues touched.

    Bookmarks stay: they hold copies of what they show (已不在档案中) and come back to life when a
    later import brings an article with the same key. Call `refresh_issue` for each issue returned.
    """
    conn = archive.conn
    issues: set[int] = set()
    for source_id in source_ids:
        row = conn.execute("SELECT issue_id FROM sources WHERE id = ?", (source_id,)).fetchone()
        if row is None:
            continue
        issues.add(int(row[0]))
        article_ids = [
            r[0] for r in conn.execute("SELECT id FROM articles WHERE source_id = ?", (source_id,))
        ]
        unindex_articles(archive, article_ids)
        conn.execute("DELETE FROM articles WHERE source_id = ?", (source_id,))
        conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
    return issues


def publication_id(conn: sqlite3.Connection, name: str | None) -> int | None:
    """The id of the publication of this name, made when new; None for no name. A name the user
    renamed or merged a paper from (`publication_names`) leads to that paper: a file printing
    the old name is filed under the new one."""
    if not name:
        return None
    renamed = conn.execute("SELECT publication_id FROM publication_names WHERE name = ?", (name,)).fetchone()
    if renamed is not None:
        return int(renamed[0])
    conn.execute("INSERT OR IGNORE INTO publications(name) VALUES (?)", (name,))
    return int(conn.execute("SELECT id FROM publications WHERE name = ?", (name,)).fetchone()[0])


def refresh_issue(conn: sqlite3.Connection, issue_id: int) -> bool:
    """Recompute the issue's merged masthead, sections and reading order from its sources.

    An issue left without sources is deleted (its user date goes with it: nothing of it remains
    to be dated). Returns False then, True while the issue exists.
    """
    sources = sorted(source_rows(conn, "issue_id = ?", [issue_id]), key=SourceRow.order)
    if not sources:
        conn.execute("DELETE FROM issues WHERE id = ?", (issue_id,))
        return False
    rank = {source.id: n for n, source in enumerate(sources)}
    columns = ", ".join(("id", "publication", "sections", *MERGED_FIELDS))
    details = {
        r[0]: r for r in conn.execute(f"SELECT {columns} FROM sources WHERE issue_id = ?", (issue_id,))
    }
    ordered = [details[s.id] for s in sources]
    merged: dict[str, object] = {}
    for offset, name in enumerate(MERGED_FIELDS, start=3):
        merged[name] = next((row[offset] for row in ordered if row[offset] is not None), None)
    user_publication, user_number = conn.execute(
        "SELECT user_publication_id, user_number FROM issues WHERE id = ?", (issue_id,)
    ).fetchone()
    if user_number is not None:  # what the user named the issue comes before what its files print
        merged["number"] = user_number
    publication = next((row[1] for row in ordered if row[1]), None)
    merged["publication_id"] = user_publication or publication_id(conn, publication)
    merged["sections"] = json.dumps([s for row in ordered for s in json.loads(row[2])], ensure_ascii=False)
    current = conn.execute(f"SELECT {', '.join(merged)} FROM issues WHERE id = ?", (issue_id,)).fetchone()
    # Only what changed: rewriting the whole row for every file cost ~3 ms a file.
    changed = {
        name: value for (name, value), old in zip(merged.items(), current, strict=True) if value != old
    }
    if changed:
        assignments = ", ".join(f"{name} = ?" for name in changed)
        conn.execute(f"UPDATE issues SET {assignments} WHERE id = ?", [*changed.values(), issue_id])

    articles = conn.execute(
        "SELECT id, page, source_id FROM articles WHERE issue_id = ?", (issue_id,)
    ).fetchall()
    articles.sort(key=lambda r: (r[1] is None, r[1] or 0, rank.get(r[2], len(rank)), r[0]))
    conn.executemany(
        "UPDATE articles SET position = ? WHERE id = ? AND position IS NOT ?",
        [(position, row[0], position) for position, row in enumerate(articles)],
    )
    return True
