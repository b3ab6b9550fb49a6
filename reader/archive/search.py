"""Search the archive: exact substring matching, BM25 ranking over words, snippets.

What matches is decided by the character index alone (every folded character one token, a
term = the phrase of its characters), so a search never misses an article that contains the
terms. Ranking (sort="relevance") puts whole-word matches first — articles where every
required term also matches as jieba words, ordered by BM25 over words with the headline
weighted ×10 — then substring-only matches by BM25 over characters; newer issues first on ties.

`search()` only reads. The GUI calls it from a worker thread with its own read-only archive
(`open_archive(path, readonly=True)`); to abandon a slow search call `conn.interrupt()` from
the UI thread (the search raises sqlite3.OperationalError "interrupted") or simply ignore the
result when it arrives.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from reader.archive.search_index import (
    CHARS_TABLE,
    HEADLINE_WEIGHT,
    WORDS_TABLE,
    char_tokens,
    other_text,
    word_tokens,
)
from reader.text.query import Query, QueryError, Term, parse_query
from reader.text.snippet import Passage, Span, highlight_spans, passages

Sort = Literal["relevance", "newest", "oldest"]
SORTS: tuple[str, ...] = ("relevance", "newest", "oldest")
EFFECTIVE_DATE = "COALESCE(i.user_date, i.date)"


@dataclass(frozen=True)
class Hit:
    """One article found; `passages` and `headline_spans` index into the original text."""

    id: int
    key: str
    headline: str
    publication: str | None
    date: str | None
    number: int | None
    page: int | None
    score: float
    whole_word: bool
    headline_spans: tuple[Span, ...]
    passages: tuple[Passage, ...]

    @property
    def snippet(self) -> str:
        """The passages as plain text with hits in 【】, for the CLI and JSON."""
        return " ".join(p.marked() for p in self.passages)

    @property
    def headline_marked(self) -> str:
        """The headline with hits in 【】."""
        return Passage(self.headline, self.headline_spans).marked()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (`python -m reader search --json`)."""
        return {
            "id": self.id,
            "key": self.key,
            "headline": self.headline,
            "publication": self.publication,
            "date": self.date,
            "number": self.number,
            "page": self.page,
            "snippet": self.snippet,
            "score": round(self.score, 4),
            "whole_word": self.whole_word,
            "headline_spans": [list(s) for s in self.headline_spans],
            "passages": [
                {
                    "text": p.text,
                    "spans": [list(s) for s in p.spans],
                    "leading": p.leading,
                    "trailing": p.trailing,
                }
                for p in self.passages
            ],
        }


@dataclass(frozen=True)
class SearchResult:
    """`total` counts every matching article; `hits` is the requested page.

    `error` is a message for the user (简体中文) when the input leaves nothing to search.
    """

    query: str
    total: int
    hits: tuple[Hit, ...]
    error: str | None = None
    parsed: Query | None = None
    elapsed_ms: float = field(default=0.0, compare=False)


def _connection(source: Any) -> sqlite3.Connection:
    """Accept an Archive, a sqlite_utils Database or a sqlite3 Connection."""
    db = getattr(source, "db", source)
    conn = getattr(db, "conn", db)
    if not isinstance(conn, sqlite3.Connection):
        raise TypeError(f"cannot search {type(source).__name__}")
    return conn


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def _term_expr(term: Term, words: bool) -> str:
    tokens = word_tokens(term.folded) if words else char_tokens(term.folded)
    prefix = "headline : " if term.headline_only else ""
    return prefix + _phrase(tokens)


def _positive_expr(query: Query, words: bool) -> str:
    groups = ["(" + " OR ".join(_term_expr(t, words) for t in g) + ")" for g in query.groups]
    return " AND ".join(groups)


def _excluded_expr(query: Query) -> str | None:
    if not query.excluded:
        return None
    return " OR ".join(_term_expr(t, False) for t in query.excluded)


def match_expression(query: Query) -> str:
    """The FTS5 expression over the character index that selects exactly the matches."""
    positive = _positive_expr(query, words=False)
    excluded = _excluded_expr(query)
    return f"({positive}) NOT ({excluded})" if excluded else positive


