"""Files → archive rows: the one way in for an import (`import_paths`), laid out as its stages.

Read (reader.text turns a file into a parsed issue), place (reader.archive.placement decides which
issue the file belongs to and what it replaces), write (reader.archive.issue_writer writes the
rows), one transaction per file; the staff corrections of the issues a file touches are lifted
before the write and replayed after it (reader.archive.corrections).

What a file replaces is decided by reader.archive.placement: the files of one issue add up to that
issue; a file updates only its own earlier import; a file that would duplicate or replace another
file's articles is a conflict, reported and not imported unless the caller says how to resolve it
(`on_conflict="replace"` takes the other file's place, `"keep"` keeps both). Article keys are kept
across re-imports, so bookmarks and the user's dates survive.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from reader.archive.corrections.carry import follow_file
from reader.archive.corrections.replay import corrections_touched, has_corrections, lift, replay
from reader.archive.demo import DEMO_PUBLICATION, has_demo, remove_demo
from reader.archive.errors import ArchiveError
from reader.archive.formatting import issue_label
from reader.archive.handle import Archive
from reader.archive.health import damage_error
from reader.archive.holder import announced
from reader.archive.interrupt import Interrupter
from reader.archive.issue_writer import (
    assign_keys,
    reusable_keys,
    stored_as_parsed,
    write_articles,
    write_source,
)
from reader.archive.keys import issue_key
from reader.archive.papers import recognised_names
from reader.archive.placement import Placement, place
from reader.archive.protected import protected_reason
from reader.archive.sources import delete_sources, refresh_issue
from reader.text.cancel import cancel_scope, checkpoint
from reader.text.errors import Cancelled, SourceError
from reader.text.folders import Sources, find_sources
from reader.text.load import read_issue
from reader.text.model import ParsedIssue
from reader.text.query import readable_text

Status = Literal["imported", "replaced", "unchanged", "conflict"]
OnConflict = Literal["report", "replace", "keep"]
MAX_DEFECT_MESSAGE = 200


@dataclass(frozen=True)
class ImportOutcome:
    """What importing one file did.

    `articles` is the file's article count; `issue_id` is the issue it belongs to (None for a
    conflict that would have started a new issue); `detail` says why for a conflict; `notes`
    are what reading the file noticed (ParsedIssue.notes).
    """

    status: Status
    issue_id: int | None
    articles: int
    label: str
    detail: str = ""
    notes: tuple[str, ...] = ()


@dataclass
class ImportReport:
    """The result of a batch; filled in file by file, so a cancelled batch reports what it did."""

    imported: list[Path] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    conflict: list[tuple[Path, str]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # links out of a folder (text.folders)
    notes: list[tuple[Path, str]] = field(default_factory=list)  # read, with something to say
    articles: int = 0
    total: int = 0
    cancelled: bool = False
    stopped: str | None = None
    damaged: bool = False  # stopped before writing because the archive is damaged
    demo_removed: int = 0

    @property
    def ok(self) -> bool:
        """True when every file was handled (imported, replaced or unchanged)."""
        return not self.failed and not self.conflict and not self.cancelled and self.stopped is None


Progress = Callable[[int, int, Path, "ImportOutcome | Exception"], None]


# --- the way in: a batch of files and folders, file by file ---------------------------------


def import_paths(
    archive: Archive,
    paths: list[Path] | Sources,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
    *,
    on_conflict: OnConflict = "report",
    demo: bool = False,
    interrupter: Interrupter | None = None,
) -> ImportReport:
    """The one way in for an import: every file (folders searched recursively, or the `Sources`
    found already) into an open archive; a bad file is a failure, not the end; a link out of a
    folder is skipped (`report.skipped`). Each file is read, placed (reader.archive.placement)
    and written in its own transaction (`import_issue`).

    With an `interrupter` (and `should_cancel=interrupter.cancelled`), `interrupter.cancel()` from
    another thread also stops the statement running at that moment (the file is rolled back); it
    watches the connection only while this import runs, so a cancel never reaches the writes a
    window queues after it.

    `progress(index, total, path, outcome_or_error)` is called after each file (index from 1).
    Each file is read and written inside its own cancel scope (reader.text.cancel):
    `should_cancel()` is asked before the file, at each stage of reading it (bytes, decoding,
    parsing, and every few ten thousand characters inside), before its write and before its
    commit; a cancelled file leaves nothing of itself, and a cancel that interrupts the file
    being written (Interrupter) rolls it back. An ArchiveError after which no write can
    succeed (read-only, disk full, damaged, locked) stops the batch and is kept in
    `report.stopped`; so is damage found in the archive before anything is written. The first
    real file imported takes the demo issue out of the archive.
    """
    with interrupter.watching(archive.conn) if interrupter is not None else nullcontext():
        return _import_batch(archive, paths, progress, should_cancel, on_conflict, demo)


def _import_batch(
    archive: Archive,
    paths: list[Path] | Sources,
    progress: Progress | None,
    should_cancel: Callable[[], bool] | None,
    on_conflict: OnConflict,
    demo: bool,
) -> ImportReport:
    found = paths if isinstance(paths, Sources) else find_sources([Path(p) for p in paths])
    files = found.files
    report = ImportReport(total=len(files), skipped=list(found.skipped))
    try:
        damage = damage_error(archive)
    except sqlite3.OperationalError:
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            return report
        raise
    if damage is not None:
        report.damaged = True
        report.stopped = str(damage)
        return report
    # Loaded before the first file's write transaction, not inside it: the window's bookmark or
    # date waits on that lock, and the load alone took seconds on a busy machine (soak test).
    archive.tokenizer.segmenter.load()
    with announced(archive.path, "导入"):
        _import_files(archive, files, report, progress, should_cancel, on_conflict, demo)
    if not demo and (report.imported or report.replaced) and has_demo(archive):
        with archive.transaction():
            report.demo_removed = remove_demo(archive)
    return report


def _import_files(
    archive: Archive,
    files: list[Path],
    report: ImportReport,
    progress: Progress | None,
    should_cancel: Callable[[], bool] | None,
    on_conflict: OnConflict,
    demo: bool,
) -> None:
    """Each file in turn into `report`, until the last one, a cancel, or an error that stops
    the batch; `progress` after each file."""
    papers = known_papers(archive)
    cancelled = should_cancel or (lambda: False)
    for index, path in enumerate(files, start=1):
        result: ImportOutcome | Exception
        try:
            with cancel_scope(should_cancel, path.name):
                result, paper = _import_file(archive, path, papers, on_conflict, demo)
        except Cancelled:
            report.cancelled = True
            break
        except sqlite3.OperationalError:
            if cancelled():  # interrupted by the cancel
                report.cancelled = True
                break
            raise
        except (SourceError, ArchiveError) as err:
            result = err
            _record_failure(report, path, err)
        else:
            _record(report, path, result)
            if paper and result.status in ("imported", "replaced"):
                papers |= {paper}  # the next file of this batch knows it
        if progress is not None:
            progress(index, len(files), path, result)
        if report.stopped is not None:
            break


def _import_file(
    archive: Archive,
    path: Path,
    papers: frozenset[str],
    on_conflict: OnConflict,
    demo: bool,
) -> tuple[ImportOutcome, str | None]:
    """One file read and imported, inside its cancel scope: its outcome and the paper it named
    (None for the demo). The checkpoints here are the stages' boundaries."""
    checkpoint()
    if (why := protected_reason(path, archive.path, databases=False)) is not None:
        # Never read: closing a descriptor of the archive drops this process's SQLite locks.
        raise SourceError(path.name, f"{why}，不是报纸文本，不能导入")
    parsed = _read(path, papers)
    checkpoint()
    outcome = import_issue(archive, parsed, source_path=path, on_conflict=on_conflict, demo=demo)
    return outcome, None if demo else parsed.publication


