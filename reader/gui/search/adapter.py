"""The one place the window talks to the search engine (reader.archive.search).

Runs in a worker thread: `run_search` opens its own read-only archive from the path, searches,
closes, and returns plain frozen data (HTML already escaped) that the GUI thread can show.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.archive import search as engine
from reader.archive.db import Archive, open_archive
from reader.archive.formatting import UNTITLED, DateStyle, list_title_mark, source_line
from reader.archive.interrupt import Interrupter as Interrupter  # re-exported: the window's one way to search
from reader.archive.records import ArticleRecord
from reader.archive.search import SearchResult
from reader.archive.search_request import SearchRequest as SearchRequest  # re-exported, as Interrupter
from reader.archive.steady import read_steadily
from reader.archive.timeline import Timeline, timeline
from reader.gui.palette import HIT_TAG_CLOSE, HIT_TAG_OPEN
from reader.text.snippet import highlight_spans, join_passages, wrap_spans

Span = tuple[int, int]
PAGE_SIZE = 30  # a screenful and a half; more pages load as the list scrolls
HIGHLIGHT_FIELDS = ("kicker", "headline", "subtitle", "dateline", "byline", "body")


@dataclass(frozen=True)
class HitRow:
    """One result as the list shows it; the *_html fields are escaped, hits wrapped in spans."""

    id: int
    headline_html: str
    headline_text: str
    meta: str
    snippet_html: str


@dataclass(frozen=True)
class SearchOutcome:
    """One page of results; `query` is the parsed query, kept for highlighting opened articles.

    `unfiltered_total` is how many the same query finds without the date range and publication,
    counted only when those filters left nothing (None otherwise): then the window can say that
    the filter, not the query, is why the list is empty, and offer to clear it.
    """

    request: SearchRequest
    total: int
    hits: tuple[HitRow, ...]
    error: str | None = None
    query: Any = None
    elapsed_ms: float = 0.0
    unfiltered_total: int | None = None


def mark_html(text: str, spans: Any) -> str:
    """Escape `text` and wrap each (start, end) span in the highlight tag."""
    return wrap_spans(text, spans or (), HIT_TAG_OPEN, HIT_TAG_CLOSE, html.escape)


def snippet_html(passages: Any) -> str:
    """Passages joined with one ellipsis where text was left out (never '… …')."""
    return join_passages(passages, lambda passage: mark_html(passage.text, passage.spans))


def _row(hit: engine.Hit) -> HitRow:
    headline = hit.headline or ""
    meta = source_line(hit.publication, hit.date, DateStyle.CHINESE, page=hit.page)
    snippet = snippet_html(hit.passages)
    shown = headline or UNTITLED
    headline_html = mark_html(headline, hit.headline_spans) if headline else html.escape(shown)
    return HitRow(
        hit.id,
        list_title_mark(headline_html, hit.corrected),
        list_title_mark(shown, hit.corrected),
        meta,
        snippet,
    )


def run_search(
    db_path: Path, request: SearchRequest, interrupter: Interrupter | None = None
) -> SearchOutcome:
    """Search in the calling (worker) thread on a connection of its own.

    A damaged page met mid-search arrives as an ArchiveError with a Chinese message (see
    reader.archive.search.search).
    """

    def find(archive: Archive) -> tuple[SearchResult, int | None]:
        with (interrupter or Interrupter()).watching(archive.conn):
            result = engine.find(archive, request)
            unfiltered = None
            if not result.total and not result.error and request.filtered and not request.offset:
                unfiltered = engine.find(archive, unfiltered_request(request)).total
        return result, unfiltered

    with open_archive(db_path, readonly=True) as archive:
        result, unfiltered = read_steadily(archive, find)
    hits = tuple(_row(h) for h in result.hits)
    return SearchOutcome(
        request, result.total, hits, result.error, result.parsed, result.elapsed_ms, unfiltered
    )


def run_timeline(db_path: Path, request: SearchRequest, interrupter: Interrupter | None = None) -> Timeline:
    """The request's hits per month or year, on the worker, over every date: the strip shows the
    whole picture while a bar chosen as the date range narrows the list (publication kept)."""

    def count(archive: Archive) -> Timeline:
        with (interrupter or Interrupter()).watching(archive.conn):
            return timeline(archive, request.query, publication=request.publication)

    with open_archive(db_path, readonly=True) as archive:
        return read_steadily(archive, count)


def unfiltered_request(request: SearchRequest) -> SearchRequest:
    """The same query over the whole archive, counting only (no page of hits is read)."""
    return replace(request, date_from=None, date_to=None, publication=None, offset=0, limit=0)


def warm_up(db_path: Path) -> None:
    """Run one tiny search and read the word list queries are cut with before the user types
    (some 30–40 ms of CPU; Segmenter.cut_query). rjieba itself is never loaded for a search: it
    would hold 35–58 MB for the rest of the session (issue 26).

    A search of one character cuts no words (its word is itself), so the list is read outright.
    Called on the search worker a moment after the window is shown, never before.
    """
    with open_archive(db_path, readonly=True) as archive:
        engine.search(archive, "的", limit=1)
        archive.tokenizer.segmenter.load_query_cutter()


def article_highlights(query: Any, record: ArticleRecord) -> dict[str, list[Span]]:
    """Every hit of the query in each field of the article, for the reading pane."""
    if query is None:
        return {}
    result: dict[str, list[Span]] = {}
    for name in HIGHLIGHT_FIELDS:
        text = getattr(record, name) or ""
        if text and (spans := highlight_spans(text, query, headline=name == "headline")):
            result[name] = list(spans)
    return result
