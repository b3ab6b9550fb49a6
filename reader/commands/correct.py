"""`correct`: staff corrections of an imported issue, kept through every re-import.

    correct retitle KEY [标题] [--kicker …] [--subtitle …] [--byline …]
    correct split KEY PARAGRAPH [--headline …]
    correct merge KEY NEXT_KEY
    correct caption KEY
    correct edit KEY PARAGRAPH TEXT
    correct original KEY
    correct list [--json] [--all]
    correct undo [ID]
    correct date KEY|FILE YYYY-MM-DD|--clear
    correct issue KEY|FILE [--paper 名] [--date …] [--number N] [--page N] | --clear

KEY is an article's key as `search` prints it. A thin shell over reader.archive.corrections:
a correction that cannot be made (unknown key, no such paragraph, not the next article) is one
Chinese line naming what is wrong and status 1. `date` gives an issue its date (one the paper
left undated, or over a wrong printed one), changes or clears it (the issue by its key or one of
its files' names); `issue` also its paper, number and page (reader.commands._correct_issue); like
the corrections they stay through every re-import.
"""

from __future__ import annotations

import argparse
import json
from functools import partial
from typing import Any

from reader.archive import corrections, queries
from reader.archive.corrections import Correction, CorrectionError
from reader.archive.formatting import chinese_date
from reader.archive.handle import Archive
from reader.archive.issue_dates import IssueNotFound, find_issue
from reader.commands._common import add_db_option, on_existing_archive, positive_number, print_usage
from reader.commands._correct_issue import add_issue, day, printed_note
from reader.text.dates import DAY_FORMS

STATUS_LABELS = {"applied": "已应用", "failed": "未能应用"}


_paragraph = partial(positive_number, what="段号")  # paragraphs are counted from 1


def _correction_id(text: str) -> int:
    try:
        return int(text.lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"校订编号须是整数（如 3 或 #3），收到的是：{text}") from None


