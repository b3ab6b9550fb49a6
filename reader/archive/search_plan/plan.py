"""One search's counts and pages: which strategy finds each tier's page, and the index probes.

The Plan holds what a search computes once (expressions, joins, the article count, the table of
matches when terms are excluded). Relevance pages are always ranked by BM25 (`ranked`); date
pages are walked over issues (`walk`) when the cost model in `cost` says that pays.

A query whose every term is 标题: reads the headline tables alone (`HEADLINES_ONLY`): the same
expressions, the same columns, but postings of headlines only, so 标题:开发区 does not read
where 开, 发 and 区 occur in every body. Whichever the tables, which articles are whole-word
matches with a term in the headline is asked of the headline words table.
"""

from __future__ import annotations

import sqlite3
from functools import cached_property

from reader.archive.clause import Clause
from reader.archive.id_lists import rows_where_in
from reader.archive.search_index import HEADLINE_WORDS_TABLE, HEADLINES_ONLY, WHOLE_ARTICLES, IndexTables
from reader.archive.search_plan import cost
from reader.archive.search_plan.expressions import Expressions
from reader.archive.search_plan.ranked import Rows, ranked
from reader.archive.search_plan.scope import Filters, Scope, date_order
from reader.archive.search_plan.walk import Accept, probe, walk_by_date
from reader.archive.search_tokens import Tokenizer
from reader.text.query import Query

_MATCHES = "search_matches"


