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

Every character becomes exactly one token (ASCII punctuation and whitespace are spelled as
`z<hex>g`, which the `ascii` tokenizer keeps whole), so positions never skip and a phrase can
never match across punctuation the user did not type. Contentless tables store no copy of the
text; SQLite 3.40 deletes from them only through the 'delete' command with the old values,
which `unindex_articles` recomputes from the article rows (still present when it is called).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import sqlite_utils

from reader.text.fold import fold
from reader.text.words import default_segmenter

CHARS_TABLE = "search_chars"
WORDS_TABLE = "search_words"
OTHER_FIELDS = ("kicker", "subtitle", "dateline", "byline", "body")
HEADLINE_WEIGHT = 10.0
_CHUNK = 500


def encode_token(token: str) -> str:
    """One FTS token for one character or word: kept as is unless the tokenizer would split it."""
    if all(c.isalnum() or not c.isascii() for c in token):
        return token
    return "z" + "".join(f"{ord(c):x}g" for c in token)


class _TokenTable(dict[int, str]):
    """A `str.translate` table: character → its token and a space; a cache filled on first sight.

    Importing spells every character of every article; per-character Python calls made that
    slower than the FTS5 insert itself.
    """

    def __missing__(self, key: int) -> str:
        value = encode_token(chr(key)) + " "
        self[key] = value
        return value


_TOKENS = _TokenTable()


def char_tokens(folded: str) -> list[str]:
    """The character-index tokens of folded text."""
    return [encode_token(c) for c in folded]


def char_text(folded: str) -> str:
    """The character-index document for folded text: its tokens separated by spaces."""
    return folded.translate(_TOKENS)


def word_tokens(folded: str) -> list[str]:
    """The word-index tokens of folded text (jieba words, nothing dropped)."""
    return [encode_token(w) for w in default_segmenter().cut(folded) if w]


def other_text(row: Sequence[str | None]) -> str:
    """The non-headline fields of an article as one string, in printed order."""
    return "\n".join(part for part in (row or ()) if part)


def _documents(db: sqlite_utils.Database, ids: list[int]) -> Iterator[tuple[int, str, str, str, str]]:
    """(id, char headline, char other, word headline, word other) for each article."""
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        cols = ", ".join(OTHER_FIELDS)
        rows = db.execute(
            f"SELECT id, headline, {cols} FROM articles WHERE id IN ({marks})", chunk
        ).fetchall()
        for row in rows:
            headline = fold(row[1] or "")
            other = fold(other_text(row[2:]))
            yield (
                row[0],
                char_text(headline),
                char_text(other),
                " ".join(word_tokens(headline)),
                " ".join(word_tokens(other)),
            )


def create_search_index(db: sqlite_utils.Database) -> None:
    """Create the index tables (called by a schema migration)."""
    for table in (CHARS_TABLE, WORDS_TABLE):
        db.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
            "headline, other, content='', tokenize='ascii')"
        )


def _write(db: sqlite_utils.Database, article_ids: Iterable[int], command: str | None) -> None:
    ids = sorted({int(i) for i in article_ids})
    docs = list(_documents(db, ids))
    for table, first in ((CHARS_TABLE, 1), (WORDS_TABLE, 3)):
        values = [(d[0], d[first], d[first + 1]) for d in docs]
        if command is None:
            db.conn.executemany(f"INSERT INTO {table}(rowid, headline, other) VALUES (?, ?, ?)", values)
        else:
            db.conn.executemany(
                f"INSERT INTO {table}({table}, rowid, headline, other) VALUES (?, ?, ?, ?)",
                [(command, *v) for v in values],
            )


def index_articles(db: sqlite_utils.Database, article_ids: Iterable[int]) -> None:
    """Add freshly inserted articles to the index (inside the caller's transaction)."""
    _write(db, article_ids, None)


def unindex_articles(db: sqlite_utils.Database, article_ids: Iterable[int]) -> None:
    """Remove articles from the index; call BEFORE their rows are deleted or changed."""
    _write(db, article_ids, "delete")


def rebuild_search_index(db: sqlite_utils.Database) -> None:
    """Empty both tables and index every article again (after a change of the user dictionary)."""
    for table in (CHARS_TABLE, WORDS_TABLE):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    ids = [row[0] for row in db.execute("SELECT id FROM articles ORDER BY id")]
    for start in range(0, len(ids), 5000):
        index_articles(db, ids[start : start + 5000])


def optimize_search_index(db: sqlite_utils.Database) -> None:
    """Merge index segments (after a large import) so queries read fewer b-tree pages."""
    for table in (CHARS_TABLE, WORDS_TABLE):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