def _add_date(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    date = actions.add_parser(
        "date",
        help="给期次设定、更改或清除日期",
        description="给报头没有日期的期次设定出版日期（或更正报头印错的日期），或更改、清除以前设定的日期；"
        "重新导入后照样保留。"
        "KEY|FILE 是期次的键，或该期某个文件的文件名（info 列出未定日期的期次及其文件名）。",
    )
    date.add_argument("issue", metavar="KEY|FILE", help="期次的键或文件名")
    which = date.add_mutually_exclusive_group(required=True)
    which.add_argument("date", nargs="?", type=day, metavar="YYYY-MM-DD", help=f"出版日期（{DAY_FORMS}）")
    which.add_argument("--clear", action="store_true", help="清除设定的日期（该期回到“未定日期”）")
    date.set_defaults(func=on_existing_archive(_date, (IssueNotFound,)))
    return date


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `correct` and its actions."""
    parser = subparsers.add_parser(
        "correct",
        help="校订文章：改标题、拆分、合并、设为图片说明、修改正文；列出或撤销校订",
        description="校订导入的文章。校订单独保存，重新导入该期时自动再次应用；不再适用的校订保留并列在"
        "“未能应用的校订”之下。KEY 是文章的键（search 的输出中括号里的那一串）。",
    )
    actions = parser.add_subparsers(dest="action", metavar="操作", title="操作")

    retitle = actions.add_parser(
        "retitle", help="修改标题（及引题、副题、署名）", description="修改文章的标题、引题、副题或署名。"
    )
    retitle.add_argument("key", metavar="KEY", help="文章的键")
    retitle.add_argument("headline", nargs="?", metavar="标题", help="新的标题")
    retitle.add_argument("--kicker", metavar="TEXT", help="新的引题")
    retitle.add_argument("--subtitle", metavar="TEXT", help="新的副题")
    retitle.add_argument("--byline", metavar="TEXT", help="新的署名")
    retitle.set_defaults(func=on_existing_archive(_retitle, (CorrectionError,)))

    split = actions.add_parser(
        "split",
        help="从某段拆分文章",
        description="在第 PARAGRAPH 段之前把文章拆成两篇（段号从 1 数起，至少为 2）；新文章以该段为标题，"
        "或用 --headline 给出标题（该段则留在正文）。",
    )
    split.add_argument("key", metavar="KEY", help="文章的键")
    split.add_argument("paragraph", type=_paragraph, metavar="PARAGRAPH", help="从这一段起拆出新文章")
    split.add_argument("--headline", default="", metavar="TEXT", help="新文章的标题")
    split.set_defaults(func=on_existing_archive(_split, (CorrectionError,)))

    merge = actions.add_parser(
        "merge", help="与下一篇合并", description="把文章与紧接其后的一篇合并；合并后的文章沿用前一篇的键。"
    )
    merge.add_argument("key", metavar="KEY", help="前一篇文章的键")
    merge.add_argument("next_key", metavar="NEXT_KEY", help="紧接其后的一篇的键")
    merge.set_defaults(func=on_existing_archive(_merge, (CorrectionError,)))

    caption = actions.add_parser("caption", help="设为图片说明", description="把文章标为图片说明。")
    caption.add_argument("key", metavar="KEY", help="文章的键")
    caption.set_defaults(func=on_existing_archive(_caption, (CorrectionError,)))

    edit = actions.add_parser(
        "edit",
        help="修改正文的一段（改正错字）",
        description="把第 PARAGRAPH 段（从 1 数起）改为 TEXT，例如改正识别或录入的错字；"
        "检索随之找到改正后的字词。原文保留（correct original KEY 查看）。",
    )
    edit.add_argument("key", metavar="KEY", help="文章的键")
    edit.add_argument("paragraph", type=_paragraph, metavar="PARAGRAPH", help="要修改的段（从 1 数起）")
    edit.add_argument("text", metavar="TEXT", help="这一段改正后的全文")
    edit.set_defaults(func=on_existing_archive(_edit, (CorrectionError,)))

    original = actions.add_parser(
        "original", help="查看导入时的原文", description="显示文章被校订改动之前、导入时的正文。"
    )
    original.add_argument("key", metavar="KEY", help="文章的键")
    original.set_defaults(func=on_existing_archive(_original, (CorrectionError,), readonly=True))

    listing = actions.add_parser(
        "list", help="列出校订（含未能应用的）", description="列出档案中的校订，未能应用的另列并说明原因。"
    )
    listing.add_argument("--json", action="store_true", help="以 JSON 输出（供档案员审阅）")
    listing.add_argument("--all", action="store_true", help="也列出已撤销的校订")
    listing.set_defaults(func=on_existing_archive(_list, (CorrectionError,), readonly=True))

    undo = actions.add_parser(
        "undo",
        help="撤销最近的一次校订（或指定编号的一条）",
        description="撤销最近的一次仍有效的校订；给出编号（correct list 中的 #N）时撤销那一条，"
        "例如不再需要的未能应用的校订。撤销的校订仍保留记录（list --all）。",
    )
    undo.add_argument("id", nargs="?", type=_correction_id, metavar="ID", help="校订的编号")
    undo.set_defaults(func=on_existing_archive(_undo, (CorrectionError,)))

    date = _add_date(actions)
    issue = add_issue(actions)
    for sub in (retitle, split, merge, caption, edit, original, listing, undo, date, issue):
        add_db_option(sub)
    parser.set_defaults(func=lambda args: print_usage(parser))


def _done(correction: Correction, verb: str = "已校订") -> int:
    print(f"{verb}（#{correction.id}）：{correction.describe()}")
    return 0


def _retitle(archive: Archive, args: argparse.Namespace) -> int:
    fields = {
        name: value
        for name, value in (
            ("headline", args.headline),
            ("kicker", args.kicker),
            ("subtitle", args.subtitle),
            ("byline", args.byline),
        )
        if value is not None
    }
    return _done(corrections.retitle(archive, args.key, **fields))


def _split(archive: Archive, args: argparse.Namespace) -> int:
    return _done(corrections.split(archive, args.key, args.paragraph, args.headline))


def _merge(archive: Archive, args: argparse.Namespace) -> int:
    return _done(corrections.merge(archive, args.key, args.next_key))


def _caption(archive: Archive, args: argparse.Namespace) -> int:
    return _done(corrections.caption(archive, args.key))


def _edit(archive: Archive, args: argparse.Namespace) -> int:
    return _done(corrections.edit_text(archive, args.key, args.paragraph, args.text))


def _original(archive: Archive, args: argparse.Namespace) -> int:
    text = corrections.original_text(archive, args.key)
    if text is None:
        print(f"文章 {args.key} 的正文没有被校订改动过（或不在档案中）")
        return 0
    print(text)
    return 0


def _undo(archive: Archive, args: argparse.Namespace) -> int:
    return _done(corrections.undo(archive, args.id), "已撤销")


def _date(archive: Archive, args: argparse.Namespace) -> int:
    issue = find_issue(archive, args.issue)
    name = issue.source_name or issue.key
    if args.clear:
        if not issue.user_date:
            print(f"{name}（{issue.key}）没有设定过日期，未作改动")
            return 0
        queries.set_issue_date(archive, issue.id, None)
        print(f"已清除 {name}（{issue.key}）设定的日期 {issue.user_date}")
        return 0
    queries.set_issue_date(archive, issue.id, args.date)
    note = printed_note(archive, issue.id, args.date)
    print(f"已设定 {name}（{issue.key}）的出版日期：{chinese_date(args.date)}{note}")
    return 0


def format_list(items: list[Correction]) -> list[str]:
    """The lines `correct list` prints: the corrections in effect, then 未能应用的校订 with reasons."""
    applied = [c for c in items if c.undone_at is None and c.status == "applied"]
    failed = [c for c in items if c.undone_at is None and c.status != "applied"]
    undone = [c for c in items if c.undone_at is not None]
    lines = [f"共 {len(applied) + len(failed)} 条校订"]
    for c in applied:
        lines.append(f"  #{c.id} [{c.issue_key}] {c.describe()}  ({c.article_key})")
    if failed:
        lines.append(f"未能应用的校订（{len(failed)}）：")
        for c in failed:
            lines.append(f"  #{c.id} [{c.issue_key}] {c.describe()}  ({c.article_key})")
            lines.append(f"      原因：{c.reason}")
    if undone:
        lines.append(f"已撤销（{len(undone)}）：")
        lines.extend(f"  #{c.id} [{c.issue_key}] {c.describe()}" for c in undone)
    return lines


def _list(archive: Archive, args: argparse.Namespace) -> int:
    items = corrections.list_corrections(archive, include_undone=args.all)
    if args.json:
        payload: dict[str, Any] = {
            "corrections": [c.to_dict() for c in items],
            "failed": [c.id for c in items if c.undone_at is None and c.status != "applied"],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print("\n".join(format_list(items)))
    return 0
