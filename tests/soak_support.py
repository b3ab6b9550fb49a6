"""Many processes on one archive at once (issue 21): the window and the command line, each in
processes of their own; tests/soak_checks.py then judges what they left.

The window writes (tests/soak_window.py: stars, notes, a retitle, dates, and searches, in a real
MainWindow, offscreen); beside it, terminals run the command line in a loop, every call a fresh
`python -m reader` as a user at a terminal starts it: readers (`search`, `timeline`, `info`,
`export`), an import of new issues each round, and a `backup`. The terminals go on until the
window has closed, each command at least once.

tests/test_soak.py runs it for 25 seconds; bench/soak.py for minutes, printing the counts. Only
the processes touch the archive while they run: this process reads it with sqlite3 before they
start and after they end.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cli_support import REPO, run_cli
from issue_texts import many_issues
from soak_checks import Run, SoakReport, check

from reader.archive.paths import PERSONAL_ENV_VAR, personal_path

WINDOW_SCRIPT = REPO / "tests" / "soak_window.py"
SEED_ISSUES = 40
SEED_UNDATED = 4
IMPORT_PER_ROUND = 2
RUN_TIMEOUT_S = 240  # one command-line run; generous for a loaded two-core machine
WINDOW_GRACE_S = 300  # the window's start, its last round and its close, beyond its seconds


@dataclass(frozen=True)
class Places:
    """The soak's folder: the archive, seeded with `seeded` dated issues, the personal file
    every process is given (the one $ARCHIVE_READER_PERSONAL names when prepared, as the tests
    redirect it), and two article keys to export."""

    folder: Path
    db: Path
    personal: Path
    seeded: int
    keys: tuple[str, str]


@dataclass(frozen=True)
class Call:
    """One command line, and the files it imports (what a status 0 acknowledges)."""

    args: tuple[str, ...]
    imports: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return self.args[0]


def prepare(folder: Path, issues: int = SEED_ISSUES, undated: int = SEED_UNDATED) -> Places:
    """An archive of `issues` dated and `undated` undated issues, imported by the command line."""
    many_issues(folder / "seed", issues, undated)
    db = folder / "archive.sqlite3"
    done = run_cli("import", str(folder / "seed"), "--db", str(db), timeout=RUN_TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace"))
    conn = sqlite3.connect(db)
    try:
        first, second = (row[0] for row in conn.execute("SELECT key FROM articles ORDER BY id LIMIT 2"))
    finally:
        conn.close()
    return Places(folder, db, personal_path(), issues, (first, second))


# --- the terminals -----------------------------------------------------------------------------

Command = Callable[[int], Call]  # the round's number → what to run


def reader_commands(places: Places) -> list[list[Command]]:
    """What the reading terminals run in turn, one list per terminal."""
    db = str(places.db)
    pdf = str(places.folder / "export.pdf")
    return [
        [
            lambda _n: Call(("search", "--db", db, "幸福食堂", "--limit", "1")),
            lambda _n: Call(("timeline", "--db", db, "口袋公园")),
        ],
        [
            lambda _n: Call(("info", "--db", db)),
            lambda _n: Call(("export", "--db", db, "--out", pdf, "--key", *places.keys)),
        ],
        [
            lambda _n: Call(("search", "--db", db, "标题:延时服务", "--sort", "newest", "--json")),
            lambda _n: Call(("info", "--db", db, "--gaps")),
        ],
    ]


def import_command(places: Places) -> Command:
    """Each round, new issues (the days after everything imported so far, and an undated one
    for the window to date) and their import."""

    def command(n: int) -> Call:
        folder = places.folder / "imports" / f"round-{n:05d}"
        first = places.seeded + n * IMPORT_PER_ROUND
        files = many_issues(folder, IMPORT_PER_ROUND, undated=1, first=first)
        args = ("import", str(folder), "--db", str(places.db))
        return Call(args, tuple(path.name for path in files))

    return command


def backup_command(places: Places) -> Command:
    return lambda _n: Call(("backup", "--db", str(places.db), "--out", str(backup_path(places))))


def backup_path(places: Places) -> Path:
    return places.folder / "backup.sqlite3"


def run_call(call: Call) -> Run:
    """`python -m reader ARGS` in a process of its own; a run past RUN_TIMEOUT_S is killed."""
    try:
        done = run_cli(*call.args, timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired as late:
        printed = b"".join(part or b"" for part in (late.stdout, late.stderr))
        return Run(call.kind, None, printed.decode("utf-8", "replace"), call.imports)
    printed = done.stdout + done.stderr
    return Run(call.kind, done.returncode, printed.decode("utf-8", "replace"), call.imports)


class Terminal(threading.Thread):
    """Runs its commands in turn, one process after another, until `stop` is set; each command
    at least once whatever the time."""

    def __init__(self, commands: Sequence[Command], stop: threading.Event) -> None:
        super().__init__(name="soak-terminal", daemon=True)
        self._commands = list(commands)
        self._stopping = stop
        self.runs: list[Run] = []

    def run(self) -> None:
        n = 0
        while n < len(self._commands) or not self._stopping.is_set():
            self.runs.append(run_call(self._commands[n % len(self._commands)](n)))
            n += 1


# --- the window --------------------------------------------------------------------------------


def window_log(places: Places) -> Path:
    return places.folder / "window-steps.jsonl"


def start_window(places: Places, seconds: float) -> subprocess.Popen[bytes]:
    """The window's process (tests/soak_window.py), all it prints into window.out beside the archive."""
    args = [sys.executable, str(WINDOW_SCRIPT), "--db", str(places.db), "--log", str(window_log(places))]
    args += ["--settings", str(places.folder / "settings"), "--seconds", str(seconds)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", PERSONAL_ENV_VAR: str(places.personal)}
    with (places.folder / "window.out").open("wb") as out:
        return subprocess.Popen(args, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for_window(places: Places, process: subprocess.Popen[bytes], seconds: float) -> Run:
    try:
        status: int | None = process.wait(timeout=seconds + WINDOW_GRACE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        status = None
    printed = (places.folder / "window.out").read_bytes().decode("utf-8", "replace")
    return Run("window", status, printed)


def run_soak(places: Places, seconds: float, readers: int = 3) -> SoakReport:
    """The window for `seconds`, with `readers` reading terminals, an importing one and one
    backing up beside it until it has closed; then the checks (see the module docstring)."""
    stop = threading.Event()
    commands = [*reader_commands(places)[:readers], [import_command(places)], [backup_command(places)]]
    terminals = [Terminal(each, stop) for each in commands]
    window = start_window(places, seconds)
    for terminal in terminals:
        terminal.start()
    try:
        window_run = wait_for_window(places, window, seconds)
    finally:
        stop.set()
        for terminal in terminals:
            terminal.join()
    runs = [window_run, *(run for terminal in terminals for run in terminal.runs)]
    return check(places.db, places.personal, window_log(places), backup_path(places), runs)
