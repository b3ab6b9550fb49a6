"""Pages in traditional script (not a test): the parser's CPU time and cancel gaps, beside other code.

A page in traditional script is read on its simplified reading and given back its printed
characters (`reader.text.script`), and the line model scores lines as the parser asks: both cost
time per character and per line. For each input, written once as a Big5 file of `--size` bytes,
`read_issue` runs in a child process per code tree (this worktree, and each `--against` tree such
as /work/main: the same input through both codes in one run); printed are the child's CPU seconds
(the machine may be shared: CPU time is the steadier figure) and wall seconds, how many times it
asked `should_cancel()`, the longest stretch without a question (how late a cancel takes
effect; wall seconds, with the code line that ended it, and CPU seconds, which a loaded machine
does not stretch), and what the parse made of it (articles).

Inputs: `briefs` is bench_text_limits' Big5 text (one datelined brief a line, 本報訊 …, each an
article); `issue` is the shared corpus turned into traditional characters with the search index's
table read backwards (one traditional character for each simplified one), real pages in the
script of a Hong Kong or Taiwan print. `briefs-s` and `issue-s` are the same pages in simplified
script (GB18030): code that cannot read traditional script does less work on a page in it (one
long article), so the fair measure of what reading it costs is the simplified page's parse.

    python bench/bench_traditional.py [--size 20000000] [--against /work/main] [--only briefs]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
TABLE = REPO / "resources" / "t2s_chars.txt"

_CHILD = r"""
import sys, time, traceback
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from reader.text.load import read_issue
try:
    from reader.text.cancel import cancel_scope
except ImportError:  # a tree from before the cancel scope takes should_cancel as a parameter
    cancel_scope = None

class Clock:
    def __init__(self):
        self.last, self.last_cpu = time.perf_counter(), time.process_time()
        self.longest, self.longest_cpu, self.where, self.questions = 0.0, 0.0, "", 0

    def ask(self):
        now, cpu = time.perf_counter(), time.process_time()
        self.questions += 1
        self.longest_cpu = max(self.longest_cpu, cpu - self.last_cpu)
        self.last_cpu = cpu
        if now - self.last > self.longest:
            frames = [
                f for f in traceback.extract_stack()[:-1]
                if "/reader/" in f.filename and not f.filename.endswith(("errors.py", "cancel.py"))
            ]
            self.longest = now - self.last
            self.where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        self.last = now
        return False

clock = Clock()
cpu, wall = time.process_time(), time.perf_counter()
if cancel_scope is None:
    issue = read_issue(Path(sys.argv[2]), should_cancel=clock.ask)
else:
    with cancel_scope(clock.ask, Path(sys.argv[2]).name):
        issue = read_issue(Path(sys.argv[2]))
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
tail = time.perf_counter() - clock.last
if tail > clock.longest:
    clock.longest, clock.where = tail, "(end)"
clock.longest_cpu = max(clock.longest_cpu, time.process_time() - clock.last_cpu)
gaps = f"{clock.longest:.3f} {clock.longest_cpu:.3f} {clock.where}"
print(f"{cpu:.2f} {wall:.2f} {clock.questions} {gaps} {len(issue.articles)}")
"""


def _fold_table() -> list[tuple[str, str]]:
    """(traditional, simplified) pairs of the search index's table, one character each."""
    pairs = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            trad, _, simp = line.partition("\t")
            if len(trad) == 1 and len(simp) == 1 and trad != simp:
                pairs.append((trad, simp))
    return pairs


def _traditional_table() -> dict[int, int]:
    """Simplified → one traditional character, the fold table read backwards (first listed wins)."""
    back: dict[int, int] = {}
    for trad, simp in _fold_table():
        back.setdefault(ord(simp), ord(trad))
    return back


def briefs() -> bytes:
    return ("本報訊 七月四日上午，區長帶隊到古樓街道。\n" * 100).encode("big5")


def issue() -> bytes:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        sys.exit(f"no corpus at {CORPUS}")
    text = "\n\n\n".join(f.read_text(encoding="utf-8") for f in files)
    return text.translate(_traditional_table()).encode("big5", errors="replace")


def _simplified(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """The same page in simplified script (GB18030): what the parse of a page in traditional
    script is measured against, since code that cannot read traditional script does less work."""

    def simplified() -> bytes:
        table = {ord(trad): ord(simp) for trad, simp in _fold_table()}
        return make().decode("big5").translate(table).encode("gb18030")

    return simplified


INPUTS = {
    "briefs": briefs,
    "briefs-s": _simplified(briefs),
    "issue": issue,
    "issue-s": _simplified(issue),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=20_000_000, help="bytes of each input file")
    parser.add_argument("--against", type=Path, action="append", default=[], help="another code tree")
    parser.add_argument("--only", choices=sorted(INPUTS), action="append", help="an input (repeatable)")
    args = parser.parse_args()
    trees = [REPO, *args.against]
    print(f"{'input':9}{'code':28}{'CPU s':>8}{'wall s':>8}{'questions':>10}{'longest gap s':>14}", end="")
    print(f"{'(CPU s)':>9}  {'ended at':22}{'articles':>9}")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "page.txt"
        for name, make in INPUTS.items():
            if args.only and name not in args.only:
                continue
            unit = make()
            path.write_bytes(unit * max(1, args.size // len(unit)))
            for tree in trees:
                out = subprocess.run(
                    [sys.executable, "-c", _CHILD, str(tree), str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.split()
                cpu, wall, questions, gap, gap_cpu, where, articles = out
                print(f"{name:9}{tree!s:28}{cpu:>8}{wall:>8}{questions:>10}{gap:>14}", end="")
                print(f"{gap_cpu:>9}  {where:22}{articles:>9}")


if __name__ == "__main__":
    main()
