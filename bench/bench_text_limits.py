"""Text-layer limits (not a test): parsing is linear on pathological lines, and a cancel is quick.

Prints, for lines made of one repeated unit (runs of brackets, marks, digits…), the parse time at
N and 4N characters and their ratio (about 4 when linear; a quadratic pattern shows 16); then, for
20 MB inputs, how long `read_issue` takes and the longest stretch between two `should_cancel()`
questions, which bounds how late a cancel takes effect.

    python bench/bench_text_limits.py [--size 400000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.text.cancel import cancel_scope
from reader.text.errors import SourceError
from reader.text.load import read_issue
from reader.text.parse import parse_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
UNITS = [
    "![",
    "[",
    "](",
    "[a](",
    "![a](",
    "<http:",
    "**",
    "__",
    "*",
    "(",
    "（ ",
    "( ",
    "第1",
    "总第1",
    "今日1",
    "2022年",
    "建国1",
    "记者：",
    "a@",
    "#",
    "> ",
    "- ",
    "东昌府讯 ",
    "（记者 张三）\n",
    "第2版\n",
    "\n\n\n",
]


def seconds(text: str) -> float:
    started = time.perf_counter()
    parse_text(text, "x.txt")
    return time.perf_counter() - started


def linearity(size: int) -> None:
    print(f"{'unit':14}{'N chars':>10}{'s':>8}{'4N s':>8}{'ratio':>7}")
    worst = 0.0
    for unit in UNITS:
        n = size // len(unit)
        small, large = seconds(unit * n), seconds(unit * 4 * n)
        ratio = large / max(small, 1e-4)
        worst = max(worst, ratio if large > 0.05 else 0.0)
        print(f"{unit!r:14}{len(unit) * n:>10}{small:>8.3f}{large:>8.3f}{ratio:>7.1f}")
    print(f"worst ratio (where 4N takes over 0.05 s): {worst:.1f}")


def cancel_latency(workdir: Path) -> None:
    files = sorted(CORPUS.glob("*.txt"))
    fallback = "东昌府讯 幸福食堂开业。\n" * 100
    corpus = "".join(f.read_text(encoding="utf-8") for f in files) if files else fallback
    inputs = {
        "UTF-8 issue text": corpus.encode(),
        "GB18030 issue text": corpus.encode("gb18030"),
        "Big5 text": ("本報訊 七月四日上午，區長帶隊到古樓街道。\n" * 100).encode("big5"),
        "one line of text": corpus.replace("\n", "").encode(),
        "one line of '!['": b"![" * 1000,
    }
    print(f"\n{'20 MB input':22}{'read_issue s':>13}{'questions':>11}{'longest gap s':>15}")
    for name, unit in inputs.items():
        path = workdir / "input.txt"
        path.write_bytes(unit * (19_500_000 // len(unit)))
        clock = _Clock()
        try:
            with cancel_scope(clock.ask, path.name):
                read_issue(path)
        except SourceError as err:
            print(f"  {name}: {err.reason}")
        total, questions, longest = clock.stop()
        print(f"{name:22}{total:>13.2f}{questions:>11}{longest:>15.3f}")


class _Clock:
    """A should_cancel that never cancels and times the stretches between its questions."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.gaps: list[float] = []

    def ask(self) -> bool:
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now
        return False

    def stop(self) -> tuple[float, int, float]:
        """Total seconds, questions asked, longest stretch without one (the last included)."""
        now = time.perf_counter()
        return now - self.started, len(self.gaps), max([*self.gaps, now - self.last])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=400_000, help="characters of the smaller line (N)")
    args = parser.parse_args()
    linearity(args.size)
    with tempfile.TemporaryDirectory() as scratch:
        cancel_latency(Path(scratch))


if __name__ == "__main__":
    main()
