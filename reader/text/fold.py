"""Folding for search: full-/half-width and Latin case, with a map back to the original text.

Search promises substring semantics "after folding", so the index, the query and the
brute-force check must all fold the same way. Folding is per character (NFKC, then
casefold) so every folded character can be traced to the original character it came
from; the GUI and the CLI highlight the ORIGINAL text, never the folded one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """The folded form of one character (may be empty or several characters, e.g. ㎏ → kg)."""
    if char.isascii():
        return char.lower()
    return unicodedata.normalize("NFKC", char).casefold()


def fold(text: str) -> str:
    """Fold a whole string; equal to joining `fold_char` over its characters."""
    if text.isascii():
        return text.lower()
    return "".join([fold_char(c) for c in text])


@dataclass(frozen=True)
class FoldedText:
    """Folded text plus, for each folded character, the index of its original character."""

    original: str
    folded: str
    origin: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded half-open span [start, end) back to a span of the original text."""
        if start >= end:
            return (self.origin[start] if start < len(self.origin) else len(self.original),) * 2
        return self.origin[start], self.origin[end - 1] + 1


def fold_with_map(text: str) -> FoldedText:
    """Fold `text` and remember where every folded character came from."""
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        parts.append(folded)
        origin.extend([index] * len(folded))
    return FoldedText(text, "".join(parts), tuple(origin))