def _record(report: ImportReport, path: Path, outcome: ImportOutcome) -> None:
    """A file's outcome in the batch's report."""
    report.notes += [(path, note) for note in outcome.notes]
    if outcome.status == "conflict":
        report.conflict.append((path, outcome.detail))
    else:
        getattr(report, outcome.status).append(path)
    if outcome.status in ("imported", "replaced"):
        report.articles += outcome.articles


def _record_failure(report: ImportReport, path: Path, error: SourceError | ArchiveError) -> None:
    """A file that failed, in the report; an archive error no later write can get past stops
    the batch."""
    report.failed.append((path, str(error)))
    if isinstance(error, ArchiveError) and error.fatal:
        report.stopped = str(error)


# --- read: a file → a parsed issue ----------------------------------------------------------


def known_papers(archive: Archive) -> frozenset[str]:
    """The names of the papers the archive holds (not the demo's) and the names a paper was renamed
    from, which the parser recognises in mastheads, folios and file names: a paper it learnt from
    one issue's logo names its inner pages too. Import and `reader parse --db` pass the parser this
    same list."""
    return recognised_names(archive, leave_out=DEMO_PUBLICATION)


def _read(path: Path, papers: frozenset[str]) -> ParsedIssue:
    """read_issue, with a parser defect on one odd file reported as that file's failure.

    A batch of hundreds of dumps must not stop, and nothing imported before may be lost, because
    one file trips a bug in the parser; the message asks the user to report the file. It names the
    error, never the file's content (an exception's repr can hold megabytes of it). A cancel
    during a long file (Cancelled) is no defect and passes through.
    """
    try:
        return read_issue(path, papers=papers)
    except (SourceError, Cancelled):
        raise
    except Exception as err:  # a bug, but one confined to this file's text
        what = f"{type(err).__name__}: {err}"[:MAX_DEFECT_MESSAGE]
        raise SourceError(path.name, f"解析时出错（程序缺陷，请把此文件报告给开发者）：{what}") from err


