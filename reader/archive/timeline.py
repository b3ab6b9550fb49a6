"""How many articles a search finds per month or year: the keyword timeline.

Counted from the very match set the search uses (the search plan's character expression and its
joins, reader.archive.search_plan), so a bar's count is exactly what the search would list with
that month as its date range. One GROUP BY over the matches joined to their issues' effective
dates: about a microsecond a match (bench/bench_timeline.py has the figures).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.archive.clause import Clause
from reader.archive.errors import translate
from reader.archive.queries import EFFECTIVE_DATE
from reader.archive.search_plan import Filters, Plan
from reader.text.query import Query, QueryError, parse_query

if TYPE_CHECKING:
    from reader.archive.handle import Archive

BY_CHOICES = ("month", "year")
YEARLY_AFTER_MONTHS = 60  # a span longer than five years is shown per year


@dataclass(frozen=True)
class PeriodCount:
    """`period` is "2022-07" (by month) or "2022" (by year)."""

    period: str
    count: int

    def to_dict(self) -> dict[str, object]:
        return {"period": self.period, "count": self.count}


@dataclass(frozen=True)
class Timeline:
    """Counts per period from the first period with a match to the last, empty ones included.

    `undated` counts matches in issues without a date (they belong to no period); `error` is the
    Chinese message when the query leaves nothing to search.
    """

    by: str
    periods: tuple[PeriodCount, ...]
    undated: int = 0
    error: str | None = None

    @property
    def total(self) -> int:
        return sum(p.count for p in self.periods) + self.undated


def month_counts(archive: Archive, query: Query, filters: Filters) -> tuple[dict[str, int], int]:
    """Matches per month ("YYYY-MM") and the undated matches, in one snapshot."""
    plan = Plan(archive.conn, query, filters, archive.tokenizer)
    table = plan.tables.chars  # a query all 标题: reads the headline postings, as its search does
    statement = (
        Clause(f"SELECT substr({EFFECTIVE_DATE}, 1, 7), count(*){plan.scope.joined(table)}")
        + Clause(f" WHERE {table} MATCH ?", (plan.expr.chars,))
        + plan.filters.every
        + Clause(" GROUP BY 1")
    )
    months: dict[str, int] = {}
    undated = 0
    try:
        for month, count in statement.execute(archive.conn):
            if month is None:
                undated += count
            else:
                months[month] = count
    except sqlite3.Error as err:
        raise translate(err, archive.path) from err
    return months, undated


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out: list[str] = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def choose_by(first: str, last: str) -> str:
    """ "year" when the months from `first` to `last` ("YYYY-MM") span more than five years."""
    return "year" if len(_months_between(first, last)) > YEARLY_AFTER_MONTHS else "month"


def timeline(
    archive: Archive,
    query: str | Query,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    publication: str | None = None,
    by: str | None = None,
) -> Timeline:
    """Matches of `query` per month or year (`by` None: per month, per year over five years).

    Filters as in reader.archive.search.find (ISO dates, DateError otherwise). A query the user
    typed never raises: see `Timeline.error`.
    """
    if by is not None and by not in BY_CHOICES:
        raise ValueError(f"unknown period: {by}")
    parsed = parse_query(query) if isinstance(query, str) else query
    if isinstance(parsed, QueryError):
        return Timeline(by or "month", (), error=parsed.message)
    filters = Filters.build(date_from, date_to, publication)
    months, undated = month_counts(archive, parsed, filters)
    valid = sorted(m for m in months if _is_month(m))
    if not valid:
        return Timeline(by or "month", (), undated + sum(months.values()))
    undated += sum(c for m, c in months.items() if not _is_month(m))
    chosen = by or choose_by(valid[0], valid[-1])
    if chosen == "month":
        periods = [PeriodCount(m, months.get(m, 0)) for m in _months_between(valid[0], valid[-1])]
    else:
        years: dict[str, int] = {}
        for m in valid:
            years[m[:4]] = years.get(m[:4], 0) + months[m]
        span = range(int(valid[0][:4]), int(valid[-1][:4]) + 1)
        periods = [PeriodCount(f"{y:04d}", years.get(f"{y:04d}", 0)) for y in span]
    return Timeline(chosen, tuple(periods), undated)


def _is_month(text: str) -> bool:
    try:
        dt.date.fromisoformat(text + "-01")
    except ValueError:
        return False
    return True


def period_range(period: str) -> tuple[str, str]:
    """The first and last day of a period ("2022-07" or "2022"), as ISO days."""
    if len(period) == 4:
        return f"{period}-01-01", f"{period}-12-31"
    year, month = int(period[:4]), int(period[5:7])
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return f"{period}-01", (following - dt.timedelta(days=1)).isoformat()
