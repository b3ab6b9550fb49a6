"""Options and helpers shared by several CLI commands.

Search filters (`--from`, `--to`, `--publication`, `--sort`) are defined here once, so `search`
and `export --query` read them the same way: dates through reader.text.dates, which is also what
the archive checks them against.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from reader.archive.db import Archive, open_archive
from reader.archive.errors import ArchiveError
from reader.archive.health import refuse_if_damaged
from reader.archive.paths import ENV_VAR, default_archive_path
from reader.archive.search_request import DEFAULT_LIMIT, SORT_LABELS, SORTS, SearchRequest, sort_named
from reader.archive.snapshots import archive_file
from reader.archive.steady import read_steadily
from reader.text.dates import DateError, date_end, date_start

# "relevance 相关度、newest 最新、oldest 最早": the orders as the help and the errors list them.
_SORT_CHOICES = "、".join(f"{sort} {SORT_LABELS[sort]}" for sort in SORTS)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """`--db FILE`, defaulting to the archive the GUI uses."""
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="FILE",
        help=(
            f"档案数据库文件，或档案员发布档案的共享文件夹（默认：{default_archive_path()}，"
            f"可用环境变量 {ENV_VAR} 指定）"
        ),
    )


def db_path(args: argparse.Namespace | None) -> Path:
    """The archive file chosen by `--db`, else the default (read at run time, not import time);
    the default too for a command without `--db`, or before the arguments were read. A folder of
    published snapshots names its newest (reader.archive.snapshots), so every command reads a
    published archive the same way, and names the file it read."""
    db = getattr(args, "db", None)
    return archive_file(Path(db) if db is not None else default_archive_path())


def _start_date(text: str) -> str:
    """`--from`: the first day of what `text` names (ArgumentTypeError in Chinese otherwise)."""
    try:
        return date_start(text)
    except DateError as err:
        raise argparse.ArgumentTypeError(str(err)) from err


def _end_date(text: str) -> str:
    """`--to`: the last day of what `text` names (ArgumentTypeError in Chinese otherwise)."""
    try:
        return date_end(text)
    except DateError as err:
        raise argparse.ArgumentTypeError(str(err)) from err


def _sort(text: str) -> str:
    """`--sort`: relevance / newest / oldest, or the Chinese words the window shows for them."""
    sort = sort_named(text)
    if sort is None:
        raise argparse.ArgumentTypeError(f"没有这种排序：{text}（可选：{_SORT_CHOICES}）")
    return sort


def add_range_options(parser: argparse.ArgumentParser, note: str = "") -> None:
    """`--from DATE --to DATE --publication NAME`: the filters of a search, without its order."""
    dates = "；可写 2022-07-01、2022/7/1、20220701、2022年7月1日，或只写年、年月"
    parser.add_argument(
        "--from", dest="date_from", type=_start_date, metavar="DATE", help=f"起始日期（含）{dates}{note}"
    )
    parser.add_argument(
        "--to", dest="date_to", type=_end_date, metavar="DATE", help=f"截止日期（含）{dates}{note}"
    )
    parser.add_argument("--publication", metavar="NAME", help=f"只查这份报纸，如 东昌时讯{note}")


def add_filter_options(
    parser: argparse.ArgumentParser, *, sort_default: str | None, default_order: str, note: str = ""
) -> None:
    """`--from DATE --to DATE --publication NAME --sort ORDER`, as `search` reads them.

    A year or month alone covers all of it: `--from 2022-07 --to 2022-07` is the whole of July.
    `sort_default` None leaves `args.sort` None unless given (a command that must tell whether
    the option was used); `default_order` is what the help names as the default. `note` is
    appended to each help text (e.g. "（配合 --query）").
    """
    add_range_options(parser, note)
    parser.add_argument(
        "--sort",
        type=_sort,
        default=sort_default,
        metavar="{" + ",".join(SORTS) + "}",
        help=f"排序：{_SORT_CHOICES}；默认 {default_order}{note}",
    )


def search_request(
    args: argparse.Namespace, query: str, *, sort: str, limit: int = DEFAULT_LIMIT
) -> SearchRequest:
    """The search that `--from --to --publication` describe, in the order `sort`."""
    return SearchRequest(query, args.date_from, args.date_to, args.publication, sort, limit=limit)


def date_range_problem(args: argparse.Namespace) -> str | None:
    """A message when `--from` comes after `--to` (which could only ever find nothing)."""
    if args.date_from and args.date_to and args.date_from > args.date_to:
        return f"起始日期 {args.date_from} 晚于截止日期 {args.date_to}"
    return None


class Answer(Protocol):
    """What a query command prints: a total, or the message of a query that finds nothing."""

    @property
    def total(self) -> int: ...

    @property
    def error(self) -> str | None: ...


AnswerT = TypeVar("AnswerT", bound=Answer)


def answer_query(
    args: argparse.Namespace,
    ask: Callable[[Archive, str], AnswerT],
    lines: Callable[[AnswerT], list[str]],
    as_json: Callable[[str, AnswerT], object],
    *,
    json_indent: int | None = None,
) -> int:
    """`search` and `timeline` as one run: the date range checked, the typed QUERY words asked
    of the read-only archive, then the lines or `--json` printed. Status 0 with matches, 1 with
    none (or an unreadable archive), 2 for an empty query or a reversed date range."""
    if problem := date_range_problem(args):
        print(problem, file=sys.stderr)
        return 2
    query = " ".join(args.query)
    try:
        with open_archive(db_path(args), readonly=True) as archive:
            answer = read_steadily(archive, lambda opened: ask(opened, query))
    except ArchiveError as err:
        print(err, file=sys.stderr)
        return 1
    if answer.error:
        print(answer.error, file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(as_json(query, answer), ensure_ascii=False, indent=json_indent))
    else:
        print("\n".join(lines(answer)))
    return 0 if answer.total else 1


ArchiveAction = Callable[[Archive, argparse.Namespace], int]


def on_existing_archive(
    action: ArchiveAction, refused: tuple[type[Exception], ...], *, readonly: bool = False
) -> Callable[[argparse.Namespace], int]:
    """A command's `func` that runs `action` on the `--db` archive, which must exist (a command
    that edits an archive never creates an empty one) and, unless `readonly`, pass the damage
    check every writer makes first (reader.archive.health.refuse_if_damaged; once per run: the
    check reads the whole file). An ArchiveError or one of the `refused` errors (whose messages
    are for the user) is printed and gives status 1."""

    caught: tuple[type[Exception], ...] = (ArchiveError, *refused)

    def run(args: argparse.Namespace) -> int:
        path = db_path(args)
        if not path.exists():
            print(f"档案不存在：{path}", file=sys.stderr)
            return 1
        try:
            with open_archive(path, readonly=readonly) as archive:
                if not readonly:
                    refuse_if_damaged(archive)
                return action(archive, args)
        except caught as err:
            print(err, file=sys.stderr)
            return 1

    return run


class PagesProgress:
    """Prints "<label> N%" to stderr for a copy that goes by pages (backup, publish): in place on
    a terminal, every tenth on a pipe or a log."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._tty = sys.stderr.isatty()
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        step = percent if self._tty else percent // 10 * 10
        if step == self._shown:
            return
        self._shown = step
        end = "\r" if self._tty and percent < 100 else "\n"
        print(f"{self._label} {step}%（{done} / {total} 页）", end=end, file=sys.stderr, flush=True)


def print_usage(parser: argparse.ArgumentParser) -> int:
    """A command with actions run without one: its own help, and the status of a usage error."""
    parser.print_help(sys.stderr)
    return 2


def positive_number(text: str, what: str = "") -> int:
    """An argument's whole number of at least 1 (`--limit`, `--number`, `--page`, a paragraph
    `partial(positive_number, what="段号")`); argparse says the ArgumentTypeError's Chinese text
    after the option's name, so `what` names only a positional argument."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what}须是正整数，收到的是：{text}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{what}须是正整数（至少为 1），收到的是：{text}")
    return value
