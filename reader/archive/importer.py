"""Parsed issues → archive rows, one transaction per issue, and batch import of files.

Re-importing is safe and cheap: an unchanged issue (same key, same content hash) is skipped, a
changed one has its articles replaced in place, keeping the issue row and the user's date.
`import_paths` takes paths, never a connection, so a GUI worker thread can open its own Archive
(or call `import_into` with a database path) and report progress by callback.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.archive.db import Archive, open_archive
from reader.archive.errors import ArchiveError
from reader.archive.keys import article_keys, issue_key
from reader.archive.search_index import index_articles, unindex_articles
from reader.text.errors import SourceError
from reader.text.load import find_sources, read_issue
from reader.text.model import ParsedIssue

Status = Literal["imported", "replaced", "unchanged"]


@dataclass(frozen=True)
class ImportOutcome:
    """What importing one issue did; `articles` is the issue's article count after import."""

    status: Status
    issue_id: int
    articles: int
    label: str


@dataclass
class ImportReport:
    """The result of a batch; filled in file by file, so a cancelled batch reports what it did."""

    imported: list[Path] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    articles: int = 0
    total: int = 0
    cancelled: bool = False
    stopped: str | None = None

    @property
    def ok(self) -> bool:
        """True when every file was handled (imported, replaced or unchanged)."""
        return not self.failed and not self.cancelled and self.stopped is None


Progress = Callable[[int, int, Path, "ImportOutcome | Exception"], None]


def issue_label(parsed: ParsedIssue) -> str:
    """'2022-07-05 东昌时讯 第1449期', or '未定日期 <file>' for an undated issue."""
    parts = [parsed.date or "未定日期"]
    if parsed.publication:
        parts.append(parsed.publication)
    if parsed.number is not None:
        parts.append(f"第{parsed.number}期")
    if parsed.date is None:
        parts.append(parsed.source)
    return " ".join(parts)


def _publication_id(conn: sqlite3.Connection, name: str | None) -> int | None:
    if not name:
        return None
    conn.execute("INSERT OR IGNORE INTO publications(name) VALUES (?)", (name,))
    return int(conn.execute("SELECT id FROM publications WHERE name = ?", (name,)).fetchone()[0])


def _issue_values(parsed: ParsedIssue, publication_id: int | None, source_path: Path | None) -> dict:
    return {
        "publication_id": publication_id,
        "date": parsed.date,
        "date_source": parsed.date_source,
        "weekday": parsed.weekday,
        "lunar": parsed.lunar,
        "number": parsed.number,
        "page_count": parsed.page_count,
        "date_hint_year": parsed.date_hint.year,
        "date_hint_reason": parsed.date_hint.reason or None,
        "sections": json.dumps(list(parsed.sections), ensure_ascii=False),
        "source_name": parsed.source,
        "source_path": str(source_path) if source_path is not None else None,
        "content_hash": parsed.content_hash,
        "imported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


def _write_issue(archive: Archive, parsed: ParsedIssue, key: str, source_path: Path | None) -> ImportOutcome:
    conn = archive.conn
    label = issue_label(parsed)
    row = conn.execute("SELECT id, content_hash FROM issues WHERE key = ?", (key,)).fetchone()
    if row is not None and row[1] == parsed.content_hash:
        count = conn.execute("SELECT count(*) FROM articles WHERE issue_id = ?", (row[0],)).fetchone()[0]
        return ImportOutcome("unchanged", int(row[0]), int(count), label)
    values = _issue_values(parsed, _publication_id(conn, parsed.publication), source_path)
    if row is None:
        columns = ["key", *values]
        marks = ",".join("?" * len(columns))
        cursor = conn.execute(
            f"INSERT INTO issues({','.join(columns)}) VALUES ({marks})", [key, *values.values()]
        )
        issue_id = int(cursor.lastrowid or 0)
        status: Status = "imported"
    else:
        issue_id = int(row[0])
        old_ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE issue_id = ?", (issue_id,))]
        unindex_articles(archive.db, old_ids)
        conn.execute("DELETE FROM articles WHERE issue_id = ?", (issue_id,))
        assignments = ",".join(f"{column} = ?" for column in values)
        conn.execute(f"UPDATE issues SET {assignments} WHERE id = ?", [*values.values(), issue_id])
        status = "replaced"
    keys = article_keys(key, parsed.articles)
    conn.executemany(
        "INSERT INTO articles(issue_id, key, position, page, kicker, headline, subtitle, dateline,"
        " byline, body, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (issue_id, k, pos, a.page, a.kicker, a.headline, a.subtitle, a.dateline, a.byline, a.body, a.kind)
            for pos, (k, a) in enumerate(zip(keys, parsed.articles, strict=True))
        ],
    )
    rows = conn.execute("SELECT id FROM articles WHERE issue_id = ? ORDER BY position", (issue_id,))
    new_ids = [r[0] for r in rows]
    index_articles(archive.db, new_ids)
    return ImportOutcome(status, issue_id, len(new_ids), label)


def import_issue(archive: Archive, parsed: ParsedIssue, source_path: Path | None = None) -> ImportOutcome:
    """Store one parsed issue in one transaction: 'imported', 'replaced' or 'unchanged'.

    Raises ArchiveError for known database problems (read-only, locked, full, damaged); nothing
    of the issue is written then.
    """
    key = issue_key(parsed)
    with archive.transaction():
        return _write_issue(archive, parsed, key, source_path)


def _read(path: Path) -> ParsedIssue:
    """read_issue, with a parser defect on one odd file reported as that file's failure.

    A batch of hundreds of dumps must not stop, and nothing imported before may be lost, because
    one file trips a bug in the parser; the message asks the user to report the file.
    """
    try:
        return read_issue(path)
    except SourceError:
        raise
    except Exception as err:  # a bug, but one confined to this file's text
        raise SourceError(path.name, f"解析时出错（程序缺陷，请把此文件报告给开发者）：{err!r}") from err


def import_paths(
    archive: Archive,
    paths: list[Path],
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import every file (folders searched recursively); a bad file is a failure, not the end.

    `progress(index, total, path, outcome_or_error)` is called after each file (index from 1);
    `should_cancel()` is checked before each file. An ArchiveError that makes every further write
    fail (read-only, disk full, damaged) stops the batch and is kept in `report.stopped`.
    """
    files = find_sources([Path(p) for p in paths])
    report = ImportReport(total=len(files))
    for index, path in enumerate(files, start=1):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        result: ImportOutcome | Exception
        try:
            result = import_issue(archive, _read(path), source_path=path)
        except SourceError as err:
            result = err
            report.failed.append((path, str(err)))
        except ArchiveError as err:
            result = err
            report.failed.append((path, str(err)))
            if err.fatal:
                report.stopped = str(err)
        else:
            getattr(report, result.status).append(path)
            if result.status != "unchanged":
                report.articles += result.articles
        if progress is not None:
            progress(index, len(files), path, result)
        if report.stopped is not None:
            break
    return report


def import_into(
    db_path: Path,
    paths: list[Path],
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Open the archive at `db_path` in the calling thread, import, close: the worker-thread entry."""
    with open_archive(db_path) as archive:
        return import_paths(archive, paths, progress, should_cancel)
