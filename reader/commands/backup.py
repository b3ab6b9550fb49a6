"""`backup`: a consistent copy of the archive, safe while the program or an import writes to it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.archive.errors import ArchiveError
from reader.commands._common import PagesProgress, add_db_option, db_path


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `backup` command."""
    parser = subparsers.add_parser(
        "backup",
        help="备份档案到另一个文件（导入或阅读时也可以备份）",
        description=(
            "把档案完整复制到 --out 指定的文件。复制的是开始备份那一刻的档案，"
            "即使程序或导入正在写入也不会得到半份数据；完成后才替换同名的旧备份。"
        ),
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="备份文件（已存在则替换）")
    add_db_option(parser)
    parser.set_defaults(func=run)


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def run(args: argparse.Namespace) -> int:
    """Back up; errors are one Chinese line on stderr and status 1."""
    # Imported here: cli imports every command module, and a search must not pay for this one's.
    from reader.archive.backup import BackupError, backup_archive

    source, target = db_path(args), Path(args.out)
    try:
        backup_archive(source, target, PagesProgress("备份中"))
    except (ArchiveError, BackupError) as err:
        print(err, file=sys.stderr)
        return 1
    print(f"已备份：{source} → {target}（{_size(target)}）")
    return 0
