"""The schema as a numbered list of migrations; `PRAGMA user_version` records how many ran.

Migration N (1-based) is `MIGRATIONS[N - 1]`. Each runs in its own transaction together with the
version bump, so an archive is never left half-migrated. Append new migrations; never edit
one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import sqlite_utils

from reader.archive.search_index import create_search_index, rebuild_search_index

if TYPE_CHECKING:
    from reader.archive.db import Archive

Migration = Callable[[sqlite_utils.Database], None]


def m001_issues_and_articles(db: sqlite_utils.Database) -> None:
    """Publications, issues and their articles, plus the search index."""
    db.execute(
        """
        CREATE TABLE publications (
            id INTEGER PRIMARY KEY,
            name TEXT UNIQUE NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE issues (
            id INTEGER PRIMARY KEY,
            key TEXT UNIQUE NOT NULL,
            publication_id INTEGER REFERENCES publications(id),
            date TEXT,
            date_source TEXT,
            user_date TEXT,
            weekday TEXT,
            lunar TEXT,
            number INTEGER,
            page_count INTEGER,
            date_hint_year INTEGER,
            date_hint_reason TEXT,
            sections TEXT NOT NULL DEFAULT '[]',
            source_name TEXT,
            source_path TEXT,
            content_hash TEXT,
            imported_at TEXT
        )"""
    )
    db.execute("CREATE INDEX issues_date ON issues(date)")
    db.execute("CREATE INDEX issues_user_date ON issues(user_date)")
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            issue_id INTEGER NOT NULL REFERENCES issues(id),
            key TEXT UNIQUE NOT NULL,
            position INTEGER NOT NULL,
            page INTEGER,
            kicker TEXT NOT NULL DEFAULT '',
            headline TEXT NOT NULL DEFAULT '',
            subtitle TEXT NOT NULL DEFAULT '',
            dateline TEXT NOT NULL DEFAULT '',
            byline TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'news'
        )"""
    )
    db.execute("CREATE INDEX articles_issue_position ON articles(issue_id, position)")
    create_search_index(db)


def m002_bookmarks(db: sqlite_utils.Database) -> None:
    """Bookmarks keyed by the article's stable key, with copies of what is needed to show them.

    The headline/publication/date copies keep a bookmark listable (as 原文已删除) after a
    re-import drops its article; no foreign key, since the article may legitimately vanish.
    """
    db.execute(
        """
        CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY,
            article_key TEXT UNIQUE NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT,
            headline TEXT,
            publication TEXT,
            date TEXT
        )"""
    )
    db.execute("CREATE INDEX bookmarks_created ON bookmarks(created_at)")


def m003_search_without_sizes(db: sqlite_utils.Database) -> None:
    """The search tables again, with `columnsize=0` (see reader.archive.search_index).

    Reuses the recorded jieba cuts, so no article is cut again: about a minute per 100,000
    articles, once, on the first start after the upgrade.
    """
    rebuild_search_index(db, recut=False)


MIGRATIONS: tuple[Migration, ...] = (m001_issues_and_articles, m002_bookmarks, m003_search_without_sizes)


def schema_version(db: sqlite_utils.Database) -> int:
    """How many migrations this archive has had."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(archive: Archive) -> int:
    """Run the migrations this archive has not had yet; returns the new version."""
    version = schema_version(archive.db)
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        with archive.transaction():
            # Re-check inside the write lock: another process may have migrated meanwhile.
            if schema_version(archive.db) >= number:
                continue
            migration(archive.db)
            archive.db.execute(f"PRAGMA user_version = {number}")
    return schema_version(archive.db)
