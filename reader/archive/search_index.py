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

How jieba cut each article is recorded in `search_cuts` (one character per word length, about
a fifth of the text size), so removing an article re-creates exactly the words it was indexed
with, even after the user dictionary or jieba changed; a contentless table given other values
than it was given at insert is corrupted.

Both tables are made with `columnsize=0`: FTS5 then keeps no per-row size record, and bm25()
treats every document as length 0, i.e. BM25 with b = 0 and k1 = 0.3 (up to a constant
factor): a term's weight saturates with how often it occurs, and long articles are not
penalised. Measured on a 100k-article archive, the size lookup was 85% of bm25()'s cost
(1.4 µs of 1.6 µs a row), and for a news archive length carries no relevance against the term:
a feature naming 党建 eight times is not a worse answer than a caption naming it once.

Every character becomes exactly one token (ASCII punctuation and whitespace are spelled as
`z<hex>g`, which the `ascii` tokenizer keeps whole), so positions never skip and a phrase can
never match across punctuation the user did not type. No text can be spelled like such an
escape, so a word hit is always a character hit by construction (proof at `encode_token`).
Contentless tables store no copy of the text; SQLite 3.40 deletes from them only through the
'delete' command with the old values, which `unindex_articles` recomputes from the article rows
(still present when it is called).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.text.fold import fold
from reader.text.words import Segmenter

if TYPE_CHECKING:
    from reader.archive.db import Archive

CHARS_TABLE = "search_chars"
WORDS_TABLE = "search_words"
HEADLINE_CHARS_TABLE = "search_headline_chars"
HEADLINE_WORDS_TABLE = "search_headline_words"
CUTS_TABLE = "search_cuts"
ARTICLE_ISSUE_INDEX = "search_article_issue"
OTHER_FIELDS = ("kicker", "subtitle", "dateline", "byline", "body")
FTS_TABLES = (CHARS_TABLE, WORDS_TABLE, HEADLINE_CHARS_TABLE, HEADLINE_WORDS_TABLE)
HEADLINE_WEIGHT = 10.0
_CHUNK = 500


_ASCII_SEPARATOR = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]")  # ASCII but not [0-9A-Za-z]


def encode_token(token: str) -> str:
    """One FTS token for one character or word, never equal to the token of any other text.

    A token is escaped — "z", then each character's code point in lower-case hex followed by
    "g" — when it holds an ASCII separator (the `ascii` tokenizer would split it) or when it is
    longer than one character and starts with "z" or "Z"; otherwise it is kept as is.

    Proof that distinct texts never share a token. The tokenizer keeps every token whole (an
    escape is made of [0-9a-gz] only; a kept token holds no separator) and only lower-cases
    ASCII letters, which keeps a first character that is not "z"/"Z" from becoming "z" and
    keeps length. So, as the index stores them:
    * escapes start with "z" and are at least 3 characters long ("z", a hex digit, "g");
    * kept tokens either do not start with "z" (not one of the above), or are exactly "z"
      (length 1, not one of the above);
    hence no kept token equals an escape, whatever the text: Latin shaped like an escape
    ("z2cg", "Z2CG"; full-width "ｚ２ｃｇ" folds to "z2cg" first), digits, private-use or any
    other character. Escapes of different texts differ: "g" is not a hex digit, so the hex
    groups read back unambiguously. Kept tokens are the text itself (ASCII case aside, which
    folding already removed from both index and query).

    Single characters (the character index) are escaped exactly as before this rule had the
    "z" clause, since it only concerns tokens of two or more characters: an archive's
    character index stays valid, and only words starting with "z" changed in the word index
    (migration m005_unambiguous_word_tokens).
    """
    if not _ASCII_SEPARATOR.search(token) and not (len(token) > 1 and token[0] in "zZ"):
        return token
    return "z" + "".join(f"{ord(c):x}g" for c in token)


def char_spelling(code: int) -> str:
    """What the character of code point `code` becomes in a character-index document."""
    return encode_token(chr(code)) + " "


class _Spellings(dict[Any, str]):
    """A cache of tokens (`encode_token`), filled on first sight; at most `limit` are kept.

    Importing spells every character and every word of every article; a Python call each made
    that slower than the FTS5 insert itself, while a hit here is a C-level dict lookup (through
    `str.translate` for characters, `map` for words). An archive's text uses about 10,000
    distinct characters and some 100,000 distinct words; the limit keeps any input from growing
    the cache without bound (some 10 MB).
    """

    def __init__(self, spell: Callable[[Any], str], limit: int = 1 << 16) -> None:
        super().__init__()
        self._spell = spell
        self._limit = limit

    def __missing__(self, key: Any) -> str:
        value = self._spell(key)
        if len(self) < self._limit:
            self[key] = value
        return value


