"""The archivist's side of the office tests: an archive on the desk that grows by issues written
here (invented news), published into a shared folder with the real publish.

Issue n (from 0) is dated 2020-01-01 + n days, has the number 1000 + n and three articles whose
headlines start 第n期第k篇; its first article's body is long (a reader scrolls it); every body
holds 消息 once, so a search for 消息 finds 3 articles per issue, and 编号n-k names one article.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from archive_helpers import import_at
from issue_texts import issue_text, write

from reader.archive.db import open_archive
from reader.archive.publish import PublishReport, publish

ARTICLES_PER_ISSUE = 3
LONG_PARAGRAPHS = 80


def issue_file(folder: Path, n: int) -> Path:
    """The dump of issue n (see the module docstring)."""
    date = dt.date(2020, 1, 1) + dt.timedelta(days=n)
    long_body = "\n\n".join(f"第{p}段，讲述社区里发生的一件小事。" for p in range(LONG_PARAGRAPHS))
    articles = [
        (f"第{n}期第{k}篇", f"{date:%Y年%m月%d日}消息（编号{n}-{k}）。" + (long_body if k == 0 else ""))
        for k in range(ARTICLES_PER_ISSUE)
    ]
    text = issue_text(articles, date=f"{date.year}年{date.month}月{date.day}日", number=1000 + n)
    return write(folder / f"{date:%Y-%m-%d}.txt", text)


def issue_count(archive: Path) -> int:
    with open_archive(archive, readonly=True) as opened:
        return int(opened.conn.execute("SELECT count(*) FROM issues").fetchone()[0])


def add_issues(archive: Path, count: int, dumps: Path) -> int:
    """Import `count` more issues into the desk archive (made if missing); returns how many it holds."""
    start = issue_count(archive) if archive.exists() else 0
    files = [issue_file(dumps, n) for n in range(start, start + count)]
    report = import_at(archive, files)
    assert [] == report.failed and len(files) == len(report.imported)
    return start + count


def grow_and_publish(archive: Path, share: Path, count: int, dumps: Path) -> PublishReport:
    """`count` more issues, then a publish into `share`; asserts that a new snapshot was made."""
    add_issues(archive, count, dumps)
    report = publish(archive, share)
    assert report.created
    return report
