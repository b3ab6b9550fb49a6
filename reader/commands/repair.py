"""`repair`: check the archive and, when it is damaged, rebuild it from everything still readable."""

from __future__ import annotations

import argparse
import sys

from reader.archive.errors import ArchiveError
from reader.archive.repair import repair_if_damaged
from reader.commands._common import add_db_option, db_path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the `repair` command."""
    parser = subparsers.add_parser(
        "repair",
        help="检查档案是否损坏；损坏时读出完好的内容并重建检索索引",
        description="检查档案文件。发现损坏时：把损坏的原文件改名保留，读出其中所有完好的期次、文章和书签，"
        "写入新的档案文件并重建检索索引。修复前请关闭正在使用此档案的程序。",
    )
    parser.add_argument("--force", action="store_true", help="即使检查未发现问题也重建")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """0 when the archive is sound or was repaired, 1 when it could not be opened or repaired."""
    path = db_path(args)
    try:
        report = repair_if_damaged(path, progress=lambda step: print(step, flush=True), force=args.force)
    except ArchiveError as err:
        print(err, file=sys.stderr)
        return 1
    print(report.summary() if report is not None else f"档案完好，无需修复：{path}")
    return 0
