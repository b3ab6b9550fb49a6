"""Read-side queries for the GUI and CLI: calendar dates, issues, articles by id or key, stats.

Every function takes an open Archive (read-only is enough, except `set_issue_date`) and returns
frozen records. Dates are effective dates: the user's date for an issue the paper left undated.
Missing ids raise KeyError (a bug in the caller); a missing key returns None (a bookmark may
outlive its article).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reader.archive.handle import Archive
from reader.archive.id_lists import rows_where_in
from reader.archive.records import ArchiveStats, ArticleRecord, IssueRecord, ListedArticle, YearCount

# An issue's effective date: the user's date if set, else the printed one. The one spelling of it,
# for these queries, placement and search alike; undated issues have NULL here.
EFFECTIVE_DATE = "COALESCE(i.user_date, i.date)"
# The weekday the masthead prints, only while its date stands (the user's date gets its own,
# formatting.weekday_of).
EFFECTIVE_WEEKDAY = "CASE WHEN i.user_date IS NULL THEN i.weekday END"
# The name of an issue's first file: how an undated issue is known to the user.
FIRST_SOURCE_NAME = (
    "(SELECT s.name FROM sources s WHERE s.issue_id = i.id"
    " ORDER BY s.first_page IS NULL, s.first_page, s.id LIMIT 1)"
)

# The key an article key leads to now: itself, or the article a correction merged it into.
ALIASED_KEY = "COALESCE((SELECT al.article_key FROM article_aliases al WHERE al.alias = ?), ?)"

# Whether a staff correction changed or made the article `a` (已校订): the one spelling of it,
# for the article records and the search hits alike.
CORRECTED = (
    "(EXISTS (SELECT 1 FROM correction_originals o WHERE o.article_key = a.key)"
    " OR EXISTS (SELECT 1 FROM correction_made m WHERE m.article_key = a.key))"
)

_ISSUE_SELECT = f"""
    SELECT i.id, i.key, p.name, {EFFECTIVE_DATE}, i.date_source, i.user_date, {EFFECTIVE_WEEKDAY}, i.lunar,
           i.number, i.page_count, {FIRST_SOURCE_NAME},
           (SELECT count(*) FROM articles a WHERE a.issue_id = i.id),
           i.date_hint_year, i.date_hint_reason, i.date,
           (SELECT up.name FROM publications up WHERE up.id = i.user_publication_id),
           i.user_number, i.user_page
    FROM issues i LEFT JOIN publications p ON p.id = i.publication_id
"""

# An article's page: the one the user gave its issue (a dump without page heads is read as page
# 1, often wrongly), else the one its text names. The one spelling of it, for the article records
# and the search hits alike. Only an issue all on one page is given a page (issue_names).
ARTICLE_PAGE = "COALESCE(i.user_page, a.page)"

_ARTICLE_SELECT = f"""
    SELECT a.id, a.key, a.issue_id, a.position, {ARTICLE_PAGE}, a.kicker, a.headline, a.subtitle,
           a.dateline, a.byline, a.body, a.kind, p.name, {EFFECTIVE_DATE}, {EFFECTIVE_WEEKDAY}, i.number,
           COALESCE(s.demo, 0) = 1, {CORRECTED}
    FROM articles a JOIN issues i ON i.id = a.issue_id
    LEFT JOIN publications p ON p.id = i.publication_id
    LEFT JOIN sources s ON s.id = a.source_id
