"""One benchmark run from two checkouts of the program, interleaved, with CPU-time ratios (not a test).

A change is measured "before and after in one run": each tree runs its own copy of the bench
(`SCRIPT` is a path inside each tree, so a bench that changed between them is each version's
own), alternately A, B, A, B, so that whatever else the shared machine does falls on both. Each
run is a child process; its CPU is the user + system time of it and everything it waited for
(getrusage RUSAGE_CHILDREN), steadier than wall time when other work shares the cores.

    python bench/compare_trees.py --tree before=/tmp/old --tree after=. \\
        --var before.db=/tmp/old.sqlite3 --var after.db=/tmp/new.sqlite3 [--rounds 2] [--log DIR] \\
        -- bench/bench_startup.py --db {db} --runs 3

`{name}` in the bench's arguments is replaced by the tree's `--var tree.name=value` (each
version reads its own archive when the index format differs between them). Each run's output
is printed, and kept in --log DIR when given.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_run(tree: Path, command: list[str]) -> tuple[float, float, str]:
    """(wall, CPU, output) of one run of `command` from `tree`."""
    cpu_before, started = cpu_of_children(), time.perf_counter()
    done = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - started, cpu_of_children() - cpu_before
    output = done.stdout + done.stderr
    if done.returncode != 0:  # e.g. bench_targets when a target is missed: its figures still count
        output += f"\n（{tree}：{' '.join(command)} 返回 {done.returncode}）"
    return wall, cpu, output


def pairs(values: list[str], what: str) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key:
            raise SystemExit(f"{what} 应写成 名称=值：{value}")
        parsed[key] = rest
    return parsed


def main() -> None:
    parser = argparse.ArgumentParser(description="同场交替运行两份程序代码的基准，比较 CPU 时间")
    parser.add_argument("--tree", action="append", required=True, help="名称=程序代码目录（两次）")
    parser.add_argument("--var", action="append", default=[], help="名称.变量=值，替换参数中的 {变量}")
    parser.add_argument("--rounds", type=int, default=2, help="交替的轮数（默认 2：A B A B）")
    parser.add_argument("--log", type=Path, default=None, help="保存每次输出的目录")
    parser.add_argument("bench", nargs=argparse.REMAINDER, help="-- 基准脚本（各目录内的路径）及其参数")
    args = parser.parse_args()
    trees = {name: Path(path).resolve() for name, path in pairs(args.tree, "--tree").items()}
    if len(trees) != 2:
        raise SystemExit("需要正好两个 --tree")
    bench = args.bench[1:] if args.bench[:1] == ["--"] else args.bench
    if not bench:
        raise SystemExit("缺少基准脚本")
    variables: dict[str, dict[str, str]] = {name: {} for name in trees}
    for key, value in pairs(args.var, "--var").items():
        name, _dot, variable = key.partition(".")
        if name not in trees:
            raise SystemExit(f"--var 的名称不是 --tree 之一：{key}")
        variables[name][variable] = value
    if args.log:
        args.log.mkdir(parents=True, exist_ok=True)

    measured: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    for round_number in range(1, args.rounds + 1):
        for name, tree in trees.items():
            command = [sys.executable, *(part.format(**variables[name]) for part in bench)]
            wall, cpu, output = one_run(tree, command)
            measured[name].append((wall, cpu))
            print(f"--- {name} 第 {round_number} 轮：墙钟 {wall:.1f} s，CPU {cpu:.1f} s", flush=True)
            print(output, flush=True)
            if args.log:
                (args.log / f"{name}-{round_number}.txt").write_text(output, encoding="utf-8")

    first, second = trees
    print(f"{' '.join(bench)}：{args.rounds} 轮交替，中位数")
    for name in trees:
        walls, cpus = zip(*measured[name], strict=True)
        print(f"  {name}: 墙钟 {statistics.median(walls):.1f} s  CPU {statistics.median(cpus):.1f} s  {cpus}")
    ratio = statistics.median(c for _w, c in measured[second]) / statistics.median(
        c for _w, c in measured[first]
    )
    print(f"  CPU {second} / {first} = {ratio:.2f}")


if __name__ == "__main__":
    main()
