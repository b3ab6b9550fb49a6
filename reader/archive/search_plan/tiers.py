"""The relevance order: whole-word matches with a term in the headline, other whole-word
matches, then substring-only matches; each tier by BM25 over all of the article (headline ×10),
newer first on ties.

Only the tiers the requested page reaches are scored, which keeps the first page cheap for
common words. Tier sizes are counted only to skip whole tiers for a later page; on the first
page a tier that returns fewer rows than asked for has shown its size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.archive.search_plan.plan import Plan
from reader.archive.search_plan.ranked import Rows

Ranked = list[tuple[int, float, bool]]  # (article id, score, matched as whole words)


@dataclass(frozen=True)
class Tier:
    """How many articles a tier holds: counted, learnt from a short page, or not known (None)."""

    size: int | None = None

    def covers(self, offset: int) -> bool:
        """Whether a page starting `offset` rows into the tier begins inside it."""
        return self.size is None or offset < self.size


class _Page:
    """The page being filled tier by tier; `skip` is how much of the offset lies still ahead."""

    def __init__(self, limit: int, offset: int) -> None:
        self.limit = limit
        self.skip = offset
        self.rows: Ranked = []

    def full(self) -> bool:
        return len(self.rows) >= self.limit

    def take(self, tier: Tier, fetch: Callable[[int, int, int | None], Rows], whole: bool) -> Tier:
        """Rows from one tier (`fetch(limit, offset, size)`); the tier, its size learnt if shown."""
        if not tier.covers(self.skip):
            assert tier.size is not None  # covers() is True while the size is unknown
            self.skip -= tier.size
            return tier
        wanted = self.limit - len(self.rows)
        rows = fetch(wanted, self.skip, tier.size)
        self.rows += [(i, score, whole) for i, score in rows]
        shown = tier if tier.size is not None or len(rows) >= wanted else Tier(self.skip + len(rows))
        self.skip = 0
        return shown


def relevance_page(plan: Plan, total: int, limit: int, offset: int) -> Ranked:
    """The page `offset`, `limit` of the `total` matches in relevance order."""
    counted = offset > 0
    whole = Tier(plan.count_words(plan.expr.words)) if counted else Tier()
    headline = Tier()
    if counted:
        headline = Tier(plan.count_words(plan.expr.words, headline=True) if whole.size else 0)
    page = _Page(limit, offset)

    headline = page.take(headline, lambda n, at, _: plan.headline_page(n, at), whole=True)
    if page.full() or headline.size is None:
        return page.rows
    # With no headline match the second tier is every whole-word match: skip the NOT IN, which
    # would otherwise be checked for each of the (often tens of thousands) scored rows.
    without = None if headline.size == 0 else False
    rest = Tier(None if whole.size is None else whole.size - headline.size)
    rest = page.take(rest, lambda n, at, _: plan.words_page(n, at, headline=without), whole=True)
    if page.full() or rest.size is None:
        return page.rows
    words_total = headline.size + rest.size

    substrings = Tier(total - words_total)
    page.take(substrings, lambda n, at, _: plan.substring_page(n, at, words_total), whole=False)
    return page.rows
