"""Publishing a large archive, and searching the published copy (not a test: prints figures).

    python bench/bench_publish.py --db /tmp/bench/archive.sqlite3 --to /tmp/bench/share [--runs 5]

Builds the archive with bench/make_archive.py --topical first when the file does not exist (100,000
articles: several minutes). Then, into a new folder under --to:

- the first publish (a whole copy: backup API, rollback-journal mode, quick_check, fsync, rename),
  its time and the snapshot's size beside the archive's;
- a second publish of the unchanged archive (nothing is written);
- a publish after one small change (a date given to an issue and taken back: two writes);
- search latency on the snapshot (read-only, immutable, as a colleague opens it) and on the
  original (an ordinary reader, as the archivist's window opens it) side by side in one run, for
  bench/bench_search.py's query mix: each query warm, then --runs timed runs alternating between
  the two, p50 / p95 per class and over all; the snapshot must not be slower.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)
from bench_search import QUERIES, percentile

from reader.archive import queries
from reader.archive.db import Archive, open_archive, side_files
from reader.archive.publish import publish
from reader.archive.search import search

# Searches as fast as these vary by a few per cent from run to run; "not slower" allows that.
NOISE = 1.10


def megabytes(path: Path) -> float:
    files = [path, *side_files(path)]
    return sum(f.stat().st_size for f in files if f.exists()) / 1024 / 1024


def timed_publish(db: Path, folder: Path, label: str) -> Path:
    started = time.perf_counter()
    report = publish(db, folder)
    seconds = time.perf_counter() - started
    size = f"，副本 {megabytes(report.snapshot):.0f} MB" if report.created else "（未写入）"
    print(f"{label}：{seconds:.2f} s{size}")
    return report.snapshot


def small_change(db: Path) -> None:
    """Two writes that leave the content as it was: a date given to an issue and taken back."""
    with open_archive(db) as archive:
        issue = queries.latest_issue(archive)
        assert issue is not None
        before = issue.user_date
        queries.set_issue_date(archive, issue.id, "1999-01-01")
        queries.set_issue_date(archive, issue.id, before)


def compare_searches(snapshot: Archive, original: Archive, runs: int, limit: int) -> bool:
    """Print p50/p95 per class for both; True when the snapshot is not slower (p95 over all)."""
    for archive in (snapshot, original):
        search(archive, "预热")  # loads jieba once, outside the timings
    times: dict[str, dict[str, list[float]]] = {"snapshot": {}, "original": {}}
    for name, texts in QUERIES.items():
        for text in texts:
            for archive in (snapshot, original):
                search(archive, text, limit=limit)
            for _ in range(runs):
                for side, archive in (("snapshot", snapshot), ("original", original)):
                    result = search(archive, text, limit=limit)
                    times[side].setdefault(name, []).append(result.elapsed_ms)
            totals = {search(a, text, limit=limit).total for a in (snapshot, original)}
            assert len(totals) == 1, f"{text}: the snapshot and the original disagree {totals}"
    print(f"\n{'类别':<16}{'副本 p50':>10}{'副本 p95':>10}{'原档 p50':>10}{'原档 p95':>10}")
    for name in QUERIES:
        mine, theirs = times["snapshot"][name], times["original"][name]
        print(
            f"{name:<16}{statistics.median(mine):>10.1f}{percentile(mine, 0.95):>10.1f}"
            f"{statistics.median(theirs):>10.1f}{percentile(theirs, 0.95):>10.1f}"
        )
    everything = {side: [t for values in per.values() for t in values] for side, per in times.items()}
    p95 = {side: percentile(values, 0.95) for side, values in everything.items()}
    p50 = {side: statistics.median(values) for side, values in everything.items()}
    print(
        f"{'全部':<16}{p50['snapshot']:>10.1f}{p95['snapshot']:>10.1f}{p50['original']:>10.1f}"
        f"{p95['original']:>10.1f}"
    )
    ok = p95["snapshot"] <= p95["original"] * NOISE
    mark = "✓" if ok else "✗"
    print(f"{mark} 副本检索不慢于原档案（p95 {p95['snapshot']:.1f} ms 对 {p95['original']:.1f} ms）")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description="发布基准：发布耗时、副本大小、副本与原档案的检索延迟")
    parser.add_argument("--db", type=Path, default=Path("bench/out/archive.sqlite3"))
    parser.add_argument("--to", type=Path, default=Path("bench/out/share"), help="在其下建立本次的共享文件夹")
    parser.add_argument("--articles", type=int, default=100_000, help="档案不存在时生成的文章数")
    parser.add_argument("--runs", type=int, default=5, help="每个查询在每边计时的次数")
    parser.add_argument("--limit", type=int, default=50, help="第一页的条数")
    args = parser.parse_args()
    if not args.db.exists():
        from make_archive import make_archive

        make_archive(args.db, args.articles, topical=True)
    started = time.perf_counter()
    with open_archive(args.db) as archive:  # brought up to date before anything is timed
        count = archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    opened = time.perf_counter() - started
    print(f"档案 {args.db}：{count} 篇文章，{megabytes(args.db):.0f} MB（打开并升级 {opened:.1f} s）")
    folder = args.to / dt.datetime.now().strftime("run-%Y%m%d-%H%M%S")
    snapshot = timed_publish(args.db, folder, "第一次发布")
    timed_publish(args.db, folder, "档案没有改动时再发布")
    small_change(args.db)
    snapshot = timed_publish(args.db, folder, "改动一处后发布")
    with open_archive(snapshot, readonly=True) as copy, open_archive(args.db, readonly=True) as original:
        assert copy.immutable and copy.published
        ok = compare_searches(copy, original, args.runs, args.limit)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
