"""`timeline QUERY`: how many articles a search finds per month (or year), as lines or JSON."""

from __future__ import annotations

import argparse

from reader.archive.formatting import period_label
from reader.archive.handle import Archive
from reader.archive.timeline import BY_CHOICES, Timeline, timeline
from reader.commands._common import add_db_option, add_range_options, answer_query


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `timeline` command."""
    parser = subparsers.add_parser(
        "timeline",
        dash_word="检索词",
        help="检索结果按月（或按年）统计篇数",
        description="统计检索词每月（或每年）命中的文章篇数，与 search 找到的文章完全一致。"
        "默认按月，时间跨度超过五年时按年。检索语法同 search。",
    )
    parser.add_argument("query", nargs="+", metavar="QUERY", help="检索词（语法同 search）")
    add_db_option(parser)
    add_range_options(parser)
    parser.add_argument(
        "--by",
        choices=BY_CHOICES,
        default=None,
        help="按月（month）或按年（year）统计；默认按月，跨度超过五年时按年",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='以 JSON 输出：{"query": 检索词, "by": "month", "total": 总篇数, "undated": 未定日期篇数,'
        ' "periods": [{"period": "2022-07", "count": 12}, …]}',
    )
    parser.set_defaults(func=run)


def format_timeline(result: Timeline) -> list[str]:
    """The lines printed without --json: one period a line, with a bar of its share."""
    lines = [f"共 {result.total} 篇"]
    most = max((p.count for p in result.periods), default=0)
    for p in result.periods:
        label = period_label(p.period)
        bar = "█" * round(20 * p.count / most) if most else ""
        lines.append(f"{label:>9}  {p.count:>6} 篇  {bar}")
    if result.undated:
        lines.append(f"未定日期：{result.undated} 篇")
    return lines


def as_json(query: str, result: Timeline) -> dict[str, object]:
    """What --json prints: the periods and, apart, the undated matches, which belong to no period
    (the text output's 未定日期 line): the periods and `undated` add up to `total`."""
    return {
        "query": query,
        "by": result.by,
        "total": result.total,
        "undated": result.undated,
        "periods": [p.to_dict() for p in result.periods],
    }


def run(args: argparse.Namespace) -> int:
    """Count; 0 with matches, 1 with none (or an unreadable archive), 2 for an empty query."""

    def count(archive: Archive, query: str) -> Timeline:
        return timeline(
            archive,
            query,
            date_from=args.date_from,
            date_to=args.date_to,
            publication=args.publication,
            by=args.by,
        )

    return answer_query(args, count, format_timeline, as_json)
