"""The SQL behind search(): FTS5 expressions, counts, and ordered pages of article ids.

Kept apart from reader.archive.search (the public API and hit building) because this is where
the measured trade-offs live: which rows are scored by BM25, when dates are joined, and when
articles are walked in date order instead (see bench/bench_search.py for the figures).
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from reader.archive.search_index import (
    ARTICLE_ISSUE_INDEX,
    CHARS_TABLE,
    HEADLINE_WEIGHT,
    WORDS_TABLE,
    Tokenizer,
    char_tokens,
)
from reader.text.dates import require_iso
from reader.text.query import Query, Term

EFFECTIVE_DATE = "COALESCE(i.user_date, i.date)"


def _date_order(direction: str) -> str:
    """Articles by their issue's effective date (undated last), then issue, then id."""
    return f"{EFFECTIVE_DATE} IS NULL, {EFFECTIVE_DATE} {direction}, a.issue_id {direction}, a.id"


_NEWEST_FIRST = _date_order("DESC")
_TIE_SLACK = 500  # rows fetched past the page, so most runs of equal scores end inside them
_MATCHES = "search_matches"
_RUN_GAP = 64
_PROBE_COST = 3.0
_WALK_BUDGET = 20_000


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def _term_expr(term: Term, words: Tokenizer | None) -> str:
    """The term as a phrase of its words (given the archive's tokenizer) or of its characters."""
    tokens = words.word_tokens(term.folded) if words is not None else char_tokens(term.folded)
    prefix = "headline : " if term.headline_only else ""
    return prefix + _phrase(tokens)


def _positive_expr(query: Query, words: Tokenizer | None) -> str:
    groups = ["(" + " OR ".join(_term_expr(t, words) for t in g) + ")" for g in query.groups]
    return " AND ".join(groups)


def _headline_expr(query: Query, words: Tokenizer) -> str:
    """Any positive term as words in the headline."""
    return "headline : (" + " OR ".join(_term_expr(t, words) for t in query.positive_terms()) + ")"


def _excluded_expr(query: Query) -> str | None:
    if not query.excluded:
        return None
    return " OR ".join(_term_expr(t, None) for t in query.excluded)


def match_expression(query: Query) -> str:
    """The FTS5 expression over the character index that selects exactly the matches."""
    positive = _positive_expr(query, words=None)
    excluded = _excluded_expr(query)
    return f"({positive}) NOT ({excluded})" if excluded else positive


@dataclass(frozen=True)
class Filters:
    """The WHERE clauses (and their arguments) for a date range and a publication."""

    sql: str
    args: tuple[Any, ...]

    @classmethod
    def build(cls, date_from: str | None, date_to: str | None, publication: str | None) -> Filters:
        """Filters on the effective date (inclusive) and the publication's name.

        Dates are compared as text, so they must be ISO days (YYYY-MM-DD): anything else raises
        reader.text.dates.DateError (a ValueError) here instead of quietly matching nothing.
        Read what a person typed with reader.text.dates.date_start / date_end first.
        """
        parts: list[str] = []
        args: list[Any] = []
        if date_from:
            parts.append(f"{EFFECTIVE_DATE} >= ?")
            args.append(require_iso(date_from))
        if date_to:
            parts.append(f"{EFFECTIVE_DATE} <= ?")
            args.append(require_iso(date_to))
        if publication:
            parts.append("p.name = ?")
            args.append(publication)
        return cls("".join(f" AND {p}" for p in parts), tuple(args))


def _from_clause(conn: sqlite3.Connection) -> Callable[[str], str]:
    """The join to articles and issues, through the covering index when the archive has it."""
    has_index = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (ARTICLE_ISSUE_INDEX,)
    ).fetchone()
    hint = f" INDEXED BY {ARTICLE_ISSUE_INDEX}" if has_index else ""

    def clause(table: str) -> str:
        return (
            f" FROM {table} JOIN articles a{hint} ON a.id = {table}.rowid"
            " JOIN issues i ON i.id = a.issue_id LEFT JOIN publications p ON p.id = i.publication_id"
        )

    return clause


