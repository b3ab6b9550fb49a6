"""`python -m reader <command>`: a thin shell over reader.archive and reader.text.

Subcommands live in reader/commands/, one module each, and are found automatically: every
module there whose name does not start with "_" must define

    def add_parser(subparsers: argparse._SubParsersAction) -> None

which adds its subparser (with `help=` and a description) and sets `func=<run>` via
`set_defaults`, where `run(args: argparse.Namespace) -> int` returns the exit status. To add a
command (search, export, …) just drop reader/commands/<name>.py in; this file need not change.
Shared options (`--db`) are in reader/commands/_common.py.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import pkgutil
import sys

import reader
import reader.commands


def _utf8_streams() -> None:
    """Chinese output must survive a Windows console or a pipe with a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command module in reader/commands registered."""
    parser = argparse.ArgumentParser(
        prog="python -m reader",
        description="报刊档案阅读器：解析、导入、查询本地报纸档案。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {reader.__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="命令")
    for module in sorted(pkgutil.iter_modules(reader.commands.__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        importlib.import_module(f"reader.commands.{module.name}").add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit status (2 for a usage error, as argparse does)."""
    _utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # Output piped into `head` and cut short: not an error (Python docs, "Note on SIGPIPE").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
