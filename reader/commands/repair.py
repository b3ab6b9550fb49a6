"""`repair`: check the archive and, when it is damaged, rebuild it from everything still readable."""

from __future__ import annotations

import argparse
import sys

from reader.archive.errors import ArchiveError
from reader.commands._common import add_db_option, db_path


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `repair` command."""
    parser = subparsers.add_parser(
        "repair",
        help="检查档案是否损坏；损坏时读出完好的内容并重建检索索引",
        description="检查档案文件。发现损坏时：逐页读出每一张表（期次、文章、导入文件记录、书签、校订、专有名词）"
        "中所有还读得出的记录，写入档案旁的新文件并重建检索索引，检查无误后才替换原档案；损坏的原文件另存为 "
        "<名称>.damaged-<时间>.sqlite3。最后按表报告保留和丢失的条数。修复前请关闭正在使用此档案的程序。",
    )
    parser.add_argument("--force", action="store_true", help="即使检查未发现问题也重建")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """0 when the archive is sound or was repaired, 1 when it could not be opened or repaired."""
    # Imported here: cli imports every command module, and a search must not pay for this one's.
    from reader.archive.repair import repair_if_damaged

    path = db_path(args)
    try:
        report = repair_if_damaged(path, progress=lambda step: print(step, flush=True), force=args.force)
    except ArchiveError as err:
        print(err, file=sys.stderr)
        return 1
    print(report.summary() if report is not None else f"档案完好，无需修复：{path}")
    return 0
