"""Bookmarks: the user's saved articles with a note, stored in the archive file itself.

A bookmark names its article by the stable article key (reader.archive.keys), never by a row
id, so it survives a re-import of the issue, a restart and a moved archive file. It also keeps a
copy of the headline, publication and date: when a re-import drops the article, the bookmark is
still listed (with `article_id` None, shown as 原文已删除) instead of vanishing silently.

Every function takes an open Archive; writes need a writable one. No Qt here. A write naming an
article or bookmark that is gone raises BookmarkError, whose text is the Chinese message the
window shows as it is (the user may have re-imported the issue meanwhile: not a bug).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reader.archive.db import Archive
from reader.archive.queries import EFFECTIVE_DATE, article_by_key

_SELECT = f"""
    SELECT b.article_key, b.note, b.created_at,
           COALESCE(a.headline, b.headline), COALESCE(p.name, b.publication),
           COALESCE({EFFECTIVE_DATE}, b.date), a.id
    FROM bookmarks b
    LEFT JOIN articles a ON a.key = COALESCE(
        (SELECT al.article_key FROM article_aliases al WHERE al.alias = b.article_key), b.article_key)
    LEFT JOIN issues i ON i.id = a.issue_id
    LEFT JOIN publications p ON p.id = i.publication_id
"""


class BookmarkError(LookupError):
    """The article or bookmark a write names is no longer in the archive; `str()` says so in Chinese.

    A LookupError, not a KeyError: KeyError's text is the quoted key, not a sentence.
    """

    def __init__(self, key: str) -> None:
        super().__init__("档案中已没有这篇文章或这个书签（可能刚被重新导入）")
        self.key = key


@dataclass(frozen=True)
class BookmarkRecord:
    """One bookmark as the GUI lists it.

    `headline`, `publication` and `date` come from the article when it still exists, else from
    the copies taken when the bookmark was made. `article_id` is None when the article is gone.
    """

    key: str
    note: str
    created_at: str
    headline: str
    publication: str | None
    date: str | None
    article_id: int | None

    @property
    def deleted(self) -> bool:
        """True when no imported article has this key any more (原文已删除)."""
        return self.article_id is None


def _now() -> str:
    # Microseconds keep the order of bookmarks made within the same second.
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def get(archive: Archive, key: str) -> BookmarkRecord | None:
    """The bookmark of the article with this key, or None when it is not bookmarked."""
    row = archive.db.execute(f"{_SELECT} WHERE b.article_key = ?", [key]).fetchone()
    return None if row is None else BookmarkRecord(*row)


def is_bookmarked(archive: Archive, key: str) -> bool:
    """True when the article with this key is bookmarked."""
    row = archive.db.execute("SELECT 1 FROM bookmarks WHERE article_key = ?", [key]).fetchone()
    return row is not None


def list_bookmarks(archive: Archive) -> list[BookmarkRecord]:
    """All bookmarks, oldest first (the order they were added), deleted articles included."""
    rows = archive.db.execute(f"{_SELECT} ORDER BY b.created_at, b.id")
    return [BookmarkRecord(*r) for r in rows]


def add(archive: Archive, key: str, note: str = "") -> BookmarkRecord:
    """Bookmark the article with this key; an existing bookmark is returned unchanged.

    Raises BookmarkError when no article has this key (only existing articles can be bookmarked).
    """
    existing = get(archive, key)
    if existing is not None:
        return existing
    article = article_by_key(archive, key)
    if article is None:
        raise BookmarkError(key)
    with archive.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO bookmarks(article_key, note, created_at, headline, publication, date)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, note, _now(), article.headline, article.publication, article.date),
        )
    record = get(archive, key)
    assert record is not None
    return record


def remove(archive: Archive, key: str) -> BookmarkRecord | None:
    """Remove the bookmark; returns what was removed (hand it to `restore` to undo), or None."""
    record = get(archive, key)
    if record is None:
        return None
    with archive.transaction() as conn:
        conn.execute("DELETE FROM bookmarks WHERE article_key = ?", (key,))
    return record


def restore(archive: Archive, record: BookmarkRecord) -> None:
    """Put a removed bookmark back exactly as it was (note, time added, copies): undo of `remove`."""
    with archive.transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO bookmarks(article_key, note, created_at, headline, publication, date)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (record.key, record.note, record.created_at, record.headline, record.publication, record.date),
        )


def set_note(archive: Archive, key: str, note: str) -> None:
    """Replace the bookmark's note; BookmarkError when the article is not bookmarked."""
    with archive.transaction() as conn:
        cursor = conn.execute("UPDATE bookmarks SET note = ? WHERE article_key = ?", (note, key))
        if cursor.rowcount == 0:
            raise BookmarkError(key)
