"""`search QUERY`: find articles in the archive, best first, with hits marked 【】 or as JSON."""

from __future__ import annotations

import argparse

from reader.archive.formatting import DateStyle, list_title_mark, source_line
from reader.archive.search import SearchResult, find
from reader.commands._common import (
    add_db_option,
    add_filter_options,
    answer_query,
    positive_number,
    search_request,
)


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `search` command."""
    parser = subparsers.add_parser(
        "search",
        dash_word="检索词",
        help="在档案中检索文章",
        description='检索文章：空格分隔的词都须出现；"引号内为整句"；-词 排除；A OR B 任一；'
        "标题:词 只查标题（標題: 与全角冒号同）。不区分全角半角、英文大小写和繁简体。"
        "找到时退出码为 0，找不到为 1。"
        "检索词以 - 开头时请写在 -- 之后，如：python -m reader search -- -党建",
    )
    parser.add_argument(
        "query", nargs="+", metavar="QUERY", help="检索词；分开写的几个词与用空格隔开的一样，都须出现"
    )
    add_db_option(parser)
    add_filter_options(parser, sort_default="relevance", default_order="relevance")
    parser.add_argument(
        "--limit", type=positive_number, default=20, metavar="N", help="最多显示 N 条（默认 20）"
    )
    parser.add_argument(
        "--json", action="store_true", help='以 JSON 输出：{"query": 检索词, "total": 总篇数, "hits": [...]}'
    )
    parser.set_defaults(func=run)


def format_result(result: SearchResult) -> list[str]:
    """The lines printed without --json."""
    lines = [f"共找到 {result.total} 篇，显示 {len(result.hits)} 篇"]
    for number, hit in enumerate(result.hits, start=1):
        source = source_line(hit.publication, hit.date, DateStyle.ISO, number=hit.number, page=hit.page)
        title = list_title_mark(hit.headline_marked, hit.corrected)
        lines.append(f"{number}. {title}  [{source}]  ({hit.key})")
        if hit.snippet:
            lines.append(f"   {hit.snippet.replace(chr(10), ' ')}")
    return lines


def as_json(query: str, result: SearchResult) -> dict[str, object]:
    """What --json prints: the query, the total (as the text output's first line says it) and
    the hits shown, so a script knows how many there are beyond --limit."""
    return {"query": query, "total": result.total, "hits": [hit.to_dict() for hit in result.hits]}


def run(args: argparse.Namespace) -> int:
    """Search; 0 with hits, 1 with none (or an unreadable archive), 2 for an empty query."""
    return answer_query(
        args,
        lambda archive, query: find(archive, search_request(args, query, sort=args.sort, limit=args.limit)),
        format_result,
        as_json,
        json_indent=2,
    )
