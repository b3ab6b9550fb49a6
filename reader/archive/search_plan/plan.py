"""One search's counts and pages: which strategy finds each tier's page, and the index probes.

The Plan holds what a search computes once (expressions, joins, the article count, the table of
matches when terms are excluded) and picks, for every page, between the BM25 strategies in
`ranked` and the date-ordered walk in `walk`, by the cost model in `cost`.
"""

from __future__ import annotations

import sqlite3
from functools import cached_property
from typing import Any

from reader.archive.search_index import CHARS_TABLE, WORDS_TABLE
from reader.archive.search_plan import cost
from reader.archive.search_plan.expressions import Expressions, is_lone_term
from reader.archive.search_plan.ranked import Rows, ranked
from reader.archive.search_plan.scope import Filters, Scope, date_order
from reader.archive.search_plan.walk import Accept, probe, walk_by_date
from reader.text.query import Query

_MATCHES = "search_matches"


class Plan:
    """The SQL for one parsed query and one set of filters."""

    def __init__(self, conn: sqlite3.Connection, query: Query, filters: Filters) -> None:
        self.conn = conn
        self.query = query
        self.filters = filters
        self.expr = Expressions.of(query)
        self.scope = Scope(conn, filters)
        self._lone = is_lone_term(query)
        self._matches_ready = False

    @cached_property
    def article_count(self) -> int:
        """The archive's size, counted once per search (a Plan lives for one search)."""
        return cost.article_count(self.conn)

    def is_flat(self, count: int) -> bool:
        """Whether BM25 orders `count` matches of this query (see cost.is_flat)."""
        return cost.is_flat(self._lone, count, self.article_count)

    def _walk_pays(self, total: int, want: int) -> bool:
        return cost.walk_pays(self.article_count, total, want)

    # --- counts ------------------------------------------------------------------------------

    def count_all(self) -> int:
        """Every matching article (what the user is told was found)."""
        chars, filters = self.expr.chars, self.filters
        if self.expr.excluded and not filters.sql:
            self._materialize_matches()
            return self.scope.scalar(f"SELECT count(*) FROM temp.{_MATCHES}")
        if not filters.sql:
            return self.scope.scalar(
                f"SELECT count(*) FROM {CHARS_TABLE} WHERE {CHARS_TABLE} MATCH ?", (chars,)
            )
        sql = f"SELECT count(*){self.scope.joined(CHARS_TABLE)} WHERE {CHARS_TABLE} MATCH ?{filters.sql}"
        return self.scope.scalar(sql, (chars, *filters.args))

    def count_words(self, match: str) -> int:
        """The articles a word expression selects among the matches."""
        where, args = self._words_where(match)
        if not self.filters.sql:
            return self.scope.scalar(f"SELECT count(*) FROM {WORDS_TABLE}{where}", args)
        return self.scope.scalar(f"SELECT count(*){self.scope.joined(WORDS_TABLE)}{where}", args)

    def _words_where(self, match: str) -> tuple[str, tuple[Any, ...]]:
        where = f" WHERE {WORDS_TABLE} MATCH ?"
        args: tuple[Any, ...] = (match,)
        if self.expr.excluded:
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
            (self.expr.chars,),
        )
        self._matches_ready = True

    # --- pages -------------------------------------------------------------------------------

    def words_page(self, match: str, limit: int, offset: int, flat: bool, size: int | None) -> Rows:
        """One page of a whole-word tier of `size` articles (None: not counted, so not flat)."""
        if flat and size is not None and self._walk_pays(size, offset + limit):
            walked = self.walk_by_date(lambda ids: self._accept_words(match, ids), True, limit, offset, size)
            if walked is not None:
                return [(i, 0.0) for i in walked]
        where, args = self._words_where(match)
        return ranked(self.scope, WORDS_TABLE, where, args, limit, offset, flat)

    def substring_page(self, limit: int, offset: int, flat: bool, size: int, whole: int) -> Rows:
        """One page of the substring-only tier of `size` articles (`whole` matched as words)."""
        if flat and self._walk_pays(size, offset + limit):
            walked = self.walk_by_date(self._accept_substring, True, limit, offset, size)
            if walked is not None:
                return [(i, 0.0) for i in walked]
        where = f" WHERE {CHARS_TABLE} MATCH ?"
        args: tuple[Any, ...] = (self.expr.chars,)
        if whole:  # else every match is substring-only: no need to leave the words out
            words = f"SELECT rowid FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH ?"
            where += f" AND {CHARS_TABLE}.rowid NOT IN ({words})"
            args += (self.expr.words,)
        where += self.filters.sql
        return ranked(self.scope, CHARS_TABLE, where, args + self.filters.args, limit, offset, flat)

    def dated_page(self, newest: bool, limit: int, offset: int, total: int) -> Rows:
        """One page of every match by date (sort newest / oldest), walked when that pays."""
        if self._walk_pays(total, offset + limit):
            walked = self.walk_by_date(self._accept_chars, newest, limit, offset, total)
            if walked is not None:
                return [(i, 0.0) for i in walked]
        sql = (
            f"SELECT {CHARS_TABLE}.rowid{self.scope.joined(CHARS_TABLE)}"
            f" WHERE {CHARS_TABLE} MATCH ?{self.filters.sql}"
            f" ORDER BY {date_order('DESC' if newest else 'ASC')}"
            " LIMIT ? OFFSET ?"
        )
        args = (self.expr.chars, *self.filters.args, limit, offset)
        return [(r[0], 0.0) for r in self.conn.execute(sql, args)]

    def walk_by_date(
        self, accept: Accept, newest: bool, limit: int, offset: int, matches: int
    ) -> list[int] | None:
        """A page of the articles `accept` keeps, in date order (see walk.walk_by_date)."""
        return walk_by_date(self.scope, accept, newest, limit, offset, matches, self.article_count)

    # --- which of a batch of articles a walk keeps ---------------------------------------------

    def _accept_chars(self, ids: list[int]) -> set[int]:
        return probe(self.conn, CHARS_TABLE, self.expr.chars, ids)

    def _accept_substring(self, ids: list[int]) -> set[int]:
        matched = self._accept_chars(ids)
        return matched - probe(self.conn, WORDS_TABLE, self.expr.words, sorted(matched))

    def _accept_words(self, match: str, ids: list[int]) -> set[int]:
        kept = probe(self.conn, WORDS_TABLE, match, ids)
        if self.expr.excluded:
            kept &= self._accept_chars(sorted(kept))
        return kept