@dataclass(frozen=True)
class _Filters:
    sql: str
    args: tuple[Any, ...]

    @classmethod
    def build(cls, date_from: str | None, date_to: str | None, publication: str | None) -> _Filters:
        parts: list[str] = []
        args: list[Any] = []
        if date_from:
            parts.append(f"{EFFECTIVE_DATE} >= ?")
            args.append(date_from)
        if date_to:
            parts.append(f"{EFFECTIVE_DATE} <= ?")
            args.append(date_to)
        if publication:
            parts.append("p.name = ?")
            args.append(publication)
        return cls("".join(f" AND {p}" for p in parts), tuple(args))


def _from(table: str) -> str:
    return (
        f" FROM {table} JOIN articles a ON a.id = {table}.rowid"
        " JOIN issues i ON i.id = a.issue_id LEFT JOIN publications p ON p.id = i.publication_id"
    )


class _Plan:
    """The SQL for one parsed query and one set of filters."""

    def __init__(self, conn: sqlite3.Connection, query: Query, filters: _Filters) -> None:
        self.conn = conn
        self.query = query
        self.filters = filters
        self.chars = match_expression(query)
        self.words = _positive_expr(query, words=True)
        self.excluded = _excluded_expr(query)

    def _scalar(self, sql: str, args: tuple[Any, ...]) -> int:
        return int(self.conn.execute(sql, args).fetchone()[0])

    def count_all(self) -> int:
        if not self.filters.sql:
            return self._scalar(
                f"SELECT count(*) FROM {CHARS_TABLE} WHERE {CHARS_TABLE} MATCH ?", (self.chars,)
            )
        sql = f"SELECT count(*){_from(CHARS_TABLE)} WHERE {CHARS_TABLE} MATCH ?{self.filters.sql}"
        return self._scalar(sql, (self.chars, *self.filters.args))

    def _words_where(self) -> tuple[str, tuple[Any, ...]]:
        where = f" WHERE {WORDS_TABLE} MATCH ?"
        args: tuple[Any, ...] = (self.words,)
        if self.excluded:
            excluded = f"SELECT rowid FROM {CHARS_TABLE} WHERE {CHARS_TABLE} MATCH ?"
            where += f" AND {WORDS_TABLE}.rowid NOT IN ({excluded})"
            args += (self.excluded,)
        return where + self.filters.sql, args + self.filters.args

    def count_words(self) -> int:
        where, args = self._words_where()
        if not self.excluded and not self.filters.sql:
            return self._scalar(f"SELECT count(*) FROM {WORDS_TABLE}{where}", args)
        return self._scalar(f"SELECT count(*){_from(WORDS_TABLE)}{where}", args)

    def _score(self, table: str, flat: bool) -> str:
        return "0.0" if flat else f"bm25({table}, {HEADLINE_WEIGHT}, 1.0)"

    def words_page(self, limit: int, offset: int, flat: bool) -> list[tuple[int, float]]:
        where, args = self._words_where()
        sql = (
            f"SELECT {WORDS_TABLE}.rowid, {self._score(WORDS_TABLE, flat)} AS s{_from(WORDS_TABLE)}{where}"
            f" ORDER BY s, {EFFECTIVE_DATE} IS NULL, {EFFECTIVE_DATE} DESC, {WORDS_TABLE}.rowid DESC"
            " LIMIT ? OFFSET ?"
        )
        return [(r[0], r[1]) for r in self.conn.execute(sql, (*args, limit, offset))]

    def substring_page(self, limit: int, offset: int, flat: bool) -> list[tuple[int, float]]:
        sql = (
            f"SELECT {CHARS_TABLE}.rowid, {self._score(CHARS_TABLE, flat)} AS s{_from(CHARS_TABLE)}"
            f" WHERE {CHARS_TABLE} MATCH ?"
            f" AND {CHARS_TABLE}.rowid NOT IN (SELECT rowid FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH ?)"
            f"{self.filters.sql}"
            f" ORDER BY s, {EFFECTIVE_DATE} IS NULL, {EFFECTIVE_DATE} DESC, {CHARS_TABLE}.rowid DESC"
            " LIMIT ? OFFSET ?"
        )
        args = (self.chars, self.words, *self.filters.args, limit, offset)
        return [(r[0], r[1]) for r in self.conn.execute(sql, args)]

    def dated_page(self, newest: bool, limit: int, offset: int) -> list[tuple[int, float]]:
        order = "DESC" if newest else "ASC"
        sql = (
            f"SELECT {CHARS_TABLE}.rowid{_from(CHARS_TABLE)} WHERE {CHARS_TABLE} MATCH ?{self.filters.sql}"
            f" ORDER BY {EFFECTIVE_DATE} IS NULL, {EFFECTIVE_DATE} {order}, a.issue_id {order},"
            f" a.position ASC LIMIT ? OFFSET ?"
        )
        return [(r[0], 0.0) for r in self.conn.execute(sql, (self.chars, *self.filters.args, limit, offset))]

    def is_flat(self, count: int) -> bool:
        """BM25 gives no order for a lone term in over half the articles (FTS5 floors its idf)."""
        if len(self.query.groups) != 1 or len(self.query.groups[0]) != 1 or count < 1000:
            return False
        articles = self._scalar("SELECT max(rowid) FROM articles", ()) or 0
        return count * 2 > articles


