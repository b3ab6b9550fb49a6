"""`info`: what the archive holds — counts per publication and year, and the undated issues."""

from __future__ import annotations

import argparse
import sys

from reader.archive.db import open_archive
from reader.archive.errors import ArchiveError
from reader.archive.formatting import UNDATED
from reader.archive.queries import stats
from reader.archive.records import ArchiveStats
from reader.commands._common import add_db_option, db_path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the `info` command."""
    parser = subparsers.add_parser(
        "info",
        help="显示档案概况：各报每年的期数和文章数、未定日期的期次",
        description="显示档案中各报刊每年的期数和文章数，并列出未定日期的期次。",
    )
    add_db_option(parser)
    parser.set_defaults(func=run)


def format_stats(data: ArchiveStats) -> list[str]:
    """The lines `info` prints."""
    lines = [f"共 {data.issues} 期，{data.articles} 篇文章"]
    current: object = object()
    for row in data.per_year:
        if row.publication != current:
            current = row.publication
            lines.append(f"{row.publication or '（未识别报名）'}：")
        year = f"{row.year}年" if row.year is not None else UNDATED
        lines.append(f"  {year}：{row.issues} 期，{row.articles} 篇")
    if data.undated:
        lines.append(f"未定日期的期次（{len(data.undated)}）：")
        for issue in data.undated:
            hint = f"，推测年份 {issue.date_hint_year}" if issue.date_hint_year else ""
            lines.append(f"  [{issue.id}] {issue.source_name}：{issue.article_count} 篇{hint}")
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the overview; a missing or unreadable archive is a message and status 1."""
    path = db_path(args)
    try:
        with open_archive(path, readonly=True) as archive:
            data = stats(archive)
    except ArchiveError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"档案：{path}")
    print("\n".join(format_stats(data)))
    return 0
