"""Import benchmark (not a test): generate N synthetic issues, import them into a fresh archive.

Prints throughput (files/s, chars/s, articles/s), the total time and how big the database is
compared with the text it holds (text size = UTF-8 bytes of the source files).

    python bench/bench_import.py --issues 2000 [--seed 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)
from generate import generate  # bench/ is sys.path[0] when run as a script

from reader.archive.db import open_archive
from reader.archive.importer import import_paths
from reader.text.folders import find_sources
from reader.text.load import read_issue


def database_bytes(path: Path) -> int:
    """The archive's size on disk, WAL and shared-memory files included."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def run(issues: int, seed: int, workdir: Path) -> None:
    source = workdir / "issues"
    db_path = workdir / "archive.sqlite3"
    started = time.perf_counter()
    text_bytes = generate(source, issues, seed)
    generated = time.perf_counter() - started
    chars = sum(len(p.read_text(encoding="utf-8")) for p in source.iterdir())

    started = time.perf_counter()
    articles = sum(len(read_issue(p).articles) for p in find_sources([source]).files)
    parsing = time.perf_counter() - started

    started = time.perf_counter()
    with open_archive(db_path) as archive:
        report = import_paths(archive, [source])
    seconds = time.perf_counter() - started
    if report.failed:
        print(f"失败 {len(report.failed)} 个文件，例如：{report.failed[0][1]}")

    size = database_bytes(db_path)
    files = len(report.imported)
    print(f"generated   {issues} issues, {text_bytes / 1e6:.1f} MB UTF-8 in {generated:.1f} s")
    print(f"imported    {files} files, {report.articles} articles, {chars} chars")
    print(
        f"total       {seconds:.2f} s (parsing alone, measured apart: {parsing:.2f} s, {articles} articles)"
    )
    print(f"files/s     {files / seconds:,.0f}")
    print(f"chars/s     {chars / seconds:,.0f}")
    print(f"articles/s  {report.articles / seconds:,.0f}")
    ratio = size / text_bytes
    print(f"db size     {size / 1e6:.1f} MB = {ratio:.2f} × text size ({text_bytes / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description="导入基准测试：生成合成期次并导入新档案")
    parser.add_argument("--issues", type=int, default=2000, help="期数（默认 2000）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子")
    parser.add_argument("--keep", type=Path, default=None, help="在此文件夹中保留生成的文件和档案")
    args = parser.parse_args()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.issues, args.seed, args.keep)
        return
    with tempfile.TemporaryDirectory(prefix="bench_import_") as tmp:
        run(args.issues, args.seed, Path(tmp))


if __name__ == "__main__":
    main()
