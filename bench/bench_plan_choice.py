"""Date-ordered pages: walking issues by date against joining every match, per match fraction.

    python bench/bench_plan_choice.py --db /tmp/bench/archive.sqlite3 [--runs 5] [--want 20]

For queries spanning match fractions from ~0.1 % to ~60 % of the archive it times, warm, both
strategies of `Plan.dated_page` forced (the walk over issues and the date join), newest and
oldest first, checks that both return the same page, and prints which one `cost.walk_pays`
chooses and which one was faster. The figures in cost.py's docstring come from this script.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)

from reader.archive.db import open_archive
from reader.archive.search_plan import cost
from reader.archive.search_plan.plan import Plan
from reader.archive.search_plan.scope import Filters
from reader.text.query import Query, parse_query

# Words of bench/make_archive.py archives with known shares of a 100k archive (non-topical):
# 晨 0.25 %, 摄 0.6 %, 美丽 1.1 %, 连心桥 1.2 %, 排忧解难 2 %, 商贸城 2.6 %, 东昌 3.6 %,
# APP and 神经末梢 5 %, 常务会议 7.5 %, 志愿服务 10 %, 老年人 14 %, 文明城市 30 %, 网格 55 %.
QUERIES = (
    "启航 美丽",
    "晨",
    "摄",
    "启航",
    "美丽",
    "连心桥",
    "排忧解难",
    "同心圆",
    "商贸城",
    "东昌",
    "APP",
    "神经末梢",
    "丰富多彩",
    "常务会议",
    "志愿服务",
    "老年人",
    "新时代",
    "文明城市",
    "网格",
    "创新",
)


def best_ms(run: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median wall time of `runs` warm runs (one untimed run first), and the last result."""
    result = run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def row(plan: Plan, text: str, newest: bool, total: int, want: int, runs: int) -> str:
    """One line of the table: both strategies timed, their pages compared, the choice."""
    articles = plan.article_count
    walk_ms, walked = best_ms(lambda: plan.walk_by_date(plan._accept_chars, newest, want, 0, total), runs)
    join_ms, joined = best_ms(lambda: [i for i, _ in plan.joined_by_date(newest, want, 0)], runs)
    assert walked is None or walked == joined, text
    faster = "walk" if walked is not None and walk_ms < join_ms else "join"
    chosen = "walk" if cost.walk_pays(articles, total, want) else "join"
    walk = f"{walk_ms:8.2f}" if walked is not None else f"{'gave up':>8}"
    order = "newest" if newest else "oldest"
    share = f"{100 * total / articles:6.2f}%"
    return f"{text:<10} {order:<6} {total:>7} {share} {walk} {join_ms:8.2f} {faster:>6} {chosen:>6}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--want", type=int, default=20, help="the page's rows (first page)")
    args = parser.parse_args()
    with open_archive(args.db) as archive:
        articles = cost.article_count(archive.conn)
        print(f"{articles} articles, first page of {args.want}, median of {args.runs} warm runs")
        header = ("query", "order", "matches", "share", "walk ms", "join ms", "faster", "chosen")
        print("{:<10} {:<6} {:>7} {:>7} {:>8} {:>8} {:>6} {:>6}".format(*header))
        for text in QUERIES:
            query = parse_query(text)
            assert isinstance(query, Query)
            plan = Plan(archive.conn, query, Filters.build(None, None, None), archive.tokenizer)
            total = plan.count_all()
            for newest in (True, False):
                print(row(plan, text, newest, total, args.want, args.runs))


if __name__ == "__main__":
    main()
