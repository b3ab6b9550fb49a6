"""Dates the user gives an issue: which issue a command means, and the day its text suggests.

The date itself is stored by reader.archive.queries.set_issue_date (None clears it); it lives in
the issue's row, which a re-import keeps, so a date given, changed or cleared stays so. Here:
`find_issue` reads the `correct date KEY|FILE` argument (an issue key, or the name or path of one
of the issue's files), and `suggested_date` the day the issue's own text points to
(reader.text.day_hint), where the window's date dialog starts.
"""

from __future__ import annotations

from reader.archive.handle import Archive
from reader.archive.queries import issue
from reader.archive.records import IssueRecord


class IssueNotFound(LookupError):
    """No issue, or several, answer to what the user wrote; `str()` is the Chinese message."""


def find_issue(archive: Archive, ref: str) -> IssueRecord:
    """The issue whose key is `ref`, or that holds a file named (or at the path) `ref`."""
    ids = [r[0] for r in archive.conn.execute("SELECT id FROM issues WHERE key = ?", [ref])]
    if not ids:
        rows = archive.conn.execute(
            "SELECT DISTINCT issue_id FROM sources WHERE name = ? OR path = ? ORDER BY issue_id", [ref, ref]
        )
        ids = [r[0] for r in rows]
    if not ids:
        raise IssueNotFound(f"档案中没有键或文件名为“{ref}”的期次（info 列出未定日期的期次及其文件名）")
    if len(ids) > 1:
        keys = "、".join(issue(archive, i).key for i in ids)
        raise IssueNotFound(f"文件名“{ref}”属于 {len(ids)} 期，请改用期次的键：{keys}")
    return issue(archive, ids[0])


def suggested_date(archive: Archive, issue_id: int) -> str | None:
    """The day (ISO) the issue's text suggests: its user date when it has one, else a day its
    articles mention (in the year the text suggests), else None."""
    record = issue(archive, issue_id)
    if record.user_date:
        return record.user_date
    rows = archive.conn.execute(
        "SELECT headline, body FROM articles WHERE issue_id = ? ORDER BY position, id", [issue_id]
    )
    text = "\n".join(f"{headline}\n{body}" for headline, body in rows)
    from reader.text.day_hint import day_hint  # the masthead's patterns: not at every start (issue 26)

    return day_hint(text, record.date_hint_year)
