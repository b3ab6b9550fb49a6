"""Where the reader left an archive: the issue and article last shown, the search they were in
and how far the article was scrolled, in their personal file.

Kept by stable keys under the archive's identity (reader.archive.personal, reader.archive.meta),
never by row ids: the next start opens the same article in the same archive, a backup of it or a
newer published copy, and another archive on the same computer has a place of its own instead of
a row id that means something else there. Written through `Archive.personal_transaction`, so it
works on an archive nobody may write. No Qt here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reader.archive.handle import Archive
from reader.archive.queries import ALIASED_KEY

# The article the stored key leads to now (itself, or what a correction merged it into): the one
# spelling of that, queries.ALIASED_KEY, with the stored key where it takes parameters.
_PLACE = f"""
    SELECT i.id, a.id, p.query, p.scroll FROM personal.places p
    JOIN issues i ON i.key = p.issue_key
    LEFT JOIN articles a ON a.issue_id = i.id AND a.key = {ALIASED_KEY.replace("?", "p.article_key")}
    WHERE p.archive_id = ?
"""


@dataclass(frozen=True)
class Place:
    """Where the reader left an archive, in ids of the archive as it is now: the issue, the
    article (None when it is gone, or merged into another issue), the search whose results were
    in front ('' for none) and the reading pane's scroll position."""

    issue_id: int
    article_id: int | None
    query: str = ""
    scroll: int = 0


def remember(
    archive: Archive, issue_key: str, article_key: str | None, query: str = "", scroll: int = 0
) -> None:
    """The reader leaves the archive at this issue (and article, search and scroll). Raises
    PersonalFileError when the personal file cannot be written."""
    if archive.identity is None:
        return
    saved = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with archive.personal_transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO personal.places"
            "(archive_id, issue_key, article_key, saved_at, query, scroll) VALUES (?, ?, ?, ?, ?, ?)",
            (archive.identity, issue_key, article_key, saved, query, max(0, int(scroll))),
        )


def last_place(archive: Archive) -> Place | None:
    """Where the reader left this archive; None without a place or when the issue is gone."""
    row = archive.conn.execute(_PLACE, (archive.identity,)).fetchone()
    if row is None:
        return None
    article = None if row[1] is None else int(row[1])
    return Place(int(row[0]), article, str(row[2] or ""), int(row[3] or 0))
