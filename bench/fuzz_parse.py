"""Fuzz the text layer and the importer (not a test): prints what thousands of odd inputs do.

Every input is parsed (read, decode, parse, then the "nothing is lost" check of
reader.text.coverage) and imported into a fresh temporary archive, each step in a worker process
with a time limit, so a hang is counted instead of stopping the run. Kinds of input: random bytes,
random Unicode (controls, zero-width, RTL marks, combining marks, emoji), mutations of the real
issues in ../shared/corpus (lines dropped, duplicated, shuffled; bytes cut mid-character; CRLF/CR;
re-encoded in GB18030, UTF-16, Big5; noise inserted), a 10 MB single line, a 50 MB file,
white space only, mastheads only, and runs of brackets.

    python bench/fuzz_parse.py [--count 10000] [--seed 1] [--out DIR] [--jobs 2]

Prints inputs, accepted, refused (by reason), crashes (with a sample), hangs (a step over 10 s of
CPU, or 60 s of wall time) and lost lines, per kind and in total; then each input's time, parse
and import together, in wall and in CPU seconds, with the inputs over 10 s and the slowest ones.
With --out the inputs are kept in DIR/inputs.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import apart  # noqa: E402, F401  (the workers inherit its personal file; the user's stays untouched)

CORPUS = ROOT.parent / "shared" / "corpus"
# A hang is a step (parse or import of one input) that uses more than TIME_LIMIT seconds of its
# worker's CPU, or is still running after WALL_LIMIT seconds. CPU time, because the machine may
# be shared: other work slows a step down without it doing more.
TIME_LIMIT = 10.0
WALL_LIMIT = 60.0
SLOW_LIMIT = 10.0  # an input (parse and import together) taking longer is reported as slow

# --- inputs ------------------------------------------------------------------------------------

CONTROLS = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
BIDI = ["\u200e", "\u200f", "\u061c", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
COMBINING = [*map(chr, range(0x0300, 0x0370)), *map(chr, range(0x20D0, 0x20F1)), "\u3099", "\u309a"]
EMOJI = ["😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "❤️", "🧧", "🀄", "\U0001faf6"]
CJK = list("东昌时讯幸福食堂古楼街道融媒体记者本报讯总第期今日版星期农历年月日，。！？“”（）【】《》、：；")
RARE = ["𠮷", "䶮", "堃", "喆", "\ue000", "\uf8ff", "\U000f0000", "\ufffd", "\uffff"]
BRACKETS = ["![", "[", "](", "<http:", "**", "__", "(", "（", "第1", "#"]
NOISE_LINES = [
    "总第12345678901234567890期",
    "今日" + "9" * 5000 + "版",
    "第99999999999版 要闻",
    "2023年2月30日",
    "2022年7月6日 星期三",
    "市民[张某](化名，45岁)告诉记者",
    "[链接](http://x.cn/a)",
    "![图](p/1.jpg)",
    "<http://dcf.lcxw.cn>",
    "（融媒体 裴崇旭）",
    "融媒体 裴崇旭",
    "——副题",
    "## ",
    "**加粗**",
    "第0版",
]


def random_unicode(rng: random.Random, size: int) -> str:
    pools = [CONTROLS, ZERO_WIDTH, BIDI, COMBINING, EMOJI, CJK, RARE, list("abc XYZ 123\n\n\t")]
    weights = [1, 2, 2, 2, 2, 6, 1, 4]
    return "".join(rng.choice(rng.choices(pools, weights)[0]) for _ in range(size))


def corpus_texts() -> list[str]:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        sys.exit(f"no corpus at {CORPUS}")
    return [f.read_text(encoding="utf-8") for f in files]


def mutate_lines(rng: random.Random, lines: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(rng.randint(1, 4)):
        if not lines:
            break
        what = rng.choice(["drop", "duplicate", "shuffle", "shuffle-block", "noise", "unicode", "join"])
        i = rng.randrange(len(lines))
        if what == "drop":
            del lines[i : i + rng.randint(1, 5)]
        elif what == "duplicate":
            lines[i:i] = lines[i : i + rng.randint(1, 5)]
        elif what == "shuffle":
            rng.shuffle(lines)
        elif what == "shuffle-block":
            block = lines[i : i + 10]
            rng.shuffle(block)
            lines[i : i + 10] = block
        elif what == "noise":
            lines.insert(i, rng.choice(NOISE_LINES))
        elif what == "unicode":
            lines[i] = lines[i] + random_unicode(rng, rng.randint(1, 20))
        else:
            lines[i : i + 2] = ["".join(lines[i : i + 2])]
    return lines


def encode(rng: random.Random, text: str) -> bytes:
    newline = rng.choice(["\n"] * 4 + ["\r\n", "\r"])
    text = text.replace("\n", newline)
    codec = rng.choice(
        ["utf-8"] * 4
        + ["utf-8-sig", "gb18030", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "big5", "cp932"]
    )
    data = text.encode(codec, errors="replace")
    cut = rng.random()
    if cut < 0.1:  # cut off mid-character
        data = data[: rng.randrange(len(data) + 1)]
    elif cut < 0.2:  # one byte gone from the middle of a character
        at = rng.randrange(len(data) + 1)
        data = data[:at] + data[at + 1 :]
    return data


def corpus_mutation(rng: random.Random, texts: list[str]) -> bytes:
    lines = rng.choice(texts).split("\n")
    return encode(rng, "\n".join(mutate_lines(rng, lines)))


def masthead_only(rng: random.Random, texts: list[str]) -> bytes:
    lines = [line for line in rng.choice(texts).split("\n") if line.strip()]
    return encode(rng, "\n".join(lines[: rng.randint(1, 9)]))


def random_bytes(rng: random.Random) -> bytes:
    size = rng.choice([1, 2, 3, 8, 64, 512, 4096])
    if rng.random() < 0.5:
        return rng.randbytes(size)
    return bytes(
        rng.randrange(0x80, 0x100) if rng.random() < 0.8 else rng.randrange(0x20, 0x7F) for _ in range(size)
    )


def bracket_run(rng: random.Random) -> bytes:
    unit = rng.choice(BRACKETS) + rng.choice(["", "字", " ", "a"])
    return ("东昌时讯\n2022年7月5日\n\n" + unit * (200_000 // len(unit)) + "\n").encode()


def whitespace(rng: random.Random) -> bytes:
    spaces = [" ", "\t", "\n", "\r\n", "\u3000", "\u00a0"]
    text = "".join(rng.choice(spaces) for _ in range(rng.randint(0, 500)))
    return text.encode(rng.choice(["utf-8", "gb18030", "utf-16"]))


def big_single_line(texts: list[str]) -> bytes:
    one = "".join(texts).replace("\n", "")
    data = (one * (10_000_000 // len(one.encode()) + 1)).encode()[:10_000_000]
    return data.decode(errors="ignore").encode()  # whole characters only


def big_file(texts: list[str]) -> bytes:
    block = "\n".join(texts).encode()
    return block * (50 * 1024 * 1024 // len(block) + 1)


Maker = Callable[[random.Random], bytes]


def makers(texts: list[str]) -> list[tuple[str, float, Maker]]:
    """Each kind of input with its share of the run."""
    return [
        ("random-bytes", 0.15, random_bytes),
        ("random-unicode", 0.15, lambda r: encode(r, random_unicode(r, r.choice([5, 50, 500, 3000])))),
        ("corpus-mutation", 0.58, lambda r: corpus_mutation(r, texts)),
        ("masthead-only", 0.05, lambda r: masthead_only(r, texts)),
        ("whitespace", 0.03, whitespace),
        ("bracket-run", 0.04, bracket_run),
    ]


def write_inputs(folder: Path, count: int, seed: int) -> list[tuple[Path, str]]:
    rng = random.Random(seed)
    texts = corpus_texts()
    kinds = makers(texts)
    inputs: list[tuple[Path, str]] = []

    def add(kind: str, data: bytes) -> None:
        path = folder / f"{len(inputs):05d}-{kind}.txt"
        path.write_bytes(data)
        inputs.append((path, kind))

    add("10mb-single-line", big_single_line(texts))
    add("50mb-file", big_file(texts))
    for _ in range(count - 2):
        kind, _, make = rng.choices(kinds, [share for _, share, _ in kinds])[0]
        add(kind, make(rng))
    return inputs


# --- workers -----------------------------------------------------------------------------------


def parse_step(path: Path) -> dict[str, Any]:
    from reader.text.coverage import lost_lines
    from reader.text.decode import decode_bytes
    from reader.text.errors import SourceError
    from reader.text.load import content_hash, read_source_bytes
    from reader.text.parse import parse_text

    try:
        text = decode_bytes(read_source_bytes(path), path.name)
        issue = parse_text(text, path.name, path, content_hash(text))
    except SourceError as err:
        return {"outcome": "refused", "reason": err.reason}
    except Exception as err:  # what the fuzzer is looking for
        return {"outcome": "crash", "detail": repr(err)[:300]}
    return {"outcome": "accepted", "lost": lost_lines(text, issue)}


def import_step(archive: Any, path: Path) -> dict[str, Any]:
    from reader.archive.importer import import_paths

    try:
        report = import_paths(archive, [path])
    except Exception as err:
        return {"outcome": "crash", "detail": repr(err)[:300]}
    if report.stopped is not None:
        return {"outcome": "crash", "detail": f"stopped: {report.stopped}"[:300]}
    if report.failed:
        message = report.failed[0][1]
        if "程序缺陷" in message:  # the importer's wrapper around a parser exception
            return {"outcome": "crash", "detail": message[:300]}
        return {"outcome": "failed", "reason": message}
    return {"outcome": "imported"}


def worker(conn: Connection, db_path: str) -> None:
    from reader.archive.db import open_archive

    with open_archive(Path(db_path)) as archive:
        while True:
            job = conn.recv()
            if job is None:
                return
            step, path = job
            started = time.process_time()
            result = parse_step(Path(path)) if step == "parse" else import_step(archive, Path(path))
            result["cpu"] = time.process_time() - started
            conn.send(result)


class Worker:
    def __init__(self, context: Any, db_path: Path) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker, args=(child, str(db_path)), daemon=True)
        self.process.start()
        self.job: tuple[int, str] | None = None
        self.started = 0.0

    def send(self, index: int, step: str, path: Path) -> None:
        self.job = (index, step)
        self.started = time.monotonic()
        self.conn.send((step, str(path)))

    def stop(self) -> None:
        self.process.kill()
        self.process.join()


Results = dict[tuple[int, str], dict[str, Any]]


def run_all(inputs: list[tuple[Path, str]], workdir: Path, jobs: int) -> Results:
    """Each input's parse and import result; a step past WALL_LIMIT is a hang (worker replaced)."""
    context = mp.get_context("spawn")
    queue = [(i, step) for i in range(len(inputs)) for step in ("parse", "import")]
    queue.reverse()
    results: Results = {}
    made = 0

    def new_worker() -> Worker:
        nonlocal made
        made += 1
        return Worker(context, workdir / f"archive-{made}.sqlite3")  # each worker a fresh archive

    workers = [new_worker() for _ in range(jobs)]
    done_at = time.monotonic()
    while queue or any(w.job for w in workers):
        for w in workers:
            if w.job is None and queue:
                index, step = queue.pop()
                w.send(index, step, inputs[index][0])
        busy = [w for w in workers if w.job is not None]
        deadline = min(w.started for w in busy) + WALL_LIMIT
        for conn in wait([w.conn for w in busy], timeout=max(0.0, deadline - time.monotonic())):
            w = next(w for w in busy if w.conn is conn)
            assert w.job is not None
            result = w.conn.recv()
            result["seconds"] = time.monotonic() - w.started
            if result["cpu"] > TIME_LIMIT:
                result = {**result, "outcome": "hang"}
            results[w.job] = result
            w.job = None
        for i, w in enumerate(workers):
            if w.job is not None and time.monotonic() - w.started > WALL_LIMIT:
                results[w.job] = {"outcome": "hang", "seconds": time.monotonic() - w.started, "cpu": 0.0}
                w.stop()
                workers[i] = new_worker()
        if time.monotonic() - done_at > 30:
            done_at = time.monotonic()
            print(f"  … {len(results)} of {2 * len(inputs)} steps", file=sys.stderr, flush=True)
    for w in workers:
        w.conn.send(None)
        w.process.join(5)
    return results


