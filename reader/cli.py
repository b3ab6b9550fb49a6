"""`python -m reader <command>`: a thin shell over reader.archive and reader.text.

Subcommands live in reader/commands/, one module each, listed in COMMANDS below. Each module
defines

    def add_parser(subparsers: argparse._SubParsersAction) -> None

which adds its subparser (with `help=` and a description) and sets `func=<run>` via
`set_defaults`, where `run(args: argparse.Namespace) -> int` returns the exit status. To add a
command, write reader/commands/<name>.py and add it to COMMANDS. The list is explicit, not found
by scanning the package with pkgutil: in a frozen build (PyInstaller) the modules sit in an
archive that such a scan does not see, and a static import is what tells PyInstaller to bundle
them. tests/test_bundle.py fails when a module in reader/commands/ is missing from the list.
Shared options (`--db`, search filters) are in reader/commands/_common.py.

Everything the command line prints is Chinese, argparse's own messages included (see
reader/commands/_parser.py). A subparser may take `dash_word="检索词"` (what its free-text
arguments are called) for the hint shown when such an argument starts with "-"; a command may
`set_defaults(interrupted="…")` for the line printed on Ctrl-C.
"""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import sys
from pathlib import Path

import reader
from reader.archive.errors import translate
from reader.commands import (
    backup,
    correct,
    export,
    importing,
    info,
    install_desktop,
    papers,
    parse,
    publish,
    repair,
    search,
    selftest,
    timeline,
    words,
)
from reader.commands._common import db_path
from reader.commands._parser import COMMAND_METAVAR, ChineseArgumentParser
from reader.commands._terminal import escaped_output
from reader.resources import MissingResource, is_frozen
from reader.text.oserror import describe_os_error
from reader.text.query import readable_text

INTERRUPTED = "已中断"
INTERRUPTED_STATUS = 130  # 128 + SIGINT, what a shell reports for Ctrl-C
# Every command module, in the order `--help` lists them (see the module docstring).
COMMANDS = (
    backup,
    correct,
    export,
    importing,
    info,
    install_desktop,
    papers,
    parse,
    publish,
    repair,
    search,
    selftest,
    timeline,
    words,
)


def _utf8_streams() -> None:
    """Chinese output must survive a Windows console or a pipe with a legacy code page.

    Text that cannot be encoded (a file name with undecodable bytes) is escaped, not a crash.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def program_name() -> str:
    """What the user types to run the command line, for usage lines and help.

    `python -m reader` from a checkout or an installation; in the bundled program (PyInstaller)
    there is no Python to name, so it is the console executable's own name (archive-reader-cli).
    """
    if is_frozen():
        return Path(sys.executable).stem
    return "python -m reader"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command in COMMANDS registered."""
    prog = program_name()
    parser = ChineseArgumentParser(
        prog=prog,
        description="报刊档案阅读器：解析、导入、查询本地报纸档案。",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {reader.__version__}", help="显示版本号并退出"
    )
    subparsers = parser.add_subparsers(
        dest="command",
        metavar=COMMAND_METAVAR,
        title="命令",
        help=f"各命令的用法：{prog} 命令 --help",
        parser_class=ChineseArgumentParser,
    )
    for module in COMMANDS:
        module.add_parser(subparsers)
    return parser


def _readable(args: argparse.Namespace) -> None:
    """Text arguments (keys, names, titles; not paths) with undecodable bytes read as U+FFFD.

    A terminal that is not UTF-8 hands Python lone surrogates, which SQLite and print() refuse.
    Paths (type=Path) keep them: they spell the file's real name to the OS.
    """
    for name, value in vars(args).items():
        if isinstance(value, str):
            setattr(args, name, readable_text(value))
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            setattr(args, name, [readable_text(item) for item in value])


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit status (2 for a usage error, as argparse does).

    Ctrl-C is one line and status 130. Known SQLite errors (damaged, locked, full…), OS errors
    and a file missing from the installation that reach here are one Chinese line and status 1;
    other SQLite errors are bugs and propagate. Everything printed shows its control characters
    escaped (reader.commands._terminal): headlines and file names are other people's text.
    """
    _utf8_streams()
    with escaped_output():
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    """`main` once its output streams are set up."""
    args: argparse.Namespace | None = None
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        _readable(args)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        return int(args.func(args))
    except BrokenPipeError:
        # Output piped into `head` and cut short: not an error (Python docs, "Note on SIGPIPE").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(getattr(args, "interrupted", None) or INTERRUPTED, file=sys.stderr)
        return INTERRUPTED_STATUS
    except sqlite3.Error as err:
        known = translate(err, db_path(args))
        if known is err:
            raise
        print(known, file=sys.stderr)
        return 1
    except OSError as err:
        where = f"{err.filename}：" if err.filename else ""
        print(f"{where}{describe_os_error(err)}", file=sys.stderr)
        return 1
    except MissingResource as err:
        print(err, file=sys.stderr)
        return 1
