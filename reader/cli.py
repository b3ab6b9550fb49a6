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
`ChineseArgumentParser`). A subparser may take `dash_word="检索词"` (what its free-text
arguments are called) for the hint shown when such an argument starts with "-"; a command may
`set_defaults(interrupted="…")` for the line printed on Ctrl-C.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import reader
from reader.archive.errors import translate
from reader.commands import (
    backup,
    export,
    importing,
    info,
    install_desktop,
    parse,
    repair,
    search,
    selftest,
)
from reader.commands._common import db_path
from reader.resources import MissingResource, is_frozen
from reader.text.oserror import describe_os_error
from reader.text.query import readable_text

COMMAND_METAVAR = "命令"
INTERRUPTED = "已中断"
INTERRUPTED_STATUS = 130  # 128 + SIGINT, what a shell reports for Ctrl-C
# Every command module, in the order `--help` lists them (see the module docstring).
COMMANDS = (backup, export, importing, info, install_desktop, parse, repair, search, selftest)

# argparse's messages (Python 3.10–3.13), each with its Chinese form; "{0}", "{1}" are the groups.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), chinese)
    for pattern, chinese in (
        (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
        (r"the following arguments are required: (.*)", "缺少必需的参数：{0}"),
        (r"one of the arguments (.*) is required", "以下参数须给出其中一个：{0}"),
        (r"not allowed with argument (.*)", "不能与 {0} 同时使用"),
        (r"ignored explicit argument (.*)", "不接受值 {0}"),
        (r"expected one argument", "后面须跟一个值"),
        (r"expected at most one argument", "后面最多跟一个值"),
        (r"expected at least one argument", "后面至少跟一个值"),
        (r"expected (\d+) arguments?", "后面须跟 {0} 个值"),
        (r"ambiguous option: (\S+) could match (.*)", "选项 {0} 不明确，可能是：{1}"),
        (r"unexpected option string: (.*)", "不应出现的选项：{0}"),
        (r"invalid choice: (.*?) \(choose from (.*)\)", "无效的选择：{0}（可选：{1}）"),
        (r"unknown parser (.*?) \(choices: (.*)\)", "没有这个命令：{0}（可选：{1}）"),
        (r"invalid .+? value: (.*)", "取值无效：{0}"),
    )
)
_ARGUMENT = re.compile(r"argument (.+?): (.*)", re.DOTALL)
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_LONG_OPTION = re.compile(r"--[A-Za-z][A-Za-z0-9_-]*(=.*)?", re.DOTALL)
_NUMBER = re.compile(r"-\d+(\.\d*)?")


def chinese_message(message: str) -> str:
    """argparse's English error message in Chinese; our own (already Chinese) ones unchanged.

    An English message not known here becomes a general Chinese one rather than being shown.
    """
    name = ""
    if (argument := _ARGUMENT.fullmatch(message)) is not None:
        name, message = argument[1], argument[2]
    for pattern, chinese in _MESSAGES:
        if (match := pattern.fullmatch(message)) is not None:
            message = chinese.format(*match.groups())
            break
    else:
        if not _CHINESE.search(message):
            message = "命令行参数有误"
    if name == COMMAND_METAVAR:  # "命令：无效的选择：'x'" reads better as "没有这个命令：'x'"
        return message.replace("无效的选择", "没有这个命令", 1)
    return f"{name}：{message}" if name else message


