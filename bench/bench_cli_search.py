"""Wall and CPU time of `python -m reader search` per call (a benchmark, not a test).

Each call is a new process, so the figure is what a user waits for at the command line: nearly
all start-up (imports, opening the archive) plus one search. With `--compare TREE` the same
calls run from another checkout of the program too (e.g. `git archive main | tar -x -C TREE`),
interleaved call by call so both see the same machine, and the ratios are printed.

    python bench/bench_cli_search.py --db bench/out/archive.sqlite3 [--runs 9] [--compare /tmp/old]
        [--compare-db /tmp/old.sqlite3]

When the search index's format differs between the two (INDEX_VERSION), each must read an
archive built by its own version: --compare-db names the other tree's (by default both read --db).

CPU is the child's user + system time (getrusage), steadier than wall time on a shared machine.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = (
    ("区长", "--limit", "1"),  # ranked: cuts words, so reads the word list
    ("区长", "--sort", "newest", "--limit", "1"),  # by date: no words
    ("区", "--limit", "1"),  # one character: its word is itself
)


def one_call(tree: Path, db: Path, query: tuple[str, ...]) -> tuple[float, float]:
    """(wall, CPU) seconds of one `python -m reader search` run from `tree`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-m", "reader", "search", "--db", str(db), *query]
    subprocess.run(command, cwd=tree, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description="命令行检索每次调用的耗时（墙钟与 CPU）")
    parser.add_argument("--db", type=Path, required=True, help="档案数据库文件")
    parser.add_argument("--runs", type=int, default=9, help="每个检索的调用次数（取中位数）")
    parser.add_argument("--compare", type=Path, default=None, help="另一份程序代码（同场比较）")
    parser.add_argument("--compare-db", type=Path, default=None, help="另一份程序代码读的档案（默认同 --db）")
    args = parser.parse_args()
    trees = {"this": ROOT, **({"other": args.compare} if args.compare else {})}
    dbs = {"this": args.db, "other": args.compare_db or args.db}
    times: dict[tuple[str, tuple[str, ...]], list[tuple[float, float]]] = {}
    for _ in range(args.runs):
        for query in QUERIES:
            for name, tree in trees.items():
                times.setdefault((name, query), []).append(one_call(tree, dbs[name], query))
    archives = " / ".join(str(dbs[name]) for name in trees)
    print(f"档案：{archives}  每个检索调用 {args.runs} 次（每次新进程），中位数（秒）：")
    for query in QUERIES:
        line = f"  search {' '.join(query):28}"
        for name in trees:
            walls, cpus = zip(*times[(name, query)], strict=True)
            line += f"  {name}: 墙钟 {statistics.median(walls):.3f} CPU {statistics.median(cpus):.3f}"
        if args.compare:
            this, other = times[("this", query)], times[("other", query)]
            ratio_wall = statistics.median(w for w, _ in this) / statistics.median(w for w, _ in other)
            ratio_cpu = statistics.median(c for _, c in this) / statistics.median(c for _, c in other)
            line += f"  this/other: 墙钟 {ratio_wall:.2f} CPU {ratio_cpu:.2f}"
        print(line)


if __name__ == "__main__":
    main()
