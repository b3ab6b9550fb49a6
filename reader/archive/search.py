"""Search the archive: exact substring matching, BM25 ranking over words, snippets.

What matches is decided by the character index alone (every folded character one token, a
term = the phrase of its characters), so a search never misses an article that contains the
terms. Ranking (sort="relevance") puts whole-word matches first — articles where every
required term also matches as jieba words, those with a term in the headline first, each tier
ordered by BM25 over words of the whole article with the headline weighted ×10 — then
substring-only matches by BM25 over characters; newer issues first on ties. README states this
as one sentence; tests/test_search_order.py checks it against a brute-force count of mentions.
BM25 here has no length normalisation (b = 0; see reader.archive.search_index for why).

`find(archive, SearchRequest(...))` runs one search; `search(archive, query, **fields)` is the same
with the request's fields as keywords. How the pages are found is reader.archive.search_plan.

A search only reads. The GUI runs it on a worker thread with its own read-only archive
(`open_archive(path, readonly=True)`); to abandon a slow search call `conn.interrupt()` from
the UI thread (the search raises sqlite3.OperationalError "interrupted") or simply ignore the
result when it arrives.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.archive.errors import translate
from reader.archive.id_lists import rows_where_in
from reader.archive.queries import ARTICLE_PAGE, CORRECTED, EFFECTIVE_DATE
from reader.archive.search_index import other_text
from reader.archive.search_plan import Filters, Plan, match_expression, relevance_page
from reader.archive.search_request import DEFAULT_LIMIT, SORTS, SearchRequest
from reader.text.dateline import split_dateline
from reader.text.query import Query, QueryError, parse_query, readable_text
from reader.text.snippet import Passage, Span, highlight_spans, hit_passages, join_passages

if TYPE_CHECKING:
    from reader.archive.handle import Archive

__all__ = ["SORTS", "Hit", "SearchRequest", "SearchResult", "find", "match_expression", "search"]


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
    corrected: bool = False  # changed or made by a staff correction: lists mark it 〔已校订〕

    @property
    def snippet(self) -> str:
        """The passages as plain text with hits in 【】, for the CLI and JSON."""
        return join_passages(self.passages, lambda p: p.marked(ellipses=False))

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
            "corrected": self.corrected,
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

    `query` is the text searched for, safe to print (undecodable input shown as U+FFFD).

    `error` is a message for the user (简体中文) when the input leaves nothing to search.
    """

    query: str
    total: int
    hits: tuple[Hit, ...]
    error: str | None = None
    parsed: Query | None = None
    elapsed_ms: float = field(default=0.0, compare=False)


def search(
    archive: Archive,
    query: str | Query,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    publication: str | None = None,
    sort: str = "relevance",
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> SearchResult:
    """`find(archive, SearchRequest(query, ...))` with the request's fields as keywords.

    For scripts, tests and the benchmarks; the CLI, the window and the exporters build one
    SearchRequest and hand it on.
    """
    request = SearchRequest(query, date_from, date_to, publication, sort, offset, limit)
    return find(archive, request)


def find(archive: Archive, request: SearchRequest) -> SearchResult:
    """Find every article containing the query's terms; return the total and one page of hits.

    Dates are ISO days (YYYY-MM-DD) compared with the issue's effective date (the user's date if
    set); `publication` is a publication name. Raises reader.text.dates.DateError (a ValueError)
    for a date that is not ISO, whatever the query (an unknown sort is refused by the
    SearchRequest itself); read dates a person typed with reader.text.dates first. The query
    the user typed never raises — see `SearchResult.error`. A known SQLite error (a damaged page)
    is an ArchiveError naming the file; an interrupted search stays sqlite3's OperationalError.
    """
    started = time.perf_counter()
    filters = Filters.build(request.date_from, request.date_to, request.publication)
    query = request.query
    text = readable_text(query) if isinstance(query, str) else ""
    parsed = parse_query(query) if isinstance(query, str) else query
    if isinstance(parsed, QueryError):
        return SearchResult(text, 0, (), error=parsed.message)
    conn = archive.conn
    own_transaction = not conn.in_transaction
    if own_transaction:  # one snapshot: counts and pages agree while an import writes
        conn.execute("BEGIN")
    try:
        total, ranked = _run(archive, parsed, filters, request)
        hits = _hits(conn, parsed, ranked)
    except sqlite3.Error as err:
        raise translate(err, archive.path) from err  # a damaged page met mid-search; "interrupted" stays
    finally:
        if own_transaction and conn.in_transaction:
            conn.execute("COMMIT")
    elapsed = (time.perf_counter() - started) * 1000
    return SearchResult(text, total, hits, parsed=parsed, elapsed_ms=elapsed)


def _run(
    archive: Archive, parsed: Query, filters: Filters, request: SearchRequest
) -> tuple[int, list[tuple[int, float, bool]]]:
    """The total and the ranked (id, score, whole-word) page."""
    plan = Plan(archive.conn, parsed, filters, archive.tokenizer)
    total = plan.count_all()
    limit, offset = max(0, request.limit), max(0, request.offset)
    ranked: list[tuple[int, float, bool]] = []
    if total and limit:
        if request.sort == "relevance":
            ranked = relevance_page(plan, total, limit, offset)
        else:
            newest = request.sort == "newest"
            ranked = [(i, s, False) for i, s in plan.dated_page(newest, limit, offset, total)]
    return total, ranked


def snippet_passages(
    kicker: str | None, subtitle: str | None, body: str | None, query: Query
) -> list[Passage]:
    """What a result shows under its headline: the text around the first hits in the body.

    The dateline (东昌府讯) and the byline say where and by whom, not what: a search for the
    place found every local article there and showed 「东昌府讯…」 alone. So they are left out,
    with a dateline the body itself begins with; the body's hits come first, then hits in the
    kicker or subtitle; an article whose only hits are in those lines shows its body's start."""
    text = _without_dateline(body or "")
    shown = hit_passages(text, query, fallback=text)
    if any(passage.spans for passage in shown):
        return shown
    return hit_passages(other_text((kicker, subtitle)), query, fallback=text)


def _without_dateline(body: str) -> str:
    """The body from its first sentence on: a leading dateline (东昌府讯 or 本报讯（记者 某某）) cut."""
    first, newline, rest = body.partition("\n")
    dateline, _byline, remainder = split_dateline(first)
    return remainder + newline + rest if dateline else body


def _hits(conn: sqlite3.Connection, query: Query, ranked: list[tuple[int, float, bool]]) -> tuple[Hit, ...]:
    if not ranked:
        return ()
    rows = rows_where_in(
        conn,
        f"SELECT a.id, a.key, {ARTICLE_PAGE}, a.headline, a.kicker, a.subtitle, a.dateline, a.byline, a.body,"
        f" p.name, {EFFECTIVE_DATE}, i.number, {CORRECTED} FROM articles a JOIN issues i ON i.id = a.issue_id"
        " LEFT JOIN publications p ON p.id = i.publication_id WHERE a.id",
        [r[0] for r in ranked],
    )
    by_id = {row[0]: row for row in rows}
    hits: list[Hit] = []
    for article_id, score, whole in ranked:
        row = by_id.get(article_id)
        if row is None:  # deleted between the two statements (another connection re-imported)
            continue
        headline = row[3] or ""
        shown = snippet_passages(row[4], row[5], row[8], query)
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
                corrected=bool(row[12]),
            )
        )
    return tuple(hits)
