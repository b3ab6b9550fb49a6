"""Where the reader left an archive: the issue and article last shown, in their personal file.

Kept by stable keys under the archive's identity (reader.archive.personal, reader.archive.meta),
never by row ids: the next start opens the same article in the same archive, a backup of it or a
newer published copy, and another archive on the same computer has a place of its own instead of
a row id that means something else there. Written through `Archive.personal_transaction`, so it
works on an archive nobody may write. No Qt here.
"""

from __future__ import annotations

import datetime as dt

from reader.archive.handle import Archive
from reader.archive.queries import ALIASED_KEY

# The article the stored key leads to now (itself, or what a correction merged it into): the one
# spelling of that, queries.ALIASED_KEY, with the stored key where it takes parameters.
_PLACE = f"""
    SELECT i.id, a.id FROM personal.places p
    JOIN issues i ON i.key = p.issue_key
    LEFT JOIN articles a ON a.issue_id = i.id AND a.key = {ALIASED_KEY.replace("?", "p.article_key")}
    WHERE p.archive_id = ?
"""


def remember(archive: Archive, issue_key: str, article_key: str | None) -> None:
    """The reader leaves the archive at this issue (and article). Raises PersonalFileError when
    the personal file cannot be written."""
    if archive.identity is None:
        return
    saved = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with archive.personal_transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO personal.places(archive_id, issue_key, article_key, saved_at)"
            " VALUES (?, ?, ?, ?)",
            (archive.identity, issue_key, article_key, saved),
        )


def last_place(archive: Archive) -> tuple[int, int | None] | None:
    """The ids, in this archive as it is now, of the issue and article the reader left it at (the
    article None when it is gone, or merged into another issue); None without a place or when the
    issue is gone."""
    row = archive.conn.execute(_PLACE, (archive.identity,)).fetchone()
    return None if row is None else (int(row[0]), None if row[1] is None else int(row[1]))