"""


def _filters(
    publication: str | None, year: int | None = None, month: int | None = None
) -> tuple[str, list[object]]:
    clauses = [f"{EFFECTIVE_DATE} IS NOT NULL"]
    params: list[Any] = []
    if publication is not None:
        clauses.append("p.name = ?")
        params.append(publication)
    if year is not None:
        prefix = f"{year:04d}-" if month is None else f"{year:04d}-{month:02d}-"
        clauses.append(f"{EFFECTIVE_DATE} LIKE ?")
        params.append(prefix + "%")
    return " AND ".join(clauses), params


def publications(archive: Archive) -> list[str]:
    """Names of every publication in the archive, sorted."""
    return [r[0] for r in archive.conn.execute("SELECT name FROM publications ORDER BY name")]


def issue_dates(
    archive: Archive, publication: str | None = None, year: int | None = None, month: int | None = None
) -> list[str]:
    """Sorted distinct dates that have an issue (month counts only together with year)."""
    where, params = _filters(publication, year, month)
    sql = (
        f"SELECT DISTINCT {EFFECTIVE_DATE} FROM issues i LEFT JOIN publications p "
        f"ON p.id = i.publication_id WHERE {where} ORDER BY 1"
    )
    return [r[0] for r in archive.conn.execute(sql, params)]


def latest_issue(archive: Archive, publication: str | None = None) -> IssueRecord | None:
    """The newest dated issue (of `publication`), or None in an empty archive."""
    where, params = _filters(publication)
    row = archive.conn.execute(
        f"{_ISSUE_SELECT} WHERE {where} ORDER BY {EFFECTIVE_DATE} DESC, i.id DESC LIMIT 1", params
    ).fetchone()
    return None if row is None else IssueRecord(*row)


def issues_on(archive: Archive, date: str, publication: str | None = None) -> list[IssueRecord]:
    """Every issue whose effective date is `date` ('YYYY-MM-DD'), by publication."""
    where, params = _filters(publication)
    rows = archive.conn.execute(
        f"{_ISSUE_SELECT} WHERE {where} AND {EFFECTIVE_DATE} = ? ORDER BY p.name, i.number, i.id",
        [*params, date],
    )
    return [IssueRecord(*r) for r in rows]


def undated_issues(archive: Archive) -> list[IssueRecord]:
    """Issues with neither a printed nor a user date (未定日期), by file name."""
    order = f"ORDER BY {FIRST_SOURCE_NAME}, i.id"
    rows = archive.conn.execute(f"{_ISSUE_SELECT} WHERE {EFFECTIVE_DATE} IS NULL {order}")
    return [IssueRecord(*r) for r in rows]


def issue(archive: Archive, issue_id: int) -> IssueRecord:
    """The issue with this id; KeyError if there is none."""
    row = archive.conn.execute(f"{_ISSUE_SELECT} WHERE i.id = ?", [issue_id]).fetchone()
    if row is None:
        raise KeyError(issue_id)
    return IssueRecord(*row)


def article_ids(archive: Archive, issue_id: int) -> list[int]:
    """The issue's article ids in reading order (pages in order, the files of a page in order)."""
    rows = archive.conn.execute(
        "SELECT id FROM articles WHERE issue_id = ? ORDER BY position, id", [issue_id]
    )
    return [r[0] for r in rows]


def listed_articles(archive: Archive, issue_id: int) -> list[ListedArticle]:
    """The issue's articles in reading order, each with its page and the people its byline names:
    what the article list's choosers narrow it by (browse by page 版次 and by author)."""
    from reader.text.bylines import authors_of  # the byline reader compiles the parser's shapes

    rows = archive.conn.execute(
        f"SELECT a.id, {ARTICLE_PAGE}, a.byline FROM articles a JOIN issues i ON i.id = a.issue_id"
        " WHERE a.issue_id = ? ORDER BY a.position, a.id",
        [issue_id],
    )
    return [ListedArticle(r[0], r[1], authors_of(r[2] or "")) for r in rows]


def articles(archive: Archive, ids: Sequence[int]) -> list[ArticleRecord]:
    """The articles with these ids, in the order of `ids` (unknown ids are left out)."""
    found: dict[int, ArticleRecord] = {}
    unique = list(dict.fromkeys(ids))
    for row in rows_where_in(archive.conn, f"{_ARTICLE_SELECT} WHERE a.id", unique):
        found[row[0]] = ArticleRecord(*row)
    return [found[i] for i in ids if i in found]


def article(archive: Archive, article_id: int) -> ArticleRecord:
    """The article with this id; KeyError if there is none."""
    row = archive.conn.execute(f"{_ARTICLE_SELECT} WHERE a.id = ?", [article_id]).fetchone()
    if row is None:
        raise KeyError(article_id)
    return ArticleRecord(*row)


def article_by_key(archive: Archive, key: str) -> ArticleRecord | None:
    """The article with this stable key, or None when no import has it (any more).

    The key of an article a staff correction merged into another leads to the merged article.
    """
    row = archive.conn.execute(f"{_ARTICLE_SELECT} WHERE a.key = {ALIASED_KEY}", [key, key]).fetchone()
    return None if row is None else ArticleRecord(*row)


def set_issue_date(archive: Archive, issue_id: int, date: str | None) -> None:
    """Give an issue the user's date (None clears it); kept across re-imports of the issue.

    Raises ValueError for a date that is not 'YYYY-MM-DD', KeyError for an unknown issue.
    """
    if date is not None:
        date = dt.date.fromisoformat(date).isoformat()
    with archive.transaction() as conn:
        cursor = conn.execute("UPDATE issues SET user_date = ? WHERE id = ?", (date, issue_id))
        if cursor.rowcount == 0:
            raise KeyError(issue_id)


