"""Parsed files → archive rows, one transaction per file, and batch import of files and folders.

What a file replaces is decided by reader.archive.placement: the files of one issue add up to that
issue; a file updates only its own earlier import; a file that would duplicate or replace another
file's articles is a conflict, reported and not imported unless the caller says how to resolve it
(`on_conflict="replace"` takes the other file's place, `"keep"` keeps both). Article keys are kept
across re-imports, so bookmarks and the user's dates survive.
"""

from __future__ import annotations

import datetime as dt
import json
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
from reader.archive.keys import article_fingerprint, article_ident, article_key, issue_key, keys_of
from reader.archive.placement import Placement, place, stored_path
from reader.archive.protected import protected_reason
from reader.archive.search_index import index_articles
from reader.archive.sources import delete_sources, publication_id, refresh_issue
from reader.text.errors import Cancelled, SourceError
from reader.text.folders import Sources, find_sources
from reader.text.load import read_issue
from reader.text.model import Article, ParsedIssue
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


def _source_values(parsed: ParsedIssue, demo: bool) -> dict[str, object]:
    """What the file itself says, as stored on its source row (the issue merges its sources)."""
    pages = [a.page for a in parsed.articles if a.page is not None]
    return {
        "publication": DEMO_PUBLICATION if demo else parsed.publication,
        "date": parsed.date,
        "date_source": parsed.date_source,
        "weekday": parsed.weekday,
        "lunar": parsed.lunar,
        "number": parsed.number,
        "page_count": parsed.page_count,
        "date_hint_year": parsed.date_hint.year,
        "date_hint_reason": parsed.date_hint.reason or None,
        "masthead": json.dumps(list(parsed.masthead), ensure_ascii=False),
        "sections": json.dumps(list(parsed.sections), ensure_ascii=False),
        "demo": int(demo),
        "first_page": min(pages) if pages else None,
    }


def _article_values(article: Article) -> tuple[object, ...]:
    return (
        article.page,
        article.kicker,
        article.headline,
        article.subtitle,
        article.dateline,
        article.byline,
        article.body,
        article.kind,
    )


ARTICLE_COLUMNS = "page, kicker, headline, subtitle, dateline, byline, body, kind"


def _stored_as_parsed(
    conn: sqlite3.Connection, placement: Placement, parsed: ParsedIssue, demo: bool
) -> bool:
    """True when the earlier import holds exactly what this parse would write (nothing to do)."""
    previous = placement.previous
    if previous is None or placement.moved:
        return False
    values = _source_values(parsed, demo)
    columns = list(values)
    row = conn.execute(f"SELECT {', '.join(columns)} FROM sources WHERE id = ?", (previous.id,)).fetchone()
    if row is None or list(row) != list(values.values()):
        return False
    stored = conn.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE source_id = ? ORDER BY id", (previous.id,)
    ).fetchall()
    return stored == [_article_values(a) for a in parsed.articles]


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


def _reusable_keys(conn: sqlite3.Connection, source_ids: list[int]) -> dict[str, list[str]]:
    """Keys of the articles about to be replaced, by article identity, in their order."""
    reuse: dict[str, list[str]] = {}
    for source_id in source_ids:
        rows = conn.execute(
            "SELECT key, headline, body FROM articles WHERE source_id = ? ORDER BY id", (source_id,)
        )
        for key, headline, body in rows:
            ident = article_ident(Article(page=None, headline=headline, body=body))
            reuse.setdefault(ident, []).append(key)
    return reuse


def _assign_keys(
    conn: sqlite3.Connection, issue: str, articles: tuple[Article, ...], reuse: dict[str, list[str]]
) -> list[str]:
    """Stable keys: an article replacing one of the same identity keeps that one's key; a new
    one gets the first free `article_key(issue, ident, n)`, which for a single-file issue is the
    key earlier versions of the program gave it.

    Each n is tried once per identity: the ones tried before were taken then and stay taken, so
    the search goes on from the last one. Starting at 0 for every article made a file holding one
    article a thousand times (an issue pasted over and over) cost a million key look-ups. The
    archive is asked about the likely candidates all at once, about any other one by one.
    """
    idents = [article_ident(article) for article in articles]
    likely = keys_of(issue, idents)  # each new article's first candidate when nothing collides
    stored, likely_set = _stored_keys(conn, likely), set(likely)

    def free(candidate: str) -> bool:
        if candidate in likely_set:
            return candidate not in stored
        return conn.execute("SELECT 1 FROM articles WHERE key = ?", (candidate,)).fetchone() is None

    keys: list[str] = []
    taken: set[str] = set()
    tried: dict[str, int] = {}  # identity → the first n not yet tried
    for ident in idents:
        pool = reuse.get(ident) or []
        key = pool.pop(0) if pool else None
        n = tried.get(ident, 0)
        while key is None or key in taken:
            candidate = article_key(issue, ident, n)
            n += 1
            if candidate not in taken and free(candidate):
                key = candidate
        tried[ident] = n
        taken.add(key)
        keys.append(key)
    return keys


def _stored_keys(conn: sqlite3.Connection, keys: list[str]) -> set[str]:
    """Which of `keys` articles in the archive have, asked 500 at a time: one question per
    article made importing a file of thousands of briefs spend a second on them."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0] for row in conn.execute(f"SELECT key FROM articles WHERE key IN ({marks})", chunk)
        )
    return found


def _create_issue(conn: sqlite3.Connection, key: str, parsed: ParsedIssue, demo: bool) -> int:
    """A new issue row; refresh_issue fills in the rest. The publication is set here already:
    rewriting the foreign key later cost ~3 ms a file (an UPDATE of issues.publication_id)."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    publication = publication_id(conn, DEMO_PUBLICATION if demo else parsed.publication)
    cursor = conn.execute(
        "INSERT INTO issues(key, date, imported_at, publication_id) VALUES (?, ?, ?, ?)",
        (key, parsed.date, now, publication),
    )
    return int(cursor.lastrowid or 0)


