"""Folding for search: full-/half-width and Latin case, with a map back to the original text.

Search promises substring semantics "after folding", so the index, the query and the
brute-force check must all fold the same way. Folding is per character (NFKC, then
casefold) so every folded character can be traced to the original character it came
from; the GUI and the CLI highlight the ORIGINAL text, never the folded one.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """The folded form of one character (may be empty or several characters, e.g. ㎏ → kg)."""
    if char.isascii():
        return char.lower()
    return unicodedata.normalize("NFKC", char).casefold()


class _FoldTable(dict[int, str]):
    """A `str.translate` table filled on first sight of each character: a pure cache.

    Folding runs over every article at import and over every hit's text at search, so it must
    run at C speed; per-character Python calls made snippets cost more than the query itself.
    `irregular` holds the characters whose fold is not exactly one character.
    """

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()

    def __missing__(self, key: int) -> str:
        value = fold_char(chr(key))
        self[key] = value
        if len(value) != 1:
            self.irregular.add(chr(key))
        return value


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold a whole string; equal to joining `fold_char` over its characters."""
    return text.translate(_TABLE)


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
    folded = text.translate(_TABLE)
    irregular = _TABLE.irregular
    if irregular.isdisjoint(text):
        return FoldedText(text, folded)
    anchors: list[tuple[int, int, int]] = []
    shift = 0
    for index in sorted(i for c in irregular.intersection(text) for i in _positions(text, c)):
        length = len(_TABLE[ord(text[index])])
        anchors.append((index, index + shift, length))
        shift += length - 1
    return FoldedText(text, folded, tuple(anchors))


def _positions(text: str, char: str) -> list[int]:
    found: list[int] = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found
