"""Build a synthetic archive of (at least) N articles for the search benchmark.

Generates issues with bench/generate.py into a temporary folder and imports them with the real
importer, in batches of 1,000 issues, until the archive holds the requested number of articles (how many
articles an issue yields depends on the parser, so the count is measured, not assumed).

    python bench/make_archive.py --articles 100000 --db bench/out/archive.sqlite3 [--seed 1]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)
from generate import ARTICLES_PER_ISSUE, generate, load_material

from reader.archive.db import open_archive
from reader.archive.importer import import_paths

BATCH_ISSUES = 1000


def make_archive(db_path: Path, articles: int, seed: int = 1, topical: bool = False) -> int:
    """Import synthetic issues into `db_path` until it has `articles` articles; returns the count."""
    material = load_material(topical=topical)
    started = time.perf_counter()
    with open_archive(db_path) as archive:
        have = archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        start = archive.conn.execute("SELECT count(*) FROM issues").fetchone()[0]
        per_issue = float(ARTICLES_PER_ISSUE)
        while have < articles:
            issues = min(BATCH_ISSUES, max(1, math.ceil((articles - have) / per_issue)))
            with tempfile.TemporaryDirectory(prefix="make_archive_") as tmp:
                generate(Path(tmp), issues, seed, start=start, material=material)
                report = import_paths(archive, [Path(tmp)])
            start += issues
            have += report.articles
            if report.articles == 0:
                raise SystemExit(f"导入没有产生文章：{report.failed[:1]}")
            per_issue = report.articles / issues
            print(f"{start} 期，{have} 篇文章（{time.perf_counter() - started:.0f} s）", flush=True)
    return int(have)


def main() -> None:
    parser = argparse.ArgumentParser(description="生成并导入合成档案（供检索基准测试使用）")
    parser.add_argument("--articles", type=int, default=100_000, help="至少要有的文章数（默认 100000）")
    parser.add_argument("--db", type=Path, required=True, help="档案数据库文件（已有则继续追加）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子")
    parser.add_argument(
        "--topical", action="store_true", help="每篇文章只取语料中一篇文章的句子（见 generate.py）"
    )
    args = parser.parse_args()
    count = make_archive(args.db, args.articles, args.seed, args.topical)
    print(f"完成：{args.db} 共 {count} 篇文章")


if __name__ == "__main__":
    main()