def _write(
    archive: Archive, parsed: ParsedIssue, key: str, path: Path | None, placement: Placement, demo: bool
) -> tuple[int, int]:
    """Insert the file as a source of its issue; returns (issue id, source id)."""
    conn = archive.conn
    issue_id = (
        placement.issue_id if placement.issue_id is not None else _create_issue(conn, key, parsed, demo)
    )
    values = _source_values(parsed, demo)
    values |= {
        "issue_id": issue_id,
        "name": parsed.source,
        "path": stored_path(path) if path is not None else None,
        "content_hash": parsed.content_hash,
        "imported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    cursor = conn.execute(
        f"INSERT INTO sources({', '.join(values)}) VALUES ({','.join('?' * len(values))})",
        list(values.values()),
    )
    return issue_id, int(cursor.lastrowid or 0)


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
    if placement.same_content and _stored_as_parsed(conn, placement, parsed, demo):
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
    reuse = _reusable_keys(conn, replaced)
    touched = delete_sources(archive, replaced)
    issue_id, source_id = _write(archive, parsed, key, path, placement, demo)
    stable = conn.execute("SELECT key FROM issues WHERE id = ?", (issue_id,)).fetchone()[0]
    keys = _assign_keys(conn, stable, parsed.articles, reuse)
    conn.executemany(
        f"INSERT INTO articles(issue_id, source_id, key, fingerprint, position, {ARTICLE_COLUMNS})"
        f" VALUES ({','.join('?' * 13)})",
        [
            (issue_id, source_id, k, article_fingerprint(a.headline, a.body), n, *_article_values(a))
            for n, (k, a) in enumerate(zip(keys, parsed.articles, strict=True))
        ],
    )
    new_ids = [
        r[0] for r in conn.execute("SELECT id FROM articles WHERE source_id = ? ORDER BY id", (source_id,))
    ]
    index_articles(archive, new_ids)
    for touched_issue in sorted(touched | {issue_id}):
        refresh_issue(conn, touched_issue)
    status: Status = "replaced" if previous is not None and previous.id in replaced else "imported"
    return ImportOutcome(status, issue_id, count, label)


def import_issue(
    archive: Archive,
    parsed: ParsedIssue,
    source_path: Path | None = None,
    *,
    on_conflict: OnConflict = "report",
    demo: bool = False,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportOutcome:
    """Store one parsed file in one transaction: 'imported', 'replaced', 'unchanged' or 'conflict'.

    Raises ArchiveError for known database problems (read-only, locked, full, damaged); nothing
    of the file is written then. `should_cancel()` is asked once more before the commit: a
    cancel that came while Python (not SQLite) was busy indexing a long file finds no statement
    to interrupt, and without this check the file would be committed after the user cancelled.
    """
    with archive.transaction():
        outcome = _import(archive, parsed, source_path, on_conflict, demo)
        if should_cancel is not None and should_cancel():
            raise Cancelled(parsed.source)
    return replace(outcome, notes=parsed.notes)


def _read(path: Path, should_cancel: Callable[[], bool] | None) -> ParsedIssue:
    """read_issue, with a parser defect on one odd file reported as that file's failure.

    A batch of hundreds of dumps must not stop, and nothing imported before may be lost, because
    one file trips a bug in the parser; the message asks the user to report the file. It names the
    error, never the file's content (an exception's repr can hold megabytes of it). A cancel
    during a long file (Cancelled) is no defect and passes through.
    """
    try:
        return read_issue(path, should_cancel=should_cancel)
    except (SourceError, Cancelled):
        raise
    except Exception as err:  # a bug, but one confined to this file's text
        what = f"{type(err).__name__}: {err}"[:MAX_DEFECT_MESSAGE]
        raise SourceError(path.name, f"解析时出错（程序缺陷，请把此文件报告给开发者）：{what}") from err


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

    `progress(index, total, path, outcome_or_error)` is called after each file (index from 1);
    `should_cancel()` is checked before each file and while a long file is parsed; a cancel that
    interrupts the file being written (Interrupter) rolls it back. An ArchiveError after which no write can
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
    for index, path in enumerate(files, start=1):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        result: ImportOutcome | Exception
        try:
            if (why := protected_reason(path, archive.path, databases=False)) is not None:
                # Never read: closing a descriptor of the archive drops this process's SQLite locks.
                raise SourceError(path.name, f"{why}，不是报纸文本，不能导入")
            parsed = _read(path, should_cancel)
            result = import_issue(
                archive,
                parsed,
                source_path=path,
                on_conflict=on_conflict,
                demo=demo,
                should_cancel=should_cancel,
            )
        except Cancelled:
            report.cancelled = True
            break
        except sqlite3.OperationalError:
            if should_cancel is not None and should_cancel():  # interrupted by the cancel
                report.cancelled = True
                break
            raise
        except SourceError as err:
            result = err
            report.failed.append((path, str(err)))
        except ArchiveError as err:
            result = err
            report.failed.append((path, str(err)))
            if err.fatal:
                report.stopped = str(err)
        else:
            report.notes += [(path, note) for note in result.notes]
            if result.status == "conflict":
                report.conflict.append((path, result.detail))
            else:
                getattr(report, result.status).append(path)
            if result.status in ("imported", "replaced"):
                report.articles += result.articles
        if progress is not None:
            progress(index, len(files), path, result)
        if report.stopped is not None:
            break
