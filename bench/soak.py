"""The soak of issue 21 for minutes (not a test: prints the counts).

    QT_QPA_PLATFORM=offscreen python bench/soak.py --minutes 10 [--readers 3] [--workdir DIR]

The window (offscreen, a process of its own) stars articles, writes notes, retitles them and
dates undated issues in a loop, and searches; beside it terminals run `python -m reader` again
and again: `--readers` reading ones (search, timeline, info, export), one importing new issues
each round, one backing up. At the end it prints, per kind, the writes acknowledged, found in the
file, superseded by a later write of the same thing, and missing; the runs that ended well, were
refused as busy, or went wrong; the integrity check of the archive and of the last backup, and
whether a -wal file was left. Exit status 1 when anything went wrong (each problem is listed).

The soak itself is tests/soak_support.py, which tests/test_soak.py runs for 25 seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from soak_support import prepare, run_soak  # tests/ is on sys.path (above)

from reader.archive.paths import PERSONAL_ENV_VAR


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--readers", type=int, choices=(1, 2, 3), default=3, help="reading terminals")
    parser.add_argument("--workdir", type=Path, help="keep the archive and logs here (default: temporary)")
    args = parser.parse_args()
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        return soak(args.workdir, args.minutes, args.readers)
    with tempfile.TemporaryDirectory(prefix="soak-") as folder:
        return soak(Path(folder), args.minutes, args.readers)


def soak(folder: Path, minutes: float, readers: int) -> int:
    os.environ[PERSONAL_ENV_VAR] = str(folder / "personal.sqlite3")  # never the user's own bookmarks
    started = time.perf_counter()
    places = prepare(folder)
    print(f"seeded      {places.seeded} dated issues in {time.perf_counter() - started:.1f} s: {places.db}")
    started = time.perf_counter()
    report = run_soak(places, minutes * 60, readers)
    elapsed = (time.perf_counter() - started) / 60
    print(f"soaked      {elapsed:.1f} min (the window {minutes:g} min, {readers} reading terminals)")
    print("\n".join(report.lines()))
    return 1 if report.problems() else 0


if __name__ == "__main__":
    sys.exit(main())