class Tokenizer:
    """Folded text → the tokens of both indexes, for one open archive (`Archive.tokenizer`).

    Words come from the segmenter the archive was opened with, so a test can index and search
    with its own dictionary without patching a module. The token caches live as long as the
    archive does.
    """

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter
        self._chars = _Spellings(char_spelling)  # a str.translate table
        self._words = _Spellings(encode_token)

    def char_text(self, folded: str) -> str:
        """The character-index document for folded text: its tokens separated by spaces."""
        return folded.translate(self._chars)

    def words(self, folded: str) -> list[str]:
        """jieba's words of folded text, every character kept."""
        return self.segmenter.cut(folded)

    def word_tokens(self, folded: str) -> list[str]:
        """The word-index tokens of folded text (jieba words, nothing dropped)."""
        return [encode_token(w) for w in self.words(folded) if w]

    def word_document(self, folded: str) -> tuple[str, str]:
        """The word-index document of folded text and the record of its cut (`encode_cuts`).

        Made a piece at a time (Segmenter.cut_pieces): an article of megabytes would otherwise
        hold millions of word strings at once. Pieces are shorter than 0xD800 characters, so
        each piece's record is one character a word and the records simply join.
        """
        spelled: list[str] = []
        cuts: list[str] = []
        for words in self.segmenter.cut_pieces(folded):
            spelled.append(" ".join(map(self._words.__getitem__, words)))
            cuts.append(encode_cuts(words))
        return " ".join(spelled), "".join(cuts)

    def recorded_document(self, folded: str, cuts: str) -> str:
        """The word-index document of `folded` as cut when it was indexed (`encode_cuts`)."""
        pieces = _recorded_pieces(folded, cuts)
        return " ".join(" ".join(map(self._words.__getitem__, words)) for words in pieces)


@dataclass(frozen=True)
class IndexTables:
    """A pair of tables one search reads: characters decide the matches, words the ranking."""

    chars: str
    words: str


WHOLE_ARTICLES = IndexTables(CHARS_TABLE, WORDS_TABLE)
HEADLINES_ONLY = IndexTables(HEADLINE_CHARS_TABLE, HEADLINE_WORDS_TABLE)


def char_tokens(folded: str) -> list[str]:
    """The character-index tokens of folded text."""
    return [encode_token(c) for c in folded]


def other_text(row: Sequence[str | None]) -> str:
    """The non-headline fields of an article as one string, in printed order."""
    return "\n".join(part for part in (row or ()) if part)


def encode_cuts(words: list[str]) -> str:
    """Word lengths as one character each (a compact record of how jieba cut a text)."""
    lengths = list(map(len, words))
    if lengths and max(lengths) >= 0xD800:  # would be a surrogate: not storable as text
        return "\x00" + ",".join(map(str, lengths))
    return "".join(map(chr, lengths))


def decode_cuts(folded: str, cuts: str) -> list[str]:
    """The words of `folded` as recorded by `encode_cuts`."""
    return [word for words in _recorded_pieces(folded, cuts) for word in words]


def _recorded_pieces(folded: str, cuts: str, size: int = 1 << 14) -> Iterator[list[str]]:
    """The words of `folded` as recorded by `encode_cuts`, `size` words at a time."""
    lengths = [int(n) for n in cuts[1:].split(",")] if cuts.startswith("\x00") else None
    count = len(lengths) if lengths is not None else len(cuts)
    at = 0
    for first in range(0, count, size):
        chunk = lengths[first : first + size] if lengths is not None else map(ord, cuts[first : first + size])
        words: list[str] = []
        for length in chunk:
            words.append(folded[at : at + length])
            at += length
        yield words


@dataclass(frozen=True)
class _Document:
    """What one article puts into the index."""

    id: int
    char_headline: str
    char_other: str
    word_headline: str
    word_other: str
    cuts_headline: str
    cuts_other: str


def _rows(conn: sqlite3.Connection, ids: list[int]) -> Iterator[tuple[int, str, str, str | None, str | None]]:
    """(id, folded headline, folded other, the recorded cut of each or None) of these articles."""
    cols = ", ".join(OTHER_FIELDS)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT a.id, a.headline, c.headline, c.other, {cols} FROM articles a"
            f" LEFT JOIN {CUTS_TABLE} c ON c.article_id = a.id WHERE a.id IN ({marks})",
            chunk,
        ).fetchall()
        for row in rows:
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


