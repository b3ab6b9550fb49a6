"""A page by BM25 (ascending: FTS5 scores are negative), newest first among equal scores.

Two ways to the same order. Joining every match to its issue's date costs as much as scoring
it, so without a date or publication filter the scores are ranked inside FTS5 and dates are
looked up only for the page and for the rows tied with its last score (`_by_score`); with a
filter the join is needed anyway and SQL sorts.

BM25 is used for every tier however common the term: FTS5 floors a term's idf at 1e-6 when it is
in over half the articles, but a lone term's scores still grow with its mentions, which is the
order README promises (issue 13: ordering such a term by date broke it).
"""

from __future__ import annotations

from reader.archive.clause import Clause
from reader.archive.search_index import HEADLINE_WEIGHT
from reader.archive.search_plan.cost import article_count
from reader.archive.search_plan.scope import NEWEST_FIRST, Scope
from reader.archive.search_plan.walk import walk_by_date

TIE_SLACK = 500  # rows fetched past the page, so most runs of equal scores end inside them
WALK_TIES_FROM = 2_000  # a run of equal scores longer than this is walked by issue, not joined

Rows = list[tuple[int, float]]


def score(table: str) -> str:
    """BM25 with the headline weighted."""
    return f"bm25({table}, {HEADLINE_WEIGHT}, 1.0)"


def ranked(scope: Scope, table: str, where: Clause, limit: int, offset: int) -> Rows:
    """One page of the rows `where` selects from `table`, best first, newer first on ties."""
    if not scope.filters.every:
        return _by_score(scope, table, where, limit, offset)
    statement = (
        Clause(f"SELECT {table}.rowid, {score(table)} AS s{scope.joined(table)}")
        + where
        + Clause(f" ORDER BY s, {NEWEST_FIRST} LIMIT ? OFFSET ?", (limit, offset))
    )
    return [(r[0], r[1]) for r in statement.execute(scope.conn)]


def _by_score(scope: Scope, table: str, where: Clause, limit: int, offset: int) -> Rows:
    """The page ranked inside FTS5; dates are looked up only for the page and its ties.

    BM25 without length normalisation gives many equal scores (every article naming the term
    once, in the body only, ties), so when the run of ties at the page's last score goes on past
    what was fetched, its newest members are fetched by a second statement that joins dates for
    the tied rows alone.
    """
    want = offset + limit
    statement = (
        Clause(f"SELECT {table}.rowid, {score(table)} AS s FROM {table}")
        + where
        + Clause(" ORDER BY s LIMIT ?", (want + TIE_SLACK,))
    )
    rows: Rows = [(r[0], r[1]) for r in statement.execute(scope.conn)]
    if len(rows) > want:
        boundary = rows[want - 1][1]
        better = [r for r in rows if r[1] < boundary]
        if rows[-1][1] == boundary:
            rows = better + _tied(scope, table, where, boundary, want - len(better))
        else:
            rows = [r for r in rows if r[1] <= boundary]
    return _newest_first_on_ties(scope, rows)[offset:want]


def _tied(scope: Scope, table: str, where: Clause, boundary: float, limit: int) -> Rows:
    """The `limit` newest rows whose score equals `boundary` (same statement, same doubles).

    The tied ids are found first, without dates. A short run is joined to its dates; a long one
    (a 标题: query ties nearly all its matches: one headline mention each) is met by walking
    the issues newest first until `limit` of them turn up, which costs a few batches of issues
    where joining tens of thousands of rows to their dates cost more than the rest of the search.
    """
    tie = where.and_(f"{score(table)} = ?", boundary)
    tied = {r[0] for r in (Clause(f"SELECT {table}.rowid FROM {table}") + tie).execute(scope.conn)}
    if len(tied) > WALK_TIES_FROM:
        walked = walk_by_date(scope, tied.intersection, True, limit, 0, len(tied), article_count(scope.conn))
        if walked is not None:
            return [(i, boundary) for i in walked]
    dated = (
        Clause(f"SELECT {table}.rowid{scope.joined(table)}")
        + tie
        + Clause(f" ORDER BY {NEWEST_FIRST} LIMIT ?", (limit,))
    )
    return [(r[0], boundary) for r in dated.execute(scope.conn)]


def _newest_first_on_ties(scope: Scope, rows: Rows) -> Rows:
    """`rows` by score, equal scores in NEWEST_FIRST order (date, undated last; issue; id)."""
    dates = scope.dates([r[0] for r in rows])
    newest = sorted(dates, key=lambda i: (dates[i][0] or "", dates[i][1], -i), reverse=True)
    place = {article: n for n, article in enumerate(newest)}
    return sorted(rows, key=lambda r: (r[1], place[r[0]]))
