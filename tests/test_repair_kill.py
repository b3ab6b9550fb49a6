"""A repair killed at any moment (power cut, Task Manager) leaves a whole archive at its path, the
damaged original or the repaired one, and the next repair finishes (issue 21, item 4).

The real command runs in its own process and is killed (SIGKILL on POSIX, TerminateProcess on
Windows) at a random moment within each of its stages: it prints each stage as it starts, the
test waits for the line and a random delay more.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from damage_support import filled_archive, garble, pages, rows

from reader.archive.db import side_files
from reader.archive.repair import repair_if_damaged

REPO = Path(__file__).resolve().parents[1]
STAGES = 4  # progress lines the repair prints before it swaps the files
TRIES = 24


def kill_during(path: Path, stage: int, delay: float) -> None:
    """Start `repair`, wait for its `stage`-th progress line and `delay` seconds more, kill it."""
    with subprocess.Popen(
        [sys.executable, "-m", "reader", "repair", "--db", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    ) as process:
        assert process.stdout is not None
        for _ in range(stage):
            if not process.stdout.readline():
                break  # it finished first: nothing left to kill
        time.sleep(delay)
        process.kill()
        process.wait()


def what_is_there(path: Path, original: bytes, articles: int) -> str:
    """'original' or 'repaired': anything else at the path fails the test."""
    if path.read_bytes() == original:
        return "original"
    wal = side_files(path)[0]
    assert not wal.exists() or 0 == wal.stat().st_size  # never the old file's -wal beside the new one
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        assert "ok" == conn.execute("PRAGMA quick_check").fetchone()[0]
        assert articles == conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()
    return "repaired"


def test_a_repair_killed_at_any_moment_leaves_an_archive_and_the_next_repair_finishes(tmp_path: Path) -> None:
    template = filled_archive(tmp_path / "template")
    articles = len(rows(template, "articles"))
    garble(template, pages(template, "search_chars_data", "leaf")[0])  # every article comes back
    original = template.read_bytes()
    rng = random.Random(21)
    seen = []
    for attempt in range(TRIES):
        folder = tmp_path / f"try-{attempt:02d}"
        folder.mkdir()
        path = folder / "archive.sqlite3"
        path.write_bytes(original)
        kill_during(path, attempt % STAGES + 1, rng.uniform(0.0, 0.3))
        seen.append(what_is_there(path, original, articles))
        repair_if_damaged(path)
        assert "repaired" == what_is_there(path, original, articles)
        left = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
        assert [] == left, left  # the hidden work files of the killed repair are gone
        assert any(p.name.startswith("archive.damaged-") for p in folder.iterdir())
    print(f"after the kill: {seen.count('original')} originals, {seen.count('repaired')} repaired")
