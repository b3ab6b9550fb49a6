"""First-page search CPU on two archives side by side (not a test: prints figures).

For a change of how the archive stores what it holds (issue 26: bodies packed, so every hit
shown unpacks its body for the snippet), the same queries are run on two archives of the same
articles — e.g. one with plain bodies and the same archive after migration 12 packed them —
alternating archive by archive and run by run, so the machine's noise falls on both. Each call
is `find()` for the first page (20 hits, snippets included) by relevance and newest first,
timed in CPU seconds of this thread (`time.thread_time`; the machine is shared). Printed: p50
and p95 per archive and sort, and the ratio B / A of each. The hits' ids and totals must be
equal on both (✗ otherwise).

    python bench/bench_side_by_side.py --a PLAIN.sqlite3 --b PACKED.sqlite3 [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)
from bench_search import QUERIES, percentile

from reader.archive.db import Archive, open_archive
from reader.archive.search import SearchResult, find
from reader.archive.search_request import SearchRequest

SORTS = ("relevance", "newest")


def timed(archive: Archive, text: str, sort: str) -> tuple[float, SearchResult]:
    started = time.thread_time()
    result = find(archive, SearchRequest(text, sort=sort, limit=20))
    return time.thread_time() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description="同一批检索在两个档案上的第一页 CPU 时间，交替测量")
    parser.add_argument("--a", type=Path, required=True, help="档案 A（只读打开）")
    parser.add_argument("--b", type=Path, required=True, help="档案 B（只读打开）")
    parser.add_argument("--runs", type=int, default=5, help="每个查询计时的次数（另有一次不计时的预热）")
    args = parser.parse_args()
    queries = [q for group in QUERIES.values() for q in group]
    times: dict[tuple[str, str], list[float]] = {(s, k): [] for s in SORTS for k in "ab"}
    same = True
    with open_archive(args.a, readonly=True) as a, open_archive(args.b, readonly=True) as b:
        archives = {"a": a, "b": b}
        for text in queries:
            for sort in SORTS:
                seen = {k: timed(archive, text, sort)[1] for k, archive in archives.items()}  # warm
                if [h.id for h in seen["a"].hits] != [h.id for h in seen["b"].hits] or (
                    seen["a"].total != seen["b"].total
                ):
                    same = False
                    print(f"✗ {text} ({sort}): A {seen['a'].total}, B {seen['b'].total}")
                for run in range(args.runs):
                    for key in "ab" if run % 2 == 0 else "ba":
                        times[(sort, key)].append(timed(archives[key], text, sort)[0] * 1000)
    print(f"{len(queries)} queries × {args.runs} runs; A = {args.a}, B = {args.b}")
    print(f"{'sort':<12}{'A p50':>8}{'B p50':>8}{'B/A':>7}{'A p95':>8}{'B p95':>8}{'B/A':>7}  (CPU ms)")
    for sort in SORTS:
        pa, pb = times[(sort, "a")], times[(sort, "b")]
        a50, b50, a95, b95 = (percentile(v, s) for v, s in ((pa, 0.5), (pb, 0.5), (pa, 0.95), (pb, 0.95)))
        print(f"{sort:<12}{a50:>8.2f}{b50:>8.2f}{b50 / a50:>7.2f}{a95:>8.2f}{b95:>8.2f}{b95 / a95:>7.2f}")
        print(f"{'':<12}sum of all runs: A {sum(pa):.0f} ms, B {sum(pb):.0f} ms, B/A {sum(pb) / sum(pa):.3f}")
    print("✓ same hits and totals on both" if same else "✗ the archives answered differently")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
