"""Where the search terms occur in an article's ORIGINAL text, and short passages around them.

Matching happens on folded text (reader.text.fold), but the user reads the original, so every
span here is an index range into the original string, mapped back through the fold. Spans are
plain (start, end) pairs; `Passage` carries its own text and spans, so the GUI can escape the
text and wrap each span in a tag (`Passage.html()`), and the CLI can print 【hit】
(`Passage.marked()`), without either re-running the search.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
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

    def marked(self, before: str = "【", after: str = "】", *, ellipses: bool = True) -> str:
        """Plain text with each hit wrapped, e.g. for the CLI and JSON."""
        return self._framed(wrap_spans(self.text, self.spans, before, after), ellipses)

    def html(self, tag: str = "b", *, ellipses: bool = True) -> str:
        """HTML-escaped text with each hit in <tag>; safe to put into a rich-text label."""
        return self._framed(wrap_spans(self.text, self.spans, f"<{tag}>", f"</{tag}>", html.escape), ellipses)

    def _framed(self, body: str, ellipses: bool) -> str:
        if not ellipses:
            return body
        return ("…" if self.leading else "") + body + ("…" if self.trailing else "")


def _same(text: str) -> str:
    return text


def wrap_spans(
    text: str,
    spans: Iterable[Span],
    before: str | Callable[[], str],
    after: str,
    escape: Callable[[str], str] = _same,
) -> str:
    """`text` (through `escape`) with each (start, end) span between `before` and `after`.

    Spans are sorted and clipped to the text; overlapping ones are wrapped once. `before` may be
    a function called once per wrapped hit (the reading pane anchors its first hit).
    """
    out: list[str] = []
    last = 0
    for start, end in sorted(spans):
        start, end = max(start, last), min(end, len(text))
        if start >= end:
            continue
        opening = before() if callable(before) else before
        out += [escape(text[last:start]), opening, escape(text[start:end]), after]
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def join_passages(passages: Iterable[Passage], render: Callable[[Passage], str]) -> str:
    """Passages as one string with one ellipsis wherever text was left out (never '… …').

    `render` gives a passage's text without ellipses, e.g. `lambda p: p.marked(ellipses=False)`.
    """
    out: list[str] = []
    for passage in passages:
        if passage.leading and not (out and out[-1] == "…"):
            out.append("…")
        out.append(render(passage))
        if passage.trailing:
            out.append("…")
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
    return term_spans(text, _terms_for(query, headline))


def _terms_for(query: Query, headline: bool) -> list[Term]:
    """The terms that can hit a field: headline-only terms (标题:…) only in the headline."""
    return [t for t in query.positive_terms() if headline or not t.headline_only]


def passages(
    text: str, spans: list[Span], width: int = SNIPPET_WIDTH, limit: int = MAX_PASSAGES
) -> list[Passage]:
    """Up to `limit` passages of about `width` characters around the first hits."""
    return [_passage(text, spans, lo, hi) for lo, hi in _ranges(text, spans, width, limit)]


def _passage(text: str, spans: list[Span], lo: int, hi: int) -> Passage:
    inside = tuple((max(s, lo) - lo, min(e, hi) - lo) for s, e in spans if s < hi and e > lo)
    return Passage(text[lo:hi], inside, leading=lo > 0, trailing=hi < len(text))


def _ranges(text: str, spans: list[Span], width: int, limit: int) -> list[Span]:
    """Where the passages of `passages()` start and end in `text`."""
    result: list[Span] = []
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
        result.append((lo, hi))
        covered_to = hi
    if not result and text:
        hi = min(len(text), width)
        newline = text.find("\n", 0, hi)
        if newline > 0:
            hi = newline
        result.append((0, hi))
    return result


def hit_passages(text: str, query: Query, fallback: str = "") -> list[Passage]:
    """The passages a hit list shows for one article: those of `passages(text, all hits)`.

    Folds and scans the text in growing pieces and stops once the first passages are complete,
    with room to spare for a hit running past their end: a long article naming a common word
    hundreds of times costs no more than a short one. Folding is per character, so a piece
    folds as it would inside the whole; pieces overlap by more than a term's length, so a hit
    across their border is found whole. Without any hit, the start of `fallback` is shown.
    """
    terms = _terms_for(query, headline=False)
    if not terms:
        return passages(fallback, [])
    margin = 2 * max(len(t.folded) for t in terms) + 16
    spans: list[Span] = []
    scanned, end = 0, 4 * SNIPPET_WIDTH
    while True:
        start = max(0, scanned - margin)
        spans = _merge(spans + [(s + start, e + start) for s, e in term_spans(text[start:end], terms)])
        scanned = min(end, len(text))
        part = text[:scanned]
        ranges = _ranges(part, spans, SNIPPET_WIDTH, MAX_PASSAGES) if spans else []
        if scanned == len(text) or (len(ranges) == MAX_PASSAGES and ranges[-1][1] + margin <= scanned):
            break
        end *= 4
    if not ranges:
        return passages(fallback, [])
    return [_passage(text, spans, lo, hi) for lo, hi in ranges]
