"""`export`: articles → PDF, or Word when the output ends in .docx — chosen by key, all
bookmarks, or the results of a search.

Several articles become a clippings book (title page, contents with page numbers, one article
per page). Errors the user can fix (no CJK font, nothing found, unwritable output, missing
archive) are one Chinese line on stderr and status 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.archive.db import Archive, open_archive
from reader.archive.errors import ArchiveError
from reader.archive.records import ArticleRecord
from reader.archive.search_request import SORT_FIRST
from reader.commands._common import (
    add_db_option,
    add_filter_options,
    date_range_problem,
    db_path,
    search_request,
)
from reader.export.collect import bookmarked, by_keys, searched
from reader.export.errors import ExportError

# A clippings book reads in order of time; the window's export follows its list's order instead.
DEFAULT_SORT = "oldest"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `export` command."""
    parser = subparsers.add_parser(
        "export",
        dash_word="检索词",
        help="把文章导出为 PDF 或 Word 文档（按文章键、全部书签或检索结果；多篇时生成剪报册）",
        description=(
            "把文章导出为 A4 PDF；输出文件名以 .docx 结尾时导出为 Word 文档。多篇文章生成剪报册："
            "封面、目录，每篇文章另起一页并注明出处和引文（GB/T 7714）。"
        ),
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE.pdf|FILE.docx",
        help="输出的 PDF 或 Word（.docx）文件",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--key", nargs="+", action="extend", metavar="KEY", help="文章键（可给多个）")
    source.add_argument("--bookmarks", action="store_true", help="导出全部书签（连同批注）")
    source.add_argument(
        "--query", metavar="QUERY", help="导出检索结果（语法同 search 命令；以 - 开头时写成 --query=-词）"
    )
    add_filter_options(parser, sort_default=None, default_order=DEFAULT_SORT, note="（配合 --query）")
    parser.add_argument("--title", metavar="T", default=None, help="剪报册标题（默认：剪报册）")
    parser.add_argument("--book", action="store_true", help="只有一篇文章时也生成剪报册")
    add_db_option(parser)
    parser.set_defaults(func=run)


def _by_query(archive: Archive, args: argparse.Namespace) -> list[ArticleRecord]:
    request = search_request(args, args.query, sort=args.sort or DEFAULT_SORT)
    selection = searched(archive, request)
    if selection.found > len(selection.articles):
        shown = len(selection.articles)
        which = SORT_FIRST[request.sort]
        print(f"注意：共找到 {selection.found} 篇，只导出{which} {shown} 篇", file=sys.stderr)
    return list(selection.articles)


def _usage_problem(args: argparse.Namespace) -> str | None:
    """Search options without --query, or a date range that ends before it starts."""
    options = (
        ("--from", args.date_from),
        ("--to", args.date_to),
        ("--publication", args.publication),
        ("--sort", args.sort),
    )
    given = [name for name, value in options if value]
    if given and not args.query:
        return f"{' / '.join(given)} 只能与 --query 一起使用"
    return date_range_problem(args)


def run(args: argparse.Namespace) -> int:
    """Collect the articles, render them, write the PDF; 0 on success, 1 on a known error."""
    if problem := _usage_problem(args):
        print(problem, file=sys.stderr)
        return 2
    # Imported here so that `python -m reader --help` does not load Qt.
    from reader.export.word import is_word_path

    notes: dict[str, str] = {}
    db = db_path(args)
    try:
        with open_archive(db, readonly=True) as archive:
            if args.key:
                records = list(by_keys(archive, args.key).articles)
            elif args.bookmarks:
                marked = bookmarked(archive)
                records, notes = list(marked.articles), marked.notes
                if marked.deleted:
                    print(f"注意：{marked.deleted} 个书签的文章已不在档案中，未导出", file=sys.stderr)
            else:
                records = _by_query(archive, args)
        if not records:
            what = "Word 文档" if is_word_path(args.out) else "PDF"
            raise ExportError("没有书签可导出" if args.bookmarks else f"没有符合条件的文章，未生成 {what}")
        book = True if args.book or args.bookmarks or args.query else None
        from reader.export.fonts import ensure_gui_application
        from reader.export.output import export_to

        # Fonts need a QGuiApplication alive while a PDF is rendered; Word finds its own fonts.
        app = None if is_word_path(args.out) else ensure_gui_application()  # noqa: F841
        result = export_to(records, args.out, book=book, title=args.title, notes=notes, archive=db)
    except LookupError as err:
        print(err, file=sys.stderr)
        return 2
    except (ArchiveError, ExportError) as err:
        print(err, file=sys.stderr)
        return 1
    if result.pages:
        print(f"已导出 {len(records)} 篇文章，共 {result.pages} 页：{result.path}")
    else:
        print(f"已导出 {len(records)} 篇文章（Word 文档）：{result.path}")
    return 0
