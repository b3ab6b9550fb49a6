"""Gathering what to export from the archive: bookmarks with their notes, keys, or search results.

Shared by the CLI and the GUI's export worker (which opens its own archive connection by path).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.archive import bookmarks
from reader.archive.handle import Archive
from reader.archive.queries import article_by_key, articles
from reader.archive.records import ArticleRecord
from reader.archive.search import find
from reader.archive.search_request import SearchRequest
from reader.export.errors import ExportError

# A clippings book of every hit of a common word would be thousands of pages nobody prints.
MAX_SEARCH_ARTICLES = 500


@dataclass(frozen=True)
class Selection:
    """Articles to export, bookmark notes by article key, and how many bookmarks lost their article."""

    articles: tuple[ArticleRecord, ...]
    notes: dict[str, str] = field(default_factory=dict)
    deleted: int = 0
    found: int = 0  # for search results: how many matched, of which `articles` are the first


def bookmarked(archive: Archive) -> Selection:
    """Every bookmark whose article still exists, in bookmark order, with its note."""
    marks = bookmarks.list_bookmarks(archive)
    ids = [m.article_id for m in marks if m.article_id is not None]
    notes = {m.key: m.note for m in marks if m.article_id is not None and m.note}
    return Selection(tuple(articles(archive, ids)), notes, len(marks) - len(ids))


def by_ids(archive: Archive, ids: list[int]) -> Selection:
    """The articles with these ids, in that order (ids no longer in the archive are left out)."""
    return Selection(tuple(articles(archive, ids)))


def by_keys(archive: Archive, keys: list[str]) -> Selection:
    """The articles with these keys, in order; ExportError naming any key that is not found."""
    found: list[ArticleRecord] = []
    missing: list[str] = []
    for key in dict.fromkeys(keys):
        record = article_by_key(archive, key)
        if record is None:
            missing.append(key)
        else:
            found.append(record)
    if missing:
        raise ExportError(f"找不到这些文章键：{'、'.join(missing)}")
    return Selection(tuple(found))


def searched(archive: Archive, request: SearchRequest, limit: int = MAX_SEARCH_ARTICLES) -> Selection:
    """The first `limit` results of the request's search, in its order; ExportError for a bad query.

    Whatever page the request was on (the window's list asks 30 at a time), the book starts at
    the first result. Dates are ISO days, checked by the search (DateError, a ValueError, for
    anything else): read what a person typed with reader.text.dates first.
    """
    result = find(archive, request.page(0, limit))
    if result.error:
        raise ExportError(result.error)
    if not result.hits:
        where = "在所选日期或报纸范围内" if request.filtered else ""
        raise ExportError(f"{where}没有找到包含“{result.query}”的文章")
    return Selection(tuple(articles(archive, [hit.id for hit in result.hits])), found=result.total)