class Plan:
    """The SQL for one parsed query and one set of filters."""

    def __init__(self, conn: sqlite3.Connection, query: Query, filters: Filters, words: Tokenizer) -> None:
        self.conn = conn
        self.query = query
        self.filters = filters = filters.with_authors(query)
        self.expr = Expressions.of(query, words)
        self.scope = Scope(conn, filters)
        self.tables: IndexTables = HEADLINES_ONLY if query.headline_only() else WHOLE_ARTICLES
        self._matches_ready = False

    @cached_property
    def article_count(self) -> int:
        """The archive's size, counted once per search (a Plan lives for one search)."""
        return cost.article_count(self.conn)

    def _walk_pays(self, total: int, want: int) -> bool:
        return cost.walk_pays(self.article_count, total, want)

    # --- counts ------------------------------------------------------------------------------

    def count_all(self) -> int:
        """Every matching article (what the user is told was found)."""
        filters, table = self.filters, self.tables.chars
        if self.expr.excluded and not filters.every:
            self._materialize_matches()
            return self.scope.scalar(Clause(f"SELECT count(*) FROM temp.{_MATCHES}"))
        match = Clause(f" WHERE {table} MATCH ?", (self.expr.chars,))
        if not filters.every:
            return self.scope.scalar(Clause(f"SELECT count(*) FROM {table}") + match)
        return self.scope.scalar(Clause(f"SELECT count(*){self.scope.joined(table)}") + match + filters.every)

    def count_words(self, match: str, *, headline: bool | None = None) -> int:
        """The articles a word expression selects among the matches (`headline`: only those with,
        or without, a term as words in the headline)."""
        where = self._words_where(match, headline)
        table = self.tables.words
        if not self.filters.every:
            return self.scope.scalar(Clause(f"SELECT count(*) FROM {table}") + where)
        return self.scope.scalar(Clause(f"SELECT count(*){self.scope.joined(table)}") + where)

    def _words_where(self, match: str, headline: bool | None = None) -> Clause:
        """Rows `match` selects (and scores); with `headline` True (False) only those with (without)
        a positive term as words in the headline, as the headline words table says."""
        table = self.tables.words
        where = Clause(f" WHERE {table} MATCH ?", (match,))
        if headline is not None and self.tables is HEADLINES_ONLY:
            # Every whole-word match of a 标题: query has its term in the headline.
            where = where if headline else where.and_("0")
            headline = None
        if headline is not None:
            # "+": a plain IN makes SQLite probe FTS5 once per listed rowid (seconds for 区).
            selected = f"SELECT rowid FROM {HEADLINE_WORDS_TABLE} WHERE {HEADLINE_WORDS_TABLE} MATCH ?"
            where = where.and_(
                f"+{table}.rowid {'IN' if headline else 'NOT IN'} ({selected})", self.expr.words_headline
            )
        if self.expr.excluded:
            where = where.and_(f"+{table}.rowid IN (SELECT id FROM temp.{_MATCHES})")
            self._materialize_matches()
        return where + self.filters.every

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
        chars = self.tables.chars
        insert = Clause(
            f"INSERT INTO temp.{_MATCHES} SELECT rowid FROM {chars} WHERE {chars} MATCH ?", (self.expr.chars,)
        )
        insert.execute(self.conn)
        self._matches_ready = True

    # --- pages -------------------------------------------------------------------------------

    def headline_page(self, limit: int, offset: int) -> Rows:
        """One page of the whole-word matches with a term in the headline.

        `words_headline` only selects them; they are scored by `words`, so that mentions in the
        body count there as everywhere (issue 13: scored on the headline expression, two
        articles naming the term once in the headline tied whatever their bodies said).
        """
        where = self._words_where(self.expr.words, headline=True)
        return ranked(self.scope, self.tables.words, where, limit, offset)

    def words_page(self, limit: int, offset: int, *, headline: bool | None = None) -> Rows:
        """One page of the whole-word matches (`headline`: only those with, or without, a term
        as words in the headline)."""
        where = self._words_where(self.expr.words, headline)
        return ranked(self.scope, self.tables.words, where, limit, offset)

    def substring_page(self, limit: int, offset: int, whole: int) -> Rows:
        """One page of the substring-only matches (`whole` articles matched as words)."""
        chars, words = self.tables.chars, self.tables.words
        where = Clause(f" WHERE {chars} MATCH ?", (self.expr.chars,))
        if whole:  # else every match is substring-only: no need to leave the words out
            matched = f"SELECT rowid FROM {words} WHERE {words} MATCH ?"
            where = where.and_(f"{chars}.rowid NOT IN ({matched})", self.expr.words)
        return ranked(self.scope, chars, where + self.filters.every, limit, offset)

    def dated_page(self, newest: bool, limit: int, offset: int, total: int) -> Rows:
        """One page of every match by date (sort newest / oldest), walked when that pays."""
        if self._walk_pays(total, offset + limit):
            walked = self.walk_by_date(self._accept_chars, newest, limit, offset, total)
            if walked is not None:
                return [(i, 0.0) for i in walked]
        return self.joined_by_date(newest, limit, offset)

    def joined_by_date(self, newest: bool, limit: int, offset: int) -> Rows:
        """One page of every match in date order, found by joining every match to its date."""
        chars = self.tables.chars
        statement = (
            Clause(f"SELECT {chars}.rowid{self.scope.joined(chars)}")
            + Clause(f" WHERE {chars} MATCH ?", (self.expr.chars,))
            + self.filters.every
            + Clause(f" ORDER BY {date_order('DESC' if newest else 'ASC')} LIMIT ? OFFSET ?", (limit, offset))
        )
        return [(r[0], 0.0) for r in statement.execute(self.conn)]

    def walk_by_date(
        self, accept: Accept, newest: bool, limit: int, offset: int, matches: int
    ) -> list[int] | None:
        """A page of the articles `accept` keeps, in date order (see walk.walk_by_date)."""
        return walk_by_date(self.scope, accept, newest, limit, offset, matches, self.article_count)

    # --- which of a batch of articles a walk keeps ---------------------------------------------

    def _accept_chars(self, ids: list[int]) -> set[int]:
        kept = probe(self.conn, self.tables.chars, self.expr.chars, ids)
        if not self.filters.article or not kept:
            return kept
        return self._of_filtered_articles(sorted(kept))

    def _of_filtered_articles(self, ids: list[int]) -> set[int]:
        """Which of `ids` pass the filters on the article itself (作者: names), 500 a statement."""
        sql = "SELECT a.id FROM articles a WHERE a.id"
        return {row[0] for row in rows_where_in(self.conn, sql, ids, self.filters.article)}
