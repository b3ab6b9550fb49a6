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
from reader.archive.queries import ALIASED_KEY, EFFECTIVE_DATE, article_by_key

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


# The bookmarks that lead to the article a key names (the key given twice, for ALIASED_KEY): its
# own, and after a merge those of the article merged into it, which `list_bookmarks` shows on it.
_LEADING = f"""
    SELECT article_key FROM bookmarks
    WHERE article_key = {ALIASED_KEY}
       OR article_key IN (SELECT alias FROM article_aliases WHERE article_key = {ALIASED_KEY})
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


def leading_keys(archive: Archive, key: str) -> list[str]:
    """The keys of the bookmarks that lead to the article with this key: its own, and after
    与下一篇合并 those of the article merged into it (a bookmark follows its text). These are the
    bookmarks the bookmarks panel lists with this article."""
    return [r[0] for r in archive.db.execute(f"{_LEADING} ORDER BY article_key", [key] * 4)]


def is_bookmarked(archive: Archive, key: str) -> bool:
    """True when a bookmark leads to the article with this key (`leading_keys`): the star of a
    merged article is on when either original was bookmarked, as the panel shows it."""
    return bool(leading_keys(archive, key))


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


def remove_article(archive: Archive, key: str) -> list[BookmarkRecord]:
    """Take the article with this key out of the bookmarks: every bookmark that leads to it
    (`leading_keys`), so that afterwards it is not bookmarked; returns what was removed."""
    with archive.transaction() as conn:
        removed = [r for r in (get(archive, k) for k in leading_keys(archive, key)) if r is not None]
        conn.executemany("DELETE FROM bookmarks WHERE article_key = ?", [(r.key,) for r in removed])
    return removed


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
