"""The cost model: when a page in date order is cheaper found by walking issues.

Separate from the strategies it chooses between because its figures are measurements
(bench/bench_search.py on 100k-article archives), not logic: when they are measured again,
this is the one place that changes.
"""

from __future__ import annotations

import math
import sqlite3

PROBE_COST = 3.0  # µs to probe one article on a walk, against ~1 µs to join one match
WALK_BUDGET = 20_000  # articles a walk may probe before it gives up for the join


def article_count(conn: sqlite3.Connection) -> int:
    """How many articles the archive holds (not the highest id, which re-imports push up).

    Counting walks the smallest index of `articles`: ~15 µs warm on 100k articles.
    """
    return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def walk_pays(articles: int, total: int, want: int) -> bool:
    """Walk when probing the articles the page needs costs less than joining every match.

    A page of `want` among `total` matches needs about want × articles / total probed articles
    at ~3 µs each (issue lists, ids and range probes; PROBE_COST), where joining costs ~1 µs a
    match. A walk that would probe more than WALK_BUDGET articles is not started.
    """
    needed = want * articles / total if total else math.inf
    return PROBE_COST * needed < total and needed <= WALK_BUDGET
