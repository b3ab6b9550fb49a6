"""Where an archive's bytes go: size by table and index, against the article text (not a test).

Reads the archive read-only (never writes to it) and prints, from SQLite's `dbstat` table, each
table and index with its pages, the bytes of its rows (payload) and the slack (unused bytes in
its pages), grouped by what they serve: the article rows, each search table with its FTS5
shadow tables, the other tables. Ratios are to the UTF-8 size of the articles' text (headline,
kicker, subtitle, dateline, byline, body), which is what issue 26's "≤ 2.5× the text" means.

Bodies are read as text through reader_body (reader.archive.bodies), packed or not.

Choices it measures without changing the archive:
* `--page-sizes 8192 16384`: a copy of the archive at each page size (VACUUM INTO a temporary
  folder, which the original connection is allowed to do read-only), with the same breakdown;
* zlib on a sample of bodies (`--corpus DIR`: also on the bodies of real pages, whose text is
  less repetitive than the generated one): how much smaller at levels 1, 6 and 9 and with a
  preset dictionary (`zdict`, 32 KiB of the commonest strings of another sample), what packing
  costs per MB and what unpacking one body costs (a result page unpacks one per hit shown);
* `--candidates`: issue 26's choices, each built in a copy at 16 KiB pages and measured whole:
  the bodies packed as reader.archive.bodies stores them (with the CPU that packing took), the
  body in a table of its own, and what dropping `search_cuts` (recomputed instead of stored) or
  the headline tables (headline columns of the main tables instead) would save.

    python bench/bench_size.py --db /tmp/office-bench/archive.sqlite3 [--page-sizes 8192 16384]
        [--corpus /work/shared/corpus] [--candidates]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.archive.bodies import body_sql, register_body_function, stored_body

TEXT_FIELDS = ("headline", "kicker", "subtitle", "dateline", "byline", "body")
SAMPLE = 2000
ZDICT_BYTES = 32768  # zlib's window: a longer dictionary is never read
PAGE = 20  # hits on a result page, each unpacked for its snippet


def connect_readonly(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    register_body_function(conn)
    return conn


def text_bytes(conn: sqlite3.Connection) -> int:
    """UTF-8 bytes of every article's text fields."""
    parts = " + ".join(
        f"coalesce(length(CAST({body_sql() if f == 'body' else f} AS BLOB)), 0)" for f in TEXT_FIELDS
    )
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


def common_strings(bodies: list[bytes]) -> bytes:
    """A preset dictionary: the commonest 6- and 9-byte strings (2 and 3 characters of UTF-8
    Chinese) of these bodies, commonest last (zlib reaches the end of its window cheapest)."""
    counts: Counter[bytes] = Counter()
    for body in bodies:
        for n in (6, 9):
            counts.update(body[i : i + n] for i in range(0, len(body) - n, 3))
    picked, size = [], 0
    for text, _count in counts.most_common():
        if size + len(text) > ZDICT_BYTES:
            break
        picked.append(text)
        size += len(text)
    return b"".join(reversed(picked))


def _measure(
    title: str, bodies: list[bytes], pack: Callable[[bytes], bytes], unpack: Callable[[bytes], bytes]
) -> None:
    raw = sum(map(len, bodies))
    pack(bodies[0])  # warm up
    started = time.process_time()
    packed = [pack(b) for b in bodies]
    packing = time.process_time() - started
    started = time.process_time()
    for p in packed:
        unpack(p)
    each = (time.process_time() - started) / len(packed) * 1e6
    print(
        f"{title:<26}{sum(map(len, packed)) / raw:>8.3f}{raw / 1e6 / max(packing, 1e-9):>12.1f}"
        f"{each:>12.1f}{each * PAGE / 1000:>12.2f}"
    )


def compression(bodies: list[bytes], training: list[bytes], title: str) -> None:
    """zlib at three levels and with a preset dictionary: ratio, packing speed, unpacking cost."""
    print(f"\n== zlib on {len(bodies):,} bodies of {title} ({sum(map(len, bodies)) / 1e6:.2f} MB)")
    print(f"{'':<26}{'ratio':>8}{'pack MB/s':>12}{'unpack µs':>12}{'20 hits ms':>12}")
    for level in (1, 6, 9):
        _measure(f"level {level}", bodies, lambda b, n=level: zlib.compress(b, n), zlib.decompress)
    zdict = common_strings(training)

    def pack(body: bytes) -> bytes:
        packer = zlib.compressobj(6, zdict=zdict)
        return packer.compress(body) + packer.flush()

    def unpack(packed: bytes) -> bytes:
        unpacker = zlib.decompressobj(zdict=zdict)
        return unpacker.decompress(packed) + unpacker.flush()

    _measure(f"level 6 + zdict {len(zdict) // 1024} KiB", bodies, pack, unpack)


