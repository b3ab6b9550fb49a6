"""Repair against damage (not a test): how many rows come back, per kind of damage and table.

Builds an archive of a few hundred articles (synthetic issues from bench/generate.py imported with
the real importer; every fifth article bookmarked, corrections of each kind, dictionary words), and
a second one whose last changes are still in its -wal (written by a process that ended without
closing, as a crash leaves it). Each kind of damage is applied to a copy, which is repaired with
reader.archive.repair.repair_archive. Printed per damage kind: whether SQLite's quick check saw
it, then per table rows that came back identical / rows in the original, the rows that lie on
pages the damage did not touch (the target: all of them back; ✓ when they are), and the rows the
repair says it lost against the rows really lost.

Which page each row lies on (its leaf and overflow pages) is read from the undamaged original
with reader.archive.salvage, checked first against what SQLite reads; which pages each damage
touched is known from how it was made (dbstat names the pages of each table).

    python bench/bench_repair.py [--issues 40] [--seed 1] [--workdir DIR]
    python bench/bench_repair.py --quick-check ARCHIVE   # how long the writers' damage check takes
"""

from __future__ import annotations

import argparse
import contextlib
import random
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)
from generate import generate  # bench/ is sys.path[0] when run as a script

from reader.archive import corrections, dictionary
from reader.archive.corrections import CorrectionError
from reader.archive.db import open_archive, side_files
from reader.archive.errors import ArchiveError
from reader.archive.health import damage_of, find_damage
from reader.archive.importer import import_paths
from reader.archive.repair import repair_archive
from reader.archive.salvage import BTreeReader, image_of
from reader.archive.salvage_rows import LABELS
from reader.archive.salvage_wal import WAL_FRAME_HEADER, WAL_HEADER

TABLES = tuple(LABELS)
SHORT = {
    "publications": "报名",
    "issues": "期次",
    "sources": "文件",
    "articles": "文章",
    "corrections": "校订",
    "correction_originals": "原文",
    "correction_made": "拆出",
    "article_aliases": "合并",
    "user_words": "词",
    "publication_names": "旧报名",
}
REPO = Path(__file__).resolve().parents[1]


# --- the originals ------------------------------------------------------------------------------


def build(folder: Path, issues: int, seed: int) -> Path:
    """The archive every damage starts from."""
    db = folder / "original.sqlite3"
    generate(folder / "issues", issues, seed)
    with open_archive(db) as archive:
        assert import_paths(archive, [folder / "issues"]).imported
        keys = [r[0] for r in archive.conn.execute("SELECT key FROM articles ORDER BY id")]
        edits: list[Callable[[str], object]] = [
            lambda k: corrections.retitle(archive, k, headline="校订后的标题"),
            lambda k: corrections.split(archive, k, 2),
            lambda k: corrections.merge_next(archive, k),
            lambda k: corrections.caption(archive, k),
        ]
        for n, key in enumerate(keys[3::41]):
            with contextlib.suppress(CorrectionError):  # an article too short to split, say
                edits[n % len(edits)](key)
        dictionary.add_words(archive, ["江明远", "幸福食堂", "柳园街道", "东昌府区"])
    return db


WAL_WRITER = """
import os, sys
from reader.archive import dictionary
from reader.archive.db import open_archive
archive = open_archive(sys.argv[1])
archive.conn.execute("PRAGMA wal_autocheckpoint = 0")
for n in range(40):
    dictionary.add_words(archive, [f"写在日志里的词{n}"])
os._exit(0)  # as a crash would: the -wal keeps the commits
"""


def build_with_wal(original: Path, folder: Path) -> Path:
    """A copy of the original whose latest commits are only in its -wal."""
    db = folder / "with-wal.sqlite3"
    shutil.copy(original, db)
    subprocess.run([sys.executable, "-c", WAL_WRITER, str(db)], cwd=REPO, check=True)
    assert side_files(db)[0].stat().st_size > 0
    return db


# --- what the original holds, and where ------------------------------------------------------