# --- one parsed file, in one transaction: placed, then written ----------------------------


def import_issue(
    archive: Archive,
    parsed: ParsedIssue,
    source_path: Path | None = None,
    *,
    on_conflict: OnConflict = "report",
    demo: bool = False,
) -> ImportOutcome:
    """Store one parsed file in one transaction: 'imported', 'replaced', 'unchanged' or 'conflict'.

    Raises ArchiveError for known database problems (read-only, locked, full, damaged); nothing
    of the file is written then. The cancel scope open (reader.text.cancel) is asked once more
    before the commit: a cancel that came while Python (not SQLite) was busy indexing a long
    file finds no statement to interrupt, and without this check the file would be committed
    after the user cancelled.
    """
    with archive.transaction():
        outcome = _import(archive, parsed, source_path, on_conflict, demo)
        checkpoint()
    return replace(outcome, notes=parsed.notes)


def _import(
    archive: Archive, parsed: ParsedIssue, path: Path | None, on_conflict: OnConflict, demo: bool
) -> ImportOutcome:
    """Place the file, and write it with the staff corrections of the issues it touches lifted:
    keys are reused by what the files say, and the corrections are applied anew afterwards."""
    parsed = replace(parsed, source=readable_text(parsed.source))
    key = issue_key(parsed)
    placement = place(archive.conn, parsed, key, path)
    corrected = corrections_touched(archive, placement)
    lift(archive, corrected)
    moved_from = _moved_from(archive, placement, corrected)
    outcome = _import_placed(archive, parsed, key, path, placement, on_conflict, demo)
    if moved_from is not None and outcome.status == "replaced" and outcome.issue_id is not None:
        follow_file(archive, moved_from, outcome.issue_id, outcome.label)
    if corrected or (outcome.issue_id is not None and has_corrections(archive)):
        replay(archive, corrected | ({outcome.issue_id} if outcome.issue_id is not None else set()))
    return outcome


def _moved_from(archive: Archive, placement: Placement, corrected: set[int]) -> str | None:
    """The key of the issue the file was imported into before, when it now reads as another
    issue and that issue has corrections (which may have to go with the file); else None."""
    previous = placement.previous
    if previous is None or not placement.moved or previous.issue_id not in corrected:
        return None
    row = archive.conn.execute("SELECT key FROM issues WHERE id = ?", (previous.issue_id,)).fetchone()
    return None if row is None else str(row[0])


def conflict_detail(placement: Placement) -> str:
    """Why a file was not imported: which other files it repeats or would move away from."""
    reasons = []
    for clash in placement.clashes:
        if clash.shared:
            reasons.append(
                f"与已导入的“{clash.source.name}”（{clash.issue_label}）有 {clash.shared} 篇相同的文章"
            )
        else:
            reasons.append(f"此文件以前导入为“{clash.issue_label}”，现在读作另一期（日期或期号变了）")
    return "；".join(reasons)


# --- write (the rows themselves: reader.archive.issue_writer) ------------------------------


def _import_placed(
    archive: Archive,
    parsed: ParsedIssue,
    key: str,
    path: Path | None,
    placement: Placement,
    on_conflict: OnConflict,
    demo: bool,
) -> ImportOutcome:
    conn = archive.conn
    label = issue_label(parsed.date, parsed.publication, parsed.number, parsed.source)
    count = len(parsed.articles)
    previous = placement.previous
    if placement.same_content and stored_as_parsed(conn, placement, parsed, demo):
        assert previous is not None
        return ImportOutcome("unchanged", previous.issue_id, count, label)
    forced = placement.same_content  # the same text read anew: the parser's reading wins
    if placement.clashes and on_conflict == "report" and not forced:
        return ImportOutcome("conflict", placement.issue_id, count, label, conflict_detail(placement))

    replaced: list[int] = []
    if previous is not None and (not placement.moved or forced or on_conflict == "replace"):
        replaced.append(previous.id)
    if on_conflict == "replace" and not forced:
        replaced += [c.source.id for c in placement.clashes if c.source.id not in replaced]
    reuse = reusable_keys(conn, replaced)
    touched = delete_sources(archive, replaced)
    issue_id, source_id = write_source(archive, parsed, key, path, placement, demo)
    stable = conn.execute("SELECT key FROM issues WHERE id = ?", (issue_id,)).fetchone()[0]
    write_articles(
        archive, issue_id, source_id, assign_keys(conn, stable, parsed.articles, reuse), parsed.articles
    )
    for touched_issue in sorted(touched | {issue_id}):
        refresh_issue(conn, touched_issue)
    status: Status = "replaced" if previous is not None and previous.id in replaced else "imported"
    return ImportOutcome(status, issue_id, count, label)
