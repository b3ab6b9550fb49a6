"""`search QUERY`: find articles in the archive, best first, with hits marked 【】 or as JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from reader.archive.db import open_archive
from reader.archive.errors import ArchiveError
from reader.archive.search import SORTS, SearchResult, search
from reader.commands._common import add_db_option, db_path


def _iso_date(text: str) -> str:
    """Accept 2022-07-05, 2022-7-5, 20220705 or 2022/7/5; argparse turns ValueError into status 2."""
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    if cleaned.isdigit() and len(cleaned) == 8:
        cleaned = f"{cleaned[:4]}-{cleaned[4:6]}-{cleaned[6:]}"
    try:
        year, month, day = (int(part) for part in cleaned.split("-"))
        return dt.date(year, month, day).isoformat()
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"日期格式不对：{text}（应为 2022-07-05）") from err


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("--limit 至少为 1")
    return value


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the `search` command."""
    parser = subparsers.add_parser(
        "search",
        help="在档案中检索文章",
        description='检索文章：空格分隔的词都须出现；"引号内为整句"；-词 排除；A OR B 任一；'
        "标题:词 只查标题。不区分全角半角和英文大小写。找到时退出码为 0，找不到为 1。",
    )
    parser.add_argument("query", metavar="QUERY", help="检索词")
    add_db_option(parser)
    parser.add_argument("--from", dest="date_from", type=_iso_date, metavar="DATE", help="起始日期（含）")
    parser.add_argument("--to", dest="date_to", type=_iso_date, metavar="DATE", help="截止日期（含）")
    parser.add_argument("--publication", metavar="NAME", help="只查这份报纸，如 东昌时讯")
    parser.add_argument("--sort", choices=SORTS, default="relevance", help="排序：相关度、最新、最早")
    parser.add_argument("--limit", type=_positive, default=20, metavar="N", help="最多显示 N 条（默认 20）")
    parser.add_argument("--json", action="store_true", help="以 JSON 列表输出")
    parser.set_defaults(func=run)


def format_result(result: SearchResult) -> list[str]:
    """The lines printed without --json."""
    lines = [f"共找到 {result.total} 篇，显示 {len(result.hits)} 篇"]
    for number, hit in enumerate(result.hits, start=1):
        source = " · ".join(
            part
            for part in (
                hit.publication or "",
                hit.date or "未定日期",
                f"第{hit.number}期" if hit.number else "",
                f"第{hit.page}版" if hit.page else "",
            )
            if part
        )
        lines.append(f"{number}. {hit.headline_marked}  [{source}]  ({hit.key})")
        if hit.snippet:
            lines.append(f"   {hit.snippet.replace(chr(10), ' ')}")
    return lines


def run(args: argparse.Namespace) -> int:
    """Search; 0 with hits, 1 with none (or an unreadable archive), 2 for an empty query."""
    try:
        with open_archive(db_path(args), readonly=True) as archive:
            result = search(
                archive,
                args.query,
                date_from=args.date_from,
                date_to=args.date_to,
                publication=args.publication,
                sort=args.sort,
                limit=args.limit,
            )
    except ArchiveError as err:
        print(err, file=sys.stderr)
        return 1
    if result.error:
        print(result.error, file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([hit.to_dict() for hit in result.hits], ensure_ascii=False, indent=2))
    else:
        print("\n".join(format_result(result)))
    return 0 if result.total else 1
