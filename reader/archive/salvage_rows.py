"""What a repair puts into the new archive, how it mends what the damage broke, and its report.

Rows come in two ways (reader.archive.repair runs them): `copy_readable` takes what SQLite still
reads through its normal path, `add_found` what the page reader found that is not in yet (by
rowid; a row SQLite read wins). Both copy by column name into a new archive made at this
program's schema, so a damaged file of an older schema comes forward too.

`mend` makes the rows fit together again: an issue lost while the records of its files survive
is made again from them (its key as the importer makes it, reader.archive.keys.issue_key; its
masthead merged by reader.archive.sources.refresh_issue; a date the user gave it is lost);
articles of an issue lost with every record of its files go into an undated issue of their own
(listed under 未定日期, key `file:修复时找回的文章#<id>`), so their text is not lost with one row;
links to lost files are cleared. A packed body that no longer unpacks (reader.archive.bodies:
zlib's checksum catches a damaged one) is emptied and counted, the rest of its article kept.
Recorded word cuts that do not fit their article's text are dropped, so the index rebuild cuts
that article again.

Rows lost are an estimate (reader.archive.salvage_tables.estimate_lost), raised where another
table shows more: word cuts of articles that did not come back, issues that articles or files
point at, files that articles point at, publications that issues point at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.archive.bodies import DamagedBody, body_text
from reader.archive.corrections.schema import CORRECTION_TABLES
from reader.archive.errors import ArchiveError
from reader.archive.handle import Archive
from reader.archive.keys import issue_key
from reader.archive.salvage import Value
from reader.archive.salvage_tables import Salvaged, TableShape, estimate_lost, shape_from_sql
from reader.archive.search_index import CUTS_TABLE, other_columns, other_text
from reader.archive.search_tokens import decode_cuts
from reader.archive.sources import refresh_issue
from reader.text.fold import fold
from reader.text.model import ParsedIssue

# The tables that hold what cannot be derived, parents first, and the recorded word cuts (kept
# when they fit, so the index rebuild need not cut every article again).
CONTENT_TABLES = (
    "publications",
    "publication_names",
    "issues",
    "sources",
    "articles",
    CUTS_TABLE,
    *CORRECTION_TABLES,
    "user_words",
)
LABELS = {
    "publications": "报名",
    "publication_names": "报纸的曾用名",
    "issues": "期次",
    "sources": "导入文件记录",
    "articles": "文章",
    "corrections": "校订",
    "correction_originals": "校订前的原文",
    "correction_made": "拆分出的文章",
    "article_aliases": "合并文章的记录",
    "user_words": "专有名词",
}
BATCH = 500
SHELTER_NAME = "修复时找回的文章"
SHELTER_REASON = "修复档案时找回的文章：原期次的记录已无法读出，报名和日期不详"


@dataclass(frozen=True)
class TableOutcome:
    """One table's line of the report: rows in the repaired archive (`rebuilt` of them made again
    from other tables) and rows the damage took (an estimate)."""

    table: str
    label: str
    kept: int
    lost: int
    rebuilt: int = 0


@dataclass
class RepairReport:
    """What a repair kept and lost, per table, and where the damaged original was kept."""

    path: Path
    damaged_copy: Path | None = None
    kept: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)
    rebuilt: dict[str, int] = field(default_factory=dict)
    sheltered: int = 0  # undated issues made for articles whose issue could not be read at all
    damaged_bodies: dict[str, int] = field(default_factory=dict)  # packed bodies that did not unpack
    from_pages: dict[str, set[int]] = field(default_factory=dict)  # rowids only the page reader gave

    def tables(self) -> list[TableOutcome]:
        """The tables a user knows, in the order of LABELS (the word cuts are the index's)."""
        return [
            TableOutcome(t, label, self.kept.get(t, 0), self.lost.get(t, 0), self.rebuilt.get(t, 0))
            for t, label in LABELS.items()
        ]

    def summary(self) -> str:
        """The report in Chinese: what is kept, per table kept and lost, where the original is."""
        kept = self.kept
        lines = [
            f"已修复档案 {self.path}：保留 {kept.get('issues', 0)} 期、{kept.get('articles', 0)} 篇文章，"
            "检索索引已重建（书签在各人自己的个人文件里，不受影响）。",
            "各部分（保留 / 丢失）：",
        ]
        lines += [
            f"  {t.label}：保留 {t.kept}，丢失 {'约 ' if t.lost else ''}{t.lost}"
            + (f"（其中 {t.rebuilt} 条据其他记录重建）" if t.rebuilt else "")
            for t in self.tables()
            if t.kept or t.lost
        ]
        if self.rebuilt.get("issues", 0) > self.sheltered:
            lines.append("据导入文件记录重建的期次，若曾手工定过日期，需要重新设定。")
        if self.sheltered:
            lines.append(
                f"另有 {self.sheltered} 期的记录已无法读出，其文章列在“未定日期”之下"
                f"（{SHELTER_NAME}），可以在那里为它们定日期。"
            )
        damaged = [f"{LABELS[t]} {n} 篇" for t, n in self.damaged_bodies.items() if n]
        if damaged:
            lines.append(
                "正文已损坏、无法解压的：" + "，".join(damaged) + "；这些文章的标题等其余内容保留，正文留空"
                "（重新导入该期的文本文件可找回正文）。"
            )
        lost = [t for t in self.tables() if t.lost]
        if lost:
            lines.append("无法读出的记录：" + "，".join(f"{t.label}约 {t.lost} 条" for t in lost) + "。")
        if self.damaged_copy is not None:
            lines.append(f"损坏的原文件保存为 {self.damaged_copy}。")
        return "\n".join(lines)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]


