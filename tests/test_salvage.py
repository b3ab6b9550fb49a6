"""The page reader (reader.archive.salvage) against real SQLite files: it reads what SQLite reads,
and where SQLite gives up it loses only what the damage touched."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from damage_support import filled_archive, garble, pages

from reader.archive.salvage import BTreeReader, image_of
from reader.archive.salvage_wal import WAL_FRAME_HEADER, WAL_HEADER, overlay_wal

REPO = Path(__file__).resolve().parents[1]


def roots(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'table'").fetchall())
    finally:
        conn.close()


def read_table(reader: BTreeReader, root: int) -> dict[int, tuple[object, ...]]:
    found = {}
    for number in reader.walk(root).leaves:
        found.update(reader.leaf(number).rows)
    return found


def test_the_page_reader_reads_every_table_of_a_sound_archive_as_sqlite_does(tmp_path: Path) -> None:
    path = filled_archive(tmp_path)
    reader = BTreeReader(image_of(path.read_bytes()))
    conn = sqlite3.connect(path)
    for table in ("issues", "sources", "articles", "search_cuts", "user_words"):
        expected = {r[0]: tuple(r[1:]) for r in conn.execute(f"SELECT rowid, * FROM {table}")}
        found = read_table(reader, roots(path)[table])
        alias = table in ("issues", "sources", "articles", "search_cuts")  # rowid column
        assert {k: ((k, *v[1:]) if alias else v) for k, v in found.items()} == expected, table
    conn.close()


def long_rows(path: Path, count: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    bodies = [(f"第{n}条。" + "长文" * 6000,) for n in range(count)]
    conn.executemany("INSERT INTO notes(body) VALUES (?)", bodies)
    conn.commit()
    conn.close()


def test_a_broken_overflow_chain_loses_its_row_and_no_other(tmp_path: Path) -> None:
    path = tmp_path / "long.sqlite3"
    long_rows(path, 6)
    overflow = pages(path, "notes", "overflow")
    garble(path, overflow[len(overflow) // 2])
    reader = BTreeReader(image_of(path.read_bytes()))
    leaves = [reader.leaf(n) for n in reader.walk(roots(path)["notes"]).leaves]
    assert 1 == sum(leaf.unread for leaf in leaves)
    bodies = [values[1] for leaf in leaves for _rowid, values in leaf.rows]
    assert 5 == len(bodies) and all(str(b).endswith("长文" * 6000) for b in bodies)


WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, word TEXT)")
for n in range(int(sys.argv[2])):
    conn.execute("INSERT INTO t(word) VALUES (?)", (f"第{n}次提交",))
os._exit(0)  # as a crash leaves it: the commits are only in the -wal
"""


def test_the_wal_counts_up_to_its_last_good_commit(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    subprocess.run([sys.executable, "-c", WRITER, str(path), "40"], check=True, cwd=REPO)
    wal = bytearray(Path(f"{path}-wal").read_bytes())
    image = overlay_wal(path.read_bytes(), bytes(wal))
    words = read_table(BTreeReader(image), 2)
    assert [f"第{n}次提交" for n in range(40)] == [v[1] for _k, v in sorted(words.items())]
    frame = WAL_FRAME_HEADER + image.page_size
    # Frames 0 and 1 create the table, frame 2 + n commits insert n: spoil the one of insert 28.
    wal[WAL_HEADER + 30 * frame + WAL_FRAME_HEADER + 9] ^= 0xFF
    image = overlay_wal(path.read_bytes(), bytes(wal))
    words = read_table(BTreeReader(image), 2)
    assert [f"第{n}次提交" for n in range(28)] == [v[1] for _k, v in sorted(words.items())]
