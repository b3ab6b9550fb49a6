"""Time the keyword timeline (hits per month) on a large archive — a benchmark, not a test.

For each word: its share of the archive's articles, the search's own count of them, and the
timeline by month (reader.archive.timeline), first run and the median of warm runs, in ms.
The issue asks for a word in about half the articles; the table shows which word that is.

    python bench/make_archive.py --articles 300000 --db /tmp/a300k.sqlite3 --topical
    python bench/bench_timeline.py --db /tmp/a300k.sqlite3 [--runs 5] [--words 网格 区 …]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)

from reader.archive.db import open_archive
from reader.archive.search import search
from reader.archive.timeline import timeline

WORDS = ("的", "区", "网格", "工作", "发展", "新时代", "志愿服务", "幸福食堂")


def _ms(fn: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description="关键词时间分布（按月统计）的耗时")
    parser.add_argument("--db", type=Path, required=True, help="档案数据库文件")
    parser.add_argument("--runs", type=int, default=5, help="热运行次数（取中位数）")
    parser.add_argument("--words", nargs="+", default=list(WORDS), help="要测的检索词")
    args = parser.parse_args()
    with open_archive(args.db, readonly=True) as archive:
        articles = archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"{args.db}：{articles} 篇文章")
        print(
            f"{'词':<8}{'占比':>8}{'命中':>9}{'检索计数ms':>12}{'时间分布首次ms':>16}{'热中位ms':>10}{'期数':>6}"
        )
        for word in args.words:
            count_ms, found = _ms(lambda w=word: search(archive, w, limit=0).total)
            first_ms, result = _ms(lambda w=word: timeline(archive, w, by="month"))
            warm = [_ms(lambda w=word: timeline(archive, w, by="month"))[0] for _ in range(args.runs)]
            total = result.total  # type: ignore[attr-defined]
            assert total == found, (word, total, found)
            periods = len(result.periods)  # type: ignore[attr-defined]
            share = 100 * total / articles if articles else 0
            print(
                f"{word:<8}{share:>7.1f}%{total:>9}{count_ms:>12.1f}{first_ms:>16.1f}"
                f"{statistics.median(warm):>10.1f}{periods:>6}"
            )


if __name__ == "__main__":
    main()
