"""Start-up and responsiveness of the window on a large archive (a benchmark, not a test).

Measures, each in a fresh process so nothing is warm:
* start-up: from process start (before Python imports anything of ours) to the window shown with
  the latest issue listed;
* month switch: paging the calendar to another month (the dates query and re-marking);
* first page of results for a common word, typed into the search box (debounce not counted):
  cold (the first search of the process, which reads the word list queries are cut with) and
  warm (the next ones).

    python bench/make_archive.py --articles 100000 --db bench/out/archive.sqlite3
    python bench/bench_startup.py --db bench/out/archive.sqlite3 [--runs 5] [--word 区] [--compare TREE]

Runs offscreen unless QT_QPA_PLATFORM says otherwise; QSettings go to a temporary folder. With
`--compare TREE` the same starts run the program of another checkout too (e.g. `git archive main
| tar -x -C TREE`), interleaved start by start so both see the same machine, and the ratios of
the medians are printed. Measure with .pyc files written (`env -u PYTHONDONTWRITEBYTECODE`,
after one warm run): compiling the modules is no part of a user's start.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MONTH_SWITCHES = 12
WARM_SEARCHES = 5


def resident_mb() -> float:
    """The process's resident memory now (Linux /proc; elsewhere the peak, which is all
    `resource` tells)."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return peak_mb()


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def child(db: Path, word: str, started: float, tree: Path) -> None:
    """One measured start of the program in `tree`; prints a JSON line of timings in milliseconds."""
    sys.path.insert(0, str(tree))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import application, open_window

    app = application([])
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    window = open_window(db, demo_dir=None, warm_up_ms=None)
    assert window is not None
    window.show()
    window.start()
    QApplication.processEvents()
    shown = time.time()
    shown_cpu = time.process_time()  # this process's CPU: what a shared machine does not inflate
    assert window.articles.rowCount() > 0, "latest issue not listed"

    year, month = window.calendar.shown_month()
    switches: list[float] = []
    for step in range(1, MONTH_SWITCHES + 1):
        y, m = divmod(month - 1 - step, 12)
        t0 = time.perf_counter()
        window.calendar.calendar.setCurrentPage(year + y, m + 1)
        QApplication.processEvents()
        switches.append((time.perf_counter() - t0) * 1000)

    def search_once(text: str) -> tuple[float, int]:
        window.search_bar.field.setText(text)
        t0 = time.perf_counter()
        window.search.run_now()
        while not (window.search.is_idle() and window.search.last_outcome is not None):
            app.processEvents()
            time.sleep(0.0005)
        QApplication.processEvents()
        elapsed = (time.perf_counter() - t0) * 1000
        return elapsed, window.search.last_outcome.total

    cold, total = search_once(word)
    warm: list[float] = []
    for _ in range(WARM_SEARCHES):
        window.search_bar.field.clear()
        warm.append(search_once(word)[0])
    memory = resident_mb()  # after 1 + WARM_SEARCHES searches, as the issue measured it
    window.close()
    sys.stdout.write(
        json.dumps(
            {
                "startup_ms": (shown - started) * 1000,
                "startup_cpu_ms": shown_cpu * 1000,
                "rss_mb": memory,
                "peak_mb": peak_mb(),
                "month_switch_ms": statistics.median(switches),
                "search_cold_ms": cold,
                "search_warm_ms": statistics.median(warm),
                "hits": total,
                "articles_listed": window.articles.rowCount(),
            }
        )
        + "\n"
    )
    sys.stdout.flush()
    # PySide6-Essentials 6.12.0 on Python < 3.12 under-counts references to None/True/False and
    # can abort while the interpreter shuts down; the figures are out, so leave without teardown.
    os._exit(0)


def main() -> None:
    parser = argparse.ArgumentParser(description="窗口启动、翻月和检索首页结果的耗时")
    parser.add_argument("--db", type=Path, required=True, help="档案数据库文件")
    parser.add_argument("--runs", type=int, default=5, help="启动次数（每次一个新进程）")
    parser.add_argument("--word", default="区", help="检索用的常见词")
    parser.add_argument("--compare", type=Path, default=None, help="另一份程序代码（同场交替比较）")
    parser.add_argument("--child", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.db, args.word, args.child, args.tree)
        return
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    trees = {"this": ROOT, **({"other": args.compare.resolve()} if args.compare else {})}
    rows: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.runs):
        for name, tree in trees.items():
            started = time.time()
            command = [sys.executable, __file__, "--db", str(args.db), "--word", args.word]
            out = subprocess.run(
                [*command, "--child", str(started), "--tree", str(tree)],
                cwd=tree,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            rows[name].append(json.loads(out.strip().splitlines()[-1]))
    for name, tree in trees.items():
        print(f"{name}: {tree}")
        report(args, rows[name])
    if args.compare:
        print("this/other（中位数之比）：")
        for key in ("startup_cpu_ms", "search_cold_ms", "search_warm_ms", "rss_mb"):
            this, other = (statistics.median(r[key] for r in rows[name]) for name in ("this", "other"))
            print(f"  {key}: {this / other:.2f}")


def report(args: argparse.Namespace, rows: list[dict[str, float]]) -> None:
    """The medians (with least and most) of one program's starts."""
    print(f"档案：{args.db}  运行 {args.runs} 次（每次新进程），中位数：")
    for key, label in (
        ("startup_ms", "启动到窗口显示最新一期"),
        ("startup_cpu_ms", "启动到窗口显示最新一期（本进程 CPU 时间）"),
        ("month_switch_ms", "日历翻一个月"),
        ("search_cold_ms", f"检索“{args.word}”首页结果（进程内首次，含读入切词词表）"),
        ("search_warm_ms", f"检索“{args.word}”首页结果（再次）"),
    ):
        values = [r[key] for r in rows]
        print(
            f"  {label}: {statistics.median(values):.0f} ms（最小 {min(values):.0f}，最大 {max(values):.0f}）"
        )
    for key, label in (("rss_mb", f"检索 {1 + WARM_SEARCHES} 次后的内存（常驻）"), ("peak_mb", "内存峰值")):
        values = [r[key] for r in rows]
        middle = statistics.median(values)
        print(f"  {label}: {middle:.0f} MB（最小 {min(values):.0f}，最大 {max(values):.0f}）")
    print(f"  命中 {rows[0]['hits']} 篇；最新一期列出 {rows[0]['articles_listed']} 篇")


if __name__ == "__main__":
    main()
