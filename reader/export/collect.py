"""Gathering what to export from the archive: bookmarked articles with their notes, or keys.

Shared by the CLI and the GUI's export worker (which opens its own archive connection by path).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.archive import bookmarks
from reader.archive.db import Archive, open_archive
from reader.archive.queries import article_by_key, articles
from reader.archive.records import ArticleRecord
from reader.export.errors import ExportError


@dataclass(frozen=True)
class Selection:
    """Articles to export, bookmark notes by article key, and how many bookmarks lost their article."""

    articles: tuple[ArticleRecord, ...]
    notes: dict[str, str] = field(default_factory=dict)
    deleted: int = 0


def bookmarked(archive: Archive) -> Selection:
    """Every bookmark whose article still exists, in bookmark order, with its note."""
    marks = bookmarks.list_bookmarks(archive)
    ids = [m.article_id for m in marks if m.article_id is not None]
    notes = {m.key: m.note for m in marks if m.article_id is not None and m.note}
    return Selection(tuple(articles(archive, ids)), notes, len(marks) - len(ids))


def bookmarked_at(db_path: Path) -> Selection:
    """`bookmarked` on a read-only connection of its own: for a worker thread."""
    with open_archive(db_path, readonly=True) as archive:
        return bookmarked(archive)


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
