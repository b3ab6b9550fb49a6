"""Where an archive's bytes go: size by table and index, against the article text (not a test).

Reads the archive read-only (never writes to it) and prints, from SQLite's `dbstat` table, each
table and index with its pages, the bytes of its rows (payload) and the slack (unused bytes in
its pages), grouped by what they serve: the article rows, each search table with its FTS5
shadow tables, the other tables. Ratios are to the UTF-8 size of the articles' text (headline,
kicker, subtitle, dateline, byline, body), which is what issue 26's "≤ 2.5× the text" means.

Choices it measures without changing the archive:
* `--page-sizes 8192 16384`: a copy of the archive at each page size (VACUUM INTO a temporary
  folder, which the original connection is allowed to do read-only), with the same breakdown;
* zlib on a sample of bodies: how much smaller, and what decompressing one costs (a snippet or
  the reading pane would pay that for every article shown).

    python bench/bench_size.py --db /tmp/office-bench/archive.sqlite3 [--page-sizes 8192 16384]
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
import zlib
from collections import defaultdict
from pathlib import Path

TEXT_FIELDS = ("headline", "kicker", "subtitle", "dateline", "byline", "body")
SAMPLE = 2000


def connect_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def text_bytes(conn: sqlite3.Connection) -> int:
    """UTF-8 bytes of every article's text fields."""
    parts = " + ".join(f"coalesce(length(CAST({f} AS BLOB)), 0)" for f in TEXT_FIELDS)
    return int(conn.execute(f"SELECT sum({parts}) FROM articles").fetchone()[0] or 0)


def owner_of(conn: sqlite3.Connection) -> dict[str, str]:
    """Each b-tree's name → the table it serves (an index → its table; an FTS5 shadow table
    → its virtual table)."""
    owners: dict[str, str] = {}
    rows = conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    virtual = {name for kind, name, _t in rows if kind == "table"} & {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
    }
    for _kind, name, table in rows:
        owner = table
        for v in virtual:
            if name.startswith(v + "_"):
                owner = v
        owners[name] = owner
    owners["sqlite_schema"] = owners["sqlite_master"] = "(schema)"
    return owners


def breakdown(conn: sqlite3.Connection, text: int, title: str) -> None:
    """The dbstat breakdown: each b-tree, then each owner's total, in MB and × the text."""
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    file_bytes = page_size * page_count
    owners = owner_of(conn)
    rows = conn.execute(
        "SELECT name, count(*), sum(payload), sum(unused), sum(pgsize) FROM dbstat"
        " GROUP BY name ORDER BY 5 DESC"
    ).fetchall()
    print(f"\n== {title}: page size {page_size}, {file_bytes / 1e6:.1f} MB = {file_bytes / text:.2f} × text")
    print(f"{'b-tree':<36}{'pages':>9}{'MB':>9}{'× text':>8}{'payload MB':>12}{'slack MB':>10}")
    totals: dict[str, int] = defaultdict(int)
    for name, pages, payload, unused, size in rows:
        totals[owners.get(name, name)] += size
        if size / text >= 0.005:
            line = f"{name:<36}{pages:>9,}{size / 1e6:>9.1f}{size / text:>8.2f}"
            print(f"{line}{payload / 1e6:>12.1f}{unused / 1e6:>10.1f}")
    free = page_count - sum(r[1] for r in rows)
    print(f"{'(free pages)':<36}{free:>9,}{free * page_size / 1e6:>9.1f}{free * page_size / text:>8.2f}")
    print(f"{'by table':<36}{'':>9}{'MB':>9}{'× text':>8}")
    for owner, size in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"{owner:<36}{'':>9}{size / 1e6:>9.1f}{size / text:>8.2f}")


def compression(conn: sqlite3.Connection) -> None:
    """zlib on a sample of bodies: the ratio and the CPU cost of decompressing one."""
    bodies = [
        r[0].encode("utf-8")
        for r in conn.execute(
            "SELECT body FROM articles WHERE body IS NOT NULL ORDER BY random() LIMIT ?", (SAMPLE,)
        )
    ]
    raw = sum(map(len, bodies))
    for level in (1, 6, 9):
        packed = [zlib.compress(b, level) for b in bodies]
        started = time.process_time()
        for p in packed:
            zlib.decompress(p)
        each = (time.process_time() - started) / len(packed) * 1e6
        print(
            f"zlib level {level}: {sum(map(len, packed)) / raw:.2f} of the bodies' bytes,"
            f" {each:.0f} µs CPU to unpack one"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="档案大小分解：按表与索引，与文章正文的 UTF-8 字节数相比")
    parser.add_argument("--db", type=Path, required=True, help="档案文件（只读打开）")
    parser.add_argument("--page-sizes", type=int, nargs="*", default=[], help="另以这些页大小复制一份再分解")
    parser.add_argument("--no-zlib", action="store_true", help="不测 zlib 压缩")
    args = parser.parse_args()
    conn = connect_readonly(args.db)
    text = text_bytes(conn)
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    print(f"{args.db}: {articles:,} articles, {text / 1e6:.1f} MB of UTF-8 text")
    breakdown(conn, text, "as stored")
    if not args.no_zlib:
        compression(conn)
    for size in args.page_sizes:
        with tempfile.TemporaryDirectory(prefix="bench_size_") as tmp:
            copy = Path(tmp) / "copy.sqlite3"
            conn.execute(f"PRAGMA page_size = {int(size)}")
            started = time.process_time()
            conn.execute("VACUUM INTO ?", (str(copy),))
            print(f"\nVACUUM INTO at page size {size}: {time.process_time() - started:.1f} CPU s")
            with connect_readonly(copy) as copied:
                breakdown(copied, text, f"a copy at page size {size}")


if __name__ == "__main__":
    main()
