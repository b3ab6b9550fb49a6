"""The demo issue: invented news shipped with the program so that the first start is not empty.

Demo content must never be mistaken for the archive: it has its own publication (演示报纸), is
flagged on its source row, says 演示 wherever an article is shown or printed, and leaves the
archive when the first real issue arrives (or when the user removes it). Bookmarks on it go with
it: they point at fiction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.archive.personal import delete_bookmarks
from reader.archive.sources import delete_sources, refresh_issue

if TYPE_CHECKING:
    from reader.archive.handle import Archive

DEMO_PUBLICATION = "演示报纸"


def has_demo(archive: Archive) -> bool:
    """True while the demo issue is in the archive."""
    return archive.conn.execute("SELECT 1 FROM sources WHERE demo = 1 LIMIT 1").fetchone() is not None


def remove_demo(archive: Archive) -> int:
    """Take the demo issue out of the archive, and this user's bookmarks on it out of their
    personal file; returns the articles removed.

    Runs inside the caller's transaction (of the archive; the personal file joins it).
    """
    conn = archive.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM sources WHERE demo = 1")]
    if not ids:
        return 0
    marks = ",".join("?" * len(ids))
    keys = [r[0] for r in conn.execute(f"SELECT key FROM articles WHERE source_id IN ({marks})", ids)]
    delete_bookmarks(conn, archive.identity, keys)
    for issue_id in delete_sources(archive, ids):
        refresh_issue(conn, issue_id)
    return len(keys)
