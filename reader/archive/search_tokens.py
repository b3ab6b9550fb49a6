"""How text becomes the search index's tokens: one token per folded character, one per word.

Every character becomes exactly one token (ASCII punctuation and whitespace are spelled as
`z<hex>g`, which the `ascii` tokenizer keeps whole), so positions never skip and a phrase can
never match across punctuation the user did not type. No text can be spelled like such an
escape, so a word hit is always a character hit by construction (proof at `encode_token`).
How jieba cut a text is recorded compactly (`encode_cuts`), so an article can be removed from
the index with exactly the words it was indexed with.

Plain text in, strings out: no SQLite and no Archive here, so the archive's handle
(reader.archive.handle) can hold a Tokenizer without importing the index's maintenance.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from reader.text.words import Segmenter

PACK_FROM = 64  # a shorter record (a headline's) is kept as text: zlib's own bytes would outweigh it
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
        """The word-index tokens of a query's folded term (jieba words, nothing dropped), cut as
        `words` cuts but without loading rjieba (Segmenter.cut_query). A single character is one
        word whatever the dictionary says, so it reads no word list."""
        if len(folded) <= 1:
            return [encode_token(folded)] if folded else []
        return [encode_token(w) for w in self.segmenter.cut_query(folded) if w]

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

    def recorded_document(self, folded: str, cuts: str | bytes) -> str:
        """The word-index document of `folded` as cut when it was indexed (`encode_cuts`)."""
        pieces = _recorded_pieces(folded, cuts)
        return " ".join(" ".join(map(self._words.__getitem__, words)) for words in pieces)


def char_tokens(folded: str) -> list[str]:
    """The character-index tokens of folded text."""
    return [encode_token(c) for c in folded]


def encode_cuts(words: list[str]) -> str:
    """Word lengths as one character each (a compact record of how jieba cut a text)."""
    lengths = list(map(len, words))
    if lengths and max(lengths) >= 0xD800:  # would be a surrogate: not storable as text
        return "\x00" + ",".join(map(str, lengths))
    return "".join(map(chr, lengths))


def pack_cuts(cuts: str | bytes) -> str | bytes:
    """A record of `encode_cuts` as `search_cuts` stores it: zlib-compressed when that pays.

    Word lengths are nearly all 1 to 4, so zlib keeps about a fifth of a body's record: 0.22× the
    article text became some 0.05× on a 100k archive (bench/bench_size.py), for ~0.1 ms of CPU
    an article at import. `decode_cuts` reads either form, so a record written before stays
    readable until the index is rebuilt. A record packed already is returned as it is.
    """
    if isinstance(cuts, bytes) or len(cuts) < PACK_FROM:
        return cuts
    return zlib.compress(cuts.encode("utf-8"))


def unpack_cuts(stored: str | bytes) -> str:
    """The `encode_cuts` record that `pack_cuts` stored; ValueError for bytes that are none
    (a damaged page)."""
    if isinstance(stored, str):
        return stored
    try:
        return zlib.decompress(stored).decode("utf-8")
    except zlib.error as err:
        raise ValueError(f"not a packed record of word lengths: {err}") from err


def decode_cuts(folded: str, cuts: str | bytes) -> list[str]:
    """The words of `folded` as recorded by `encode_cuts`."""
    return [word for words in _recorded_pieces(folded, cuts) for word in words]


def _recorded_pieces(folded: str, stored: str | bytes, size: int = 1 << 14) -> Iterator[list[str]]:
    """The words of `folded` as recorded by `encode_cuts` (stored by `pack_cuts`), `size` words
    at a time."""
    cuts = unpack_cuts(stored)
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
