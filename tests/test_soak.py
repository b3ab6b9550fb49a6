"""Many processes on one archive (issue 21): the window writing bookmarks, notes, corrections and
dates while command-line readers, an import and a backup run beside it, each in a process of its
own. Nothing the window acknowledged may be lost, the file stays whole, no process reports a
damaged file or crashes (tests/soak_support.py; bench/soak.py runs it for minutes).

Issue 21's defect (1) is what this catches: a command-line reader closing while the window was
open removed the -wal and -shm files the window still wrote into, and its later writes, shown in
the window, were not in the file after it closed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from soak_checks import WINDOW_KINDS
from soak_support import prepare, run_soak

pytestmark = pytest.mark.soak

SECONDS = 25
READS = ("search", "timeline", "info", "export", "backup", "window", "window search")


def test_the_window_and_the_command_line_sharing_an_archive_lose_no_acknowledged_write(
    tmp_path: Path,
) -> None:
    report = run_soak(prepare(tmp_path), SECONDS)
    summary = "\n".join(report.lines())
    assert [] == report.problems(), summary
    assert {*WINDOW_KINDS, "import"} <= set(report.acknowledged), summary  # each kind did write
    assert set(READS) <= set(report.ok), summary
