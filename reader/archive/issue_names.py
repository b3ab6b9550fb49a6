"""What the user names an issue: its paper, date, number and page (issue 23 defect 1).

Three dumps in five have no masthead, and a masthead may print a wrong date; the user gives the
issue what its files do not say, or overrides what they say wrongly. The values live in the
issue's row (`user_publication_id`, `user_date`, `user_number`, `user_page`), which a re-import
keeps, and are read before what the files print: the paper and number by
reader.archive.sources.refresh_issue (the one place the issue's merged view is made), the date
by queries.EFFECTIVE_DATE, the page by queries.ARTICLE_PAGE (only for an issue whose articles
are all on one page: a dump without page heads is read as page 1). So every view (lists,
heading, bookmarks, search hits, exports and citations) shows the user's names with no code of
its own. Clearing a value brings back what the files print.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from reader.archive.handle import Archive
from reader.archive.issue_dates import suggested_date
from reader.archive.papers import paper_name
from reader.archive.queries import issue, publications
from reader.archive.sources import SourceRow, publication_id, refresh_issue, source_rows
from reader.text.papers import dateline_place, paper_of_place


class IssueNameError(ValueError):
    """A name the archive cannot take (no such day, a number below 1); `str()` is Chinese."""


@dataclass(frozen=True)
class IssueNames:
    """An issue's paper, date (ISO), running number (总第N期) and page (第N版); None: not said."""

    publication: str | None = None
    date: str | None = None
    number: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """Where the naming dialog starts: each field the user's value, else the printed one, else
    what the text hints (a day it mentions, the paper its datelines' place points to)."""

    names: IssueNames
    printed: IssueNames  # what the files print, shown as 报头印的是…
    given: IssueNames  # what the user gave before
    place: str | None  # the place the datelines name (开发区 of 开发区讯), a hint of the paper
    pages: int  # how many pages the issue's articles are on: a page is given only to one of 1


def page_count(conn: sqlite3.Connection, issue_id: int) -> int:
    """How many different pages the issue's files put its articles on."""
    row = conn.execute(
        "SELECT count(DISTINCT page) FROM articles WHERE issue_id = ? AND page IS NOT NULL", [issue_id]
    ).fetchone()
    return int(row[0])


def printed_names(archive: Archive, issue_id: int) -> IssueNames:
    """What the issue's files print: the first paper and number in page order, the masthead's
    date, and the page when all its articles that name one name the same."""
    conn = archive.conn
    sources = sorted(source_rows(conn, "issue_id = ?", [issue_id]), key=SourceRow.order)
    details = {
        row[0]: row[1:]
        for row in conn.execute("SELECT id, publication, number FROM sources WHERE issue_id = ?", [issue_id])
    }
    ordered = [details[s.id] for s in sources]
    date = conn.execute("SELECT date FROM issues WHERE id = ?", [issue_id]).fetchone()
    pages = {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT page FROM articles WHERE issue_id = ? AND page IS NOT NULL", [issue_id]
        )
    }
    printed = next((row[0] for row in ordered if row[0]), None)
    return IssueNames(
        publication=None if printed is None else paper_name(conn, printed),
        date=None if date is None else date[0],
        number=next((row[1] for row in ordered if row[1] is not None), None),
        page=next(iter(pages)) if len(pages) == 1 else None,
    )


def given_names(archive: Archive, issue_id: int) -> IssueNames:
    """What the user gave the issue (all None when nothing)."""
    record = issue(archive, issue_id)
    return IssueNames(record.user_publication, record.user_date, record.user_number, record.user_page)


def suggest_names(archive: Archive, issue_id: int) -> Suggestion:
    """Where the naming dialog starts for this issue (see Suggestion)."""
    printed = printed_names(archive, issue_id)
    given = given_names(archive, issue_id)
    datelines = [
        row[0] for row in archive.conn.execute("SELECT dateline FROM articles WHERE issue_id = ?", [issue_id])
    ]
    place = dateline_place(datelines)
    guessed_paper = paper_of_place(place, frozenset(publications(archive))) if place else None
    names = IssueNames(
        publication=issue(archive, issue_id).publication or guessed_paper,
        date=given.date or printed.date or suggested_date(archive, issue_id),
        number=given.number if given.number is not None else printed.number,
        page=given.page if given.page is not None else printed.page,
    )
    return Suggestion(names, printed, given, place, page_count(archive.conn, issue_id))


def _checked(names: IssueNames) -> IssueNames:
    publication = (names.publication or "").strip() or None
    date = names.date
    if date is not None:
        try:
            date = dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise IssueNameError(f"日期须是存在的日子（YYYY-MM-DD），收到的是：{date}") from None
    for label, value in (("期号", names.number), ("版次", names.page)):
        if value is not None and value < 1:
            raise IssueNameError(f"{label}须是正整数，收到的是：{value}")
    return IssueNames(publication, date, names.number, names.page)


def set_issue_names(archive: Archive, issue_id: int, names: IssueNames) -> IssueNames:
    """Give the issue these names (None clears one: the issue shows what its files print again).

    A value equal to what the files print is not stored, so the issue follows its files when they
    are corrected. Returns what was stored. Raises IssueNameError for a bad value, KeyError for an
    unknown issue. A paper typed new is added to the archive's papers; the paper the issue was
    given before leaves them when nothing else is filed under it (a typo leaves no trace).
    """
    names = _checked(names)
    printed = printed_names(archive, issue_id)
    pages = page_count(archive.conn, issue_id)
    if names.page is not None and names.page != printed.page and pages > 1:
        raise IssueNameError(f"本期的文章分在 {pages} 个版面上，不能统一设定版次")
    stored = IssueNames(
        publication=None if names.publication == printed.publication else names.publication,
        date=None if names.date == printed.date else names.date,
        number=None if names.number == printed.number else names.number,
        page=None if names.page == printed.page else names.page,
    )
    with archive.transaction() as conn:
        row = conn.execute("SELECT user_publication_id FROM issues WHERE id = ?", (issue_id,)).fetchone()
        if row is None:
            raise KeyError(issue_id)
        before = row[0]
        conn.execute(
            "UPDATE issues SET user_publication_id = ?, user_date = ?, user_number = ?, user_page = ?"
            " WHERE id = ?",
            (publication_id(conn, stored.publication), stored.date, stored.number, stored.page, issue_id),
        )
        refresh_issue(conn, issue_id)
        if before is not None:
            drop_unused_paper(conn, before)
    return stored


def drop_unused_paper(conn: sqlite3.Connection, paper_id: int) -> None:
    """Remove a paper nothing is filed under any more (no issue, printed or given, no old name)."""
    conn.execute(
        "DELETE FROM publications WHERE id = ?1"
        " AND NOT EXISTS (SELECT 1 FROM issues WHERE publication_id = ?1 OR user_publication_id = ?1)"
        " AND NOT EXISTS (SELECT 1 FROM publication_names WHERE publication_id = ?1)",
        (paper_id,),
    )
