"""A small archive built through the real CLI, and a way to run `python -m reader` as a process.

The two issues are written here (not taken from the corpus), so a test knows exactly what is in
the archive: 江绍华 appears once in 东昌时讯 of 2022-07-05 and once in 今日开发区 of 2022-08-10.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

JULY_ISSUE = """东昌时讯

2022年7月5日

星期二

总第1449期

今日4版

江绍华督导调研幸福食堂

东昌府讯 7月4日，区长江绍华到古楼街道督导调研幸福食堂建设运营情况，要求把好事办好。

（融媒体 全兴社）
"""

AUGUST_ISSUE = """今日开发区

2022年8月10日

星期三

总第312期

江绍华到开发区调研企业复工

本报讯 8月9日，江绍华到开发区调研企业复工复产情况。

（记者 李明）
"""

JULY_HEADLINE = "江绍华督导调研幸福食堂"
AUGUST_HEADLINE = "江绍华到开发区调研企业复工"


def run_cli(
    *args: str | bytes, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """`python -m reader ARGS` in a real process (offscreen Qt), output kept as bytes.

    Arguments may be bytes, to pass what a terminal sends when it is not UTF-8.
    """
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    command: list[str | bytes] = [sys.executable, "-m", "reader", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, env=full_env, check=False, timeout=timeout)


def build_archive(folder: Path, issues: Sequence[tuple[str, str]] = ()) -> Path:
    """Write the two issues (or `issues`: (file name, text)) and import them with the CLI."""
    source = folder / "issues"
    source.mkdir(parents=True)
    for name, text in issues or (("july.txt", JULY_ISSUE), ("august.txt", AUGUST_ISSUE)):
        (source / name).write_text(text, encoding="utf-8")
    db = folder / "archive.sqlite3"
    done = run_cli("import", str(source), "--db", str(db))
    assert 0 == done.returncode, done.stderr.decode("utf-8")
    return db


def out_text(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stdout.decode("utf-8")


def err_text(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stderr.decode("utf-8")
