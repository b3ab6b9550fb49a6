"""What must hold once the processes of the soak have ended (tests/soak_support.py runs them).

- `PRAGMA integrity_check` of the archive is ok, and so is that of the last backup;
- every write the window acknowledged (its log: tests/soak_window.py), and every file an import
  reported imported (status 0), is in the file. A later acknowledged write of the same thing may
  have replaced one (a note or a date given to the same bookmark or issue again): that one counts
  `superseded`, and the later one must be there; bookmarks and notes are looked for in the
  personal file the window wrote them to (reader.archive.personal), under the archive's identity;
- no -wal file is left beside the archive or the personal file (whoever closed last tidied up);
- no process printed a traceback, `disk I/O error` or `malformed`, and every run ended with
  status 0 or was refused with the archive's own busy message (档案正被其他程序占用…), which
  says aloud what happened and is no error; the window's steps likewise.

The archive (with the personal file attached) is read with sqlite3 alone, after every process
has ended.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reader.archive.db import side_files
from reader.archive.errors import ArchiveError

ERROR_WORDS = ("Traceback", "disk I/O error", "malformed")
READ_KINDS = ("search", "timeline", "info", "export", "backup", "window search")
WINDOW_KINDS = ("bookmark", "note", "retitle", "date")


@dataclass(frozen=True)
class Run:
    """One process that ran: its kind (the command, or "window"), status (None: killed after its
    time), everything it printed, and the files it imported."""

    kind: str
    status: int | None
    output: str
    imports: tuple[str, ...] = ()


@dataclass
class SoakReport:
    """The counts and what went wrong. Writes by kind (the window's four, "import" for files
    imported): `acknowledged` = `found` + `superseded` + len(missing). Runs by kind (each
    command, "window", and "window search" for the window's searches): `ok` (status 0, a search
    answered), `busy` refusals, and `errors` (each a line saying what and where)."""

    acknowledged: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    superseded: Counter[str] = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)
    ok: Counter[str] = field(default_factory=Counter)
    busy: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    error_counts: Counter[str] = field(default_factory=Counter)
    integrity: str = ""
    backup_integrity: str = ""
    wal_left: bool = False

    def error(self, kind: str, text: str) -> None:
        self.error_counts[kind] += 1
        self.errors.append(f"{kind}: {text}")

    def problems(self) -> list[str]:
        """Everything that must not happen; empty after a good soak."""
        found = [f"写入后不在档案中：{m}" for m in self.missing] + self.errors
        if self.integrity != "ok":
            found.append(f"档案的 integrity_check：{self.integrity}")
        if self.backup_integrity not in ("ok", ""):
            found.append(f"备份的 integrity_check：{self.backup_integrity}")
        if self.wal_left:
            found.append("所有程序都已退出，档案旁仍留着 -wal 文件")
        return found

    def lines(self) -> list[str]:
        """The totals, the counts by kind, then every problem."""
        reads = sum(self.ok[kind] for kind in READ_KINDS)
        out = [
            f"total: {sum(self.acknowledged.values())} writes acknowledged, {sum(self.found.values())} found"
            f" and {sum(self.superseded.values())} superseded, {len(self.missing)} missing;"
            f" {reads} reads; {sum(self.busy.values())} busy; {len(self.errors)} errors",
            "writes        acknowledged   found   superseded   missing",
        ]
        missing = Counter(m.split(" ", 1)[0] for m in self.missing)
        for kind in sorted(self.acknowledged):
            out.append(
                f"  {kind:<12}{self.acknowledged[kind]:>12}{self.found[kind]:>8}"
                f"{self.superseded[kind]:>13}{missing[kind]:>10}"
            )
        out.append("runs                 ok    busy  errors")
        for kind in sorted(set(self.ok) | set(self.busy) | set(self.error_counts)):
            out.append(f"  {kind:<15}{self.ok[kind]:>6}{self.busy[kind]:>8}{self.error_counts[kind]:>8}")
        out.append(f"integrity_check: archive {self.integrity}, last backup {self.backup_integrity or '-'}")
        out.append(f"-wal left beside the archive: {'yes' if self.wal_left else 'no'}")
        out += [f"PROBLEM {p}" for p in self.problems()]
        return out


def check(db: Path, personal: Path, window_log: Path, backup: Path, runs: list[Run]) -> SoakReport:
    """Judge what the processes left: the archive `db`, the `personal` file of bookmarks, the
    window's log of its steps, the last `backup`, and the `runs` (see the module docstring).
    Call it once every process has ended."""
    report = SoakReport()
    # before a connection of ours tidies them
    report.wal_left = any(side_files(path)[0].exists() for path in (db, personal))
    busy_text = str(ArchiveError(db, "locked"))
    for run in runs:
        judge_run(report, run, busy_text)
    steps = read_steps(window_log)
    judge_steps(report, steps)
    conn = sqlite3.connect(db)
    try:
        conn.execute("ATTACH DATABASE ? AS personal", (str(personal),))
        report.integrity = integrity(conn)
        check_window_writes(report, conn, steps)
        check_imports(report, conn, runs)
    finally:
        conn.close()
    if any(run.kind == "backup" and run.status == 0 for run in runs):
        copy = sqlite3.connect(backup)
        try:
            report.backup_integrity = integrity(copy)
        finally:
            copy.close()
    return report


def integrity(conn: sqlite3.Connection) -> str:
    return "; ".join(str(row[0]) for row in conn.execute("PRAGMA integrity_check"))


def judge_run(report: SoakReport, run: Run, busy_text: str) -> None:
    """A run is ok (status 0), busy (refused with the busy message), or an error."""
    words = [word for word in ERROR_WORDS if word.lower() in run.output.lower()]
    if words:
        report.error(run.kind, f"printed {', '.join(words)}:\n{excerpt(run.output, words[0])}")
    elif run.status == 0:
        report.ok[run.kind] += 1
    elif run.status is not None and busy_text in run.output:
        report.busy[run.kind] += 1
    else:
        ended = f"status {run.status}" if run.status is not None else "did not end in time (killed)"
        report.error(run.kind, f"{ended}:\n{run.output[-2000:]}")


def excerpt(text: str, word: str, around: int = 1500) -> str:
    """The part of `text` around the first `word` (case aside)."""
    at = text.lower().find(word.lower())
    return text[max(0, at - around) : at + around]


def read_steps(path: Path) -> list[dict[str, object]]:
    """The window's log, one step a line (none when the window never got to write one); a line
    cut short (the window killed as it wrote it) is a failed step."""
    if not path.exists():
        return []
    return [read_step(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_step(line: str) -> dict[str, object]:
    try:
        step: dict[str, object] = json.loads(line)
    except json.JSONDecodeError:
        return {"kind": "log", "key": "", "value": line, "outcome": "failed", "detail": "日志行不完整"}
    return step


def judge_steps(report: SoakReport, steps: list[dict[str, object]]) -> None:
    """Count the window's steps; a failed one is an error, a refused one busy."""
    for step in steps:
        kind = "window search" if step["kind"] == "search" else f"window {step['kind']}"
        if step["outcome"] == "read":
            report.ok[kind] += 1
        elif step["outcome"] == "acknowledged":
            report.acknowledged[str(step["kind"])] += 1
        elif step["outcome"] == "busy":
            report.busy[kind] += 1
        else:
            report.error(kind, f"{step['key']} → {step['value']}: {step['detail']}")