def known_shapes(conn: sqlite3.Connection) -> dict[str, TableShape]:
    """The record shape of every rowid table of this program's schema (the new archive's)."""
    shapes = {}
    for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"
    ):
        shape = shape_from_sql(str(name), str(sql))
        if shape is not None:
            shapes[shape.name] = shape
    return shapes


def _insert(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> None:
    names = ", ".join(["rowid", *columns])
    marks = ", ".join("?" * (len(columns) + 1))
    conn.executemany(f"INSERT OR IGNORE INTO {table}({names}) VALUES ({marks})", rows)


def copy_readable(source: sqlite3.Connection, conn: sqlite3.Connection) -> dict[str, int | None]:
    """Every row SQLite reads of each content table, in rowid order, batch by batch until a batch
    fails. Returns per table how far it read: None for all of it, else the last rowid read (a
    table it could not read at all is left out)."""
    read: dict[str, int | None] = {}
    for table in CONTENT_TABLES:
        try:
            have = set(_columns(source, table))
        except sqlite3.DatabaseError:
            continue
        columns = [c for c in _columns(conn, table) if c in have]
        if not columns:
            continue
        try:
            cursor = source.execute(f"SELECT rowid, {', '.join(columns)} FROM {table} ORDER BY rowid")
            while batch := cursor.fetchmany(BATCH):
                _insert(conn, table, columns, batch)
                read[table] = batch[-1][0]
            read[table] = None
        except sqlite3.DatabaseError:
            continue  # the rows before the bad page are in; the page reader brings the rest
    return read


def _rowids(conn: sqlite3.Connection, table: str) -> set[int]:
    return {int(r[0]) for r in conn.execute(f"SELECT rowid FROM {table}")}


def add_found(conn: sqlite3.Connection, found: dict[str, Salvaged], report: RepairReport) -> None:
    """The page reader's rows that are not in yet, by column name; then each table's estimate of
    rows lost."""
    for table, salvaged in found.items():
        shape, have = salvaged.shape, _rowids(conn, table)
        before = set(have)
        wanted = set(_columns(conn, table)) - {shape.rowid_column}
        groups: dict[int, list[tuple[Value, ...]]] = {}
        for rowid, values in salvaged.rows:
            if rowid not in have:
                have.add(rowid)
                groups.setdefault(len(values), []).append((rowid, *values))
        for length, rows in groups.items():
            names = shape.names[:length]
            keep = [i for i, name in enumerate(names) if name in wanted]
            _insert(conn, table, [names[i] for i in keep], ([r[0], *(r[i + 1] for i in keep)] for r in rows))
        added = _rowids(conn, table)
        report.from_pages[table] = {r for r, _ in salvaged.rows if r not in before} & added
        report.lost[table] = estimate_lost(salvaged, added)


_REFERENCES = {  # table → how many of its rows other tables show to be missing
    "articles": f"SELECT count(*) FROM {CUTS_TABLE} WHERE article_id NOT IN (SELECT id FROM articles)",
    "issues": "SELECT count(*) FROM (SELECT issue_id FROM articles UNION SELECT issue_id FROM sources)"
    " WHERE issue_id NOT IN (SELECT id FROM issues)",
    "sources": "SELECT count(DISTINCT source_id) FROM articles"
    " WHERE source_id IS NOT NULL AND source_id NOT IN (SELECT id FROM sources)",
    "publications": "SELECT count(DISTINCT publication_id) FROM issues"
    " WHERE publication_id IS NOT NULL AND publication_id NOT IN (SELECT id FROM publications)",
}


def _rebuild_issues(conn: sqlite3.Connection) -> int:
    """Issues lost while their files' records survive, made again as the importer made them from
    the first of their files (key, date, time of import); the rest is merged from all of them."""
    missing = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT issue_id FROM sources WHERE issue_id NOT IN (SELECT id FROM issues)"
        )
    ]
    made = 0
    for issue_id in missing:
        name, content_hash, publication, date, number, imported_at = conn.execute(
            "SELECT name, content_hash, publication, date, number, imported_at FROM sources"
            " WHERE issue_id = ? ORDER BY first_page IS NULL, first_page, id LIMIT 1",
            (issue_id,),
        ).fetchone()
        key = issue_key(ParsedIssue(name, content_hash, publication=publication, date=date, number=number))
        if conn.execute(
            "INSERT OR IGNORE INTO issues(id, key, date, imported_at) VALUES (?, ?, ?, ?)",
            (issue_id, key, date, imported_at),
        ).rowcount:
            _refresh_masthead(conn, issue_id)
            made += 1
    return made


