"""Traditional script: the parser reads the simplified form, the output keeps the printed characters.

The parser's rules read characters (讯, 记者, 版, 期, 星期, 农历), so a page in traditional script
(訊, 記者…) slipped past all of them. `_parse` reads the page folded to simplified characters,
one character for one (`fold.to_simplified`, the search index's table), and gives the issue it
finds back its printed characters with `Restorer`: each simplified character of the output
becomes the character printed in its place. Most simplified characters stood for one printed
character on the page and are mapped back at C speed. Some are ambiguous: 发 stood for both 發
and 髮 (頭髮 beside 發展), or the page also prints the simplified character itself (皇后 beside
之後, an OCR'd simplified character among traditional ones). Mapping those by table changed
printed text (頭髮 came out as 頭發; the fuzzer's coverage check found it). Each of them is read
back from the page where its neighbours stand: folding is one character for one, so the place
of a few characters of context in the simplified reading is the place of the printed character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from reader.text.cancel import checkpoint, current
from reader.text.fold import CharMap, to_simplified, traditional_characters, traditional_deleter
from reader.text.model import Article, ParsedIssue

_LINE_COST = 64  # a line's fixed work, in characters' worth, for cancel checks
TRADITIONAL_SHARE = 20  # a page with one traditional character in this many is read folded
# Characters per step over the whole page: str.translate costs ~0.1 µs a character, so a step
# takes a few hundredths of a second and a cancel is asked between steps.
_STEP = 1 << 18
_SAMPLE = 1 << 15  # characters of each slice `is_traditional` judges
# Context around an ambiguous character (before, after), widest first, tried in this order.
_CONTEXTS = ((8, 8), (8, 0), (0, 8), (3, 3), (3, 0), (0, 3))
_BACK, _AHEAD = 1 << 16, 1 << 18  # the stretch around the last place searched first
_FAR_SEARCHES = 2000  # whole-page searches a page may cost before the table answers instead


def _steps(text: str) -> Iterator[str]:
    """`text` in pieces of _STEP characters, with a cancel checkpoint after each."""
    for start in range(0, len(text), _STEP):
        yield text[start : start + _STEP]
        checkpoint()


class Restorer:
    """Gives text taken from a page's simplified reading the page's own characters back."""

    def __init__(self, original: str, folded: str) -> None:
        # From the set of the page's characters (set.update runs at C speed, a step at a time).
        present: set[str] = set()
        for piece in _steps(original):
            present.update(piece)
        sources: dict[str, list[str]] = {}
        for char in present & traditional_characters():
            sources.setdefault(to_simplified(char), []).append(char)
        ambiguous = {f for f, chars in sources.items() if len(chars) > 1 or f in present}
        self._original = original
        self._folded = folded
        plain = {f: min(chars) for f, chars in sources.items() if f not in ambiguous}
        self._by_table = CharMap({ord(f): ord(t) for f, t in plain.items()})
        # Where context finds nothing: the character as the page prints it if it does, else the
        # first in code order (a miss in a character, never in the split).
        self._fallback = {f: f if f in present else min(sources[f]) for f in ambiguous}
        marks = "".join(map(re.escape, sorted(ambiguous)))
        self._ambiguous = re.compile(f"[{marks}]") if ambiguous else None
        self._near = 0  # where the last context was found: fields come mostly in page order
        self._far_searches = _FAR_SEARCHES

    def restore(self, text: str) -> str:
        """`text`, read from the simplified reading, as the page prints it."""
        out = self._by_table(text)
        if self._ambiguous is None or not self._ambiguous.search(text):
            return out
        chars = list(out)
        for match in self._ambiguous.finditer(text):
            at = match.start()
            chars[at] = self._printed_at(text, at)
        return "".join(chars)

    def _printed_at(self, text: str, at: int) -> str:
        """The printed character of `text[at]`, found by its neighbours in the simplified reading
        (a field may join lines the page breaks, so context on one side is tried too)."""
        for before, after in _CONTEXTS:
            start = max(at - before, 0)
            window = text[start : at + after + 1]
            if len(window) < 3:
                continue
            found = self._find(window)
            if found >= 0:
                self._near = found
                return self._original[found + at - start]
        return self._fallback[text[at]]

    def _find(self, window: str) -> int:
        """`window`'s place in the simplified reading: near the last place first, then (a bounded
        number of times per page, each a pass over the page at C speed) anywhere."""
        near = self._folded.find(window, max(self._near - _BACK, 0), self._near + _AHEAD)
        if near >= 0 or self._far_searches <= 0:
            return near
        self._far_searches -= 1
        return self._folded.find(window)


def is_traditional(text: str) -> bool:
    """One in TRADITIONAL_SHARE characters of `text` or more is traditional (a page in traditional
    script has one in five or more), judged on at most three slices of _SAMPLE characters (start,
    middle, end), as decoding judges an encoding: a page is in one script throughout, and the
    count stays bounded in time however long the page."""
    if len(text) > 3 * _SAMPLE:
        middle = len(text) // 2
        text = text[:_SAMPLE] + text[middle : middle + _SAMPLE] + text[-_SAMPLE:]
    traditional = len(text) - len(traditional_deleter()(text))
    return traditional * TRADITIONAL_SHARE >= len(text)


def simplified_reading(text: str) -> tuple[str, Restorer | None]:
    """The text the parser reads, and the Restorer for its output (None: nothing was folded).

    Only a page in traditional script is folded (`is_traditional`). A simplified page quoting a
    traditional word (共贏) is read as printed, so its output keeps every character exactly.
    Each step runs at C speed over a piece of the text; a cancel is asked between them.
    """
    if not text or not is_traditional(text):
        return text, None
    folded = "".join(to_simplified(piece) for piece in _steps(text))
    return folded, Restorer(text, folded)


def restore_article(article: Article, restorer: Restorer) -> Article:
    """The article with the page's own characters in every field read from the text."""
    fix = restorer.restore
    # The constructor, not dataclasses.replace (twice as slow, half a million times).
    return Article(
        page=article.page,
        headline=fix(article.headline),
        body=fix(article.body),
        kicker=fix(article.kicker),
        subtitle=fix(article.subtitle),
        dateline=fix(article.dateline),
        byline=fix(article.byline),
        kind=article.kind,
    )


def restore_head(issue: ParsedIssue, restorer: Restorer, known: frozenset[str]) -> ParsedIssue:
    """The issue with the page's own characters in its masthead and sections (its articles are
    given theirs one by one, `restore_article`); a paper of `known` keeps the archive's name for
    it (東昌時訊 is 东昌时讯's issue). A cancel is ticked per line: a page may be all sections."""
    fix = restorer.restore
    publication = issue.publication
    if publication is not None and publication not in known:
        publication = fix(publication)
    return replace(
        issue,
        publication=publication,
        lunar=fix(issue.lunar) if issue.lunar else issue.lunar,
        masthead=_restored(issue.masthead, fix),
        sections=_restored(issue.sections, fix),
    )


def _restored(texts: tuple[str, ...], fix: Callable[[str], str]) -> tuple[str, ...]:
    """Each of `texts` through `fix`, with a cancel check per text (a page may be all sections)."""
    check = current()
    out = []
    for text in texts:
        out.append(fix(text))
        check.tick(len(text) + _LINE_COST)
    return tuple(out)
