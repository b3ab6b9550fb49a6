"""The cost model: when a page in date order is cheaper found by walking issues.

Separate from the strategies it chooses between because its figures are measurements, not
logic: when they are measured again, this is the one place that changes.

Measured with bench/bench_plan_choice.py (both strategies forced, first page of 20, warm
medians, newest first; oldest first gives the same within noise) on a make_archive.py archive of
100k articles and a `--topical` one of 300k, both at schema version 9, while other work shared
the machine's two cores (the ratios are what matter):

    query       100k share   walk / join ms     300k share   walk / join ms
    启航           0.60 %       10.2 /  1.4          0.60 %      12.2 /  4.9
    美丽           1.08 %        6.1 /  2.0          2.61 %       2.7 / 13.0
    排忧解难       2.02 %        8.6 /  4.4          3.11 %       8.0 / 14.7
    同心圆         2.06 %        4.5 /  5.8          2.00 %       5.5 / 17.7
    商贸城         2.59 %        3.2 /  6.0          2.62 %       4.4 / 13.8
    APP            5.11 %        1.6 /  4.6          1.43 %       5.7 /  6.1
    常务会议       7.52 %        1.5 / 17.9          4.06 %       3.7 / 39.2
    网格          54.52 %        0.3 / 28.3         19.93 %       0.5 / 66.7

The join costs ~1.5 µs a match (0.5–3: phrases of common characters cost more; JOIN_COST). A
walk costs ~5 µs for each article it probes (issue lists, ids and range probes; 2–9 µs, more
where a word is unevenly spread over the years; PROBE_COST) and nothing to start: since
migration 7 the index on the effective date hands it the issues in order, newest or oldest
first (`scope.issue_order`). The model before charged ~2 ms at 100k for sorting the issues and
12 µs a probe, so it joined where the walk was 2–6× faster (美丽 and 同心圆 at 300k, APP at
100k). With these figures the crossover is ~2.6 % of the archive at 100k and ~1.5 % at 300k;
the worst choice left in the table costs 1.3 ms (同心圆 at 100k, joined).
"""

from __future__ import annotations

import math
import sqlite3

JOIN_COST = 1.5  # µs to join one match to its date and sort it
PROBE_COST = 5.0  # µs for each article a walk probes
WALK_BUDGET = 20_000  # articles a walk may probe before it gives up for the join


def article_count(conn: sqlite3.Connection) -> int:
    """How many articles the archive holds (not the highest id, which re-imports push up).

    Counting walks the smallest index of `articles`: ~15 µs warm on 100k articles.
    """
    return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def walk_pays(articles: int, total: int, want: int) -> bool:
    """Walk when probing the articles the page needs beats the join.

    A page of `want` among `total` matches needs about want × articles / total probed articles
    (PROBE_COST each), where the join costs JOIN_COST a match. A walk that would probe more
    than WALK_BUDGET articles is not started.
    """
    needed = want * articles / total if total else math.inf
    return PROBE_COST * needed < JOIN_COST * total and needed <= WALK_BUDGET