def _refresh_masthead(conn: sqlite3.Connection, issue_id: int) -> None:
    """refresh_issue's merged masthead and publication, with the articles' order left as it was
    (a correction's split puts its new article between whole positions)."""
    positions = conn.execute("SELECT position, id FROM articles WHERE issue_id = ?", (issue_id,)).fetchall()
    refresh_issue(conn, issue_id)
    conn.executemany("UPDATE articles SET position = ? WHERE id = ?", positions)


def _shelter_articles(conn: sqlite3.Connection) -> int:
    """Articles whose issue is lost with every record of its files: an undated issue of their own
    holds them (listed under 未定日期), so their text is not lost with the issue's row."""
    missing = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT issue_id FROM articles WHERE issue_id NOT IN (SELECT id FROM issues)"
        )
    ]
    conn.executemany(
        "INSERT INTO issues(id, key, date_hint_reason) VALUES (?, ?, ?)",
        [(issue_id, f"file:{SHELTER_NAME}#{issue_id}", SHELTER_REASON) for issue_id in missing],
    )
    return len(missing)


def _mend_links(conn: sqlite3.Connection, report: RepairReport) -> None:
    """Publications again from the files' records; rows whose issue is lost dropped and counted."""
    orphaned = conn.execute(
        "SELECT i.id, EXISTS (SELECT 1 FROM sources s WHERE s.issue_id = i.id) FROM issues i"
        " WHERE publication_id IS NOT NULL AND publication_id NOT IN (SELECT id FROM publications)"
    ).fetchall()
    before = conn.execute("SELECT count(*) FROM publications").fetchone()[0]
    for issue_id, has_sources in orphaned:
        if has_sources:
            _refresh_masthead(conn, issue_id)
        else:
            conn.execute("UPDATE issues SET publication_id = NULL WHERE id = ?", (issue_id,))
    report.rebuilt["publications"] = conn.execute("SELECT count(*) FROM publications").fetchone()[0] - before
    for table in ("articles", "sources"):
        dropped = conn.execute(f"DELETE FROM {table} WHERE issue_id NOT IN (SELECT id FROM issues)").rowcount
        report.lost[table] = report.lost.get(table, 0) + dropped
    conn.execute("UPDATE articles SET source_id = NULL WHERE source_id NOT IN (SELECT id FROM sources)")
    conn.execute(f"DELETE FROM {CUTS_TABLE} WHERE article_id NOT IN (SELECT id FROM articles)")


