"""The full-text index behind search: creation and maintenance live here and nowhere else.

Placeholder design (issue #2): one FTS5 trigram table over every article's printed text.
Issue #3 (search) owns this module and may replace the design; callers only use the three
functions below, inside the importer's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

INDEX_TABLE = "article_fts"


def create_search_index(db: sqlite_utils.Database) -> None:
    """Create the index tables (called by a schema migration)."""
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_TABLE} USING fts5("
        "headline, body, tokenize='trigram')"
    )


def index_articles(db: sqlite_utils.Database, article_ids: Iterable[int]) -> None:
    """Add freshly inserted articles to the index."""
    ids = list(article_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(
            f"INSERT INTO {INDEX_TABLE}(rowid, headline, body) "
            f"SELECT id, kicker || ' ' || headline || ' ' || subtitle, "
            f"dateline || ' ' || byline || ' ' || body FROM articles WHERE id IN ({marks})",
            chunk,
        )


def unindex_articles(db: sqlite_utils.Database, article_ids: Iterable[int]) -> None:
    """Remove articles from the index before their rows are deleted."""
    ids = list(article_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM {INDEX_TABLE} WHERE rowid IN ({marks})", chunk)
