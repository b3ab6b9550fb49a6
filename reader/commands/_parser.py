"""argparse in Chinese: every message the command line prints, argparse's own included.

argparse writes its messages in English (usage:, the following arguments are required…, invalid
choice…). `ChineseArgumentParser`, used by reader.cli for the main parser and every subparser,
prints them in Chinese, and for an argument starting with "-" that was meant as text (a query
such as -党建) says how to pass it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

COMMAND_METAVAR = "命令"
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
        self.commands: argparse._SubParsersAction[argparse.ArgumentParser] | None = None

    # One signature for argparse's two overloads: the subparsers are always of this class.
    def add_subparsers(  # type: ignore[override]
        self, **kwargs: Any
    ) -> argparse._SubParsersAction[argparse.ArgumentParser]:
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
