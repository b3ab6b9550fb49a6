"""`import PATH...`: bring text dumps into the archive, one line per file and a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.archive.db import open_archive
from reader.archive.errors import ArchiveError
from reader.archive.importer import ImportOutcome, ImportReport, import_paths
from reader.commands._common import add_db_option, db_path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the `import` command."""
    parser = subparsers.add_parser(
        "import",
        dash_word="路径",
        help="把文本文件或文件夹导入档案",
        description="导入报纸文本文件；文件夹会递归查找 .txt/.md 文件。已导入且未变化的期次会被跳过，"
        "内容有变化的期次会被更新。",
    )
    parser.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="文本文件或文件夹")
    add_db_option(parser)
    # Each issue is its own transaction: Ctrl-C rolls back the one in progress, nothing else.
    parser.set_defaults(func=run, interrupted="已中断；已完成的期次保留在档案中")


def progress_line(index: int, total: int, path: Path, result: ImportOutcome | Exception) -> str:
    """'[3/12] 导入 2022-07-05 东昌时讯 第1449期：10篇', '… 未变化 …' or '… 失败：reason'."""
    prefix = f"[{index}/{total}]"
    if isinstance(result, Exception):
        return f"{prefix} 失败：{result}"
    if result.status == "unchanged":
        return f"{prefix} 未变化 {result.label}"
    verb = "导入" if result.status == "imported" else "更新"
    return f"{prefix} {verb} {result.label}：{result.articles}篇"


def summary_line(report: ImportReport) -> str:
    """One line with what the batch did."""
    line = (
        f"完成：新导入 {len(report.imported)} 期，更新 {len(report.replaced)} 期，"
        f"共 {report.articles} 篇文章；未变化 {len(report.unchanged)} 期；失败 {len(report.failed)} 个文件"
    )
    if report.stopped:
        line += f"\n导入已中止：{report.stopped}"
    return line


def run(args: argparse.Namespace) -> int:
    """Import; status 0 only when every file was imported, updated or unchanged."""

    def show(index: int, total: int, path: Path, result: ImportOutcome | Exception) -> None:
        print(progress_line(index, total, path, result), flush=True)

    try:
        with open_archive(db_path(args)) as archive:
            report = import_paths(archive, args.paths, progress=show)
    except ArchiveError as err:
        print(err, file=sys.stderr)
        return 1
    if report.total == 0:
        print("没有找到可导入的文本文件（.txt、.md）", file=sys.stderr)
        return 1
    print(summary_line(report))
    return 0 if report.ok else 1
