"""`info`: what the archive holds — counts per publication and year, and the undated issues;
with `--gaps`, each publication's inferred schedule and the issues missing from it."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from reader.archive.db import open_archive
from reader.archive.errors import ArchiveError
from reader.archive.formatting import UNDATED
from reader.archive.queries import stats
from reader.archive.records import ArchiveStats
from reader.archive.steady import read_steadily
from reader.commands._common import add_db_option, db_path

if TYPE_CHECKING:
    from reader.archive.gaps import PublicationGaps
    from reader.archive.schedule import Expected


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `info` command."""
    parser = subparsers.add_parser(
        "info",
        help="显示档案概况：各报每年的期数和文章数、未定日期的期次",
        description="显示档案中各报刊每年的期数和文章数，并列出未定日期的期次。",
    )
    add_db_option(parser)
    parser.add_argument(
        "--gaps",
        action="store_true",
        help="按期号和星期推算各报的出版规律，列出缺少的期次（及应出日期）和期号与日期不符的期次",
    )
    parser.add_argument("--publication", metavar="NAME", help="配合 --gaps：只看这份报纸")
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


def _day(day: dt.date) -> str:
    from reader.archive.schedule import WEEKDAY_NAMES  # see run

    return f"{day.isoformat()}（{WEEKDAY_NAMES[day.weekday()]}）"


def _expected(missing: Expected) -> str:
    if missing.exact:
        return f"    第{missing.number}期：{_day(missing.earliest)}"
    return f"    第{missing.number}期：{missing.earliest} 至 {missing.latest} 之间（哪一天无法确定）"


def format_gaps(gaps: list[PublicationGaps]) -> list[str]:
    """The lines `info --gaps` prints: per publication its schedule, missing issues, disagreements."""
    if not gaps:
        return ["档案中没有注明报名和日期的期次，无法推算缺期"]
    lines: list[str] = []
    for entry in gaps:
        report = entry.report
        lines.append(f"{entry.publication}：{report.issues} 期有日期和期号")
        if report.schedule is None:
            lines.append(f"  出版规律：{report.reason}")
        else:
            basis = f"（依据 {report.evidence} 对相邻期次的期号与日期）"
            lines.append(f"  出版规律：{report.schedule.describe()}{basis}")
            if report.missing:
                lines.append(f"  缺 {len(report.missing)} 期（按期号推算）：")
                lines.extend(_expected(m) for m in report.missing)
            else:
                lines.append("  没有缺期")
        if report.disagreements:
            lines.append(f"  期号与日期不符（{len(report.disagreements)}）：")
            lines.extend(f"    {d.message}" for d in report.disagreements)
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the overview (or the gaps); a missing or unreadable archive is a message and status 1."""
    # Imported here: cli imports every command module, and a search must not pay for this one's.
    from reader.archive.gaps import publication_gaps

    path = db_path(args)
    try:
        with open_archive(path, readonly=True) as archive:
            if args.gaps:
                gaps = read_steadily(archive, lambda opened: publication_gaps(opened, args.publication))
                lines = format_gaps(gaps)
            else:
                lines = format_stats(read_steadily(archive, stats))
    except ArchiveError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"档案：{path}")
    print("\n".join(lines))
    return 0