def respell_words(archive: Archive, article_ids: Iterable[int], before: Callable[[str], str]) -> int:
    """Re-spell these articles' word-index documents from `before`'s tokens to `encode_token`'s.

    For a change of the token spelling that leaves the character index and jieba's cuts alone.
    Each article whose recorded words are spelled differently is re-spelled only if its document
    is spelled by `before` (an archive whose index was just rebuilt by the current code is not):
    it is deleted with `before`'s tokens (what was inserted, as a contentless table requires)
    and inserted with the current ones. Returns how many articles were re-spelled.
    """
    ids = sorted({int(i) for i in article_ids})
    conn, table = archive.conn, WORDS_TABLE
    old_rows: list[tuple[int, str, str]] = []
    new_rows: list[tuple[int, str, str]] = []
    for id_, _, _, words_h, words_o in _texts(conn, archive.tokenizer, ids, recorded=True):
        if _spelled_by(conn, id_, (words_h, words_o), before):
            old_rows.append((id_, _spell(words_h, before), _spell(words_o, before)))
            new_rows.append((id_, _spell(words_h, encode_token), _spell(words_o, encode_token)))
    conn.executemany(
        f"INSERT INTO {table}({table}, rowid, headline, other) VALUES ('delete', ?, ?, ?)", old_rows
    )
    conn.executemany(f"INSERT INTO {table}(rowid, headline, other) VALUES (?, ?, ?)", new_rows)
    return len(new_rows)


def _spelled_by(
    conn: sqlite3.Connection, id_: int, columns: tuple[list[str], list[str]], before: Callable[[str], str]
) -> bool:
    """Whether the article's word-index document is spelled by `before`, not by `encode_token`.

    Its document is one of the two spellings of the same words. Take the first word the two
    spell differently: the document is `before`'s exactly when its column starts with
    `before`'s tokens up to and including that word (the current spelling has the same tokens
    before it, and another one at its position). A token may well occur elsewhere in the other
    spelling ("z2cg" is also how a comma is spelled), which is why the position is what is asked.
    """
    for name, words in zip(("headline", "other"), columns, strict=True):
        tokens = [w for w in words if w]
        for at, word in enumerate(tokens):
            if before(word) != encode_token(word):
                phrase = " ".join(before(w) for w in tokens[: at + 1])
                query = f'{name} : ^ "{phrase}"'
                held = conn.execute(
                    f"SELECT 1 FROM {WORDS_TABLE}(?) WHERE rowid = ?", (query, id_)
                ).fetchone()
                return held is not None
    return False


def _spell(words: list[str], encode: Callable[[str], str]) -> str:
    """A word-index document: the words' tokens separated by spaces."""
    return " ".join(map(encode, words))


def create_search_index(archive: Archive) -> None:
    """Create the index tables (called by a schema migration)."""
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
            [(d.id, d.cuts_headline, d.cuts_other) for d in docs],
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
    if recut:
        conn.execute(f"DELETE FROM {CUTS_TABLE}")
    create_search_index(archive)
    ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    for start in range(0, len(ids), 5000):
        _write(archive, ids[start : start + 5000], delete=False, recorded=not recut)
    optimize_search_index(archive)


def optimize_search_index(archive: Archive) -> None:
    """Merge index segments (after a large import) so queries read fewer b-tree pages."""
    for table in FTS_TABLES:
        archive.conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def index_headlines(archive: Archive) -> None:
    """Fill the headline tables anew from every article's headline, with the words recorded
    when it was indexed (a schema migration: the full tables are left as they are)."""
    conn, tokenizer = archive.conn, archive.tokenizer
    for table in (HEADLINE_CHARS_TABLE, HEADLINE_WORDS_TABLE):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    create_search_index(archive)
    rows = conn.execute(
        f"SELECT a.id, a.headline, c.headline FROM articles a LEFT JOIN {CUTS_TABLE} c ON c.article_id = a.id"
    )
    while batch := rows.fetchmany(5000):
        chars, words = [], []
        for id_, text, cuts in batch:
            headline = fold(text or "")
            cut = decode_cuts(headline, cuts) if cuts is not None else tokenizer.words(headline)
            chars.append((id_, tokenizer.char_text(headline)))
            words.append((id_, _spell(cut, encode_token)))
        for table, values in ((HEADLINE_CHARS_TABLE, chars), (HEADLINE_WORDS_TABLE, words)):
            conn.executemany(f"INSERT INTO {table}(rowid, headline, other) VALUES (?, ?, '')", values)
    for table in (HEADLINE_CHARS_TABLE, HEADLINE_WORDS_TABLE):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
