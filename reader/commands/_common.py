"""Options and helpers shared by several CLI commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.archive.paths import ENV_VAR, default_archive_path


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """`--db FILE`, defaulting to the archive the GUI uses."""
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"档案数据库文件（默认：{default_archive_path()}，可用环境变量 {ENV_VAR} 指定）",
    )


def db_path(args: argparse.Namespace) -> Path:
    """The archive file chosen by `--db`, else the default (read at run time, not import time)."""
    return args.db if args.db is not None else default_archive_path()
