"""Limits benchmark (not a test): big batches and big inputs, each run as the CLI would be run.

Prints, per case, the wall time, the peak resident memory of the process (from os.wait4, so of
that one process alone) and what the command said:

- importing a folder of N generated issues (default 5,000);
- a search that matches nearly every article;
- a clippings book of 1,000 bookmarked articles;
- a 50 MB file (refused with a message) and a 10 MB single line (parsed).

    python bench/bench_limits.py [--files 5000] [--book 1000] [--workdir DIR]

POSIX only (os.wait4); the issues are generated from ../shared/corpus (bench/generate.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)
from generate import generate  # bench/ is sys.path[0] when run as a script

from reader.archive import bookmarks
from reader.archive.db import open_archive
from reader.archive.health import find_damage

REPO = Path(__file__).resolve().parents[1]


def measured(label: str, *args: str) -> str:
    """Run `python -m reader ARGS`, print time, peak RSS and the last line it printed."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=REPO,
    )
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = [line for line in output.splitlines() if line.strip()]
    said = [line for line in lines if "失败：" in line][:1] + lines[-1:]
    print(f"{label}: {elapsed:.1f} s, peak RSS {usage.ru_maxrss / 1024:.0f} MB, exit {process.returncode}")
    for line in said:
        print(f"    {line[:160]}")
    return output


def run(files: int, book: int, workdir: Path) -> None:
    issues = workdir / "issues"
    db = workdir / "archive.sqlite3"
    generate(issues, files, 1)
    measured(f"import {files} files", "import", str(issues), "--db", str(db))

    with open_archive(db, readonly=True) as archive:
        total = archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        started = time.perf_counter()
        damage = find_damage(archive)
        checked = time.perf_counter() - started
    size = db.stat().st_size / 1e6
    print(f"quick check before an import ({size:.0f} MB archive): {checked:.2f} s, problems: {len(damage)}")
    output = measured("search 的 (nearly every article)", "search", "的", "--db", str(db), "--limit", "20")
    print(f"    articles in the archive: {total}; {output.splitlines()[0] if output else ''}")

    with open_archive(db) as archive:
        keys = [r[0] for r in archive.conn.execute("SELECT key FROM articles ORDER BY id LIMIT ?", (book,))]
        for key in keys:
            bookmarks.add(archive, key)
    pdf = workdir / "book.pdf"
    measured(
        f"clippings book of {len(keys)} bookmarks",
        "export",
        "--bookmarks",
        "--out",
        str(pdf),
        "--db",
        str(db),
    )
    print(f"    PDF size {pdf.stat().st_size / 1e6:.1f} MB" if pdf.exists() else "    no PDF written")

    big = workdir / "big.txt"
    line = "区政府召开常务会议，研究部署当前重点工作。" * 10
    with big.open("w", encoding="utf-8") as out:
        while out.tell() < 50 * 1024 * 1024:
            out.write(line + "\n")
    measured("import a 50 MB file", "import", str(big), "--db", str(db))

    long_line = workdir / "line.txt"
    long_line.write_text("区政府召开常务会议" * (10 * 1024 * 1024 // 27), encoding="utf-8")
    measured("parse a 10 MB single line", "parse", str(long_line))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--book", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        run(args.files, args.book, args.workdir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(args.files, args.book, Path(tmp))


if __name__ == "__main__":
    main()
