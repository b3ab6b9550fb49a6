"""The tables of staff corrections: the corrections themselves and what applying them left.

`corrections` is the record the user made: it names its article by the stable keys (issue key +
article key, with the article's imported fingerprint to find it again when an edited file gave
it another key), never by row id, and is never changed by an import. The other three tables are
derived state, rebuilt whenever an issue's corrections are lifted and replayed
(reader.archive.corrections.replay):

* `correction_originals`: an imported article row as the import wrote it, saved before the first
  correction changed or removed it, so that the issue can be put back to what the file says;
* `correction_made`: the articles a split created (they have no imported original);
* `article_aliases`: the key of an article merged into another, pointing at the merged one, so
  bookmarks and links of either half find the merged text.
"""

from __future__ import annotations

import sqlite3

# Every table, the record first: what a repair copies (articles hold the corrected text, so
# the originals and the rest must come along for undo and re-import to work).
CORRECTION_TABLES = ("corrections", "correction_originals", "correction_made", "article_aliases")
# The article columns an original keeps (besides its key and issue), in this order.
ORIGINAL_COLUMNS = (
    "id",
    "source_id",
    "position",
    "page",
    "kicker",
    "headline",
    "subtitle",
    "dateline",
    "byline",
    "body",
    "kind",
    "fingerprint",
)


def create_correction_tables(conn: sqlite3.Connection) -> None:
    """Create the four tables (inside the caller's transaction); self-contained for a migration,
    and harmless to run again (a test may rewind the schema version past it to redo another)."""
    conn.execute(
        """
        CREATE TABLE IF NOT EXISTS corrections (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            issue_key TEXT NOT NULL,
            article_key TEXT NOT NULL,
            fingerprint TEXT,
            headline TEXT NOT NULL DEFAULT '',
            params TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            undone_at TEXT,
            status TEXT NOT NULL DEFAULT 'applied',
            reason TEXT NOT NULL DEFAULT ''
        )"""
    )
    conn.execute("CREATE INDEX IF NOT EXISTS corrections_issue ON corrections(issue_key)")
    conn.execute(
        """
        CREATE TABLE IF NOT EXISTS correction_originals (
            article_key TEXT PRIMARY KEY,
            issue_id INTEGER NOT NULL,
            id INTEGER,
            source_id INTEGER,
            position NUMERIC,
            page INTEGER,
            kicker TEXT,
            headline TEXT,
            subtitle TEXT,
            dateline TEXT,
            byline TEXT,
            body TEXT,
            kind TEXT,
            fingerprint TEXT
        )"""
    )
    conn.execute("CREATE INDEX IF NOT EXISTS correction_originals_issue ON correction_originals(issue_id)")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS correction_made (article_key TEXT PRIMARY KEY, issue_id INTEGER NOT NULL,"
        " correction_id INTEGER NOT NULL)"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS correction_made_issue ON correction_made(issue_id)")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS article_aliases (alias TEXT PRIMARY KEY, article_key TEXT NOT NULL,"
        " issue_id INTEGER NOT NULL)"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS article_aliases_issue ON article_aliases(issue_id)")
