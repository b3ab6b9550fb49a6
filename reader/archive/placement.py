"""Where an imported file belongs: which issue, which earlier import it updates, what it repeats.

The rules, in order (docs/architecture.md, "What one import replaces"):

1. A file whose decoded text was imported before is that same file, whatever its name or folder.
2. The issue: a dated file joins the issue of its publication, date and number (a file that lacks
   the publication or the number joins the one issue of that date it does not contradict); an
   undated file is an issue of its own unless it is a version of an undated file imported before.
3. An earlier version of the file: in the same issue, the file imported from the same place (same
   path, or same name when no path is known); anywhere, a file of the same name that shares at
   least one article with it (an edited file keeps most of its articles; another page shares none);
   in the same issue, a file with another name that has at least half of this file's articles
   while this file has at least half of its articles (an edited copy saved under a new name).
4. A clash: another file of the same issue that shares articles with this one (a whole-issue dump
   after page dumps, or an edited copy under a new name). Importing it would duplicate or replace
   another file's articles, so it is reported, never done silently. So is an earlier version that
   now reads as another issue (its date or number changed).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reader.archive.formatting import issue_label
from reader.archive.keys import article_fingerprint
from reader.archive.queries import EFFECTIVE_DATE, FIRST_SOURCE_NAME
from reader.archive.sources import SourceRow, source_rows
from reader.text.model import ParsedIssue
from reader.text.query import readable_text


@dataclass(frozen=True)
class Clash:
    """Another imported file that this one would duplicate or replace."""

    source: SourceRow
    issue_label: str
    shared: int  # articles the two files have in common (0 for a moved file)


@dataclass(frozen=True)
class Placement:
    """Where a parsed file goes; `issue_id` None means a new issue."""

    issue_id: int | None
    previous: SourceRow | None  # the earlier import of this same file, updated in place
    same_content: bool  # `previous` has exactly this text
    clashes: tuple[Clash, ...] = ()
    moved: bool = False  # `previous` belongs to another issue than `issue_id`


def fingerprints(parsed: ParsedIssue) -> set[str]:
    """The fingerprints of the file's articles (reader.archive.keys.article_fingerprint)."""
    return {article_fingerprint(a.headline, a.body) for a in parsed.articles}


def _issue_label(conn: sqlite3.Connection, issue_id: int) -> str:
    """The issue's name (reader.archive.formatting.issue_label), for messages about another file."""
    row = conn.execute(
        f"SELECT {EFFECTIVE_DATE}, p.name, i.number, {FIRST_SOURCE_NAME}"
        " FROM issues i LEFT JOIN publications p ON p.id = i.publication_id WHERE i.id = ?",
        (issue_id,),
    ).fetchone()
    if row is None:
        return "?"
    date, publication, number, source_name = row
    return issue_label(date, publication, number, source_name)


def _dated_issue(conn: sqlite3.Connection, parsed: ParsedIssue, key: str) -> int | None:
    """The issue a dated file belongs to: its exact key, else the one compatible issue of the day."""
    exact = conn.execute("SELECT id FROM issues WHERE key = ?", (key,)).fetchone()
    if exact is not None:
        return int(exact[0])
    rows = conn.execute(
        "SELECT i.id, p.name, i.number FROM issues i LEFT JOIN publications p ON p.id = i.publication_id"
        " WHERE i.date = ?",
        (parsed.date,),
    ).fetchall()
    compatible = [
        row[0]
        for row in rows
        if (row[1] is None or parsed.publication is None or row[1] == parsed.publication)
        and (row[2] is None or parsed.number is None or row[2] == parsed.number)
    ]
    return int(compatible[0]) if len(compatible) == 1 else None


def _shared_counts(
    conn: sqlite3.Connection, where: str, args: list[object], prints: set[str]
) -> dict[int, int]:
    """Per source matching `where` (over articles a, sources s): how many of `prints` it has."""
    counts: dict[int, int] = {}
    ordered = sorted(prints)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT a.source_id, count(DISTINCT a.fingerprint) FROM articles a"
            f" JOIN sources s ON s.id = a.source_id WHERE a.fingerprint IN ({marks}) AND {where}"
            " GROUP BY a.source_id",
            [*chunk, *args],
        )
        for source_id, count in rows:
            counts[source_id] = counts.get(source_id, 0) + count
    return counts


