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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from reader.archive.search_index import (
    ARTICLE_ISSUE_INDEX,
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
_TIE_SLACK = 32
_MATCHES = "search_matches"


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


def _headline_expr(query: Query) -> str:
    """Any positive term as words in the headline."""
    return "headline : (" + " OR ".join(_term_expr(t, True) for t in query.positive_terms()) + ")"


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


class _Plan:
    """The SQL for one parsed query and one set of filters."""

    def __init__(self, conn: sqlite3.Connection, query: Query, filters: _Filters) -> None:
        self.conn = conn
        self.query = query
        self.filters = filters
        self.chars = match_expression(query)
        self.words = _positive_expr(query, words=True)
        headline = _headline_expr(query)
        self.words_headline = f"({self.words}) AND ({headline})"
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

    def words_page(self, match: str, limit: int, offset: int, flat: bool) -> list[tuple[int, float]]:
        where, args = self._words_where(match)
        return self._ranked(WORDS_TABLE, where, args, limit, offset, flat)

    def substring_page(self, limit: int, offset: int, flat: bool) -> list[tuple[int, float]]:
        words = f"SELECT rowid FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH ?"
        where = f" WHERE {CHARS_TABLE} MATCH ? AND {CHARS_TABLE}.rowid NOT IN ({words}){self.filters.sql}"
        args = (self.chars, self.words, *self.filters.args)
        return self._ranked(CHARS_TABLE, where, args, limit, offset, flat)

    def _ranked(
        self, table: str, where: str, args: tuple[Any, ...], limit: int, offset: int, flat: bool
    ) -> list[tuple[int, float]]:
        """One page by BM25 (ascending: FTS5 scores are negative), newer first on ties.

        Joining every match to its issue's date costs as much as scoring it, so unless the
        query filters on date or publication the scores are ranked inside FTS5 and dates are
        looked up only for the page and for rows tied with its last score.
        """
        if not flat and not self.filters.sql:
            page = self._ranked_by_score(table, where, args, limit, offset)
            if page is not None:
                return page
        sql = (
            f"SELECT {table}.rowid, {self._score(table, flat)} AS s{self._from(table)}{where}"
            f" ORDER BY s, {EFFECTIVE_DATE} IS NULL, {EFFECTIVE_DATE} DESC, {table}.rowid DESC"
            " LIMIT ? OFFSET ?"
        )
        return [(r[0], r[1]) for r in self.conn.execute(sql, (*args, limit, offset))]

    def _ranked_by_score(
        self, table: str, where: str, args: tuple[Any, ...], limit: int, offset: int
    ) -> list[tuple[int, float]] | None:
        want = offset + limit
        sql = f"SELECT {table}.rowid, {self._score(table, False)} AS s FROM {table}{where} ORDER BY s LIMIT ?"
        rows: list[tuple[int, float]] = [
            (r[0], r[1]) for r in self.conn.execute(sql, (*args, want + _TIE_SLACK))
        ]
        if len(rows) > want:
            boundary = rows[want - 1][1]
            if rows[-1][1] == boundary and len(rows) == want + _TIE_SLACK:
                return None  # a long run of equal scores: let SQL order the ties by date
            rows = [r for r in rows if r[1] <= boundary]
        dates = _dates(self.conn, [r[0] for r in rows])
        rows.sort(key=lambda r: r[0], reverse=True)
        rows.sort(key=lambda r: dates.get(r[0]) or "", reverse=True)
        rows.sort(key=lambda r: r[1])
        return rows[offset:want]

    def dated_page(self, newest: bool, limit: int, offset: int) -> list[tuple[int, float]]:
        order = "DESC" if newest else "ASC"
        sql = (
            f"SELECT {CHARS_TABLE}.rowid{self._from(CHARS_TABLE)}"
            f" WHERE {CHARS_TABLE} MATCH ?{self.filters.sql}"
            f" ORDER BY {EFFECTIVE_DATE} IS NULL, {EFFECTIVE_DATE} {order}, a.issue_id {order}, a.id"
            " LIMIT ? OFFSET ?"
        )
        return [(r[0], 0.0) for r in self.conn.execute(sql, (self.chars, *self.filters.args, limit, offset))]

    def is_flat(self, count: int) -> bool:
        """BM25 gives no order for a lone term in over half the articles (FTS5 floors its idf).

        `count` is how many articles the term matches in the table being scored.
        """
        if len(self.query.groups) != 1 or len(self.query.groups[0]) != 1 or count < 1000:
            return False
        articles = self._scalar("SELECT max(rowid) FROM articles", ()) or 0
        return count * 2 > articles


def _dates(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str | None]:
    """Effective issue date of each article."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT a.id, {EFFECTIVE_DATE} FROM articles a JOIN issues i ON i.id = a.issue_id"
        f" WHERE a.id IN ({marks})",
        ids,
    )
    return {row[0]: row[1] for row in rows}


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
    own_transaction = not conn.in_transaction
    if own_transaction:  # one snapshot: counts and pages agree while an import writes
        conn.execute("BEGIN")
    try:
        total, ranked = _run(
            conn, parsed, _Filters.build(date_from, date_to, publication), sort, limit, offset
        )
        hits = _hits(conn, parsed, ranked)
    finally:
        if own_transaction and conn.in_transaction:
            conn.execute("COMMIT")
    elapsed = (time.perf_counter() - started) * 1000
    return SearchResult(text, total, hits, parsed=parsed, elapsed_ms=elapsed)


def _run(
    conn: sqlite3.Connection, parsed: Query, filters: _Filters, sort: str, limit: int, offset: int
) -> tuple[int, list[tuple[int, float, bool]]]:
    """The total and the ranked (id, score, whole-word) page."""
    plan = _Plan(conn, parsed, filters)
    total = plan.count_all()
    limit, offset = max(0, limit), max(0, offset)
    ranked: list[tuple[int, float, bool]] = []
    if total and limit:
        if sort == "relevance":
            ranked = _relevance_page(plan, total, limit, offset)
        else:
            ranked = [(i, s, False) for i, s in plan.dated_page(sort == "newest", limit, offset)]
    return total, ranked


def _relevance_page(plan: _Plan, total: int, limit: int, offset: int) -> list[tuple[int, float, bool]]:
    """Whole-word matches with a term in the headline, other whole-word matches, then the rest.

    Each tier is ordered by BM25 (headline ×10), newer first on ties; only the tiers the
    requested page reaches are scored, which keeps the first page cheap for common words.
    """
    whole = plan.count_words(plan.words)
    in_headline = plan.count_words(plan.words_headline) if whole else 0
    flat_words, flat_chars = plan.is_flat(whole), plan.is_flat(total)
    tiers: list[tuple[int, Callable[[int, int], list[tuple[int, float]]], bool]] = [
        (in_headline, lambda n, skip: plan.words_page(plan.words_headline, n, skip, flat_words), True),
        (whole - in_headline, lambda n, skip: plan.words_page(plan.words_rest, n, skip, flat_words), True),
        (total - whole, lambda n, skip: plan.substring_page(n, skip, flat_chars), False),
    ]
    ranked: list[tuple[int, float, bool]] = []
    for size, fetch, whole_word in tiers:
        if len(ranked) >= limit:
            break
        if offset >= size:
            offset -= size
            continue
        ranked += [(i, score, whole_word) for i, score in fetch(limit - len(ranked), offset)]
        offset = 0
    return ranked


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