# --- report ------------------------------------------------------------------------------------


def reason_key(reason: str) -> str:
    """A refusal's reason with its numbers taken out, so reasons group."""
    return re.sub(r"(?<=[ （])\d+(?=[ ）])", "N", reason)


def report(inputs: list[tuple[Path, str]], results: Results, seconds: float, seed: int, jobs: int) -> int:
    table: dict[str, Counter[str]] = defaultdict(Counter)
    reasons: Counter[str] = Counter()
    import_reasons: Counter[str] = Counter()
    crashes: list[str] = []
    hangs: list[str] = []
    lost: list[str] = []
    disagreements: list[str] = []
    slowest = max(((r["cpu"], k) for k, r in results.items()), default=(0.0, (0, "")))
    for index, (path, kind) in enumerate(inputs):
        row = table[kind]
        row["inputs"] += 1
        parsed, imported = results[(index, "parse")], results[(index, "import")]
        row[parsed["outcome"]] += 1
        if parsed["outcome"] == "refused":
            reasons[reason_key(parsed["reason"])] += 1
        if parsed["outcome"] == "crash":
            crashes.append(f"parse  {path.name}: {parsed['detail']}")
        if parsed["outcome"] == "hang":
            hangs.append(f"parse  {path.name}")
        if parsed.get("lost"):
            row["lost"] += 1
            lost.append(f"{path.name}: {parsed['lost'][0]!r}")
        row["import-" + imported["outcome"]] += 1
        if imported["outcome"] == "crash":
            crashes.append(f"import {path.name}: {imported['detail']}")
        if imported["outcome"] == "hang":
            hangs.append(f"import {path.name}")
        if imported["outcome"] == "failed":
            import_reasons[reason_key(imported["reason"].split("：", 1)[-1])] += 1
        if (parsed["outcome"] == "accepted") != (imported["outcome"] == "imported") and "hang" not in (
            parsed["outcome"],
            imported["outcome"],
        ):
            disagreements.append(f"{path.name}: parse {parsed['outcome']}, import {imported['outcome']}")

    total: Counter[str] = Counter()
    for row in table.values():
        total.update(row)
    columns = [
        "inputs",
        "accepted",
        "refused",
        "crash",
        "hang",
        "lost",
        "import-imported",
        "import-failed",
        "import-crash",
        "import-hang",
    ]
    print(
        f"fuzz_parse: {len(inputs)} inputs, seed {seed}, {jobs} workers, {seconds:.0f} s"
        f" (slowest step {slowest[0]:.1f} s CPU: {inputs[slowest[1][0]][0].name} {slowest[1][1]})"
    )
    print(f"{'kind':18}" + "".join(f"{c.replace('import-', 'imp.'):>13}" for c in columns))
    for kind in sorted(table):
        print(f"{kind:18}" + "".join(f"{table[kind][c]:>13}" for c in columns))
    print(f"{'total':18}" + "".join(f"{total[c]:>13}" for c in columns))
    print("\nrefused by the parser, by reason:")
    for reason, n in reasons.most_common():
        print(f"  {n:6}  {reason}")
    print("failed in the importer, by reason:")
    for reason, n in import_reasons.most_common():
        print(f"  {n:6}  {reason}")
    print(f"\ncrashes: {len(crashes)}")
    for line in crashes[:10]:
        print("  " + line)
    print(f"hangs (> {TIME_LIMIT:.0f} s CPU or {WALL_LIMIT:.0f} s wall): {len(hangs)}")
    for line in hangs[:10]:
        print("  " + line)
    print(f"lost lines: {len(lost)}")
    for line in lost[:10]:
        print("  " + line)
    print(f"parser and importer disagree: {len(disagreements)}")
    for line in disagreements[:10]:
        print("  " + line)
    slow = report_times(inputs, results)
    return 1 if crashes or hangs or lost or disagreements or slow else 0


