"""The cost model: when a page in date order is cheaper found by walking issues.

Separate from the strategies it chooses between because its figures are measurements, not
logic: when they are measured again, this is the one place that changes.

Measured with bench/bench_plan_choice.py (both strategies forced, first page of 20, warm
medians, newest first) on make_archive.py archives of 100k articles (10k issues) and 300k:

    query     share   probed   100k walk / join ms   300k walk / join ms
    美丽       1.1 %    1,845       16.9 /  2.2           33.5 /   8.5
    排忧解难   2.0 %      992       21.2 /  4.5           41.9 /  14.9
    商贸城     2.6 %      771       11.1 /  5.8           20.9 /  19.1
    APP        5.1 %      392        5.6 /  3.7           13.4 /  14.6
    神经末梢   5.1 %      394        7.5 /  5.3           24.5 /  25.7
    常务会议   7.5 %      266        5.8 / 16.9           13.0 /  54.5
    志愿服务  10.0 %      201        4.8 / 16.4           11.8 /  55.9
    新时代    18.7 %      107        3.4 / 19.4            7.9 /  58.2
    网格      54.5 %       37        2.3 / 28.2            6.8 /  86.8

The join costs ~1 µs a match (0.5–2.4: phrases of common characters cost more; JOIN_COST).
A walk costs ~2 ms at 100k before it probes anything (each batch sorts every issue by effective
date, which no index serves: ~0.02 µs per article of the archive, SORT_COST), plus ~12 µs for
each article it probes (issue lists, ids and range probes; 8–20 µs; PROBE_COST). The old rule
priced a probe at 3 µs and the start at nothing, so it walked from 2.4 % of matches at 100k
and 1.4 % at 300k, where the join was up to 5× faster (美丽 and 排忧解难 above; issue 13).
With these figures the crossover is ~6 % at 100k and ~4 % at 300k, where the measurements
put it (between 5.1 % and 7.5 % at 100k; about 5 % at 300k, where the two are within 10 %).
"""

from __future__ import annotations

import math
import sqlite3

JOIN_COST = 1.0  # µs to join one match to its date and sort it
PROBE_COST = 12.0  # µs for each article a walk probes
SORT_COST = 0.02  # µs per article of the archive: sorting the issues by date, once a walk
WALK_BUDGET = 20_000  # articles a walk may probe before it gives up for the join


def article_count(conn: sqlite3.Connection) -> int:
    """How many articles the archive holds (not the highest id, which re-imports push up).

    Counting walks the smallest index of `articles`: ~15 µs warm on 100k articles.
    """
    return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def walk_pays(articles: int, total: int, want: int) -> bool:
    """Walk when sorting the issues and probing the articles the page needs beats the join.

    A page of `want` among `total` matches needs about want × articles / total probed articles
    (PROBE_COST each) after sorting the issues (SORT_COST × articles), where the join costs
    JOIN_COST a match. A walk that would probe more than WALK_BUDGET articles is not started.
    """
    needed = want * articles / total if total else math.inf
    walk = SORT_COST * articles + PROBE_COST * needed
    return walk < JOIN_COST * total and needed <= WALK_BUDGET
