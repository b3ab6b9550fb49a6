"""What the window's command line accepts: an archive, --self-test, --help; nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def start(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
        timeout=120,
    )


def test_help_prints_the_usage_and_creates_no_file(tmp_path: Path) -> None:
    done = start("--help", cwd=tmp_path)
    assert 0 == done.returncode
    assert "用法：ArchiveReader" in done.stdout
    assert [] == list(tmp_path.iterdir())


@pytest.mark.parametrize("args", [("--version",), ("-x",), ("a.sqlite3", "b.sqlite3")])
def test_an_unknown_option_is_refused_and_creates_no_file(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = start(*args, cwd=tmp_path)
    assert 2 == done.returncode
    assert "无法识别的参数" in done.stderr and "用法" in done.stderr
    assert [] == list(tmp_path.iterdir())
