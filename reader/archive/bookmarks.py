"""Bookmarks: the user's saved articles with a note, kept in the user's own file.

Bookmarks belong to the person, not to the archive (reader.archive.personal): they are in the
personal file attached to every archive connection, under the archive's identity
(reader.archive.meta), so two archives on one computer never mix, every copy of one archive (a
backup, each published snapshot) shows the same bookmarks, and a reader of an archive nobody
may write can still bookmark. A bookmark names its article by the stable article key
(reader.archive.keys), never by a row id, so it survives a re-import of the issue, a restart,
a moved archive file and a new snapshot. It also keeps a copy of the headline, publication and
date: when the article is gone (re-imported without it, or removed before the snapshot was
published), the bookmark is still listed (with `article_id` None, shown as 已不在档案中)
instead of vanishing silently.

Every function takes an open Archive, read-only or not; writes go through its
`personal_transaction` and raise PersonalFileError when the personal file cannot be written.
No Qt here. A write naming an article or bookmark that is gone raises BookmarkError, whose text
is the Chinese message the window shows as it is (the user may have re-imported the issue
meanwhile: not a bug).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reader.archive.handle import Archive
from reader.archive.personal import delete_bookmarks
from reader.archive.queries import ALIASED_KEY, EFFECTIVE_DATE, article_by_key

# Every query names this archive's bookmarks first (its identity, the first parameter).
_SELECT = f"""
    SELECT b.article_key, b.note, b.created_at,
           COALESCE(a.headline, b.headline), COALESCE(p.name, b.publication),
           COALESCE({EFFECTIVE_DATE}, b.date), a.id
    FROM personal.bookmarks b
    LEFT JOIN articles a ON a.key = COALESCE(
        (SELECT al.article_key FROM article_aliases al WHERE al.alias = b.article_key), b.article_key)
    LEFT JOIN issues i ON i.id = a.issue_id
    LEFT JOIN publications p ON p.id = i.publication_id
    WHERE b.archive_id = ?
"""


# The bookmarks that lead to the article a key names (the identity, then the key four times, for
# ALIASED_KEY): its own, and after a merge those of the article merged into it, which
# `list_bookmarks` shows on it.
_LEADING = f"""
    SELECT article_key FROM personal.bookmarks
    WHERE archive_id = ? AND (
        article_key = {ALIASED_KEY}
        OR article_key IN (SELECT alias FROM article_aliases WHERE article_key = {ALIASED_KEY}))
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
        """True when the archive has no article with this key (已不在档案中)."""
        return self.article_id is None


_COLUMNS = "personal.bookmarks(archive_id, article_key, note, created_at, headline, publication, date)"


def _now() -> str:
    # Microseconds keep the order of bookmarks made within the same second.
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def archive_id(archive: Archive) -> str:
    """The identity this archive's bookmarks are kept under (every open archive has one; only
    a migration running before the one that gave it may not ask)."""
    if archive.identity is None:
        raise RuntimeError(f"{archive.path}: bookmarks asked for before the archive had an identity")
    return archive.identity


def get(archive: Archive, key: str) -> BookmarkRecord | None:
    """The bookmark of the article with this key, or None when it is not bookmarked."""
    row = archive.conn.execute(f"{_SELECT} AND b.article_key = ?", [archive_id(archive), key]).fetchone()
    return None if row is None else BookmarkRecord(*row)


def leading_keys(archive: Archive, key: str) -> list[str]:
    """The keys of the bookmarks that lead to the article with this key: its own, and after
    与下一篇合并 those of the article merged into it (a bookmark follows its text). These are the
    bookmarks the bookmarks panel lists with this article."""
    params = [archive_id(archive), *[key] * 4]
    return [r[0] for r in archive.conn.execute(f"{_LEADING} ORDER BY article_key", params)]


def is_bookmarked(archive: Archive, key: str) -> bool:
    """True when a bookmark leads to the article with this key (`leading_keys`): the star of a
    merged article is on when either original was bookmarked, as the panel shows it."""
    return bool(leading_keys(archive, key))


def list_bookmarks(archive: Archive) -> list[BookmarkRecord]:
    """All bookmarks, oldest first (the order they were added), deleted articles included."""
    rows = archive.conn.execute(f"{_SELECT} ORDER BY b.created_at, b.id", [archive_id(archive)])
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
    with archive.personal_transaction() as conn:
        conn.execute(
            f"INSERT OR IGNORE INTO {_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?)",
            (archive_id(archive), key, note, _now(), article.headline, article.publication, article.date),
        )
    record = get(archive, key)
    assert record is not None
    return record


def remove(archive: Archive, key: str) -> BookmarkRecord | None:
    """Remove the bookmark; returns what was removed (hand it to `restore` to undo), or None."""
    record = get(archive, key)
    if record is None:
        return None
    forget(archive, [key])
    return record


def remove_article(archive: Archive, key: str) -> list[BookmarkRecord]:
    """Take the article with this key out of the bookmarks: every bookmark that leads to it
    (`leading_keys`), so that afterwards it is not bookmarked; returns what was removed."""
    with archive.personal_transaction():
        removed = [r for r in (get(archive, k) for k in leading_keys(archive, key)) if r is not None]
        forget(archive, [r.key for r in removed])
    return removed


def restore(archive: Archive, record: BookmarkRecord) -> None:
    """Put a removed bookmark back exactly as it was (note, time added, copies): undo of `remove`."""
    with archive.personal_transaction() as conn:
        conn.execute(
            f"INSERT OR REPLACE INTO {_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                archive_id(archive),
                *(record.key, record.note, record.created_at),
                *(record.headline, record.publication, record.date),
            ),
        )


def set_note(archive: Archive, key: str, note: str) -> None:
    """Replace the bookmark's note; BookmarkError when the article is not bookmarked."""
    with archive.personal_transaction() as conn:
        cursor = conn.execute(
            "UPDATE personal.bookmarks SET note = ? WHERE archive_id = ? AND article_key = ?",
            (note, archive_id(archive), key),
        )
        if cursor.rowcount == 0:
            raise BookmarkError(key)


def forget(archive: Archive, keys: list[str]) -> None:
    """Delete this archive's bookmarks of these article keys, inside the caller's transaction
    if there is one, else in one of the personal file's."""
    if archive.conn.in_transaction:
        delete_bookmarks(archive.conn, archive_id(archive), keys)
        return
    with archive.personal_transaction() as conn:
        delete_bookmarks(conn, archive_id(archive), keys)
