"""`import PATH...`: bring text dumps into the archive, one line per file and a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.archive.db import open_archive
from reader.archive.errors import ArchiveError
from reader.commands._common import add_db_option, db_path

if TYPE_CHECKING:
    from reader.archive.importer import ImportOutcome, ImportReport, OnConflict


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `import` command."""
    parser = subparsers.add_parser(
        "import",
        dash_word="路径",
        help="把文本文件或文件夹导入档案",
        description="导入报纸文本文件；文件夹会递归查找 .txt/.md 文件。同一期的几个文件（如每版一个文件）"
        "合成一期；已导入且未变化的文件会被跳过，改过的文件只更新它自己以前导入的文章。"
        "会与其他文件的文章重复或顶替其他文件的导入，称为冲突：默认不导入并说明原因。",
    )
    parser.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="文本文件或文件夹")
    resolve = parser.add_mutually_exclusive_group()
    resolve.add_argument("--replace", action="store_true", help="有冲突时，用新文件替换与它重复的已导入文件")
    resolve.add_argument("--keep-both", action="store_true", help="有冲突时，新旧文件都保留（文章会重复）")
    add_db_option(parser)
    # Each issue is its own transaction: Ctrl-C rolls back the one in progress, nothing else.
    parser.set_defaults(func=run, interrupted="已中断；已完成的期次保留在档案中")


def progress_line(index: int, total: int, path: Path, result: ImportOutcome | Exception) -> str:
    """'[3/12] 导入 2022-07-05 东昌时讯 第1449期：10篇', '… 未变化 …' or '… 失败：reason';
    then a line '    注意：…' for each note on the file (an incomplete last character left out)."""
    prefix = f"[{index}/{total}]"
    if isinstance(result, Exception):
        return f"{prefix} 失败：{result}"
    if result.status == "unchanged":
        line = f"{prefix} 未变化 {result.label}"
    elif result.status == "conflict":
        line = f"{prefix} 冲突，未导入 {path.name}（{result.label}）：{result.detail}"
    else:
        verb = "导入" if result.status == "imported" else "更新"
        line = f"{prefix} {verb} {result.label}：{result.articles}篇"
    return "\n".join([line, *(f"    注意：{path.name}：{note}" for note in result.notes)])


def skipped_lines(report: ImportReport) -> list[str]:
    """One line for each link left out of a folder, saying where it points."""
    return [reason for _, reason in report.skipped]


def summary_line(report: ImportReport) -> str:
    """One line with what the batch did."""
    line = (
        f"完成：新导入 {len(report.imported)} 个文件，更新 {len(report.replaced)} 个文件，"
        f"共 {report.articles} 篇文章；未变化 {len(report.unchanged)} 个文件；"
        f"冲突 {len(report.conflict)} 个文件；失败 {len(report.failed)} 个文件"
    )
    if report.conflict:
        line += (
            "\n有冲突的文件没有导入。确认要导入时，再次运行并加上"
            " --replace（替换重复的已导入文件）或 --keep-both（都保留）"
        )
    if report.demo_removed:
        line += f"\n已移除演示报纸（{report.demo_removed} 篇虚构文章）"
    if report.stopped:
        line += f"\n导入已中止：{report.stopped}"
    return line


def run(args: argparse.Namespace) -> int:
    """Import; status 0 only when every file was imported, updated or unchanged."""
    # Here, not at the top: the importer brings the parser, which every other command's start
    # (`python -m reader search`) would pay for (cli imports every command module).
    from reader.archive.importer import import_paths

    def show(index: int, total: int, path: Path, result: ImportOutcome | Exception) -> None:
        print(progress_line(index, total, path, result), flush=True)

    try:
        with open_archive(db_path(args)) as archive:
            on_conflict: OnConflict = "replace" if args.replace else "keep" if args.keep_both else "report"
            report = import_paths(archive, args.paths, progress=show, on_conflict=on_conflict)
    except ArchiveError as err:
        print(err, file=sys.stderr)
        return 1
    for line in skipped_lines(report):
        print(line)
    if report.total == 0:
        print("没有找到可导入的文本文件（.txt、.md）", file=sys.stderr)
        return 1
    print(summary_line(report))
    return 0 if report.ok else 1
