"""`papers list | rename OLD NEW | merge FROM INTO`: the papers the archive holds, renamed or
merged by the user (issue 24, defect 1); a thin shell over reader.archive.papers.

A rename shows everywhere at once (every view reads the paper's name through its issues), and
files that print the old name are still filed under the paper and recognised by the parser.
"""

from __future__ import annotations

import argparse

from reader.archive.handle import Archive
from reader.archive.papers import PaperError, list_papers, merge_papers, rename_paper
from reader.commands._common import add_db_option, on_existing_archive, print_usage


def _list(archive: Archive, _args: argparse.Namespace) -> int:
    papers = list_papers(archive)
    if not papers:
        print("档案中还没有报纸")
        return 0
    print(f"共 {len(papers)} 份报纸")
    for paper in papers:
        old = f"（曾用名：{'、'.join(paper.old_names)}）" if paper.old_names else ""
        print(f"  {paper.name}：{paper.issues} 期{old}")
    return 0


def _rename(archive: Archive, args: argparse.Namespace) -> int:
    rename_paper(archive, args.old, args.new)
    print(f"已把报纸“{args.old}”改名为“{' '.join(args.new.split())}”；印着旧名的文件仍归入这份报纸")
    return 0


def _merge(archive: Archive, args: argparse.Namespace) -> int:
    moved = merge_papers(archive, args.source, args.target)
    source, target = args.source, args.target
    print(f"已把“{source}”的 {moved} 期并入“{target}”；印着“{source}”的文件今后也归入“{target}”")
    return 0


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `papers` and its actions."""
    parser = subparsers.add_parser(
        "papers",
        help="列出、改名或合并档案中的报纸",
        description="列出档案中的报纸及各有几期；给报纸改名，或把同一份报纸的两种写法合并为一份。"
        "改名和合并后，印着旧名的文件仍归入这份报纸。",
    )
    actions = parser.add_subparsers(dest="action", metavar="操作", title="操作")
    listing = actions.add_parser("list", help="列出报纸", description="列出档案中的报纸、各有几期及曾用名。")
    listing.set_defaults(func=on_existing_archive(_list, (PaperError,), readonly=True))
    rename = actions.add_parser(
        "rename", help="给报纸改名", description="把报纸 OLD 改名为 NEW，各处随之改变。"
    )
    rename.add_argument("old", metavar="OLD", help="现在的名称")
    rename.add_argument("new", metavar="NEW", help="新的名称")
    rename.set_defaults(func=on_existing_archive(_rename, (PaperError,)))
    merge = actions.add_parser(
        "merge", help="合并两份报纸", description="把报纸 FROM 的各期归入报纸 INTO（同一份报纸的两种写法）。"
    )
    merge.add_argument("source", metavar="FROM", help="并入别的报纸的那一份")
    merge.add_argument("target", metavar="INTO", help="保留的那一份")
    merge.set_defaults(func=on_existing_archive(_merge, (PaperError,)))
    for sub in (listing, rename, merge):
        add_db_option(sub)
    parser.set_defaults(func=lambda args: print_usage(parser))
