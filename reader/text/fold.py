"""Folding for search: full-/half-width and Latin case, with a map back to the original text.

Search promises substring semantics "after folding", so the index, the query and the
brute-force check must all fold the same way. Folding is per character (NFKC, then
casefold) so every folded character can be traced to the original character it came
from; the GUI and the CLI highlight the ORIGINAL text, never the folded one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

_ASTRAL = "\U00010000-\U0010ffff"


def _fold_one(char: str) -> str:
    if char.isascii():
        return char.lower()
    return unicodedata.normalize("NFKC", char).casefold()


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """The folded form of one character (may be empty or several characters, e.g. ㎏ → kg)."""
    return _fold_one(char)


@dataclass(frozen=True)
class _Folding:
    """Which characters folding changes, found once for the whole Basic Multilingual Plane.

    Folding runs over every article at import and over every hit's text at search. Replacing
    only the characters that change (in Chinese text mostly full-width punctuation, ~2%) with a
    regular expression is 5× faster than `str.translate` (which costs ~80 ns a character).
    Characters beyond the BMP are rare and always taken the slow way, through `fold_char`.
    `irregular` finds the characters whose fold is not exactly one character.
    """

    table: dict[str, str]
    changing: re.Pattern[str]
    irregular: re.Pattern[str]

    def replace(self, match: re.Match[str]) -> str:
        char = match.group()
        folded = self.table.get(char)
        return fold_char(char) if folded is None else folded


def _char_class(codes: list[int]) -> str:
    """A regex character class body for these code points, as ranges."""
    parts: list[str] = []
    at = 0
    while at < len(codes):
        last = at
        while last + 1 < len(codes) and codes[last + 1] == codes[last] + 1:
            last += 1
        first = re.escape(chr(codes[at]))
        parts.append(first if last == at else f"{first}-{re.escape(chr(codes[last]))}")
        at = last + 1
    return "".join(parts)


@cache
def _folding() -> _Folding:
    """Built on first use (~40 ms), not at import: the window must start fast."""
    table: dict[str, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:  # surrogates are not characters
            continue
        char = chr(code)
        folded = _fold_one(char)  # not fold_char: 65,000 characters would flush its cache
        if folded != char:
            table[char] = folded
    changing = re.compile(f"[{_char_class(sorted(map(ord, table)))}{_ASTRAL}]")
    odd = sorted(ord(c) for c, f in table.items() if len(f) != 1)
    irregular = re.compile(f"[{_char_class(odd)}{_ASTRAL}]")
    return _Folding(table, changing, irregular)


def fold(text: str) -> str:
    """Fold a whole string; equal to joining `fold_char` over its characters."""
    folding = _folding()
    return folding.changing.sub(folding.replace, text)


@dataclass(frozen=True)
class FoldedText:
    """Folded text and how to map its indexes back to the original text.

    `anchors` lists, for each original character whose fold is not exactly one character
    (…, ㎏, ß), its original index, the folded index where its fold starts and the fold's length;
    between anchors the two texts advance together. Usually there are none.
    """

    original: str
    folded: str
    anchors: tuple[tuple[int, int, int], ...] = ()

    def original_index(self, index: int) -> int:
        """The original character that produced folded character `index`."""
        k = bisect_right(self.anchors, index, key=lambda a: a[1]) - 1
        if k < 0:
            return index
        origin, start, length = self.anchors[k]
        if index < start + length:
            return origin
        return origin + 1 + index - (start + length)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded half-open span [start, end) back to a span of the original text."""
        if not self.anchors:
            return start, end
        if start >= end:
            at = self.original_index(start) if start < len(self.folded) else len(self.original)
            return at, at
        return self.original_index(start), self.original_index(end - 1) + 1


def fold_with_map(text: str) -> FoldedText:
    """Fold `text` and remember where every folded character came from."""
    folded = fold(text)
    irregular = _folding().irregular
    if not irregular.search(text):
        return FoldedText(text, folded)
    anchors: list[tuple[int, int, int]] = []
    shift = 0
    for match in irregular.finditer(text):
        index = match.start()
        length = len(fold_char(match.group()))
        if length == 1:  # beyond the BMP and regular after all
            continue
        anchors.append((index, index + shift, length))
        shift += length - 1
    return FoldedText(text, folded, tuple(anchors))