def _is_undated(conn: sqlite3.Connection, issue_id: int) -> bool:
    row = conn.execute("SELECT date FROM issues WHERE id = ?", (issue_id,)).fetchone()
    return row is not None and row[0] is None


def stored_path(path: Path) -> str:
    """How a file's location is stored: absolute, and valid UTF-8 even when the file system's
    name is not (a GBK name on Linux arrives with lone surrogates, which SQLite cannot take)."""
    return readable_text(str(path.resolve()))


def _same_place(source: SourceRow, parsed: ParsedIssue, path: Path | None) -> bool:
    if source.path is not None and path is not None:
        return source.path == stored_path(path)
    return source.name == parsed.source


def _edited_copy(conn: sqlite3.Connection, issue_id: int, prints: set[str]) -> int | None:
    """A file of the issue that this one mostly repeats and that it mostly repeats: its edited copy.

    It must be the only file of the issue this one shares articles with, and at least half of
    either file's articles must be in the other: a whole-issue dump, which repeats several page
    files, is no copy of any of them.
    """
    shared = _shared_counts(conn, "a.issue_id = ?", [issue_id], prints)
    if len(shared) != 1:
        return None
    sizes = dict(
        conn.execute(
            "SELECT source_id, count(DISTINCT fingerprint) FROM articles WHERE issue_id = ?"
            " GROUP BY source_id",
            (issue_id,),
        ).fetchall()
    )
    copies = [
        source_id
        for source_id, count in shared.items()
        if count * 2 >= len(prints) and count * 2 >= sizes.get(source_id, 0)
    ]
    return copies[0] if copies else None


def _previous_version(
    conn: sqlite3.Connection, parsed: ParsedIssue, path: Path | None, issue_id: int | None, prints: set[str]
) -> SourceRow | None:
    """The earlier import of this file (rules 3 of the module docstring), or None."""
    if issue_id is not None:
        same_place = [
            s for s in source_rows(conn, "issue_id = ?", [issue_id]) if _same_place(s, parsed, path)
        ]
        if same_place:
            return same_place[0]
    if prints:
        named = _shared_counts(conn, "s.name = ?", [parsed.source], prints)
        if named:
            best = max(named, key=lambda source_id: (named[source_id], -source_id))
            return source_rows(conn, "id = ?", [best])[0]
    if issue_id is not None and prints:
        copy = _edited_copy(conn, issue_id, prints)
        if copy is not None:
            return source_rows(conn, "id = ?", [copy])[0]
    return None


def place(conn: sqlite3.Connection, parsed: ParsedIssue, key: str, path: Path | None) -> Placement:
    """Decide where `parsed` (imported from `path`, with issue key `key`) goes; reads only."""
    dated = parsed.date is not None
    issue_id = _dated_issue(conn, parsed, key) if dated else None

    same = source_rows(
        conn, "content_hash = ? ORDER BY name = ? DESC, id", [parsed.content_hash, parsed.source]
    )
    if same:
        earlier = same[0]
        if not dated and _is_undated(conn, earlier.issue_id):
            issue_id = earlier.issue_id
        return Placement(issue_id, earlier, True, moved=earlier.issue_id != issue_id)

    prints = fingerprints(parsed)
    previous = _previous_version(conn, parsed, path, issue_id, prints)
    if previous is not None and not dated and _is_undated(conn, previous.issue_id):
        issue_id = previous.issue_id

    clashes: list[Clash] = []
    moved = previous is not None and previous.issue_id != issue_id
    if previous is not None and moved:
        clashes.append(Clash(previous, _issue_label(conn, previous.issue_id), 0))
    if issue_id is not None and prints:
        shared = _shared_counts(conn, "a.issue_id = ?", [issue_id], prints)
        others = {row.id: row for row in source_rows(conn, "issue_id = ?", [issue_id])}
        label = _issue_label(conn, issue_id)
        for source_id, count in sorted(shared.items()):
            if previous is None or source_id != previous.id:
                clashes.append(Clash(others[source_id], label, count))
    return Placement(issue_id, previous, False, tuple(clashes), moved)
