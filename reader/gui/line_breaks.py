"""Where Chinese display text may wrap: between the parts of a source line or an issue heading,
never inside one.

Unicode line breaking allows a break between any two Chinese characters and between a Chinese
character and a digit, so a narrow pane could show '总第14' / '49期'. Word joiners (zero width)
hold a part together; they are layout, not text, and are taken out of whatever is copied or
read back. Plain text, no Qt: the reading pane and the list's heading both use it.
"""

from __future__ import annotations

import re

from reader.archive.formatting import SEPARATOR

WORD_JOINER = "\u2060"  # no line break here; zero width, and taken out of whatever is copied
_PART = re.compile(r"[^\s\u00a0]+")


def unbreakable_source(text: str, longest: int | None = None) -> str:
    """A line of parts (a source line, an issue heading) as the window lays it out: it may wrap
    between its parts (after each ' · ') and between a date and its weekday, never inside one
    ('第1版', '总第1449期', '2022年7月5日'): a word joiner goes between every two letters of a
    part, and a no-break space keeps '·' with the part before it.

    A part longer than `longest` letters (a file name standing in for the publication) may
    still break: held whole, it would set how narrow the label may get.
    """
    spaced = text.replace(SEPARATOR, "\u00a0" + SEPARATOR.lstrip())

    def joined(part: re.Match[str]) -> str:
        word = part.group()
        return word if longest is not None and len(word) > longest else WORD_JOINER.join(word)

    return _PART.sub(joined, spaced)


def without_joiners(text: str) -> str:
    """What the user sees, for copying: the layout's word joiners taken out."""
    return text.replace(WORD_JOINER, "")