def _spells(folded: str, stored: str | bytes) -> bool:
    """Whether a recorded cut (as search_cuts stores it) cuts exactly this text."""
    try:
        return "".join(decode_cuts(folded, stored)) == folded
    except ValueError:  # packed bytes that do not unpack
        return False


def _clear_damaged_bodies(conn: sqlite3.Connection, report: RepairReport) -> None:
    """Packed bodies that do not unpack emptied and counted (their article's other fields stay),
    and the recorded cuts of those articles dropped: they no longer spell the text."""
    for table in ("articles", "correction_originals"):
        damaged = []
        for rowid, stored in conn.execute(f"SELECT rowid, body FROM {table} WHERE typeof(body) = 'blob'"):
            try:
                body_text(stored)
            except DamagedBody:
                damaged.append((rowid,))
        conn.executemany(f"UPDATE {table} SET body = '' WHERE rowid = ?", damaged)
        if table == "articles":
            conn.executemany(f"DELETE FROM {CUTS_TABLE} WHERE article_id = ?", damaged)
        report.damaged_bodies[table] = len(damaged)


def _drop_unfit_cuts(conn: sqlite3.Connection, report: RepairReport) -> None:
    """Word cuts that do not spell their article's text (a row read off a damaged page)."""
    suspects = report.from_pages.get("articles", set()) | report.from_pages.get(CUTS_TABLE, set())
    unfit = []
    for article_id in suspects:
        row = conn.execute(
            f"SELECT c.headline, c.other, a.headline, {other_columns('a')} FROM {CUTS_TABLE} c"
            " JOIN articles a ON a.id = c.article_id WHERE c.article_id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            continue
        headline, other = fold(row[2] or ""), fold(other_text(row[3:]))
        if not (_spells(headline, row[0]) and _spells(other, row[1])):
            unfit.append((article_id,))
    conn.executemany(f"DELETE FROM {CUTS_TABLE} WHERE article_id = ?", unfit)


def mend(conn: sqlite3.Connection, report: RepairReport) -> None:
    """Make the salvaged rows fit together (see the module's docstring); count what is kept."""
    for table, sql in _REFERENCES.items():
        report.lost[table] = max(report.lost.get(table, 0), int(conn.execute(sql).fetchone()[0]))
    from_sources = _rebuild_issues(conn)
    report.sheltered = _shelter_articles(conn)
    report.rebuilt["issues"] = from_sources + report.sheltered
    report.lost["issues"] = max(0, report.lost.get("issues", 0) - from_sources)
    _mend_links(conn, report)
    _clear_damaged_bodies(conn, report)
    _drop_unfit_cuts(conn, report)
    report.kept = {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in CONTENT_TABLES
    }


def verify(archive: Archive, report: RepairReport, readable: bool) -> None:
    """The new archive must be sound and hold what the report says, and hold something unless
    the original was a sound but empty archive (raises ArchiveError; `readable`: SQLite could
    read the original's header)."""
    conn = archive.conn
    problems = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise ArchiveError(
            report.path, "unrepairable", f"修复后的副本未通过检查：{problems[0][:120]}；原文件未改动"
        )
    if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise ArchiveError(report.path, "unrepairable", "修复后的副本中有记录指向不存在的记录；原文件未改动")
    for table in LABELS:
        if conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] != report.kept.get(table, 0):
            raise ArchiveError(
                report.path, "unrepairable", f"修复后的副本中 {table} 的条数不符；原文件未改动"
            )
    if not any(report.kept.get(t, 0) for t in LABELS) and (not readable or any(report.lost.values())):
        raise ArchiveError(report.path, "unrepairable", "没有读出任何内容，原文件未改动")
