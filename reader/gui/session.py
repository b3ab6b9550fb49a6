"""The GUI thread's read-only view of the archive: quick queries for the calendar and lists.

Datasette's shape: writes (import, user dates, bookmarks, demo removal) go through the writable
archive kept by the window's one writer (reader.gui.operations.writer), reads here through a
`readonly=True` connection; WAL lets both run side by side. Only small queries run here (one
month of dates, one issue's ids, a batch of records, the bookmarks); anything slow runs on a
worker with its own connection.

A session opened on a folder of published snapshots (reader.archive.snapshots) reads the newest
one and moves to a newer one when asked (`newer_snapshot`, `switch_to`): `path` is always the
file being read, which every worker opens, `location` what the user opened. Snapshots are
backup copies of one archive, so row ids stay what they were and the window keeps its place.
No Qt here: reader processes of the tests follow a folder the same way the window does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reader.archive import bookmarks, corrections, demo, dictionary, issue_names, places, queries
from reader.archive.bookmarks import BookmarkRecord
from reader.archive.corrections import Correction
from reader.archive.db import Archive, open_archive
from reader.archive.dictionary import DictionaryWord
from reader.archive.errors import ArchiveError, translate
from reader.archive.issue_names import Suggestion
from reader.archive.papers import Paper, list_papers
from reader.archive.records import ArticleRecord, IssueRecord, ListedArticle
from reader.archive.snapshots import archive_file, newest_snapshot, snapshot_of
from reader.archive.steady import read_steadily

T = TypeVar("T")


@dataclass(frozen=True)
class NewerSnapshot:
    """A newer published snapshot than the one read, and how many more issues it holds."""

    path: Path
    added_issues: int


def prepare_archive(path: Path) -> None:
    """Create the archive or bring its schema up to date (a writable open runs the migrations).

    An upgrade may rebuild the search index (about a minute per 100,000 articles): the window
    runs it on a worker. Raises ArchiveError (Chinese message naming the file).
    """
    with open_archive(path):
        pass


class ArchiveSession:
    """One read-only connection, opened on the GUI thread and used only there."""

    def __init__(self, path: Path) -> None:
        self.location = Path(path)  # what was opened: an archive file, or a published folder
        self.path = archive_file(self.location)  # the file read: a folder's newest snapshot
        self._archive: Archive | None = None
        self.created = False  # this session made the archive file (the program's first start)
        self._write_blocker: str | None = None
        self._seen_version: Hashable | None = None
        self._seen_mark: tuple[object, ...] = ()

    def open(self) -> None:
        """Open, creating a missing (or zero-byte) archive first; raises ArchiveError.

        An archive needing an upgrade raises ArchiveError of kind "outdated": the caller runs
        `prepare_archive` where a long upgrade does not freeze the window, then opens again.
        """
        self.close()
        try:
            self._archive = open_archive(self.path, readonly=True)
        except ArchiveError as err:
            if err.kind not in ("missing", "empty"):
                raise
            prepare_archive(self.path)
            self.created = True
            self._archive = open_archive(self.path, readonly=True)
        self._write_blocker = self._archive.write_blocker
        self.path = self._archive.path
        self.mark_seen()

    def relocate(self, location: Path) -> None:
        """Read another archive, or a published folder, from now on (the window's 打开共享档案…);
        raises ArchiveError, leaving the session as it was."""
        other = ArchiveSession(location)
        other.open()
        self.close()
        self.location, self.path, self.created = other.location, other.path, other.created
        self._archive, self._write_blocker = other._archive, other._write_blocker
        self.mark_seen()

    @property
    def follows_folder(self) -> bool:
        """True when the session was opened on a folder of published snapshots."""
        return self.location.is_dir()

    def newer_snapshot(self) -> NewerSnapshot | None:
        """The folder's newest snapshot when it is newer than the one read (else None): one
        listing of the folder, and a look into the new file to count its issues."""
        current = snapshot_of(self.path)
        newest = newest_snapshot(self.location) if self.follows_folder else None
        if current is None or newest is None or newest.sequence <= current.sequence:
            return None
        with open_archive(newest.path, readonly=True) as newer:
            added = read_steadily(newer, queries.issue_count) - self.issue_count()
        return NewerSnapshot(newest.path, added)

    def switch_to(self, path: Path) -> None:
        """Read the snapshot at `path` from now on (what was read stays open until it opens);
        raises ArchiveError, leaving the session as it was."""
        opened = open_archive(path, readonly=True)
        old, self._archive = self._archive, opened
        self.path, self._write_blocker = opened.path, opened.write_blocker
        if old is not None:
            old.close()
        self.mark_seen()

    @property
    def write_blocker(self) -> str | None:
        """Why this archive cannot be written (Chinese, for the status bar), or None when it can.

        Found once when the archive is opened (it probes the folder for real): a read-only
        archive can be browsed, searched and bookmarked (bookmarks are the user's own, see
        reader.archive.personal), but not imported into, corrected or dated.
        """
        return self._write_blocker

    @property
    def personal_blocker(self) -> str | None:
        """Why the user's personal file (bookmarks, notes) cannot be written, or None."""
        return None if self._archive is None else self._archive.personal_blocker

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    @property
    def is_open(self) -> bool:
        return self._archive is not None

    def _a(self) -> Archive:
        if self._archive is None:
            raise ArchiveError(self.path, "cantopen")
        return self._archive

    def _read(self, query: Callable[[Archive], T]) -> T:
        """Every read goes here: on an archive someone else may rewrite (opened immutable, in a
        read-only place) it is read again on a fresh connection when the file changed under it
        (reader.archive.steady). A damaged page read here is an ArchiveError with its message."""
        archive = self._a()
        try:
            return read_steadily(archive, query)
        except sqlite3.Error as err:
            raise translate(err, self.path) from err  # a damaged page: ArchiveError, not a crash

    def outside_change(self) -> bool:
        """True when what the window lists changed since the last call or `mark_seen`: another
        process or computer imported, dated, corrected or removed something. Bookmarks (this
        window's own or not) are no such change."""
        if self._archive is None:
            return False
        version = self._archive.data_version()
        if version == self._seen_version:
            return False
        self._seen_version = version
        mark = self._read(queries.content_mark)
        changed = mark != self._seen_mark
        self._seen_mark = mark
        return changed

    def mark_seen(self) -> None:
        """The window has just shown the archive as it is now: changes count from here."""
        if self._archive is not None:
            self._seen_version = self._archive.data_version()
            self._seen_mark = self._read(queries.content_mark)

    def issue_count(self) -> int:
        return self._read(queries.issue_count)

    def publications(self) -> list[str]:
        return self._read(queries.publications)

    def issue_dates(self, publication: str | None, year: int, month: int) -> list[str]:
        return self._read(lambda a: queries.issue_dates(a, publication, year, month))

    def date_span(self, publication: str | None = None) -> tuple[str, str] | None:
        """The first and last issue dates (of `publication`), or None when nothing is dated."""
        return self._read(lambda a: queries.date_span(a, publication))

    def latest_issue(self, publication: str | None = None) -> IssueRecord | None:
        return self._read(lambda a: queries.latest_issue(a, publication))

    def issues_on(self, date: str, publication: str | None = None) -> list[IssueRecord]:
        return self._read(lambda a: queries.issues_on(a, date, publication))

    def nearest_issue(self, date: str, publication: str | None = None) -> IssueRecord | None:
        return self._read(lambda a: queries.nearest_issue(a, date, publication))

    def issue_counts_by_month(self, year: int, publication: str | None = None) -> list[int]:
        return self._read(lambda a: queries.issue_counts_by_month(a, year, publication))

    def undated_issues(self) -> list[IssueRecord]:
        return self._read(queries.undated_issues)

    def issue(self, issue_id: int) -> IssueRecord | None:
        try:
            return self._read(lambda a: queries.issue(a, issue_id))
        except KeyError:
            return None

    def papers(self) -> list[Paper]:
        """The papers with their issue counts and old names (报纸名称…)."""
        return self._read(list_papers)

    def suggest_names(self, issue_id: int) -> Suggestion | None:
        """Where the naming dialog starts: what the issue has, else what its text suggests."""
        try:
            return self._read(lambda a: issue_names.suggest_names(a, issue_id))
        except KeyError:
            return None

    def article_ids(self, issue_id: int) -> list[int]:
        return self._read(lambda a: queries.article_ids(a, issue_id))

    def listed_articles(self, issue_id: int) -> list[ListedArticle]:
        return self._read(lambda a: queries.listed_articles(a, issue_id))

    def articles(self, ids: Sequence[int]) -> list[ArticleRecord]:
        return self._read(lambda a: queries.articles(a, ids)) if ids else []

    def article(self, article_id: int) -> ArticleRecord | None:
        try:
            return self._read(lambda a: queries.article(a, article_id))
        except KeyError:
            return None

    def article_by_key(self, key: str) -> ArticleRecord | None:
        """The article with this stable key (or the one it was merged into), or None."""
        return self._read(lambda a: queries.article_by_key(a, key))

    def failed_corrections(self) -> list[Correction]:
        """未能应用的校订: corrections kept but not applied at the last import, with reasons."""
        return self._read(corrections.failed_corrections)

    def original_text(self, key: str) -> str | None:
        """查看原文: the article's text as imported, when a correction changed it (else None)."""
        return self._read(lambda a: corrections.original_text(a, key))

    def dictionary_words(self) -> list[DictionaryWord]:
        """The dictionary's words (专有名词词典): the shipped ones and the archive's own changes."""
        return self._read(dictionary.all_words)

    def has_demo(self) -> bool:
        """True while the demo issue is in the archive."""
        return self._read(demo.has_demo)

    def bookmarks(self) -> list[BookmarkRecord]:
        """Every bookmark, oldest first (deleted articles included)."""
        return self._read(bookmarks.list_bookmarks)

    def bookmark(self, key: str) -> BookmarkRecord | None:
        """The bookmark of the article with this key, or None."""
        return self._read(lambda a: bookmarks.get(a, key))

    def last_place(self) -> places.Place | None:
        """Where the user left this archive (their personal file: issue, article, search, scroll),
        or None."""
        return self._read(places.last_place)

    def is_bookmarked(self, key: str) -> bool:
        return self._read(lambda a: bookmarks.is_bookmarked(a, key))

    def is_empty(self) -> bool:
        """True when the archive holds no issue at all (first start)."""
        return self.latest_issue() is None and not self.undated_issues()
