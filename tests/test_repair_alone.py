"""A repair runs alone (issue 21, item 4): while another program writes the archive, or has it
open at all, the repair says who and leaves the archive as it is."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cli_support import err_text, run_cli
from damage_support import filled_archive, garble, pages

from reader.archive.holder import announced


def damaged(tmp_path: Path) -> Path:
    path = filled_archive(tmp_path)
    garble(path, pages(path, "search_chars_data", "leaf")[0])
    return path


def left_alone(path: Path, before: bytes) -> None:
    assert before == path.read_bytes()
    names = [p.name for p in path.parent.iterdir()]
    assert not [n for n in names if n.startswith(".") or ".damaged-" in n], names


def test_a_repair_while_another_program_writes_is_refused_and_names_it(tmp_path: Path) -> None:
    path = damaged(tmp_path)
    before = path.read_bytes()
    writer = sqlite3.connect(path, isolation_level=None)
    with announced(path, "导入"):
        writer.execute("BEGIN IMMEDIATE")
        try:
            done = run_cli("repair", "--db", str(path))
        finally:
            writer.execute("ROLLBACK")
            writer.close()
    said = err_text(done)
    assert 1 == done.returncode
    assert str(path) in said and "锁定" in said and "正在导入" in said
    left_alone(path, before)


def test_a_repair_while_another_program_has_the_archive_open_leaves_it_where_it_is(tmp_path: Path) -> None:
    path = damaged(tmp_path)
    before = path.read_bytes()
    reader = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    try:
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0]
        done = run_cli("repair", "--db", str(path))
        assert 180 == reader.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        reader.close()
    said = err_text(done)
    assert 1 == done.returncode
    assert str(path) in said and "打开着它" in said
    left_alone(path, before)