def check_window_writes(report: SoakReport, conn: sqlite3.Connection, steps: list[dict[str, object]]) -> None:
    """Each acknowledged write of the window in the file; one replaced by a later acknowledged
    write of the same kind and key counts superseded, and the later one must be there."""
    acknowledged = [s for s in steps if s["outcome"] == "acknowledged"]
    for index, step in enumerate(acknowledged):
        kind, key, value = str(step["kind"]), str(step["key"]), step["value"]
        later = any(s["kind"] == kind and s["key"] == key for s in acknowledged[index + 1 :])
        if later and kind in ("note", "date"):
            report.superseded[kind] += 1
        elif stored(conn, kind, key, value, last=not later):
            report.found[kind] += 1
        else:
            report.missing.append(f"{kind} {key} → {value}")


def stored(conn: sqlite3.Connection, kind: str, key: str, value: object, *, last: bool) -> bool:
    """Whether the archive holds this write of the window (a retitle: its correction, and the
    headline too when no later retitle of the article came)."""
    if kind in ("bookmark", "note"):
        row = conn.execute(
            "SELECT note FROM personal.bookmarks WHERE article_key = ? AND archive_id ="
            " (SELECT value FROM main.archive_meta WHERE key = 'archive_id')",
            (key,),
        ).fetchone()
        return row is not None and (kind == "bookmark" or row[0] == value)
    if kind == "date":
        row = conn.execute("SELECT user_date FROM issues WHERE id = ?", (int(key),)).fetchone()
        return row is not None and row[0] == value
    made = conn.execute(
        "SELECT 1 FROM corrections WHERE kind = 'retitle' AND article_key = ? AND undone_at IS NULL"
        " AND json_extract(params, '$.fields.headline') = ?",
        (key, value),
    ).fetchone()
    headline = conn.execute("SELECT headline FROM articles WHERE key = ?", (key,)).fetchone()
    return made is not None and (not last or (headline is not None and headline[0] == value))


def check_imports(report: SoakReport, conn: sqlite3.Connection, runs: list[Run]) -> None:
    """Every file of an import that ended with status 0 is in the archive's sources."""
    for run in runs:
        if run.kind != "import" or run.status != 0:
            continue
        for name in run.imports:
            report.acknowledged["import"] += 1
            if conn.execute("SELECT 1 FROM sources WHERE name = ?", (name,)).fetchone() is None:
                report.missing.append(f"import {name}")
            else:
                report.found["import"] += 1