def sample_bodies(conn: sqlite3.Connection) -> tuple[list[bytes], list[bytes]]:
    """Two disjoint random samples of bodies (measured; the other trains a dictionary)."""
    rows = [
        str(r[0]).encode("utf-8")
        for r in conn.execute(
            f"SELECT {body_sql()} FROM articles WHERE body != '' ORDER BY random() LIMIT ?", (2 * SAMPLE,)
        )
    ]
    half = min(SAMPLE, len(rows) // 2)
    return rows[:half], rows[half:]


def corpus_bodies(folder: Path) -> list[bytes]:
    """The bodies of real pages (the parser's reading of every .txt in `folder`)."""
    from reader.text.load import read_issue

    return [
        a.body.encode("utf-8") for f in sorted(folder.glob("*.txt")) for a in read_issue(f).articles if a.body
    ]


def file_size(conn: sqlite3.Connection) -> int:
    return int(
        conn.execute("PRAGMA page_size").fetchone()[0] * conn.execute("PRAGMA page_count").fetchone()[0]
    )


def owner_sizes(conn: sqlite3.Connection) -> dict[str, int]:
    owners = owner_of(conn)
    totals: dict[str, int] = defaultdict(int)
    for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
        totals[owners.get(name, name)] += size
    return totals


def _pack_bodies(conn: sqlite3.Connection) -> None:
    conn.create_function("bench_pack", 1, lambda text: stored_body(str(text)), deterministic=True)
    conn.execute(f"UPDATE articles SET body = bench_pack({body_sql()}) WHERE typeof(body) = 'text'")


def _body_apart(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE bench_bodies (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute(f"INSERT INTO bench_bodies SELECT id, {body_sql()} FROM articles")
    conn.execute("UPDATE articles SET body = ''")


def candidates(conn: sqlite3.Connection, text: int) -> None:
    """Each candidate built in a copy at 16 KiB pages (VACUUM INTO, then changed and vacuumed)."""
    print("\n== candidates, each in a copy at 16 KiB pages")
    print(f"{'candidate':<52}{'MB':>9}{'× text':>8}{'CPU s':>8}")
    conn.execute("PRAGMA page_size = 16384")
    with tempfile.TemporaryDirectory(prefix="bench_size_") as tmp:
        base = Path(tmp) / "base.sqlite3"
        conn.execute("VACUUM INTO ?", (str(base),))
        with sqlite3.connect(base, isolation_level=None) as copy:  # every body plain, as before packing
            register_body_function(copy)
            copy.execute(f"UPDATE articles SET body = {body_sql()} WHERE typeof(body) = 'blob'")
            copy.execute("VACUUM")
            size, totals = file_size(copy), owner_sizes(copy)
        print(f"{'bodies plain (16 KiB pages)':<52}{size / 1e6:>9.1f}{size / text:>8.2f}")
        for title, change in (
            ("bodies packed (reader.archive.bodies, zlib 6)", _pack_bodies),
            ("body in a table of its own (plain)", _body_apart),
        ):
            path = Path(tmp) / "candidate.sqlite3"
            path.write_bytes(base.read_bytes())
            copy = sqlite3.connect(path, isolation_level=None)
            register_body_function(copy)
            started = time.process_time()
            copy.execute("BEGIN")
            change(copy)
            copy.execute("COMMIT")
            spent = time.process_time() - started
            copy.execute("VACUUM")
            after = file_size(copy)
            copy.close()
            path.unlink()
            print(f"{title:<52}{after / 1e6:>9.1f}{after / text:>8.2f}{spent:>8.1f}")
        for title, tables in (
            ("search_cuts recomputed, not stored (saves)", ("search_cuts",)),
            (
                "headline tables as columns (saves at most)",
                ("search_headline_chars", "search_headline_words"),
            ),
        ):
            saved = sum(totals.get(t, 0) for t in tables)
            print(f"{title:<52}{-saved / 1e6:>9.1f}{-saved / text:>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description="档案大小分解：按表与索引，与文章正文的 UTF-8 字节数相比")
    parser.add_argument("--db", type=Path, required=True, help="档案文件（只读打开）")
    parser.add_argument("--page-sizes", type=int, nargs="*", default=[], help="另以这些页大小复制一份再分解")
    parser.add_argument("--no-zlib", action="store_true", help="不测 zlib 压缩")
    parser.add_argument("--corpus", type=Path, help="另测这个文件夹里真实报纸文本（*.txt）的正文")
    parser.add_argument(
        "--candidates", action="store_true", help="在 16 KiB 页的副本里逐一构建各方案并测大小"
    )
    args = parser.parse_args()
    conn = connect_readonly(args.db)
    text = text_bytes(conn)
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    print(f"{args.db}: {articles:,} articles, {text / 1e6:.1f} MB of UTF-8 text")
    breakdown(conn, text, "as stored")
    if not args.no_zlib:
        measured, training = sample_bodies(conn)
        compression(measured, training, "this archive")
        if args.corpus:
            real = corpus_bodies(args.corpus)
            compression(real, training, f"the real pages in {args.corpus} (zdict of this archive)")
    if args.candidates:
        candidates(conn, text)
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
