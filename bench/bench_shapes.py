"""Input shapes (not a test): each odd but plausible file through `parse` and `import`, as the CLI runs.

Issue 21 asks that every input be read at 1 MB/s of text or faster and with a peak memory of at
most 20 times the file. For each shape the file is written once, then `python -m reader parse
FILE` and `python -m reader import FILE --db NEW` each run in a child process; printed are the
wall and CPU seconds (the machine may be shared: CPU time is the steadier figure), MB/s of the
file per CPU second, and net of the CPU seconds of the same command on a one-line file
(start-up, loading the dictionary); the child's peak resident memory (ru_maxrss, from os.wait4)
and that peak less the one-line file's (the interpreter and its libraries), as a multiple of
the file's size; and what the parse made of it (sections, articles).

Each file is written, and each parse output counted, by a child process of its own: Linux keeps
a process's peak RSS across exec, so a child started by a bench that had held the text or the
output would report the bench's memory as its own.

    python bench/bench_shapes.py [--scale 1.0] [--only NAME] [--workdir DIR]

`--scale` shrinks or grows every shape (0.1 for a quick look). POSIX only (os.wait4).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
MB = 1024 * 1024


def _corpus() -> str:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        sys.exit(f"no corpus at {CORPUS}")
    return "\n\n\n".join(f.read_text(encoding="utf-8") for f in files)


def _repeat(unit: str, size: int) -> str:
    """`unit` repeated to about `size` bytes of UTF-8 (whole units)."""
    return unit * max(1, size // len(unit.encode()))


def single_line(size: int) -> str:
    """The corpus with its newlines taken out: one line of real text."""
    return _repeat(_corpus().replace("\n", ""), size)


def repeated_issue(size: int) -> str:
    """One real issue, masthead and all, repeated back to back."""
    first = sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    return _repeat(first.rstrip("\n") + "\n", size)


def short_lines(size: int) -> str:
    """Two characters a line (a list of names, a page of words dumped one per line)."""
    words = ["东昌", "古楼", "街道", "食堂", "社区", "老人", "党建", "文明"]
    count = size // 7
    return "\n".join(words[i % len(words)] for i in range(count)) + "\n"


def sentences_no_newline(size: int) -> str:
    """Sentences that end in 。 with no newline anywhere."""
    return _repeat("区政府召开常务会议，研究部署当前重点工作。", size)


def blank_lines(size: int) -> str:
    """Paragraphs of real text, each after a run of a hundred blank lines."""
    paragraphs = [p for p in _corpus().split("\n") if len(p) > 30]
    unit = "".join("\n" * 100 + p + "\n" for p in paragraphs)
    return _repeat(unit, size)


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "10 MB single line": (single_line, 10 * MB),
    "19 MB one issue repeated": (repeated_issue, 19 * MB),
    "1,000,000 two-char lines": (short_lines, 7_000_000),
    "1 MB of 。 and no newline": (sentences_no_newline, 1 * MB),
    "blank-line runs": (blank_lines, 5 * MB),
}


Figures = tuple[float, float, int, int]


def measured(output: Path, *args: str) -> Figures:
    """Run `python -m reader ARGS` with stdout to `output`: wall and CPU seconds, peak RSS, status."""
    started = time.perf_counter()
    with output.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", *args],
            stdout=out,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status)


def _made(parsed: Path) -> str:
    """What `parse` printed to `parsed`, counted by a child (see the module docstring)."""
    counted = subprocess.run(
        [sys.executable, __file__, "--count", str(parsed)], check=True, capture_output=True, text=True
    )
    return counted.stdout.strip()


Baseline = dict[str, Figures]


def _baseline(workdir: Path) -> Baseline:
    """Seconds and peak RSS of `parse` and `import` on a one-line file: the fixed cost of a run."""
    tiny = workdir / "tiny.txt"
    tiny.write_text("区政府召开常务会议，研究部署当前重点工作。\n", encoding="utf-8")
    out = workdir / "out.txt"
    parse = measured(out, "parse", str(tiny))
    imported = measured(out, "import", str(tiny), "--db", str(workdir / "tiny.sqlite3"))
    return {"parse": parse, "import": imported}


def _row(command: str, size: int, figures: Figures, base: Figures) -> str:
    wall, cpu, peak, status = figures
    net = max(cpu - base[1], 1e-3)
    grown = max(0, peak - base[2])
    return (
        f"  {command:7}{wall:6.1f} s wall{cpu:6.1f} s CPU{size / MB / cpu:6.2f} MB/s"
        f" ({size / MB / net:6.2f} net)  peak {peak / MB:4.0f} MB (+{grown / MB:4.0f} MB"
        f" = {grown / size:4.1f}× file)  exit {status}"
    )


def run(workdir: Path, scale: float, only: str | None) -> None:
    base = _baseline(workdir)
    for command, (_, cpu, peak, _) in base.items():
        print(f"one-line file, {command}: {cpu:.1f} s CPU, peak {peak / MB:.0f} MB")
    for number, name in enumerate(SHAPES):
        if only and only not in name:
            continue
        path = workdir / f"shape-{number}.txt"
        subprocess.run(
            [sys.executable, __file__, "--write", name, str(path), "--scale", str(scale)], check=True
        )
        length = path.stat().st_size
        out = workdir / f"shape-{number}.out"
        parsed = measured(out, "parse", str(path))
        print(f"{name} ({length / MB:.1f} MB): {_made(out)}")
        print(_row("parse", length, parsed, base["parse"]))
        db = workdir / f"shape-{number}.sqlite3"
        print(_row("import", length, measured(out, "import", str(path), "--db", str(db)), base["import"]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="size of every shape, as a multiple")
    parser.add_argument("--only", default=None, help="run only the shapes whose name holds this")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--write", nargs=2, metavar=("SHAPE", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--count", type=Path, metavar="JSON", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count:  # the child that counts what one `parse` printed
        try:
            issue = json.loads(args.count.read_text(encoding="utf-8"))
            print(f"{len(issue['sections'])} sections, {len(issue['articles'])} articles")
        except ValueError:
            print("no JSON (refused?)")
        return
    if args.write:  # the child that writes one shape's file (see the module docstring)
        make, size = SHAPES[args.write[0]]
        Path(args.write[1]).write_text(make(int(size * args.scale)), encoding="utf-8")
        return
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        run(args.workdir, args.scale, args.only)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), args.scale, args.only)


if __name__ == "__main__":
    main()