@dataclass
class Truth:
    """An undamaged archive's rows per table, the pages of each row, and the pages per table."""

    rows: dict[str, dict[int, tuple[object, ...]]]
    pages_of: dict[str, dict[int, set[int]]]
    dbstat: list[tuple[str, int, str]]  # (table, page, internal / leaf / overflow)
    page_size: int
    page_count: int


def _pristine_copy(db: Path, folder: Path) -> Path:
    copy = folder / f"pristine-{db.name}"
    for source, target in zip([db, *side_files(db)], [copy, *side_files(copy)], strict=True):
        if source.exists():
            shutil.copy(source, target)
    return copy


def truth_of(db: Path, folder: Path) -> Truth:
    conn = sqlite3.connect(_pristine_copy(db, folder), isolation_level=None)
    rows = {t: {r[0]: tuple(r[1:]) for r in conn.execute(f"SELECT rowid, * FROM {t}")} for t in TABLES}
    roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'table'").fetchall())
    stat = [(str(n), int(p), str(k)) for n, p, k in conn.execute("SELECT name, pageno, pagetype FROM dbstat")]
    image = image_of(conn.serialize())
    conn.close()
    reader = BTreeReader(image)
    pages_of: dict[str, dict[int, set[int]]] = {}
    for table in TABLES:
        found: dict[int, set[int]] = {}
        for number in reader.walk(roots[table]).leaves:
            leaf = reader.leaf(number)
            for rowid, _values in leaf.rows:
                found[rowid] = {number, *leaf.chains.get(rowid, ())}
        if set(found) != set(rows[table]):
            raise SystemExit(
                f"the page reader disagrees with SQLite on {table}: {len(found)} / {len(rows[table])}"
            )
        pages_of[table] = found
    return Truth(rows, pages_of, stat, image.page_size, image.page_count)


# --- kinds of damage: each changes the files and returns the pages it touched -----------------

Damage = Callable[[Path, Truth, random.Random], set[int]]