class _ChineseHelpFormatter(argparse.HelpFormatter):
    """Help and usage headed 用法： instead of usage:; each command's summary on its own line."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def add_argument(self, action: argparse.Action) -> None:
        """As argparse, but command names are measured where they are printed.

        argparse measures them without the extra indent it prints them with, so the summary of
        a long name (install-desktop) would wrap onto a line of its own. `_action_max_length`,
        `_current_indent` and `_indent_increment` are argparse's own (stable since 3.2).
        """
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS and isinstance(action, argparse._SubParsersAction):
            names = [len(self._format_action_invocation(sub)) for sub in action._get_subactions()]
            indent = self._current_indent + self._indent_increment
            self._action_max_length = max(self._action_max_length, indent + max(names, default=0))


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help headings and errors are all Chinese.

    Errors print a Chinese usage line and message (status 2, as argparse). An argument that
    starts with "-" but is no option of this parser (a search for -党建) gets a hint: put it
    after `--`, or write `--query=-党建` when it was meant as an option's value. Used for the
    main parser and, through `parser_class`, for every subcommand; an error found by the main
    parser about a subcommand's arguments is reported by that subcommand, with its usage.
    """

    def __init__(self, *, dash_word: str = "参数", add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelpFormatter)
        super().__init__(add_help=False, **kwargs)
        # argparse names its two default groups in English; they are this parser's own groups.
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出"
            )
        self.dash_word = dash_word
        self.given: list[str] = []
        self.commands: argparse._SubParsersAction | None = None

    def add_subparsers(self, **kwargs: Any) -> argparse._SubParsersAction:
        kwargs.setdefault("parser_class", ChineseArgumentParser)
        self.commands = super().add_subparsers(**kwargs)
        return self.commands

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """As argparse; remembers the arguments, to tell which one an error is about."""
        self.given = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        """Usage and the message in Chinese on stderr, a hint for a word starting with "-"; exit 2."""
        command = self._command_parser()
        if command is not None:
            command.error(message)
        self.print_usage(sys.stderr)
        lines = [f"{self.prog}：错误：{chinese_message(message)}"]
        if hint := self._dash_hint():
            lines.append(hint)
        self.exit(2, "\n".join(lines) + "\n")

    def _command_parser(self) -> ChineseArgumentParser | None:
        """The subcommand named in the arguments, when this parser has subcommands."""
        choices = self.commands.choices if self.commands is not None else None
        if not isinstance(choices, dict):
            return None
        # The main parser's own options take no values: its first other argument is the command.
        token = next((t for t in self.given if not t.startswith("-")), None)
        found = choices.get(token) if token is not None else None
        return found if isinstance(found, ChineseArgumentParser) and found is not self else None

    def _dash_hint(self) -> str | None:
        """The command rewritten for a word that starts with "-" and is no option of this parser.

        Free text goes after `--` (options first, as given); a word meant as an option's value
        is joined to it with "=". None when no such word was given.
        """
        # `_option_string_actions` is argparse's own table of option strings (stable since 2.7).
        options = self._option_string_actions
        kept: list[str] = []  # options and their values, as given
        words: list[str] = []
        owed = 0  # values the last option still takes (-1: any number)
        dashed = False
        for index, token in enumerate(self.given):
            if token == "--":
                words += self.given[index + 1 :]
                break
            action = options.get(token.split("=", 1)[0]) if token.startswith("-") else None
            if action is not None:
                kept.append(token)
                owed = 0 if "=" in token else _values_taken(action)
            elif _text_like(token) and owed:
                return f"{self.dash_word}以 - 开头时请写成：{kept[-1]}={token}"
            elif owed:
                kept.append(token)
                owed -= 1 if owed > 0 else 0
            else:
                dashed = dashed or _text_like(token)
                words.append(token)
        if not dashed:
            return None
        command = " ".join([self.prog, *(_quoted(t) for t in [*kept, "--", *words])])
        return f"{self.dash_word}以 - 开头时请写成：{command}"


def _values_taken(action: argparse.Action) -> int:
    """How many of the following arguments an option takes (-1: as many as come)."""
    if action.nargs is None or action.nargs == argparse.OPTIONAL:
        return 1
    if isinstance(action.nargs, int):
        return action.nargs
    return -1


def _quoted(token: str) -> str:
    """A word as typed on a command line: quoted when it holds spaces."""
    return f'"{token}"' if any(c.isspace() for c in token) else token


def _text_like(token: str) -> bool:
    """An argument that starts with "-" like an option but reads as text (-党建, -COVID)."""
    return (
        len(token) > 1
        and token[0] == "-"
        and _LONG_OPTION.fullmatch(token) is None
        and _NUMBER.fullmatch(token) is None
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
    other SQLite errors are bugs and propagate.
    """
    _utf8_streams()
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
