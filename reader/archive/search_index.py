"""The full-text index behind search: creation and maintenance live here and nowhere else.

Two contentless FTS5 tables over folded text (reader.text.fold), both with columns
(headline, other) where `other` is kicker, subtitle, dateline, byline and body joined by "\n":

* `search_chars`: one token per folded character. A term matches as the phrase of its
  characters, i.e. at consecutive positions, which is exact substring matching for terms of
  any length (1 and 2 characters included) — measured against trigram and bigram indexes in
  bench/bench_search.py, it is the smallest and simplest of the exact designs.
* `search_words`: one token per jieba word (reader.text.words). Used for RANKING only: BM25
  over words, headline weighted; a phrase of words at consecutive positions implies the
  substring, so a word match is always also a character match.

Two more tables hold the headline alone, `search_headline_chars` and `search_headline_words`,
with the same columns (`other` left empty) and the same tokens: their postings list headline
occurrences only. A column filter (`headline : …`) on the full tables still reads the term's
postings in every article's body; these are read instead where only headlines count — a query
whose every term is 标题:, and the choice of the headline tier — which is what makes 标题:
queries and the first page of common words fast (issue 13). They cost the size of the headline
text (a few per cent of the index).

How jieba cut each article is recorded in `search_cuts` (one character per word length, a
body's record zlib-packed: search_tokens.pack_cuts, some 0.05× the text), so removing an
article re-creates exactly the words it was indexed with, even after the user dictionary or
jieba changed; a contentless table given other values than it was given at insert is corrupted.

Both tables are made with `columnsize=0`: FTS5 then keeps no per-row size record, and bm25()
treats every document as length 0, i.e. BM25 with b = 0 and k1 = 0.3 (up to a constant
factor): a term's weight saturates with how often it occurs, and long articles are not
penalised. Measured on a 100k-article archive, the size lookup was 85% of bm25()'s cost
(1.4 µs of 1.6 µs a row), and for a news archive length carries no relevance against the term:
a feature naming 党建 eight times is not a worse answer than a caption naming it once.

How text becomes tokens is reader.archive.search_tokens.
Contentless tables store no copy of the text; SQLite 3.40 deletes from them only through the
'delete' command with the old values, which `unindex_articles` recomputes from the article rows
(still present when it is called).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.archive.bodies import body_sql
from reader.archive.id_lists import rows_where_in
from reader.archive.meta import read_value, write_values
from reader.archive.search_tokens import Tokenizer, decode_cuts, pack_cuts
from reader.text.fold import fold

if TYPE_CHECKING:
    from reader.archive.handle import Archive

CHARS_TABLE = "search_chars"
WORDS_TABLE = "search_words"
HEADLINE_CHARS_TABLE = "search_headline_chars"
HEADLINE_WORDS_TABLE = "search_headline_words"
CUTS_TABLE = "search_cuts"
ARTICLE_ISSUE_INDEX = "search_article_issue"
OTHER_FIELDS = ("kicker", "subtitle", "dateline", "byline", "body")
FTS_TABLES = (CHARS_TABLE, WORDS_TABLE, HEADLINE_CHARS_TABLE, HEADLINE_WORDS_TABLE)
HEADLINE_WEIGHT = 10.0
# The index's own version (see `bring_index_up_to_date`), kept in the archive's meta table. Bump
# it when what the index holds for a text changes: every archive then rebuilds its index once.
# 2: whitespace other than the line break folds to a space (reader.text.fold), and the rebuild
# packs every recorded cut (search_tokens.pack_cuts; issue 26).
INDEX_VERSION = 2
INDEX_VERSION_KEY = "search_index_version"


@dataclass(frozen=True)
class IndexTables:
    """A pair of tables one search reads: characters decide the matches, words the ranking."""

    chars: str
    words: str


WHOLE_ARTICLES = IndexTables(CHARS_TABLE, WORDS_TABLE)
HEADLINES_ONLY = IndexTables(HEADLINE_CHARS_TABLE, HEADLINE_WORDS_TABLE)


def other_columns(alias: str = "") -> str:
    """OTHER_FIELDS as a SELECT list that reads them as text (the body through reader_body),
    each qualified by `alias` when given."""
    names = [f"{alias}.{c}" if alias else c for c in OTHER_FIELDS]
    return ", ".join(body_sql(n) if c == "body" else n for c, n in zip(OTHER_FIELDS, names, strict=True))


def other_text(row: Sequence[str | None]) -> str:
    """The non-headline fields of an article as one string, in printed order."""
    return "\n".join(part for part in (row or ()) if part)


@dataclass(frozen=True)
class _Document:
    """What one article puts into the index."""

    id: int
    char_headline: str
    char_other: str
    word_headline: str
    word_other: str
    cuts_headline: str | bytes  # as `pack_cuts` stores them, or not yet packed
    cuts_other: str | bytes


Stored = str | bytes | None  # a recorded cut as search_cuts holds it (search_tokens.pack_cuts)


def _rows(conn: sqlite3.Connection, ids: list[int]) -> Iterator[tuple[int, str, str, Stored, Stored]]:
    """(id, folded headline, folded other, the recorded cut of each or None) of these articles."""
    sql = (
        f"SELECT a.id, a.headline, c.headline, c.other, {other_columns('a')} FROM articles a"
        f" LEFT JOIN {CUTS_TABLE} c ON c.article_id = a.id WHERE a.id"
    )
    for row in rows_where_in(conn, sql, ids):
        yield row[0], fold(row[1] or ""), fold(other_text(row[4:])), row[2], row[3]


def _texts(
    conn: sqlite3.Connection, tokenizer: Tokenizer, ids: list[int], recorded: bool
) -> Iterator[tuple[int, str, str, list[str], list[str]]]:
    """(id, folded headline, folded other, their words) of these articles.

    With `recorded`, the words are those jieba made when the article was indexed (search_cuts).
    """
    for id_, headline, other, cuts_h, cuts_o in _rows(conn, ids):
        if recorded and cuts_h is not None and cuts_o is not None:
            yield id_, headline, other, decode_cuts(headline, cuts_h), decode_cuts(other, cuts_o)
        else:
            yield id_, headline, other, tokenizer.words(headline), tokenizer.words(other)


def _documents(
    conn: sqlite3.Connection, tokenizer: Tokenizer, ids: list[int], recorded: bool
) -> Iterator[_Document]:
    """The index documents of these articles; with `recorded`, words as cut when indexed."""
    for id_, headline, other, cuts_h, cuts_o in _rows(conn, ids):
        if recorded and cuts_h is not None and cuts_o is not None:
            spelled_h = tokenizer.recorded_document(headline, cuts_h)
            spelled_o = tokenizer.recorded_document(other, cuts_o)
        else:
            spelled_h, cuts_h = tokenizer.word_document(headline)
            spelled_o, cuts_o = tokenizer.word_document(other)
        chars_h, chars_o = tokenizer.char_text(headline), tokenizer.char_text(other)
        yield _Document(id_, chars_h, chars_o, spelled_h, spelled_o, cuts_h, cuts_o)


def create_search_index(archive: Archive) -> None:
    """Create the index tables where they are missing (see `bring_index_up_to_date`)."""
    conn = archive.conn
    for table in FTS_TABLES:
        conn.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
            "headline, other, content='', columnsize=0, tokenize='ascii')"
        )
    _create_cuts_table(conn)
    # Ranking joins every match to its issue's date: a covering index makes that lookup cheap.
    conn.execute(f"CREATE INDEX IF NOT EXISTS {ARTICLE_ISSUE_INDEX} ON articles(id, issue_id)")


def _create_cuts_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {CUTS_TABLE} ("
        "article_id INTEGER PRIMARY KEY, headline TEXT NOT NULL, other TEXT NOT NULL)"
    )


_COLUMNS = {  # table → the _Document fields of its (headline, other) columns
    CHARS_TABLE: ("char_headline", "char_other"),
    WORDS_TABLE: ("word_headline", "word_other"),
    HEADLINE_CHARS_TABLE: ("char_headline", ""),
    HEADLINE_WORDS_TABLE: ("word_headline", ""),
}


def _write(archive: Archive, article_ids: Iterable[int], delete: bool, recorded: bool = False) -> None:
    ids = sorted({int(i) for i in article_ids})
    conn = archive.conn
    _create_cuts_table(conn)  # archives made before the table existed (development builds)
    docs = list(_documents(conn, archive.tokenizer, ids, recorded=delete or recorded))
    for table, fields in _COLUMNS.items():
        values = [(d.id, getattr(d, fields[0]), getattr(d, fields[1]) if fields[1] else "") for d in docs]
        if delete:
            sql = f"INSERT INTO {table}({table}, rowid, headline, other) VALUES ('delete', ?, ?, ?)"
        else:
            sql = f"INSERT INTO {table}(rowid, headline, other) VALUES (?, ?, ?)"
        conn.executemany(sql, values)
    if delete:
        conn.executemany(f"DELETE FROM {CUTS_TABLE} WHERE article_id = ?", [(d.id,) for d in docs])
    else:
        conn.executemany(
            f"INSERT OR REPLACE INTO {CUTS_TABLE}(article_id, headline, other) VALUES (?, ?, ?)",
            [(d.id, pack_cuts(d.cuts_headline), pack_cuts(d.cuts_other)) for d in docs],
        )


def index_articles(archive: Archive, article_ids: Iterable[int]) -> None:
    """Add freshly inserted articles to the index (inside the caller's transaction)."""
    _write(archive, article_ids, delete=False)


def unindex_articles(archive: Archive, article_ids: Iterable[int]) -> None:
    """Remove articles from the index; call BEFORE their rows are deleted or changed."""
    _write(archive, article_ids, delete=True)


def rebuild_search_index(archive: Archive, *, recut: bool) -> None:
    """Make both tables anew, with the current options, and index every article again.

    With `recut` jieba cuts every article again (after a change of the user dictionary);
    without, the words recorded in `search_cuts` are reused, which is ~20× faster.
    """
    conn = archive.conn
    for table in FTS_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    _create_cuts_table(conn)
    if recut:
        conn.execute(f"DELETE FROM {CUTS_TABLE}")
    else:  # cuts of articles an old migration deleted without the index (m004's demo issue)
        conn.execute(f"DELETE FROM {CUTS_TABLE} WHERE article_id NOT IN (SELECT id FROM articles)")
    create_search_index(archive)
    ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    for start in range(0, len(ids), 5000):
        _write(archive, ids[start : start + 5000], delete=False, recorded=not recut)
    optimize_search_index(archive)


def optimize_search_index(archive: Archive) -> None:
    """Merge index segments (after a large import) so queries read fewer b-tree pages."""
    for table in FTS_TABLES:
        archive.conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def index_version(conn: sqlite3.Connection) -> int:
    """The version of the index this archive holds: 0 when it has none (a new archive, or one
    whose migrations dropped an index they made obsolete), `INDEX_VERSION` when it is current.

    An index made before the index had its own version has no row: it is the index as
    migration 8 left it, version 1 (every older one was dropped by that migration).
    """
    exists = conn.execute("SELECT 1 FROM main.sqlite_master WHERE name = ?", (CHARS_TABLE,)).fetchone()
    if exists is None:
        return 0
    value = read_value(conn, INDEX_VERSION_KEY)
    return 1 if value is None else int(str(value))


def bring_index_up_to_date(archive: Archive) -> bool:
    """Build the index anew unless it is current (inside the caller's write transaction, after
    the data's migrations); returns True when it was built.

    The index has its own version, so a change of how text is indexed is one bump of
    `INDEX_VERSION` here, never a data migration (calibre's db/fts keeps its index's own
    version the same way). It stays in the archive file, not an attached one: an import must
    commit an issue's rows and their index entries together, which WAL does not do across files,
    and a backup or published snapshot stays one file. Words are reused from `search_cuts`
    (about a minute per 100,000 articles); only articles without a recorded cut are cut again.
    """
    conn = archive.conn
    if index_version(conn) == INDEX_VERSION:
        return False
    rebuild_search_index(archive, recut=False)
    write_values(conn, {INDEX_VERSION_KEY: INDEX_VERSION})
    return True