def _write(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as file:
        file.seek(offset)
        file.write(data)


def _pages(truth: Truth, table: str, kind: str) -> list[int]:
    return sorted(p for n, p, k in truth.dbstat if n == table and k == kind)


def _garble(path: Path, truth: Truth, rng: random.Random, page: int) -> set[int]:
    """Page `page` overwritten with random bytes, as a bad sector reads."""
    _write(path, (page - 1) * truth.page_size, rng.randbytes(truth.page_size))
    return {page}


def truncated(share: float) -> Damage:
    def damage(path: Path, truth: Truth, _rng: random.Random) -> set[int]:
        size = int(path.stat().st_size * share) // 7 * 7  # mid-page
        with path.open("r+b") as file:
            file.truncate(size)
        first = size // truth.page_size + 1
        return set(range(first, truth.page_count + 1))

    return damage


def page_one(path: Path, truth: Truth, rng: random.Random) -> set[int]:
    return _garble(path, truth, rng, 1)


def schema_page(path: Path, truth: Truth, rng: random.Random) -> set[int]:
    """A leaf of the schema when page 1 has children, else page 1's b-tree (its header kept)."""
    leaves = [
        p for p in _pages(truth, "sqlite_schema", "leaf") + _pages(truth, "sqlite_master", "leaf") if p != 1
    ]
    if leaves:
        return _garble(path, truth, rng, leaves[len(leaves) // 2])
    _write(path, 100, rng.randbytes(truth.page_size - 100))
    return {1}


def table_page(table: str, kind: str) -> Damage:
    def damage(path: Path, truth: Truth, rng: random.Random) -> set[int]:
        pages = _pages(truth, table, kind) or _pages(truth, table, "leaf")
        return _garble(path, truth, rng, pages[len(pages) // 2])

    return damage


def appended(path: Path, _truth: Truth, rng: random.Random) -> set[int]:
    with path.open("ab") as file:
        file.write(rng.randbytes(64 * 1024 + 123))
    return set()


def zeroed(path: Path, truth: Truth, _rng: random.Random) -> set[int]:
    """32 KiB of zeros from the middle of a page at the middle of the file."""
    start = truth.page_count // 2 * truth.page_size + truth.page_size // 2
    _write(path, start, bytes(32 * 1024))
    return set(range(start // truth.page_size + 1, (start + 32 * 1024 - 1) // truth.page_size + 2))


def flipped(path: Path, truth: Truth, rng: random.Random) -> set[int]:
    """50 random bytes anywhere in the file changed."""
    size = path.stat().st_size
    touched = set()
    with path.open("r+b") as file:
        for _ in range(50):
            at = rng.randrange(size)
            file.seek(at)
            old = file.read(1)[0]
            file.seek(at)
            file.write(bytes([old ^ (1 << rng.randrange(8))]))
            touched.add(at // truth.page_size + 1)
    return touched


def wal_frame(path: Path, truth: Truth, rng: random.Random) -> set[int]:
    """A frame in the middle of the -wal garbled: SQLite stops reading the -wal there, so every
    page whose last version is in that frame or after it is back to an older version."""
    wal = side_files(path)[0]
    size = truth.page_size + WAL_FRAME_HEADER
    frames = (wal.stat().st_size - WAL_HEADER) // size
    bad = frames // 2
    data = wal.read_bytes()
    last: dict[int, int] = {}
    for n in range(frames):
        last[struct.unpack(">I", data[WAL_HEADER + n * size : WAL_HEADER + n * size + 4])[0]] = n
    _write(wal, WAL_HEADER + bad * size + WAL_FRAME_HEADER + 200, rng.randbytes(64))
    return {page for page, n in last.items() if n >= bad}


KINDS: list[tuple[str, Damage, bool]] = [  # name, damage, on the archive with a -wal
    ("截断于 2/3 处", truncated(2 / 3), False),
    ("截断于 1/3 处", truncated(1 / 3), False),
    ("截断：少最后 1 页半", truncated(0.985), False),
    ("第 1 页（文件头）全坏", page_one, False),
    ("档案结构页坏", schema_page, False),
    ("文章表的内部页坏", table_page("articles", "internal"), False),
    ("文章表的叶子页坏", table_page("articles", "leaf"), False),
    ("文章的溢出页坏", table_page("articles", "overflow"), False),
    ("专有名词页坏", table_page("user_words", "leaf"), False),
    ("期次页坏", table_page("issues", "leaf"), False),
    ("文件记录页坏", table_page("sources", "leaf"), False),
    ("校订页坏", table_page("corrections", "leaf"), False),
    ("检索索引页坏", table_page("search_chars_data", "leaf"), False),
    ("文件末尾多出垃圾", appended, False),
    ("中间 32 KB 清零", zeroed, False),
    ("随机翻转 50 个字节", flipped, False),
    ("-wal 中间一帧坏", wal_frame, True),
    ("有 -wal 时文章叶子页坏", table_page("articles", "leaf"), True),
    ("有 -wal 时第 1 页全坏", page_one, True),
]


# --- one case ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    seen: str
    cells: dict[
        str, tuple[int, int, int, int, int]
    ]  # table → (identical, changed, original, on sound pages, of those back)
    estimated: int
    lost: int
    seconds: float
    note: str = ""


def run_case(damage: Damage, original: Path, truth: Truth, folder: Path, seed: int) -> Outcome:
    case = folder / "archive.sqlite3"
    for source, target in zip([original, *side_files(original)], [case, *side_files(case)], strict=True):
        if source.exists():
            shutil.copy(source, target)
    touched = damage(case, truth, random.Random(seed))
    try:
        seen = "发现" if damage_of(case) else "未发现"
    except ArchiveError as err:
        seen = f"打不开（{err.kind}）"
    started = time.perf_counter()
    try:
        report = repair_archive(case)
    except ArchiveError as err:
        return Outcome(seen, {}, 0, 0, time.perf_counter() - started, str(err))
    seconds = time.perf_counter() - started
    conn = sqlite3.connect(case.resolve().as_uri() + "?mode=ro", uri=True)
    cells = {}
    lost = 0
    for table in TABLES:
        have = {r[0]: tuple(r[1:]) for r in conn.execute(f"SELECT rowid, * FROM {table}")}
        rows = truth.rows[table]
        same = {rowid for rowid, values in rows.items() if have.get(rowid) == values}
        back = set(rows) & set(have)
        sound = {rowid for rowid, pages in truth.pages_of[table].items() if not pages & touched}
        cells[table] = (len(same), len(back - same), len(rows), len(sound), len(back & sound))
        lost += len(rows) - len(back)
    conn.close()
    estimated = sum(report.lost.get(t, 0) for t in TABLES)
    return Outcome(seen, cells, estimated, lost, seconds)


def show(name: str, outcome: Outcome) -> None:
    if not outcome.cells:
        print(f"{name:<22} 检查{outcome.seen:<6} 修复未进行：{outcome.note}")
        return
    parts = [
        f"{SHORT[t]} {same}/{n}" + (f"+{changed}改" if changed else "")
        for t, (same, changed, n, _s, _k) in outcome.cells.items()
        if n
    ]
    sound = sum(c[3] for c in outcome.cells.values())
    kept = sum(c[4] for c in outcome.cells.values())
    mark = "✓" if kept == sound else "✗"
    print(
        f"{name:<22} 检查{outcome.seen:<4} 未损坏页上的行 {kept}/{sound} {mark}  "
        f"丢失：报告约 {outcome.estimated}，实际 {outcome.lost}  {outcome.seconds:.1f} s"
    )
    print(textwrap.indent("  ".join(parts), " " * 24))
    short = [f"{SHORT[t]} {k}/{s}" for t, (_a, _b, _n, s, k) in outcome.cells.items() if k != s]
    if short:
        print(" " * 24 + "未损坏页上未取回：" + "  ".join(short))


def run(issues: int, seed: int, workdir: Path) -> None:
    built = build(workdir / "build", issues, seed)
    with_wal = build_with_wal(built, workdir / "build")
    truths = {False: truth_of(built, workdir / "build"), True: truth_of(with_wal, workdir / "build")}
    for wal, truth in truths.items():
        total = {SHORT[t]: len(truth.rows[t]) for t in TABLES}
        label = "有 -wal 的档案" if wal else "档案"
        print(
            f"{label}：{truth.page_count} 页 × {truth.page_size} 字节；"
            + "、".join(f"{k} {v}" for k, v in total.items())
        )
    print("每种损坏：SQLite 的检查是否发现；取回的行（与原档案一字不差）/ 原有的行，按表，+N改：取回但有改动")
    print("（期次据文件记录重建、指向已丢失记录的链接被清除、-wal 坏帧之后的改动退回旧版本）；")
    print(
        "未损坏页上的行：原档案中所在页（叶子页及溢出页）未被损坏的行，修复后取回了多少（目标：全部，✓）。\n"
    )
    for n, (name, damage, wal) in enumerate(KINDS):
        folder = workdir / f"case-{n:02d}"
        folder.mkdir()
        show(name, run_case(damage, with_wal if wal else built, truths[wal], folder, seed + n))


def quick_check(path: Path) -> None:
    """How long the damage check every writer runs takes on `path` (open included)."""
    for _ in range(3):
        started = time.perf_counter()
        with open_archive(path, readonly=True) as archive:
            damage = find_damage(archive)
        size = path.stat().st_size / 1e6
        print(
            f"quick_check {path}（{size:.0f} MB）：{time.perf_counter() - started:.2f} s，{damage or '完好'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="修复的基准：各种损坏下取回多少行")
    parser.add_argument("--issues", type=int, default=40, help="合成档案的期数（每期约 10 篇）")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None, help="工作文件夹（默认临时文件夹，用后删除）")
    parser.add_argument(
        "--quick-check", type=Path, default=None, metavar="ARCHIVE", help="只测量损坏检查的耗时"
    )
    args = parser.parse_args()
    if args.quick_check is not None:
        quick_check(args.quick_check)
        return
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=False)
        run(args.issues, args.seed, args.workdir)
        return
    with tempfile.TemporaryDirectory(prefix="bench_repair_") as tmp:
        run(args.issues, args.seed, Path(tmp))


if __name__ == "__main__":
    main()