def stats(archive: Archive) -> ArchiveStats:
    """Totals, issues and articles per publication and year, and the undated issues."""
    issues_total = archive.conn.execute("SELECT count(*) FROM issues").fetchone()[0]
    articles_total = archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    rows = archive.conn.execute(
        f"""
        SELECT p.name, CAST(substr({EFFECTIVE_DATE}, 1, 4) AS INTEGER) AS year, count(*),
               COALESCE(sum((SELECT count(*) FROM articles a WHERE a.issue_id = i.id)), 0)
        FROM issues i LEFT JOIN publications p ON p.id = i.publication_id
        GROUP BY p.name, year ORDER BY p.name IS NULL, p.name, year IS NULL, year
        """
    )
    per_year = tuple(YearCount(r[0], r[1], r[2], r[3]) for r in rows)
    return ArchiveStats(issues_total, articles_total, per_year, tuple(undated_issues(archive)))


def issue_count(archive: Archive) -> int:
    """How many issues the archive holds (dated or not)."""
    return int(archive.conn.execute("SELECT count(*) FROM issues").fetchone()[0])


def content_mark(archive: Archive) -> tuple[object, ...]:
    """A few numbers that change when what the window lists changes: issues or articles added or
    removed, a date or a name given, a paper renamed, a correction made (bookmarks are each
    reader's own and do not count). Read when another connection committed, to tell a
    colleague's import from a bookmark."""
    row = archive.conn.execute(
        """
        SELECT (SELECT count(*) FROM issues), (SELECT max(id) FROM issues),
               (SELECT total(julianday(user_date)) FROM issues),
               (SELECT total(COALESCE(user_publication_id, 0) * 7 + COALESCE(user_number, 0) * 3
                             + COALESCE(user_page, 0)) FROM issues),
               (SELECT group_concat(name, '|') FROM publications),
               (SELECT count(*) FROM articles), (SELECT max(id) FROM articles),
               (SELECT count(*) FROM corrections), (SELECT max(id) FROM corrections)
        """
    ).fetchone()
    return tuple(row)


def date_span(archive: Archive, publication: str | None = None) -> tuple[str, str] | None:
    """The first and last effective dates (of `publication`'s issues), or None without dated issues.

    Where the search bar's date range starts: a range of the archive's own years finds
    something, where "the last twelve months" finds nothing in an archive of older papers.
    """
    where, params = _filters(publication)
    row = archive.conn.execute(
        f"SELECT min({EFFECTIVE_DATE}), max({EFFECTIVE_DATE}) FROM issues i "
        f"LEFT JOIN publications p ON p.id = i.publication_id WHERE {where}",
        params,
    ).fetchone()
    return None if row is None or row[0] is None else (row[0], row[1])


def nearest_issue(archive: Archive, date: str, publication: str | None = None) -> IssueRecord | None:
    """The dated issue (of `publication`) closest to `date` ('YYYY-MM-DD'), before or after it.

    For the calendar's day without a paper: it offers this one instead. On a tie the earlier
    issue wins (the one that was current on that day); of several issues on the chosen day, the
    first in `issues_on`'s order, so the link opens what a click on that day opens. None when
    there is no dated issue at all.
    """
    where, params = _filters(publication)
    tie_order = "p.name, i.number, i.id"
    before = archive.conn.execute(
        f"{_ISSUE_SELECT} WHERE {where} AND {EFFECTIVE_DATE} <= ? "
        f"ORDER BY {EFFECTIVE_DATE} DESC, {tie_order} LIMIT 1",
        [*params, date],
    ).fetchone()
    after = archive.conn.execute(
        f"{_ISSUE_SELECT} WHERE {where} AND {EFFECTIVE_DATE} > ? "
        f"ORDER BY {EFFECTIVE_DATE}, {tie_order} LIMIT 1",
        [*params, date],
    ).fetchone()
    if before is None or after is None:
        row = before or after
        return None if row is None else IssueRecord(*row)
    day = dt.date.fromisoformat(date)
    earlier, later = IssueRecord(*before), IssueRecord(*after)
    back = day - dt.date.fromisoformat(str(earlier.date))
    ahead = dt.date.fromisoformat(str(later.date)) - day
    return earlier if back <= ahead else later


def issue_counts_by_month(archive: Archive, year: int, publication: str | None = None) -> list[int]:
    """How many dated issues (of `publication`) each month of `year` has: twelve counts, January
    first. Issues, not days: two papers on one day count twice (the year strip shows coverage)."""
    where, params = _filters(publication, year)
    rows = archive.conn.execute(
        f"SELECT CAST(substr({EFFECTIVE_DATE}, 6, 2) AS INTEGER), count(*) FROM issues i "
        f"LEFT JOIN publications p ON p.id = i.publication_id WHERE {where} GROUP BY 1",
        params,
    )
    counts = [0] * 12
    for month, count in rows:
        if isinstance(month, int) and 1 <= month <= 12:
            counts[month - 1] = count
    return counts
