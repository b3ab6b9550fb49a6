"""Making, undoing, redoing and listing corrections: the API the CLI and the window call.

Every write is one transaction. A correction is applied right away to the rows as they are (it
is the newest, so that is where a replay would apply it too); one that cannot be made raises
CorrectionError with a Chinese message and stores nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from reader.archive.bodies import body_sql
from reader.archive.corrections.apply import (
    Row,
    apply,
    find_article,
    next_article,
    paragraphs,
    resolve_key,
)
from reader.archive.corrections.records import (
    CORRECTION_COLUMNS,
    EDITABLE_FIELDS,
    Correction,
    CorrectionError,
    correction_from_row,
)
from reader.archive.corrections.replay import ISSUE_GONE, rebuild
from reader.archive.keys import article_key, normalise

if TYPE_CHECKING:
    from reader.archive.handle import Archive


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def _target(archive: Archive, key: str) -> tuple[Row, str, str | None]:
    """The article named by `key` (or merged into from it), its issue key and imported fingerprint."""
    conn = archive.conn
    resolved = resolve_key(conn, key.strip())
    found = conn.execute(
        "SELECT a.issue_id, i.key, a.fingerprint FROM articles a JOIN issues i ON i.id = a.issue_id"
        " WHERE a.key = ?",
        (resolved,),
    ).fetchone()
    if found is None:
        raise CorrectionError(f"档案中没有这篇文章：{key}")
    row = find_article(conn, int(found[0]), resolved, None)
    assert row is not None
    return row, str(found[1]), found[2]


def _make(archive: Archive, key: str, kind: str, params: dict[str, Any]) -> Correction:
    with archive.transaction() as conn:
        row, issue, fingerprint = _target(archive, key)
        params = _complete(archive, row, issue, kind, params)
        cursor = conn.execute(
            "INSERT INTO corrections(kind, issue_key, article_key, fingerprint, headline, params, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, issue, row.key, fingerprint, row.headline, json.dumps(params, ensure_ascii=False), _now()),
        )
        correction = _get(archive, int(cursor.lastrowid or 0))
        reason = apply(archive, row.issue_id, correction)
        if reason is not None:
            raise CorrectionError(reason)
        return correction


def _complete(archive: Archive, row: Row, issue: str, kind: str, params: dict[str, Any]) -> dict[str, Any]:
    """Check a new correction against the article and fill in what a replay needs to find it again."""
    if kind == "split":
        number = int(params["paragraph"])
        text = _numbered_paragraph(row, number, 2, "只能从第 {first} 段到第 {last} 段之前拆分")
        headline = str(params.get("headline") or "").strip()
        if not headline and not text.strip():
            raise CorrectionError(f"第 {number} 段是空的，不能作标题：请给出新文章的标题")
        ident = f"split:{row.key}:{normalise(text)[:30]}"
        return {
            "paragraph": number,
            "text": text,
            "headline": headline,
            "new_key": article_key(issue, ident, 0),
        }
    if kind == "merge":
        conn = archive.conn
        following = next_article(conn, row)
        next_key = resolve_key(conn, str(params["next_key"]).strip())
        if following is None:
            raise CorrectionError(f"“{row.headline or row.key}”是本期最后一篇，没有下一篇可合并")
        if following.key != next_key:
            raise CorrectionError(
                f"{params['next_key']} 不是“{row.headline or row.key}”的下一篇"
                f"（下一篇是 {following.key}“{following.headline}”）"
            )
        fingerprint = conn.execute(
            "SELECT fingerprint FROM articles WHERE id = ?", (following.id,)
        ).fetchone()[0]
        return {
            "next_key": following.key,
            "next_fingerprint": fingerprint,
            "next_headline": following.headline,
        }
    if kind == "edit":
        return _complete_edit(row, params)
    if kind == "retitle":
        fields = {k: str(v).strip() for k, v in params.get("fields", {}).items() if k in EDITABLE_FIELDS}
        if not fields:
            raise CorrectionError("没有给出要修改的标题、引题、副题或署名")
        if "headline" in fields and not fields["headline"]:
            raise CorrectionError("标题不能改为空")
        return {"fields": fields}
    return {}


def _numbered_paragraph(row: Row, number: int, first: int, allowed: str) -> str:
    """Paragraph `number` (from 1, at least `first`) of the article; CorrectionError saying the
    range (`allowed`, with {first} and {last}) when it is outside."""
    parts = paragraphs(row.body)
    if not first <= number <= len(parts):
        rule = allowed.format(first=first, last=len(parts))
        raise CorrectionError(
            f"“{row.headline or row.key}”共 {len(parts)} 段，{rule}（给的是第 {number} 段）"
        )
    return parts[number - 1]


def _complete_edit(row: Row, params: dict[str, Any]) -> dict[str, Any]:
    number = int(params["paragraph"])
    text = _numbered_paragraph(row, number, 1, "只能修改第 {first} 段到第 {last} 段")
    new = " ".join(str(params["new"]).split("\n")).strip()  # one paragraph stays one
    if not new:
        raise CorrectionError(f"第 {number} 段不能改为空：要删去整篇请重新导入修改过的文件")
    if new == text.strip():
        raise CorrectionError(f"第 {number} 段没有改动")
    return {"paragraph": number, "text": text, "new": new}


def edit_text(archive: Archive, key: str, paragraph: int, new: str) -> Correction:
    """修改正文: replace paragraph `paragraph` (from 1) of the article's text with `new` (a
    typo of the dump: 一 for —, 己 for 已). Kept through re-import like every correction, and
    listed as failed when that paragraph is no longer in the text; the imported text stays
    viewable (`original_text`)."""
    return _make(archive, key, "edit", {"paragraph": paragraph, "new": new})


def original_text(archive: Archive, key: str) -> str | None:
    """查看原文: the article's body as imported, before any correction changed it; None when no
    correction changed this article's text (or a split made the article)."""
    row = archive.conn.execute(
        f"SELECT {body_sql()} FROM correction_originals WHERE article_key = ?",
        (resolve_key(archive.conn, key),),
    ).fetchone()
    return None if row is None else str(row[0])


