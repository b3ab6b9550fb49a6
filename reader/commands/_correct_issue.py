"""`correct issue KEY|FILE [--paper 名] [--date 日期] [--number N] [--page N] | --clear`: what the
user names an issue (reader.archive.issue_names), part of `correct` (reader.commands.correct).

Options not given keep what was given before; `--clear` takes back everything given, so the
issue shows what its files print again. Each line said is Chinese and names the issue.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from reader.archive import queries
from reader.archive.formatting import PRINTED_NOTE, DateStyle, chinese_date, source_line
from reader.archive.handle import Archive
from reader.archive.issue_dates import IssueNotFound, find_issue
from reader.archive.issue_names import IssueNameError, IssueNames, given_names, set_issue_names
from reader.archive.records import IssueRecord
from reader.commands._common import on_existing_archive, positive_number
from reader.text.dates import DAY_FORMS, DateError, exact_day


def day(text: str) -> str:
    """A date as staff type it (2022-7-5, 2022年7月5日, 20220705) → ISO; argparse's error otherwise."""
    try:
        return exact_day(text)
    except DateError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def printed_note(archive: Archive, issue_id: int, date: str | None) -> str:
    """'（报头印的是 2022年8月9日）' when `date` overrides a date the masthead prints, else ''."""
    printed = queries.issue(archive, issue_id).printed_date
    return f"（{PRINTED_NOTE}{chinese_date(printed)}）" if printed and date and date != printed else ""


def _issue(archive: Archive, args: argparse.Namespace) -> int:
    issue = find_issue(archive, args.issue)
    name = issue.source_name or issue.key
    if args.clear:
        set_issue_names(archive, issue.id, IssueNames())
        shown = queries.issue(archive, issue.id)
        print(f"已清除 {name}（{issue.key}）设定的报名、日期、期号和版次；现在是：{_said(shown)}")
        return 0
    asked = {"publication": args.paper, "date": args.date, "number": args.number, "page": args.page}
    given = {field: value for field, value in asked.items() if value is not None}
    if not given:
        print(f"{name}（{issue.key}）现在是：{_said(issue)}")
        return 0
    set_issue_names(archive, issue.id, replace(given_names(archive, issue.id), **given))
    shown = queries.issue(archive, issue.id)
    print(f"已设定 {name}（{issue.key}）：{_said(shown)}{printed_note(archive, issue.id, shown.date)}")
    return 0


def _said(issue: IssueRecord) -> str:
    page = f" · 第{issue.user_page}版" if issue.user_page is not None else ""
    line = source_line(issue.publication, issue.date, DateStyle.CHINESE, number=issue.number)
    return line + page


def add_issue(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Register `correct issue` on `correct`'s actions."""
    parser = actions.add_parser(
        "issue",
        help="给期次设定报名、日期、期号和版次（或清除）",
        description="给期次设定报名、出版日期、期号（总第N期）和版次，覆盖文件里印的（或补上没印的）；"
        "重新导入后照样保留。只改给出的几项；--clear 清除设定的全部各项，回到文件里印的。"
        "KEY|FILE 是期次的键，或该期某个文件的文件名（info 列出未定日期的期次及其文件名）。",
    )
    parser.add_argument("issue", metavar="KEY|FILE", help="期次的键或文件名")
    parser.add_argument("--paper", metavar="名", help="报纸名称（档案中已有的或新的）")
    parser.add_argument("--date", type=day, metavar="YYYY-MM-DD", help=f"出版日期（{DAY_FORMS}）")
    parser.add_argument("--number", type=positive_number, metavar="N", help="期号（总第N期）")
    parser.add_argument(
        "--page", type=positive_number, metavar="N", help="版次（第N版；本期只在一个版面上时）"
    )
    parser.add_argument("--clear", action="store_true", help="清除设定的各项，回到文件里印的")
    parser.set_defaults(func=on_existing_archive(_issue, (IssueNotFound, IssueNameError)))
    return parser
