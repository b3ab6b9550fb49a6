"""The schema of the archive's data as a numbered list of migrations; `PRAGMA user_version`
records how many ran.

Migration N (1-based) is `MIGRATIONS[N - 1]`. Each runs in its own transaction together with the
version bump, so an archive is never left half-migrated. Append new migrations; never edit
one that has shipped.

A migration is frozen: it says in SQL what it does, and calls no code that keeps changing (the
demo's removal, the search index's maintenance). The search index is not the data's: it has its
own version and rebuild path (reader.archive.search_index.bring_index_up_to_date), run by
open_archive after these. Migrations that once re-indexed (3, 5, 6, 8) now leave that to it:
migration 8 drops the index an archive older than it holds, so every archive that passes it
gets the index anew, built by the current code.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.archive.errors import ArchiveError
from reader.archive.keys import article_fingerprint
from reader.archive.meta import create_meta_table

if TYPE_CHECKING:
    from reader.archive.handle import Archive

Migration = Callable[["Archive"], None]

# The file name of the demo issue in versions before the demo was marked (it looked real).
OLD_DEMO_SOURCE = "2023-03-14_东昌时讯_演示.txt"
# The search index's tables as migration 8 found them (frozen here: it drops them).
_OLD_INDEX_TABLES = ("search_chars", "search_words", "search_headline_chars", "search_headline_words")


def m001_issues_and_articles(archive: Archive) -> None:
    """Publications, issues and their articles (the search index is made by its own path)."""
    db = archive.conn
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


def m002_bookmarks(archive: Archive) -> None:
    """Bookmarks keyed by the article's stable key, with copies of what is needed to show them.

    The headline/publication/date copies keep a bookmark listable (as 原文已删除) after a
    re-import drops its article; no foreign key, since the article may legitimately vanish.
    """
    db = archive.conn
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


def m003_search_without_sizes(archive: Archive) -> None:
    """Once the search tables again, with `columnsize=0`; the index now has its own version and
    rebuild (see the module's docstring), so there is nothing left to do here."""


def m004_sources(archive: Archive) -> None:
    """Every imported file becomes a source of its issue, so that several files add up to one issue.

    Until now an issue was one file: importing 第2版.txt after 第1版.txt replaced the front page.
    Each existing issue gets one source carrying what its file said (the issue's columns keep the
    merged view of all its sources); articles point at their source and carry a fingerprint of
    their text, which tells an edited file (it repeats its own articles) from another page (it
    repeats none). The demo issue of earlier versions is marked as demo, and removed when the
    archive also holds real issues (`_remove_old_demo`).
    """
    db = archive.conn
    db.execute(
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            issue_id INTEGER NOT NULL REFERENCES issues(id),
            name TEXT NOT NULL,
            path TEXT,
            content_hash TEXT NOT NULL,
            first_page INTEGER,
            publication TEXT,
            date TEXT,
            date_source TEXT,
            weekday TEXT,
            lunar TEXT,
            number INTEGER,
            page_count INTEGER,
            date_hint_year INTEGER,
            date_hint_reason TEXT,
            masthead TEXT NOT NULL DEFAULT '[]',
            sections TEXT NOT NULL DEFAULT '[]',
            demo INTEGER NOT NULL DEFAULT 0,
            imported_at TEXT
        )"""
    )
    db.execute("CREATE INDEX sources_issue ON sources(issue_id)")
    db.execute("CREATE INDEX sources_name ON sources(name)")
    db.execute("CREATE INDEX sources_hash ON sources(content_hash)")
    db.execute(
        """
        INSERT INTO sources(id, issue_id, name, path, content_hash, first_page, publication, date,
                            date_source, weekday, lunar, number, page_count, date_hint_year,
                            date_hint_reason, sections, demo, imported_at)
        SELECT i.id, i.id, COALESCE(i.source_name, ''), i.source_path, COALESCE(i.content_hash, ''),
               (SELECT min(a.page) FROM articles a WHERE a.issue_id = i.id), p.name, i.date,
               i.date_source, i.weekday, i.lunar, i.number, i.page_count, i.date_hint_year,
               i.date_hint_reason, i.sections, i.source_name = ?, i.imported_at
        FROM issues i LEFT JOIN publications p ON p.id = i.publication_id
        """,
        [OLD_DEMO_SOURCE],
    )
    db.execute("ALTER TABLE articles ADD COLUMN source_id INTEGER REFERENCES sources(id)")
    db.execute("ALTER TABLE articles ADD COLUMN fingerprint TEXT")
    db.execute("UPDATE articles SET source_id = issue_id")
    db.create_function("article_fingerprint", 2, article_fingerprint, deterministic=True)
    db.execute("UPDATE articles SET fingerprint = article_fingerprint(headline, body)")
    db.execute("CREATE INDEX articles_source ON articles(source_id)")
    db.execute("CREATE INDEX articles_fingerprint ON articles(fingerprint)")
    for column in ("source_name", "source_path", "content_hash"):
        db.execute(f"ALTER TABLE issues DROP COLUMN {column}")
    _remove_old_demo(db)


def _remove_old_demo(conn: sqlite3.Connection) -> None:
    """The demo issue leaves an archive that also holds real issues, with the bookmarks on it
    (still in the archive's own table at this version). Each issue has exactly one source here,
    so the demo's issue goes whole. Its index entries stay until migration 8 drops the index."""
    if conn.execute("SELECT 1 FROM sources WHERE demo = 0 LIMIT 1").fetchone() is None:
        return
    issues = [(row[0],) for row in conn.execute("SELECT issue_id FROM sources WHERE demo = 1")]
    demo = "SELECT id FROM sources WHERE demo = 1"
    conn.execute(
        f"DELETE FROM bookmarks WHERE article_key IN (SELECT key FROM articles WHERE source_id IN ({demo}))"
    )
    conn.execute(f"DELETE FROM articles WHERE source_id IN ({demo})")
    conn.execute("DELETE FROM sources WHERE demo = 1")
    conn.executemany("DELETE FROM issues WHERE id = ?", issues)


def m005_unambiguous_word_tokens(archive: Archive) -> None:
    """Once re-spelled the word tokens starting with "z" (issue 13; see
    reader.archive.search_tokens.encode_token); the index is now rebuilt on its own path."""


def m006_headline_postings(archive: Archive) -> None:
    """Once filled the headline tables (issue 13); the index is now rebuilt on its own path."""


def m007_issues_by_effective_date(archive: Archive) -> None:
    """Issues indexed by their effective date (the user's date if set), in the exact spelling
    queries.EFFECTIVE_DATE uses, so walking issues newest first reads them in index order
    instead of sorting every issue for each batch (see search_plan.scope.issue_order)."""
    archive.conn.execute("CREATE INDEX issues_effective_date ON issues(COALESCE(user_date, date), id)")


def m008_fold_traditional_characters(archive: Archive) -> None:
    """Search folds traditional characters to simplified ones (東 → 东, reader.text.fold), so the
    index of any older archive is obsolete: it is dropped, and open_archive builds the index
    anew (reader.archive.search_index.bring_index_up_to_date) from the recorded jieba cuts —
    about 3 min of CPU for 300,000 articles, once. The cuts themselves (`search_cuts`) stay.
    Self-contained: it may be renumbered.
    """
    for table in _OLD_INDEX_TABLES:
        archive.conn.execute(f"DROP TABLE IF EXISTS {table}")


def m009_corrections(archive: Archive) -> None:
    """Staff corrections (issue 16): their records and what applying them leaves (see
    reader.archive.corrections.schema), and the archive's own dictionary words (see
    reader.archive.dictionary). New tables only; no existing row changes. IF NOT EXISTS: a test
    may rewind the version past this to redo another migration."""
    conn = archive.conn
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
    conn.execute(
        "CREATE TABLE IF NOT EXISTS user_words"
        " (word TEXT PRIMARY KEY, state TEXT NOT NULL, changed_at TEXT NOT NULL)"
    )


def m010_bookmarks_to_the_personal_file(archive: Archive) -> None:
    """Bookmarks leave the archive for the person's own file (reader.archive.personal, issue 22):
    an archive is shared and published, a bookmark is one person's. The archive gets an identity
    and a write count (reader.archive.meta); its bookmarks go to the personal file of whoever
    upgrades it (its owner: a published copy is never upgraded, readers never migrate) under
    that identity, every row with its note, time and copies, and the table is dropped.

    Refused by `migrate`, before any migration runs, when the personal file cannot be written
    and there are bookmarks to move (`_bookmarks_can_move`). The archive and the personal file
    commit one after the other (WAL gives no atomic commit across files): a crash between them
    leaves the bookmarks in the archive and a copy under an identity nobody uses, and the next
    open moves them again. Runs again harmlessly on an archive that had it (self-contained: it
    may be renumbered).
    """
    conn = archive.conn
    identity = create_meta_table(conn)
    if conn.execute("SELECT 1 FROM main.sqlite_master WHERE name = 'bookmarks'").fetchone() is None:
        return
    conn.execute(
        """
        INSERT OR IGNORE INTO personal.bookmarks(archive_id, article_key, note, created_at, headline,
                                                 publication, date)
        SELECT ?, article_key, note, created_at, headline, publication, date
        FROM main.bookmarks ORDER BY id
        """,
        (identity,),
    )
    conn.execute("DROP TABLE main.bookmarks")


def m011_issues_named_by_the_user(archive: Archive) -> None:
    """What the user names an issue (issue 23 defect 1, issue 24 defect 1): its paper, number and
    page beside the date it could already be given (`user_date`), each kept through re-import and
    read before what the files print (reader.archive.sources.refresh_issue); and the names a
    paper was renamed or merged from (`publication_names`), so a file printing the old name is
    filed under the new one. New columns and a new table only; no existing row changes."""
    conn = archive.conn
    columns = {row[1] for row in conn.execute("PRAGMA main.table_info(issues)")}
    for name, kind in (
        ("user_publication_id", "INTEGER REFERENCES publications(id)"),
        ("user_number", "INTEGER"),
        ("user_page", "INTEGER"),
    ):
        if name not in columns:
            conn.execute(f"ALTER TABLE issues ADD COLUMN {name} {kind}")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS publication_names (name TEXT PRIMARY KEY,"
        " publication_id INTEGER NOT NULL REFERENCES publications(id))"
    )


def _m012_pack(text: str | bytes | None) -> str | bytes | None:
    """A body as migration 12 stores it: a zlib stream (level 6) of its UTF-8 when that is
    smaller, else the text. A frozen copy of the format reader.archive.bodies reads."""
    if not isinstance(text, str):
        return text
    raw = text.encode("utf-8")
    packed = zlib.compress(raw, 6)
    return packed if len(packed) < len(raw) else text


def m012_bodies_packed(archive: Archive) -> None:
    """Article bodies stored zlib-packed (issue 26: the body was most of the file; packed it is
    about a third of its UTF-8 on the generated archives, a half on real pages). Every plain body
    of `articles` and `correction_originals` is packed where that makes it smaller; a body that
    does not shrink stays TEXT, which reader.archive.bodies reads as it is. The version bump is
    what keeps an older program, which would show the packed bytes, from opening the archive.
    The freed pages are reused by later imports (the file shrinks on a VACUUM: bench_size)."""
    conn = archive.conn
    conn.create_function("m012_pack", 1, _m012_pack, deterministic=True)
    for table in ("articles", "correction_originals"):
        conn.execute(f"UPDATE {table} SET body = m012_pack(body) WHERE typeof(body) = 'text'")


MIGRATIONS: tuple[Migration, ...] = (
    m001_issues_and_articles,
    m002_bookmarks,
    m003_search_without_sizes,
    m004_sources,
    m005_unambiguous_word_tokens,
    m006_headline_postings,
    m007_issues_by_effective_date,
    m008_fold_traditional_characters,
    m009_corrections,
    m010_bookmarks_to_the_personal_file,
    m011_issues_named_by_the_user,
    m012_bodies_packed,
)


def schema_version(archive: Archive) -> int:
    """How many migrations this archive has had."""
    return int(archive.conn.execute("PRAGMA user_version").fetchone()[0])


BOOKMARKS_MOVED_OUT = 10  # the version m010 brings: from then on the archive holds no bookmarks


def _bookmarks_can_move(archive: Archive, version: int) -> None:
    """Raise ArchiveError ("personal") when migration 10 is due, the archive holds bookmarks and
    the personal file cannot take them: the upgrade must not start (it would stop half-way)."""
    if archive.personal_blocker is None or not 2 <= version < BOOKMARKS_MOVED_OUT:
        return
    if archive.conn.execute("SELECT 1 FROM main.bookmarks LIMIT 1").fetchone() is not None:
        raise ArchiveError(archive.path, "personal", archive.personal_blocker)


def migrate(archive: Archive) -> int:
    """Run the migrations this archive has not had yet; returns the new version."""
    version = schema_version(archive)
    _bookmarks_can_move(archive, version)
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        with archive.transaction():
            # Re-check inside the write lock: another process may have migrated meanwhile.
            if schema_version(archive) >= number:
                continue
            migration(archive)
            archive.conn.execute(f"PRAGMA user_version = {number}")
    return schema_version(archive)