def retitle(archive: Archive, key: str, **fields: str) -> Correction:
    """Change the article's headline, kicker, subtitle or byline (修改标题/引题/署名…)."""
    return _make(archive, key, "retitle", {"fields": fields})


def split(archive: Archive, key: str, paragraph: int, headline: str = "") -> Correction:
    """Split the article before paragraph `paragraph` (from 1; at least 2): the new article takes
    that paragraph as its headline, or `headline` when given. The first part keeps the key (and
    the bookmarks); the new one gets a key of its own that every replay gives it again."""
    return _make(archive, key, "split", {"paragraph": paragraph, "headline": headline})


def merge(archive: Archive, key: str, next_key: str) -> Correction:
    """Merge the article with the next one, which must follow it directly. The merged article
    keeps the first key; the second key leads to it (bookmarks on either find the text)."""
    return _make(archive, key, "merge", {"next_key": next_key})


def merge_next(archive: Archive, key: str) -> Correction:
    """与下一篇合并: merge the article with the one after it in the issue's reading order."""
    row, _issue, _fingerprint = _target(archive, key)
    following = next_article(archive.conn, row)
    if following is None:
        raise CorrectionError(f"“{row.headline or row.key}”是本期最后一篇，没有下一篇可合并")
    return merge(archive, key, following.key)


def caption(archive: Archive, key: str) -> Correction:
    """Mark the article as a photo caption (设为图片说明)."""
    return _make(archive, key, "caption", {})


