"""Which paper a page is from, beyond the papers the parser was written for (issue 24, defect 1).

Two sources, neither a list in the code: the paper's own logo, whose name is printed over its
pinyin (河阳视界 over HEYANG SHIJIE), and the names the archive already holds, which the archive
passes in as plain data (`known`): once one issue of a paper is filed under its name, its inner
pages are recognised by that name in their running heads and footer folios.
"""

from __future__ import annotations

import re

_LOGO_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}")
_PINYIN_LOGO = re.compile(r"[A-Z][A-Z ]{3,}")
# A pinyin syllable has one run of vowels (LIAO, CHENG, XUN, ER), so the runs count syllables.
_VOWELS = re.compile(r"[AEIOUV]+")


def logo_name(name: str, below: str) -> str | None:
    """`name` when it is a paper's name printed over its own pinyin `below` (河阳视界 over HEYANG
    SHIJIE, 松溪时报 over SONGXI SHIBAO): a name of two to eight characters over capitals with one
    syllable for each character. A headline over some capitals is no logo: its length differs."""
    name, below = name.strip(), below.strip()
    if not _LOGO_NAME.fullmatch(name) or not _PINYIN_LOGO.fullmatch(below):
        return None
    syllables = len(_VOWELS.findall(below))
    return name if syllables == len(name) else None


def known_in(text: str, known: frozenset[str]) -> tuple[str | None, str]:
    """A name of `known` printed in `text` (the longest, when one holds another), and the text
    without it; (None, text) when none is."""
    found = max((name for name in known if name and name in text), key=len, default=None)
    if found is None:
        return None, text
    return found, text.replace(found, " ", 1)


# A dateline naming where the news came from: 开发区讯, 东昌府讯 (not 本报讯 / 本刊讯: no place).
_DATELINE_PLACE = re.compile(r"([\u4e00-\u9fff]{2,6}?)讯")
_NO_PLACE = frozenset({"本报", "本刊", "本台", "本网", "综合", "特约"})


def dateline_place(datelines: list[str]) -> str | None:
    """The place most of these datelines name (开发区 of 开发区讯), or None when none names one.

    A weak hint of the paper (issue 24, defect 1): a county paper's reporters write its county."""
    counts: dict[str, int] = {}
    for line in datelines:
        match = _DATELINE_PLACE.match(line.strip())
        if match and match[1] not in _NO_PLACE:
            counts[match[1]] = counts.get(match[1], 0) + 1
    return max(sorted(counts), key=lambda place: counts[place], default=None)


def paper_of_place(place: str, known: frozenset[str]) -> str | None:
    """The known paper a dateline's place points to: one whose name holds the place (今日开发区 for
    开发区), else one that shares its first two characters (东昌时讯 for 东昌府); None when no
    paper, or several alike, fit: a guess the user confirms, never one made up."""
    holding = sorted(name for name in known if place in name)
    if len(holding) == 1:
        return holding[0]
    if holding:
        return None
    sharing = sorted(name for name in known if len(place) >= 2 and name.startswith(place[:2]))
    return sharing[0] if len(sharing) == 1 else None
