"""The archive's own additions to the dictionary of names and places (专有名词词典).

jieba cuts words for ranking only (what matches is decided by the character index), and it cuts
some names apart: 区长江明远 → 区 / 长江 / 明远, so an article about 江明远 is no whole-word hit.
The shipped user dictionary (resources/userdict.txt) stays the starting point; what staff add or
remove is stored in the archive (`user_words`), so it moves with the file, and every connection
to the archive cuts with it (reader.archive.db.open_archive asks `archive_segmenter`).

A change re-indexes, in the same transaction, exactly the articles whose text contains a
changed word (found through the character index), so the word index never disagrees with the
dictionary that cuts queries.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.archive.search_index import CHARS_TABLE, index_articles, unindex_articles
from reader.archive.search_tokens import Tokenizer, char_tokens
from reader.resources import USER_DICTIONARY, locate
from reader.text.fold import fold
from reader.text.words import Segmenter, segmenter_with, user_words

if TYPE_CHECKING:
    from reader.archive.handle import Archive

MAX_WORD_CHARS = 20
REINDEX_BATCH = 200
_SPACE = re.compile(r"\s")

Progress = Callable[[int, int], None]


class DictionaryError(ValueError):
    """A word or word list that cannot be taken; `str()` is the Chinese message to show."""


@dataclass(frozen=True)
class DictionaryWord:
    """One entry of the archive's dictionary: `state` 'add' (a word to keep whole) or 'remove'
    (a word of the shipped dictionaries that should not be one)."""

    word: str
    state: str
    changed_at: str


@dataclass(frozen=True)
class DictionaryChange:
    """What a change did: the words it changed and how many articles were indexed again."""

    words: tuple[str, ...]
    reindexed: int


def _entries(conn: sqlite3.Connection) -> list[DictionaryWord]:
    rows = conn.execute("SELECT word, state, changed_at FROM user_words ORDER BY word").fetchall()
    return [DictionaryWord(*row) for row in rows]


def archive_segmenter(conn: sqlite3.Connection) -> Segmenter:
    """The segmenter for this archive: the shipped dictionary with the archive's changes.

    An archive from before the table existed (opened read-only, not migrated) has none.
    """
    try:
        entries = _entries(conn)
    except sqlite3.OperationalError:
        entries = []
    added = tuple(e.word for e in entries if e.state == "add")
    removed = tuple(e.word for e in entries if e.state == "remove")
    return segmenter_with(added, removed)


def list_words(archive: Archive) -> list[DictionaryWord]:
    """The archive's additions and removals, by word."""
    return _entries(archive.conn)


SHIPPED = "shipped"  # the state of a word of the shipped dictionary the archive has not changed


def all_words(archive: Archive) -> list[DictionaryWord]:
    """Every word the archive's segmenter keeps whole or was told not to: the shipped dictionary's
    words (state SHIPPED, unless the archive removed one: then 'remove') and the archive's own
    additions, by word. The window lists these; `list_words` alone hid the shipped ones, so staff
    could not see, nor take back, a shipped word that cut their names badly."""
    own = {entry.word: entry for entry in _entries(archive.conn)}
    shipped = [word for word, _freq, _tag in user_words(locate(USER_DICTIONARY))]
    merged = {word: DictionaryWord(word, SHIPPED, "") for word in shipped}
    merged.update(own)
    return [merged[word] for word in sorted(merged)]


def checked_word(text: str) -> str:
    """A word as it is stored; DictionaryError (in Chinese) for an empty, spaced or long one."""
    word = text.strip()
    if not word:
        raise DictionaryError("词不能为空")
    if _SPACE.search(word):
        raise DictionaryError(f"词中不能有空格：{word}")
    if len(word) > MAX_WORD_CHARS:
        raise DictionaryError(f"词太长（最多 {MAX_WORD_CHARS} 个字）：{word}")
    return word


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _change(
    archive: Archive, words: Iterable[str], state: str | None, progress: Progress | None
) -> DictionaryChange:
    """Set each word's state (None: back to the shipped dictionary) and re-index what it touches."""
    wanted = tuple(dict.fromkeys(checked_word(w) for w in words))
    if not wanted:
        raise DictionaryError("没有给出词")
    with archive.transaction() as conn:
        for word in wanted:
            if state is None:
                conn.execute("DELETE FROM user_words WHERE word = ?", (word,))
            else:
                conn.execute(
                    "INSERT OR REPLACE INTO user_words(word, state, changed_at) VALUES (?, ?, ?)",
                    (word, state, _now()),
                )
        archive.tokenizer = Tokenizer(archive_segmenter(conn))
        count = reindex_containing(archive, wanted, progress)
    return DictionaryChange(wanted, count)


def add_words(archive: Archive, words: Iterable[str], progress: Progress | None = None) -> DictionaryChange:
    """Keep these words whole when cutting (names, places, organisations)."""
    return _change(archive, words, "add", progress)


def remove_words(
    archive: Archive, words: Iterable[str], progress: Progress | None = None
) -> DictionaryChange:
    """Take these words out: an addition of this archive is dropped; any other word is marked
    removed, so jieba no longer keeps it whole (a shipped entry that cuts wrongly)."""
    added = {e.word for e in list_words(archive) if e.state == "add"}
    wanted = [checked_word(w) for w in words]
    dropped = [w for w in wanted if w in added]
    marked = [w for w in wanted if w not in added]
    changes = []
    if dropped:
        changes.append(_change(archive, dropped, None, progress))
    if marked:
        changes.append(_change(archive, marked, "remove", progress))
    if not changes:
        raise DictionaryError("没有给出词")
    return DictionaryChange(tuple(w for c in changes for w in c.words), sum(c.reindexed for c in changes))


def import_words(archive: Archive, path: Path, progress: Progress | None = None) -> DictionaryChange:
    """Add every word of a word list (one a line, jieba's format `word [freq] [tag]` also read;
    lines starting with # are comments)."""
    try:
        entries = user_words(path)
    except (OSError, UnicodeDecodeError) as err:
        raise DictionaryError(f"无法读取词表 {path}：{err}") from err
    if not entries:
        raise DictionaryError(f"词表中没有词：{path}")
    return add_words(archive, [word for word, _freq, _tag in entries], progress)


def articles_containing(archive: Archive, words: Iterable[str]) -> list[int]:
    """Ids of the articles whose text contains any of these words (as the character index has it)."""
    ids: set[int] = set()
    for word in words:
        phrase = '"' + " ".join(char_tokens(fold(word))) + '"'
        rows = archive.conn.execute(f"SELECT rowid FROM {CHARS_TABLE} WHERE {CHARS_TABLE} MATCH ?", (phrase,))
        ids.update(r[0] for r in rows)
    return sorted(ids)


def reindex_containing(archive: Archive, words: Iterable[str], progress: Progress | None = None) -> int:
    """Cut again, with the archive's tokenizer, every article that contains one of these words.

    The old index entries are removed with the cuts recorded when they were made, so nothing of
    the old cut stays behind. Inside the caller's transaction; returns how many were re-indexed.
    """
    ids = articles_containing(archive, words)
    for start in range(0, len(ids), REINDEX_BATCH):
        batch = ids[start : start + REINDEX_BATCH]
        unindex_articles(archive, batch)
        index_articles(archive, batch)
        if progress is not None:
            progress(min(start + REINDEX_BATCH, len(ids)), len(ids))
    return len(ids)