class Plan:
    """The SQL for one parsed query and one set of filters."""

    def __init__(self, conn: sqlite3.Connection, query: Query, filters: Filters, words: Tokenizer) -> None:
        self.conn = conn
        self.query = query
        self.filters = filters
        self.chars = match_expression(query)
        self.words = _positive_expr(query, words)
        headline = _headline_expr(query, words)
        lone = len(query.groups) == 1 and len(query.groups[0]) == 1
        # For a lone term "X AND headline:X" is "headline:X", which FTS5 evaluates in one pass.
        self.words_headline = headline if lone else f"({self.words}) AND ({headline})"
        self.words_rest = f"({self.words}) NOT ({headline})"
        self.excluded = _excluded_expr(query)
        self._matches_ready = False
        self._from = _from_clause(conn)

    def _scalar(self, sql: str, args: tuple[Any, ...]) -> int:
        return int(self.conn.execute(sql, args).fetchone()[0])

    def count_all(self) -> int:
        if self.excluded and not self.filters.sql:
            self._materialize_matches()
            return self._scalar(f"SELECT count(*) FROM temp.{_MATCHES}", ())
        if not self.filters.sql:
            return self._scalar(
                f"SELECT count(*) FROM {CHARS_TABLE} WHERE {CHARS_TABLE} MATCH ?", (self.chars,)
            )
        sql = f"SELECT count(*){self._from(CHARS_TABLE)} WHERE {CHARS_TABLE} MATCH ?{self.filters.sql}"
        return self._scalar(sql, (self.chars, *self.filters.args))

    def _words_where(self, match: str) -> tuple[str, tuple[Any, ...]]:
        where = f" WHERE {WORDS_TABLE} MATCH ?"
        args: tuple[Any, ...] = (match,)
        if self.excluded:
            where += f" AND +{WORDS_TABLE}.rowid IN (SELECT id FROM temp.{_MATCHES})"
            self._materialize_matches()
        return where + self.filters.sql, args + self.filters.args

    def _materialize_matches(self) -> None:
        """With exclusions, the matching articles, found once per search in a TEMP table.

        Whole-word matches must also be character matches without the excluded terms; the
        matches are at most what the user asked for, where the excluded set can be most of the
        archive. TEMP works on read-only connections too; a subquery would be re-run for
        every count and page.
        """
        if self._matches_ready:
            return
        self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_MATCHES}(id INTEGER PRIMARY KEY)")
        self.conn.execute(f"DELETE FROM temp.{_MATCHES}")
        self.conn.execute(
            f"INSERT INTO temp.{_MATCHES} SELECT rowid FROM {CHARS_TABLE} WHERE {CHARS_TABLE} MATCH ?",
            (self.chars,),
        )
        self._matches_ready = True

    def count_words(self, match: str) -> int:
        where, args = self._words_where(match)
        if not self.filters.sql:
            return self._scalar(f"SELECT count(*) FROM {WORDS_TABLE}{where}", args)
        return self._scalar(f"SELECT count(*){self._from(WORDS_TABLE)}{where}", args)

    def _score(self, table: str, flat: bool) -> str:
        return "0.0" if flat else f"bm25({table}, {HEADLINE_WEIGHT}, 1.0)"

    def words_page(
        self, match: str, limit: int, offset: int, flat: bool, size: int | None
    ) -> list[tuple[int, float]]:
        """One page of a whole-word tier of `size` articles (None: not counted, so not flat)."""
        if flat and size is not None and self._walk_pays(size, offset + limit):
            walked = self.walk_by_date(lambda ids: self._accept_words(match, ids), True, limit, offset, size)
            if walked is not None:
                return [(i, 0.0) for i in walked]
        where, args = self._words_where(match)
        return self._ranked(WORDS_TABLE, where, args, limit, offset, flat)

    def substring_page(
        self, limit: int, offset: int, flat: bool, size: int, whole: int
    ) -> list[tuple[int, float]]:
        """One page of the substring-only tier of `size` articles (`whole` matched as words)."""
        if flat and self._walk_pays(size, offset + limit):
            walked = self.walk_by_date(self._accept_substring, True, limit, offset, size)
            if walked is not None:
                return [(i, 0.0) for i in walked]
        where = f" WHERE {CHARS_TABLE} MATCH ?"
        args: tuple[Any, ...] = (self.chars,)
        if whole:  # else every match is substring-only: no need to leave the words out
            words = f"SELECT rowid FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH ?"
            where += f" AND {CHARS_TABLE}.rowid NOT IN ({words})"
            args += (self.words,)
        where += self.filters.sql
        return self._ranked(CHARS_TABLE, where, args + self.filters.args, limit, offset, flat)

    def _probe(self, table: str, match: str, ids: list[int]) -> set[int]:
        """Which of `ids` the FTS5 expression matches, asked run by run of nearby ids.

        FTS5 answers a rowid range by seeking into the doclists: ~20 µs a statement and well
        under a µs an article, where a `rowid IN (…)` list costs 10–20 µs for every id. An
        issue's articles are imported together and get consecutive ids, so a batch of issues
        is a handful of runs; ids of other issues inside a run are dropped afterwards.
        """
        wanted = set(ids)
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid BETWEEN ? AND ?"
        kept: set[int] = set()
        for first, last in _runs(wanted):
            kept.update(r[0] for r in self.conn.execute(sql, (match, first, last)))
        return kept & wanted

    def _accept_chars(self, ids: list[int]) -> set[int]:
        return self._probe(CHARS_TABLE, self.chars, ids)

    def _accept_substring(self, ids: list[int]) -> set[int]:
        matched = self._accept_chars(ids)
        return matched - self._probe(WORDS_TABLE, self.words, sorted(matched))

    def _accept_words(self, match: str, ids: list[int]) -> set[int]:
        kept = self._probe(WORDS_TABLE, match, ids)
        if self.excluded:
            kept &= self._accept_chars(sorted(kept))
        return kept

    def walk_by_date(
        self,
        accept: Callable[[list[int]], set[int]],
        newest: bool,
        limit: int,
        offset: int,
        matches: int,
    ) -> list[int] | None:
        """Articles in date order (newest or oldest first) that `accept` keeps, one page.

        For a query matching a large share of the archive the page fills after a few hundred
        articles, far cheaper than joining every match to its date. Gives up (None) after
        _WALK_BUDGET articles, so a sparse query takes the join instead. Order: effective date
        (undated last), then issue, then the article's place in the issue.
        """
        want = offset + limit
        order = "DESC" if newest else "ASC"
        issues_sql = (
            "SELECT i.id FROM issues i LEFT JOIN publications p ON p.id = i.publication_id"
            f" WHERE 1 = 1{self.filters.sql}"
            f" ORDER BY {EFFECTIVE_DATE} IS NULL, {EFFECTIVE_DATE} {order}, i.id {order} LIMIT ? OFFSET ?"
        )
        found: list[int] = []
        # The first batch is sized to fill the page at the query's share of the archive.
        issues_total = self._scalar("SELECT count(*) FROM issues", ()) or 1
        per_issue = max(1.0, self._article_count / issues_total)
        expected = want * self._article_count / max(1, matches) / per_issue
        probed, skip, batch = 0, 0, max(8, math.ceil(1.5 * expected))
        while len(found) < want:
            if probed > _WALK_BUDGET:
                return None
            issues = [r[0] for r in self.conn.execute(issues_sql, (*self.filters.args, batch, skip))]
            if not issues:
                break
            rank = {issue: n for n, issue in enumerate(issues)}
            marks = ",".join("?" * len(issues))
            rows = self.conn.execute(f"SELECT issue_id, id FROM articles WHERE issue_id IN ({marks})", issues)
            ids = [r[1] for r in sorted(rows, key=lambda r: (rank[r[0]], r[1]))]
            kept = accept(ids)
            found += [i for i in ids if i in kept]
            probed += len(ids)
            skip += len(issues)
            batch *= 2
        return found[offset:want]

    def _ranked(
        self, table: str, where: str, args: tuple[Any, ...], limit: int, offset: int, flat: bool
    ) -> list[tuple[int, float]]:
        """One page by BM25 (ascending: FTS5 scores are negative), newer first on ties.

        Joining every match to its issue's date costs as much as scoring it, so unless the
        query filters on date or publication the scores are ranked inside FTS5 and dates are
        looked up only for the page and for rows tied with its last score.
        """
        if not flat and not self.filters.sql:
            return self._ranked_by_score(table, where, args, limit, offset)
        sql = (
            f"SELECT {table}.rowid, {self._score(table, flat)} AS s{self._from(table)}{where}"
            f" ORDER BY s, {_NEWEST_FIRST}"
            " LIMIT ? OFFSET ?"
        )
        return [(r[0], r[1]) for r in self.conn.execute(sql, (*args, limit, offset))]

    def _ranked_by_score(
        self, table: str, where: str, args: tuple[Any, ...], limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """The page ranked inside FTS5; dates are looked up only for the page and its ties.

        BM25 without length normalisation gives many equal scores (every article naming the
        term once, in the body only, ties), so when the run of ties at the page's last score
        goes on past what was fetched, its newest members are fetched by a second statement
        that joins dates for the tied rows alone.
        """
        want = offset + limit
        score = self._score(table, False)
        sql = f"SELECT {table}.rowid, {score} AS s FROM {table}{where} ORDER BY s LIMIT ?"
        rows: list[tuple[int, float]] = [
            (r[0], r[1]) for r in self.conn.execute(sql, (*args, want + _TIE_SLACK))
        ]
        if len(rows) > want:
            boundary = rows[want - 1][1]
            better = [r for r in rows if r[1] < boundary]
            if rows[-1][1] == boundary:
                rows = better + self._tied(table, where, args, boundary, want - len(better))
            else:
                rows = [r for r in rows if r[1] <= boundary]
        dates = _dates(self.conn, [r[0] for r in rows])
        rows.sort(key=lambda r: r[0])
        rows.sort(key=lambda r: dates[r[0]][1], reverse=True)
        rows.sort(key=lambda r: dates[r[0]][0] or "", reverse=True)
        rows.sort(key=lambda r: r[1])
        return rows[offset:want]

    def _tied(
        self, table: str, where: str, args: tuple[Any, ...], score: float, limit: int
    ) -> list[tuple[int, float]]:
        """The `limit` newest rows whose score equals `score` (same statement, same doubles)."""
        sql = (
            f"SELECT {table}.rowid{self._from(table)}{where} AND {self._score(table, False)} = ?"
            f" ORDER BY {_NEWEST_FIRST}"
            " LIMIT ?"
        )
        return [(r[0], score) for r in self.conn.execute(sql, (*args, score, limit))]

    def dated_page(self, newest: bool, limit: int, offset: int, total: int) -> list[tuple[int, float]]:
        if self._walk_pays(total, offset + limit):
            walked = self.walk_by_date(self._accept_chars, newest, limit, offset, total)
            if walked is not None:
                return [(i, 0.0) for i in walked]
        order = "DESC" if newest else "ASC"
        sql = (
            f"SELECT {CHARS_TABLE}.rowid{self._from(CHARS_TABLE)}"
            f" WHERE {CHARS_TABLE} MATCH ?{self.filters.sql}"
            f" ORDER BY {_date_order(order)}"
            " LIMIT ? OFFSET ?"
        )
        return [(r[0], 0.0) for r in self.conn.execute(sql, (self.chars, *self.filters.args, limit, offset))]

    def _walk_pays(self, total: int, want: int) -> bool:
        """Walk when probing the articles the page needs costs less than joining every match.

        A page of `want` among `total` matches needs about want × articles / total probed
        articles at ~3 µs each (issue lists, ids and range probes; _PROBE_COST), where joining
        costs ~1 µs a match. Measured on 100k-article archives (bench/bench_search.py). A walk
        that would probe more than _WALK_BUDGET articles is not started.
        """
        articles = self._article_count
        needed = want * articles / total if total else math.inf
        return _PROBE_COST * needed < total and needed <= _WALK_BUDGET

    @cached_property
    def _article_count(self) -> int:
        """The highest article id: the archive's size, read once per search."""
        return self._scalar("SELECT max(rowid) FROM articles", ()) or 0

    def is_flat(self, count: int) -> bool:
        """BM25 gives no order for a lone term in over half the articles (FTS5 floors its idf).

        `count` is how many articles the term matches in the table being scored.
        """
        if len(self.query.groups) != 1 or len(self.query.groups[0]) != 1 or count < 1000:
            return False
        return count * 2 > self._article_count


def _dates(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str | None, int]]:
    """Effective issue date and issue id of each article."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT a.id, {EFFECTIVE_DATE}, a.issue_id FROM articles a JOIN issues i ON i.id = a.issue_id"
        f" WHERE a.id IN ({marks})",
        ids,
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def _runs(ids: set[int]) -> list[tuple[int, int]]:
    """The ids as (first, last) runs, joining runs fewer than _RUN_GAP ids apart."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and i - runs[-1][1] <= _RUN_GAP:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(first, last) for first, last in runs]
