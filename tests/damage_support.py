"""A filled archive and the damage a disk does to it, page by page, for the repair tests.

Pages are found the way SQLite names them (the dbstat table: each page's table and whether it is
an interior, leaf or overflow page); damage is written with the archive closed, as a bad sector,
a cut-short copy or a stray write leaves it.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from issue_texts import many_issues

from reader.archive import bookmarks, dictionary
from reader.archive.db import open_archive
from reader.archive.importer import import_paths

CONTENT = ("issues", "sources", "articles", "user_words")  # bookmarks: in the personal file


def filled_archive(folder: Path, issues: int = 60) -> Path:
    """An archive of `issues` issues (three articles each), every fourth article bookmarked (in
    the personal file) and two dictionary words: its articles table has interior pages."""
    path = folder / "archive.sqlite3"
    with open_archive(path) as archive:
        assert import_paths(archive, many_issues(folder / "dump", issues)).ok
        keys = [r[0] for r in archive.conn.execute("SELECT key FROM articles ORDER BY id")]
        for key in keys[::4]:
            bookmarks.add(archive, key, note=f"批注{key[:4]}")
        dictionary.add_words(archive, ["幸福食堂", "口袋公园"])
    return path


def pages(path: Path, table: str, kind: str) -> list[int]:
    """The pages of `table` of one kind ("internal", "leaf", "overflow"), in file order."""
    conn = sqlite3.connect(path)
    try:
        return [
            int(r[0])
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno", (table, kind)
            )
        ]
    finally:
        conn.close()


def rows(path: Path, table: str) -> dict[int, tuple[object, ...]]:
    """Every row of `table` by rowid, as SQLite reads it (the archive must be sound)."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return {r[0]: tuple(r[1:]) for r in conn.execute(f"SELECT rowid, * FROM {table}")}
    finally:
        conn.close()


def cells(path: Path, page: int) -> int:
    """How many cells (rows, on a table leaf) the page holds."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT ncell FROM dbstat WHERE pageno = ?", (page,)).fetchone()[0])
    finally:
        conn.close()


def page_size(path: Path) -> int:
    """The file's page size, as its header says (new archives: 16 KiB; older ones: 4 KiB)."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def garble(path: Path, page: int, seed: int = 1) -> None:
    """Overwrite one page with random bytes, as a bad sector reads."""
    size = page_size(path)
    with path.open("r+b") as file:
        file.seek((page - 1) * size)
        file.write(random.Random(seed).randbytes(size))


def truncate(path: Path, share: float) -> None:
    """Cut the file short, in the middle of a page."""
    page = page_size(path)
    size = int(path.stat().st_size * share) // page * page + page // 3
    with path.open("r+b") as file:
        file.truncate(size)
