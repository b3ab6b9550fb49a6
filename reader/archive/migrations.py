"""The schema as a numbered list of migrations; `PRAGMA user_version` records how many ran.

Migration N (1-based) is `MIGRATIONS[N - 1]`. Each runs in its own transaction together with the
version bump, so an archive is never left half-migrated. Append new migrations; never edit
one that has shipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.archive.corrections.schema import create_correction_tables
from reader.archive.demo import OLD_DEMO_SOURCE, has_real_issues, remove_demo
from reader.archive.dictionary import create_dictionary_table
from reader.archive.errors import ArchiveError
from reader.archive.keys import article_fingerprint
from reader.archive.meta import create_meta_table
from reader.archive.search_index import (
    CHARS_TABLE,
    create_search_index,
    encode_token,
    index_headlines,
    rebuild_search_index,
    respell_words,
)
from reader.text.fold import traditional_characters

if TYPE_CHECKING:
    from reader.archive.db import Archive

Migration = Callable[["Archive"], None]


def m001_issues_and_articles(archive: Archive) -> None:
    """Publications, issues and their articles, plus the search index."""
    db = archive.db
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
    create_search_index(archive)


def m002_bookmarks(archive: Archive) -> None:
    """Bookmarks keyed by the article's stable key, with copies of what is needed to show them.

    The headline/publication/date copies keep a bookmark listable (as 原文已删除) after a
    re-import drops its article; no foreign key, since the article may legitimately vanish.
    """
    db = archive.db
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
    """The search tables again, with `columnsize=0` (see reader.archive.search_index).

    Reuses the recorded jieba cuts, so no article is cut again: about a minute per 100,000
    articles, once, on the first start after the upgrade.
    """
    rebuild_search_index(archive, recut=False)


def m004_sources(archive: Archive) -> None:
    """Every imported file becomes a source of its issue, so that several files add up to one issue.

    Until now an issue was one file: importing 第2版.txt after 第1版.txt replaced the front page.
    Each existing issue gets one source carrying what its file said (the issue's columns keep the
    merged view of all its sources); articles point at their source and carry a fingerprint of
    their text, which tells an edited file (it repeats its own articles) from another page (it
    repeats none). The demo issue of earlier versions is marked as demo, and removed when the
    archive also holds real issues.
    """
    db = archive.db
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
    db.conn.create_function("article_fingerprint", 2, article_fingerprint, deterministic=True)
    db.execute("UPDATE articles SET fingerprint = article_fingerprint(headline, body)")
    db.execute("CREATE INDEX articles_source ON articles(source_id)")
    db.execute("CREATE INDEX articles_fingerprint ON articles(fingerprint)")
    for column in ("source_name", "source_path", "content_hash"):
        db.execute(f"ALTER TABLE issues DROP COLUMN {column}")
    if has_real_issues(archive):
        remove_demo(archive)


_V4_SEPARATOR = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]")


def _v4_token(token: str) -> str:
    """How archives up to version 4 spelled a token (frozen here: m005 deletes with it)."""
    if not _V4_SEPARATOR.search(token):
        return token
    return "z" + "".join(f"{ord(c):x}g" for c in token)


def m005_unambiguous_word_tokens(archive: Archive) -> None:
    """Words starting with "z" get the escaped spelling, so no word can pose as punctuation.

    Up to version 4 the jieba word "z2cg" was stored as the token "z2cg", which is also how
    a comma was stored, so the query z2cg found articles holding only a comma (issue 13).
    `encode_token` now escapes every token of two or more characters that starts with "z"
    (see its proof); single characters are spelled as before, so the character index and
    every other word are unchanged. Only articles whose folded text holds a "z" can have such
    a word, and the character index finds exactly those (each folded character is its own
    token; the tokenizer lower-cases "Z"), so only they are re-spelled: the word index is not
    rebuilt, and an archive of Chinese text upgrades in seconds.
    """
    ids = [row[0] for row in archive.conn.execute(f"SELECT rowid FROM {CHARS_TABLE}('\"z\"')")]
    respell_words(archive, ids, before=_v4_token)


def m006_headline_postings(archive: Archive) -> None:
    """The headline tables: postings of headlines alone, so 标题: queries and the headline tier
    stop reading where a term occurs in every body (issue 13; see reader.archive.search_index).

    Filled from each article's headline and the words recorded when it was indexed; the full
    tables are not touched, so an archive upgrades in about the time it takes to read its
    headlines.
    """
    index_headlines(archive)


def m007_issues_by_effective_date(archive: Archive) -> None:
    """Issues indexed by their effective date (the user's date if set), in the exact spelling
    queries.EFFECTIVE_DATE uses, so walking issues newest first reads them in index order
    instead of sorting every issue for each batch (see search_plan.scope.issue_order)."""
    archive.conn.execute("CREATE INDEX issues_effective_date ON issues(COALESCE(user_date, date), id)")


def m008_fold_traditional_characters(archive: Archive) -> None:
    """Search folds traditional characters to simplified ones (東 → 东, reader.text.fold).

    The index holds folded text, so every article holding a traditional character must be
    indexed again. Each folded character is its own token of the character index, so one probe
    per traditional character (about 4,100, milliseconds in all) tells whether any article holds
    one; only then is the index rebuilt, from the recorded jieba cuts (the fold keeps every
    character one character, so the cuts still fit). Real dumps do hold stray traditional
    characters (the shared corpus has a 贏), so expect the rebuild: measured 2 min 50 s of CPU
    (7 min 44 s wall on a busy two-core machine) for 300,000 articles, once, on a worker. A
    rebuild, not a re-index of the affected articles only: a contentless index can only be
    deleted from with exactly the tokens it was given, and articles an older migration left
    spelled its own way would be corrupted silently. Self-contained: it may be renumbered.
    """
    probe = f"SELECT 1 FROM {CHARS_TABLE}(?) LIMIT 1"
    for char in sorted(traditional_characters()):
        if archive.conn.execute(probe, (f'"{encode_token(char)}"',)).fetchone() is not None:
            rebuild_search_index(archive, recut=False)
            return


def m009_corrections(archive: Archive) -> None:
    """Staff corrections (issue 16): their records and what applying them leaves (see
    reader.archive.corrections.schema), and the archive's own dictionary words (see
    reader.archive.dictionary). New tables only; no existing row changes."""
    create_correction_tables(archive.conn)
    create_dictionary_table(archive.conn)


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
