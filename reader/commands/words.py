"""`words`: the archive's own dictionary of names and places (专有名词词典).

    words add WORD...      keep these words whole when cutting (ranking: whole-word hits)
    words remove WORD...   take them out again (or stop keeping a shipped word whole)
    words list             what this archive adds and removes
    words import FILE      add every word of a list (one a line; jieba's format also read)

A thin shell over reader.archive.dictionary; the articles containing a changed word are indexed
again in the same step, and the count is printed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from reader.archive import dictionary
from reader.archive.dictionary import DictionaryChange, DictionaryError
from reader.archive.handle import Archive
from reader.commands._common import ArchiveAction, add_db_option, on_existing_archive, print_usage


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `words` and its actions."""
    parser = subparsers.add_parser(
        "words",
        help="专有名词词典：添加、删除、列出、导入人名地名等词",
        description="档案自带的专有名词词典（人名、地名、单位名）。分词时这些词不再被切开，检索时整词命中排在前面；"
        "词典保存在档案文件里，随档案移动。改动后，含有这些词的文章会重新索引。",
    )
    actions = parser.add_subparsers(dest="action", metavar="操作", title="操作")
    add = actions.add_parser("add", help="添加词", description="把这些词加入档案的词典。")
    add.add_argument("words", nargs="+", metavar="WORD", help="要添加的词")
    add.set_defaults(
        func=on_existing_archive(
            lambda archive, args: _changed(dictionary.add_words(archive, args.words), "已添加"),
            (DictionaryError,),
        )
    )
    remove = actions.add_parser(
        "remove",
        help="删除词",
        description="从档案的词典中删除这些词；不是本档案添加的词则标为不再整词切分。",
    )
    remove.add_argument("words", nargs="+", metavar="WORD", help="要删除的词")
    remove.set_defaults(
        func=on_existing_archive(
            lambda archive, args: _changed(dictionary.remove_words(archive, args.words), "已删除"),
            (DictionaryError,),
        )
    )
    listing = actions.add_parser("list", help="列出档案的词", description="列出档案词典中添加和删除的词。")
    listing.set_defaults(func=_on_archive(_list, readonly=True))
    importing = actions.add_parser(
        "import",
        help="从词表文件导入",
        description="导入词表：每行一个词（UTF-8）；也可读 jieba 用户词典格式（词 词频 词性），"
        "# 开头的行是注释。",
    )
    importing.add_argument("file", type=Path, metavar="FILE", help="词表文件")
    importing.set_defaults(
        func=on_existing_archive(
            lambda archive, args: _changed(dictionary.import_words(archive, args.file), "已导入"),
            (DictionaryError,),
        )
    )
    for sub in (add, remove, listing, importing):
        add_db_option(sub)
    parser.set_defaults(func=lambda _args: print_usage(parser))


def _on_archive(action: ArchiveAction, *, readonly: bool = False) -> Callable[[argparse.Namespace], int]:
    return on_existing_archive(action, (DictionaryError,), readonly=readonly)


def _changed(change: DictionaryChange, verb: str) -> int:
    print(f"{verb} {len(change.words)} 个词：{'、'.join(change.words)}；重新索引了 {change.reindexed} 篇文章")
    return 0


def _list(archive: Archive, _args: argparse.Namespace) -> int:
    entries = dictionary.list_words(archive)
    added = [e.word for e in entries if e.state == "add"]
    removed = [e.word for e in entries if e.state == "remove"]
    print(f"档案添加的词（{len(added)}）：")
    print("\n".join(f"  {w}" for w in added))
    if removed:
        print(f"不再整词切分的词（{len(removed)}）：")
        print("\n".join(f"  {w}" for w in removed))
    return 0
