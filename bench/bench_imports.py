"""CPU spent importing what a start needs: the window's modules and the command line's (a benchmark,
not a test).

A start of the window or of `python -m reader` spends much of its time importing; on a shared
machine the whole start varies too much to show a change of 100 ms, an import measured alone
varies less. Each figure is one fresh process (nothing cached but the .pyc files):

* window: `reader.gui.app` and `reader.gui.main_window`, after PySide6.QtWidgets (whose own
  ~200 ms no change of ours touches);
* command line: `reader.cli` (every command's parser, the archive and search modules).

    python bench/bench_imports.py [--runs 9] [--compare TREE]

With `--compare TREE` (another checkout, e.g. `git archive main | tar -x -C TREE`) the same
imports run from there too, interleaved, and the ratios of the medians are printed. Run with
.pyc files written (`env -u PYTHONDONTWRITEBYTECODE`, after one warm run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBES = {
    "window": (
        "import PySide6.QtWidgets\nt = time.process_time()\nimport reader.gui.app, reader.gui.main_window\n"
    ),
    "command line": "t = time.process_time()\nimport reader.cli\n",
}


def one_import(tree: Path, probe: str) -> float:
    """CPU milliseconds of the probe's imports in a fresh process run from `tree`."""
    report = "print((time.process_time() - t) * 1000)\n"
    code = f"import sys, time\nsys.path.insert(0, {str(tree)!r})\n{probe}{report}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {done.stderr}")
    return float(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description="启动时导入模块所用的 CPU 时间（窗口、命令行）")
    parser.add_argument("--runs", type=int, default=9, help="每项的次数（每次新进程，取中位数）")
    parser.add_argument("--compare", type=Path, default=None, help="另一份程序代码（同场交替比较）")
    args = parser.parse_args()
    trees = {"this": ROOT, **({"other": args.compare.resolve()} if args.compare else {})}
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.runs):
        for probe, code in PROBES.items():
            for name, tree in trees.items():
                times.setdefault((name, probe), []).append(one_import(tree, code))
    print(f"导入所用 CPU（毫秒），每项 {args.runs} 次，中位数（最小）：")
    for probe in PROBES:
        line = f"  {probe:12}"
        for name in trees:
            values = times[(name, probe)]
            line += f"  {name}: {statistics.median(values):.0f}（{min(values):.0f}）"
        if args.compare:
            ratio = statistics.median(times[("this", probe)]) / statistics.median(times[("other", probe)])
            line += f"  this/other: {ratio:.2f}"
        print(line)


if __name__ == "__main__":
    main()