def _get(archive: Archive, correction_id: int) -> Correction:
    row = archive.conn.execute(
        f"SELECT {CORRECTION_COLUMNS} FROM corrections WHERE id = ?", (correction_id,)
    ).fetchone()
    if row is None:
        raise CorrectionError(f"没有这条校订：{correction_id}")
    return correction_from_row(row)


def _issue_id(archive: Archive, issue_key: str) -> int | None:
    row = archive.conn.execute("SELECT id FROM issues WHERE key = ?", (issue_key,)).fetchone()
    return None if row is None else int(row[0])


def undo(archive: Archive, correction_id: int | None = None) -> Correction:
    """Undo the newest correction still in effect (or the one given); its issue is rebuilt from
    the imported rows and the other corrections. The record is kept, marked undone (`redo`
    brings it back)."""
    with archive.transaction() as conn:
        if correction_id is None:
            row = conn.execute("SELECT max(id) FROM corrections WHERE undone_at IS NULL").fetchone()
            if row is None or row[0] is None:
                raise CorrectionError("没有可以撤销的校订")
            correction_id = int(row[0])
        correction = _get(archive, correction_id)
        if correction.undone_at is not None:
            raise CorrectionError(f"这条校订已经撤销过了：{correction.describe()}")
        conn.execute("UPDATE corrections SET undone_at = ? WHERE id = ?", (_now(), correction_id))
        issue_id = _issue_id(archive, correction.issue_key)
        if issue_id is not None:
            rebuild(archive, [issue_id])
        return _get(archive, correction_id)


def redo(archive: Archive, correction_id: int) -> Correction:
    """Put an undone correction back in effect (the window's 重做). Raises CorrectionError when it
    no longer applies; it then stays undone."""
    with archive.transaction() as conn:
        correction = _get(archive, correction_id)
        conn.execute("UPDATE corrections SET undone_at = NULL WHERE id = ?", (correction_id,))
        issue_id = _issue_id(archive, correction.issue_key)
        if issue_id is None:
            raise CorrectionError(f"{ISSUE_GONE}：{correction.describe()}")
        rebuild(archive, [issue_id])
        redone = _get(archive, correction_id)
        if redone.status != "applied":
            raise CorrectionError(redone.reason)
        return redone


def list_corrections(archive: Archive, *, include_undone: bool = False) -> list[Correction]:
    """Every correction, oldest first; a correction whose issue is no longer in the archive is
    reported as failed (本期已不在档案中, with where its file went when the import said so).
    Undone ones only with `include_undone`."""
    where = "" if include_undone else " WHERE c.undone_at IS NULL"
    columns = ", ".join(f"c.{name.strip()}" for name in CORRECTION_COLUMNS.split(","))
    rows = archive.conn.execute(
        f"SELECT {columns}, i.id IS NULL FROM corrections c LEFT JOIN issues i ON i.key = c.issue_key"
        f"{where} ORDER BY c.id"
    ).fetchall()
    result = []
    for *values, gone in rows:
        correction = correction_from_row(tuple(values))
        if gone and correction.undone_at is None:
            # a reason the import gave when the issue went (carry.left_behind) says more; keep it
            kept = correction.status == "failed" and correction.reason.startswith(ISSUE_GONE)
            reason = correction.reason if kept else ISSUE_GONE
            correction = Correction(**{**correction.__dict__, "status": "failed", "reason": reason})
        result.append(correction)
    return result


def failed_corrections(archive: Archive) -> list[Correction]:
    """未能应用的校订: corrections in effect that did not apply at the last import, with the reason."""
    return [c for c in list_corrections(archive) if c.status != "applied"]


def corrected_keys(archive: Archive, keys: list[str]) -> set[str]:
    """Those of these article keys whose article a correction changed or made (已校订)."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for table in ("correction_originals", "correction_made"):
            rows = archive.conn.execute(
                f"SELECT article_key FROM {table} WHERE article_key IN ({marks})", chunk
            )
            found.update(r[0] for r in rows)
    return found
