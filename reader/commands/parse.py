"""`parse FILE`: show what the parser makes of one dump, as JSON (for checking the parser).

`parse --explain FILE` shows instead why: every line with the role it was given and the rule that
decided it, the listing a clerk attaches to a report of a wrong split.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.text.errors import SourceError


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `parse` command."""
    parser = subparsers.add_parser(
        "parse",
        dash_word="文件名",
        help="解析一个文本文件并以 JSON 输出结果（不写入档案）",
        description="解析一期报纸的文本文件，把识别出的报头、版面和文章以 JSON 打印到标准输出。",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="要解析的文本文件")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="不输出 JSON，而是逐行列出每一行被判定的角色（标题、正文、接续、署名……）和作出判定的规则",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="FILE",
        help="档案数据库文件：按档案里已有的报纸名称识别报头、页眉、页脚和文件名（不写入档案；不给则不读档案）",
    )
    parser.set_defaults(func=run)


def _papers(args: argparse.Namespace) -> frozenset[str] | str:
    """The papers the `--db` archive holds, as import passes them to the parser (none without
    `--db`: parsing a file never needs an archive), or the message saying why they cannot be read."""
    if args.db is None:
        return frozenset()
    from reader.archive.db import open_archive
    from reader.archive.errors import ArchiveError
    from reader.archive.importer import known_papers
    from reader.commands._common import db_path

    path = db_path(args)
    if not path.exists():
        return f"档案不存在：{path}"
    try:
        with open_archive(path, readonly=True) as archive:
            return known_papers(archive)
    except ArchiveError as err:
        return str(err)


def run(args: argparse.Namespace) -> int:
    """Print the ParsedIssue as UTF-8 JSON (or, with --explain, the role of every line);
    a bad file is reported on stderr with status 1, a note on a file read (a last character
    cut) on stderr too."""
    # Here, not at the top: cli imports every command module, and no other command needs the parser.
    from reader.text.explain import format_roles
    from reader.text.load import explain_issue, read_issue

    papers = _papers(args)
    if isinstance(papers, str):
        print(papers, file=sys.stderr)
        return 1
    try:
        if args.explain:
            parsed, roles = explain_issue(args.file, papers)
        else:
            parsed, roles = read_issue(args.file, papers=papers), []
    except SourceError as err:
        print(err, file=sys.stderr)
        return 1
    for note in parsed.notes:
        print(f"注意：{parsed.source}：{note}", file=sys.stderr)
    if args.explain:
        sys.stdout.write(format_roles(roles) + "\n")
        return 0
    # One write: json.dump writes each of its pieces apart, each through the terminal's escaping.
    sys.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=1) + "\n")
    return 0