def report_times(inputs: list[tuple[Path, str]], results: Results) -> int:
    """Each input's parse and import time together; prints those over SLOW_LIMIT and the slowest.

    Wall time is what the user waits; CPU time is what the input costs (other work on a shared
    machine lengthens the wall time alone). Returns the number of inputs over the limit in CPU
    time.
    """
    times = []
    for index, (path, _) in enumerate(inputs):
        steps = [results[(index, step)] for step in ("parse", "import")]
        times.append((sum(r["seconds"] for r in steps), sum(r["cpu"] for r in steps), path.name))
    over_wall = [t for t in times if t[0] > SLOW_LIMIT]
    over_cpu = [t for t in times if t[1] > SLOW_LIMIT]
    print(
        f"inputs over {SLOW_LIMIT:.0f} s (parse and import together): {len(over_cpu)} in CPU time,"
        f" {len(over_wall)} in wall time"
    )
    for wall, cpu, name in sorted(set(over_wall) | set(over_cpu), reverse=True)[:10]:
        print(f"  {name}: {wall:.1f} s wall, {cpu:.1f} s CPU")
    print("slowest inputs:")
    for wall, cpu, name in sorted(times, reverse=True)[:5]:
        print(f"  {name}: {wall:.1f} s wall, {cpu:.1f} s CPU")
    return len(over_cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="number of inputs (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="keep the inputs and archives in this folder")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fuzz-parse-") as scratch:
        workdir = args.out or Path(scratch)
        (workdir / "inputs").mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        inputs = write_inputs(workdir / "inputs", max(args.count, 2), args.seed)
        results = run_all(inputs, workdir, max(1, args.jobs))
        return report(inputs, results, time.perf_counter() - started, args.seed, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
