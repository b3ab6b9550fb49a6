"""Where the search terms occur in an article's ORIGINAL text, and short passages around them.

Matching happens on folded text (reader.text.fold), but the user reads the original, so every
span here is an index range into the original string, mapped back through the fold. Spans are
plain (start, end) pairs; `Passage` carries its own text and spans, so the GUI can escape the
text and wrap each span in a tag (`Passage.html()`), and the CLI can print 【hit】
(`Passage.marked()`), without either re-running the search.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from reader.text.fold import fold_with_map
from reader.text.query import Query, Term

Span = tuple[int, int]

SNIPPET_WIDTH = 80
MAX_PASSAGES = 2


@dataclass(frozen=True)
class Passage:
    """A short stretch of original text; `spans` are hit ranges relative to `text`.

    `leading`/`trailing` say whether text was cut off before/after (show an ellipsis).
    """

    text: str
    spans: tuple[Span, ...]
    leading: bool = False
    trailing: bool = False

    def marked(self, before: str = "【", after: str = "】") -> str:
        """Plain text with each hit wrapped, e.g. for the CLI and JSON."""
        out: list[str] = ["…" if self.leading else ""]
        last = 0
        for start, end in self.spans:
            out += [self.text[last:start], before, self.text[start:end], after]
            last = end
        out += [self.text[last:], "…" if self.trailing else ""]
        return "".join(out)

    def html(self, tag: str = "b") -> str:
        """HTML-escaped text with each hit in <tag>; safe to put into a rich-text label."""
        out: list[str] = ["…" if self.leading else ""]
        last = 0
        for start, end in self.spans:
            out += [html.escape(self.text[last:start]), f"<{tag}>"]
            out += [html.escape(self.text[start:end]), f"</{tag}>"]
            last = end
        out += [html.escape(self.text[last:]), "…" if self.trailing else ""]
        return "".join(out)


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def term_spans(text: str, terms: Iterable[Term]) -> list[Span]:
    """Every occurrence of any term in `text`, as merged spans of the original text."""
    folded = fold_with_map(text)
    spans: list[Span] = []
    for term in terms:
        needle = term.folded
        if not needle:
            continue
        at = folded.folded.find(needle)
        while at >= 0:
            spans.append(folded.original_span(at, at + len(needle)))
            at = folded.folded.find(needle, at + 1)
    return _merge(spans)


def highlight_spans(text: str, query: Query, *, headline: bool = False) -> list[Span]:
    """All hits of the query's terms in one field of an article, for the reading pane.

    Headline-only terms (标题:…) count only when `headline` is true.
    """
    terms = [t for t in query.positive_terms() if headline or not t.headline_only]
    return term_spans(text, terms)


def passages(
    text: str, spans: list[Span], width: int = SNIPPET_WIDTH, limit: int = MAX_PASSAGES
) -> list[Passage]:
    """Up to `limit` passages of about `width` characters around the first hits."""
    result: list[Passage] = []
    covered_to = 0
    for start, end in spans:
        if len(result) >= limit:
            break
        if start < covered_to:
            continue
        lo = max(covered_to, start - width // 3)
        newline = text.rfind("\n", lo, start)
        if newline >= 0:
            lo = newline + 1
        hi = min(len(text), max(end, lo + width))
        cut = text.find("\n", end, hi)
        if cut >= 0:
            hi = cut
        inside = tuple((max(s, lo) - lo, min(e, hi) - lo) for s, e in spans if s < hi and e > lo)
        result.append(Passage(text[lo:hi], inside, leading=lo > 0, trailing=hi < len(text)))
        covered_to = hi
    if not result and text:
        hi = min(len(text), width)
        newline = text.find("\n", 0, hi)
        if newline > 0:
            hi = newline
        result.append(Passage(text[:hi], (), trailing=hi < len(text)))
    return result
