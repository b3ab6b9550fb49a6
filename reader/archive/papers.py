"""The papers the archive holds, and the user's renaming and merging of them (issue 24, defect 1).

A paper's name comes from the text (its masthead, running head, folio), and the text may give
a paper no name, a wrong one, or two spellings of one. The user renames a paper or merges one
into another; the names it had before go to `publication_names`, so a file that prints an old
name is filed under the paper's name now (reader.archive.sources.publication_id) and the parser
still recognises the old name in a page (`recognised_names`). Every view reads the paper's
name through the issue's row, so a rename shows everywhere at once.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from reader.archive.handle import Archive

_OLD_NAME = "INSERT OR REPLACE INTO publication_names(name, publication_id) VALUES (?, ?)"


class PaperError(LookupError):
    """A rename or merge that cannot be done (no such paper, the new name taken); `str()` is Chinese."""


@dataclass(frozen=True)
class Paper:
    """One paper: its name, how many issues are filed under it, and the names it had before."""

    name: str
    issues: int
    old_names: tuple[str, ...] = ()


def paper_name(conn: sqlite3.Connection, name: str) -> str:
    """The name a paper printed as `name` goes by now (itself unless renamed or merged)."""
    row = conn.execute(
        "SELECT p.name FROM publication_names n JOIN publications p ON p.id = n.publication_id"
        " WHERE n.name = ?",
        (name,),
    ).fetchone()
    return name if row is None else str(row[0])


def recognised_names(archive: Archive, leave_out: str) -> frozenset[str]:
    """Every name the parser should recognise in a page: the papers' names and their old names
    (a file printing an old name is still that paper's). `leave_out`: the demo's paper."""
    rows = archive.conn.execute("SELECT name FROM publications UNION SELECT name FROM publication_names")
    return frozenset(name for (name,) in rows if name != leave_out)


def list_papers(archive: Archive) -> list[Paper]:
    """Every paper with its issue count and old names, by name."""
    conn = archive.conn
    papers = []
    for paper_id, name in conn.execute("SELECT id, name FROM publications ORDER BY name").fetchall():
        issues = conn.execute("SELECT count(*) FROM issues WHERE publication_id = ?", (paper_id,)).fetchone()

        old = conn.execute(
            "SELECT name FROM publication_names WHERE publication_id = ? ORDER BY name", (paper_id,)
        )
        papers.append(Paper(name, int(issues[0]), tuple(row[0] for row in old)))
    return papers


def _paper_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM publications WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise PaperError(f"档案中没有名为“{name}”的报纸（papers list 列出档案中的报纸）")
    return int(row[0])


def _new_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise PaperError("报纸名称不能为空")
    return name


def rename_paper(archive: Archive, old: str, new: str) -> None:
    """Call the paper `old` by `new` from now on, everywhere; files printing `old` stay its.

    PaperError when there is no paper `old` or a paper `new` exists already (that is a merge)."""
    new = _new_name(new)
    with archive.transaction() as conn:
        paper_id = _paper_id(conn, old)
        if new == old:
            return
        if conn.execute("SELECT 1 FROM publications WHERE name = ?", (new,)).fetchone() is not None:
            raise PaperError(f"已有名为“{new}”的报纸；要把“{old}”并入它，请用 papers merge")
        conn.execute("UPDATE publications SET name = ? WHERE id = ?", (new, paper_id))
        conn.execute("DELETE FROM publication_names WHERE name = ?", (new,))
        conn.execute(_OLD_NAME, (old, paper_id))


def merge_papers(archive: Archive, source: str, target: str) -> int:
    """File every issue of paper `source` under paper `target` (two spellings of one paper);
    `source` becomes one of `target`'s old names. Returns how many issues moved."""
    with archive.transaction() as conn:
        from_id, to_id = _paper_id(conn, source), _paper_id(conn, target)
        if from_id == to_id:
            raise PaperError(f"“{source}”和“{target}”是同一份报纸")
        moved = conn.execute(
            "UPDATE issues SET publication_id = ? WHERE publication_id = ?", (to_id, from_id)
        ).rowcount
        for table, column in (("issues", "user_publication_id"), ("publication_names", "publication_id")):
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (to_id, from_id))
        conn.execute("DELETE FROM publications WHERE id = ?", (from_id,))
        conn.execute(_OLD_NAME, (source, to_id))
    return int(moved)
