"""`publish`: a read-only copy of the archive for colleagues, in a shared folder they open."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.archive.errors import ArchiveError
from reader.commands._common import PagesProgress, add_db_option, db_path


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `publish` command."""
    parser = subparsers.add_parser(
        "publish",
        help="把档案发布到共享文件夹，供同事只读使用（档案没有改动时不写入）",
        description=(
            "把档案完整复制到 --to 指定的文件夹（例如单位的共享文件夹），作为一个新的版本 "
            "archive-日期-时间-序号.sqlite3：复制完、检查并写到磁盘上之后才出现，同事打开这个文件夹时"
            "读的总是最新的完整版本。档案自上次发布以来没有改动时什么也不写。旧版本保留两个最新的和一天之内的，"
            "其余删去（正被打开、暂时删不掉的下次再删）。书签和批注是各人自己的，不会发布。"
        ),
    )
    parser.add_argument("--to", type=Path, required=True, metavar="FOLDER", help="共享文件夹（没有则建立）")
    add_db_option(parser)
    parser.set_defaults(func=run, interrupted="已中断，发布没有完成；同事仍使用上一个版本")


def run(args: argparse.Namespace) -> int:
    """Publish; errors are one Chinese line on stderr and status 1."""
    # Imported here: cli imports every command module, and a search must not pay for this one's.
    from reader.archive.backup import BackupError
    from reader.archive.publish import PublishError, publish

    try:
        report = publish(db_path(args), Path(args.to), PagesProgress("发布中"))
    except (ArchiveError, BackupError, PublishError) as err:
        print(err, file=sys.stderr)
        return 1
    print(report.summary())
    return 0
