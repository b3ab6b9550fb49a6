"""The SQL behind search(): which articles match, how many, and which page of them to show.

Kept apart from reader.archive.search (the public API and hit building) because this is where
the measured trade-offs live (bench/bench_search.py has the figures). One module per job:

* expressions — the FTS5 match expressions built from a parsed query (pure strings);
* scope — the filters, the joins to issues and the date order every strategy shares;
* cost — when walking issues by date beats joining every match;
* ranked — a page by BM25 with ties broken newest first (scored inside FTS5, or joined);
* walk — a page in date order, found by walking issues and probing the index;
* plan — one search's counts and tier pages, choosing among those strategies;
* tiers — the relevance order: headline word matches, other word matches, then substrings.
"""

from reader.archive.search_plan.expressions import match_expression
from reader.archive.search_plan.plan import Plan
from reader.archive.search_plan.scope import Filters
from reader.archive.search_plan.tiers import relevance_page

__all__ = ["Filters", "Plan", "match_expression", "relevance_page"]