def search(
    source: Any,
    query: str | Query,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    publication: str | None = None,
    sort: str = "relevance",
    limit: int = 50,
    offset: int = 0,
) -> SearchResult:
    """Find every article containing the query's terms; return the total and one page of hits.

    Dates are ISO strings compared with the issue's effective date (the user's date if set);
    `publication` is a publication name. Raises ValueError for an unknown `sort`; input the user
    typed never raises — see `SearchResult.error`.
    """
    started = time.perf_counter()
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
    text = query if isinstance(query, str) else ""
    parsed = parse_query(query) if isinstance(query, str) else query
    if isinstance(parsed, QueryError):
        return SearchResult(text, 0, (), error=parsed.message)
    conn = _connection(source)
    plan = _Plan(conn, parsed, _Filters.build(date_from, date_to, publication))
    total = plan.count_all()
    limit, offset = max(0, limit), max(0, offset)
    ranked: list[tuple[int, float, bool]] = []
    if total and limit:
        if sort == "relevance":
            whole = plan.count_words()
            flat = plan.is_flat(total)
            if offset < whole:
                ranked += [(i, s, True) for i, s in plan.words_page(limit, offset, flat)]
            if len(ranked) < limit and whole < total:
                rest = plan.substring_page(limit - len(ranked), max(0, offset - whole), flat)
                ranked += [(i, s, False) for i, s in rest]
        else:
            ranked = [(i, s, False) for i, s in plan.dated_page(sort == "newest", limit, offset)]
    hits = _hits(conn, parsed, ranked)
    elapsed = (time.perf_counter() - started) * 1000
    return SearchResult(text, total, hits, parsed=parsed, elapsed_ms=elapsed)


def _hits(conn: sqlite3.Connection, query: Query, ranked: list[tuple[int, float, bool]]) -> tuple[Hit, ...]:
    if not ranked:
        return ()
    ids = [r[0] for r in ranked]
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT a.id, a.key, a.page, a.headline, a.kicker, a.subtitle, a.dateline, a.byline, a.body,"
        f" p.name, {EFFECTIVE_DATE}, i.number FROM articles a JOIN issues i ON i.id = a.issue_id"
        f" LEFT JOIN publications p ON p.id = i.publication_id WHERE a.id IN ({marks})",
        ids,
    ).fetchall()
    by_id = {row[0]: row for row in rows}
    hits: list[Hit] = []
    for article_id, score, whole in ranked:
        row = by_id.get(article_id)
        if row is None:  # deleted between the two statements (another connection re-imported)
            continue
        headline = row[3] or ""
        other = other_text(row[4:9])
        spans = highlight_spans(other, query)
        shown = passages(other, spans) if spans else passages(row[8] or "", [])
        hits.append(
            Hit(
                id=row[0],
                key=row[1],
                headline=headline,
                publication=row[9],
                date=row[10],
                number=row[11],
                page=row[2],
                score=float(score),
                whole_word=whole,
                headline_spans=tuple(highlight_spans(headline, query, headline=True)),
                passages=tuple(shown),
            )
        )
    return tuple(hits)
