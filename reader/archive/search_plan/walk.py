"""A page in date order, found by walking issues newest (or oldest) first and probing the index.

For a query matching a large share of the archive the page fills after a few hundred articles,
far cheaper than joining every match to its date; `cost.walk_pays` decides when to try, and the
walk gives up after `cost.WALK_BUDGET` articles so a sparse query takes the join instead.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterator

from reader.archive.clause import Clause
from reader.archive.id_lists import rows_where_in
from reader.archive.search_plan.cost import WALK_BUDGET
from reader.archive.search_plan.scope import Scope, issue_order

RUN_GAP = 64  # ids closer than this are probed as one range

Accept = Callable[[list[int]], set[int]]


def walk_by_date(
    scope: Scope, accept: Accept, newest: bool, limit: int, offset: int, matches: int, articles: int
) -> list[int] | None:
    """Articles in date order (newest or oldest first) that `accept` keeps, one page.

    `matches` is how many articles the query is expected to keep, `articles` the archive's size;
    together they size the first batch of issues. Gives up (None) after WALK_BUDGET articles.
    Order: effective date (undated last), then issue, then article id.
    """
    want = offset + limit
    found: list[int] = []
    # The first batch is sized to fill the page at the query's share of the archive.
    issues_total = scope.scalar(Clause("SELECT count(*) FROM issues")) or 1
    per_issue = max(1.0, articles / issues_total)
    expected = want * articles / max(1, matches) / per_issue
    probed, first_batch = 0, max(8, math.ceil(1.5 * expected))
    for issues in _issue_batches(scope, newest, first_batch):
        if probed > WALK_BUDGET:
            return None
        rank = {issue: n for n, issue in enumerate(issues)}
        rows = rows_where_in(scope.conn, "SELECT issue_id, id FROM articles WHERE issue_id", issues)
        ids = [r[1] for r in sorted(rows, key=lambda r: (rank[r[0]], r[1]))]
        kept = accept(ids)
        found += [i for i in ids if i in kept]
        probed += len(ids)
        if len(found) >= want:
            break
    return found[offset:want]


def _issue_batches(scope: Scope, newest: bool, batch: int) -> Iterator[list[int]]:
    """The filtered issues in walk order, in batches doubling from `batch`."""
    for condition, order in issue_order(newest):
        issues_in_order = (
            Clause("SELECT i.id FROM issues i LEFT JOIN publications p ON p.id = i.publication_id")
            + Clause(f" WHERE {condition}")
            + scope.filters.issue
        )
        skip = 0
        while issues := [r[0] for r in _page(issues_in_order, order, batch, skip).execute(scope.conn)]:
            yield issues
            skip += len(issues)
            batch *= 2


def _page(statement: Clause, order: str, limit: int, offset: int) -> Clause:
    return statement + Clause(f" ORDER BY {order} LIMIT ? OFFSET ?", (limit, offset))


def probe(conn: sqlite3.Connection, table: str, match: str, ids: list[int]) -> set[int]:
    """Which of `ids` the FTS5 expression matches, asked run by run of nearby ids.

    FTS5 answers a rowid range by seeking into the doclists: ~20 µs a statement and well under a
    µs an article, where a `rowid IN (…)` list costs 10–20 µs for every id. An issue's articles
    are imported together and get consecutive ids, so a batch of issues is a handful of runs;
    ids of other issues inside a run are dropped afterwards.
    """
    wanted = set(ids)
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid BETWEEN ? AND ?"
    kept: set[int] = set()
    for first, last in _runs(wanted):
        kept.update(r[0] for r in conn.execute(sql, (match, first, last)))
    return kept & wanted


def _runs(ids: set[int]) -> list[tuple[int, int]]:
    """The ids as (first, last) runs, joining runs fewer than RUN_GAP ids apart."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and i - runs[-1][1] <= RUN_GAP:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(first, last) for first, last in runs]
