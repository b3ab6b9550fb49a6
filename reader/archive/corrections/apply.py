"""Applying one correction to an issue's current article rows.

Each function works inside the caller's transaction on the rows as they are now (imported rows
with the earlier corrections applied) and returns None when it applied, or the Chinese reason why
it cannot apply. Before an imported row is changed or removed its original is saved
(`correction_originals`), so reader.archive.corrections.replay can put the issue back to what the
file says. Search index entries are removed before a row changes and added after.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.archive.bodies import body_sql, stored_body
from reader.archive.corrections.records import EDITABLE_FIELDS, Correction
from reader.archive.corrections.schema import ORIGINAL_COLUMNS
from reader.archive.keys import normalise
from reader.archive.search_index import index_articles, unindex_articles
from reader.text.bylines import credits_at_start

if TYPE_CHECKING:
    from reader.archive.handle import Archive


_ROW_COLUMNS = (
    "id, key, issue_id, source_id, position, page, kicker, headline, subtitle, dateline, byline,"
    f" {body_sql()}, kind"
)


@dataclass(frozen=True)
class Row:
    """An article row as a correction sees it."""

    id: int
    key: str
    issue_id: int
    source_id: int | None
    position: float
    page: int | None
    kicker: str
    headline: str
    subtitle: str
    dateline: str
    byline: str
    body: str
    kind: str


def _row(conn: sqlite3.Connection, where: str, args: list[object]) -> Row | None:
    found = conn.execute(f"SELECT {_ROW_COLUMNS} FROM articles WHERE {where}", args).fetchall()
    return Row(*found[0]) if len(found) == 1 else None


def resolve_key(conn: sqlite3.Connection, key: str) -> str:
    """The key of the article that now holds the text of `key`: itself, or the article it was
    merged into (article_aliases)."""
    row = conn.execute("SELECT article_key FROM article_aliases WHERE alias = ?", (key,)).fetchone()
    return key if row is None else str(row[0])


def find_article(conn: sqlite3.Connection, issue_id: int, key: str, fingerprint: str | None) -> Row | None:
    """The article a correction names: by its key (or the article it was merged into), else the
    one imported article of the issue with the same fingerprint (an edited file may have changed
    its headline, and with it the key)."""
    row = _row(conn, "issue_id = ? AND key = ?", [issue_id, resolve_key(conn, key)])
    if row is None and fingerprint:
        row = _row(conn, "issue_id = ? AND fingerprint = ?", [issue_id, fingerprint])
    return row


def keep_original(conn: sqlite3.Connection, row: Row) -> None:
    """Save the imported row before its first change (articles a split made have none to keep)."""
    made = conn.execute("SELECT 1 FROM correction_made WHERE article_key = ?", (row.key,)).fetchone()
    if made is not None:
        return
    columns = ", ".join(ORIGINAL_COLUMNS)
    conn.execute(
        f"INSERT OR IGNORE INTO correction_originals(article_key, issue_id, {columns})"
        f" SELECT key, issue_id, {columns} FROM articles WHERE id = ?",
        (row.id,),
    )


def _update(archive: Archive, row: Row, values: dict[str, object], reindex: bool = True) -> None:
    conn = archive.conn
    keep_original(conn, row)
    if reindex:
        unindex_articles(archive, [row.id])
    if "body" in values:
        values = {**values, "body": stored_body(str(values["body"]))}
    assignments = ", ".join(f"{name} = ?" for name in values)
    conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", [*values.values(), row.id])
    if reindex:
        index_articles(archive, [row.id])


def paragraphs(body: str) -> list[str]:
    """An article body's paragraphs, as the reading pane numbers them (from 1)."""
    return body.split("\n") if body else []


def apply_retitle(archive: Archive, row: Row, correction: Correction) -> str | None:
    fields = {k: v for k, v in correction.params.get("fields", {}).items() if k in EDITABLE_FIELDS}
    if not fields:
        return "没有要修改的内容"
    _update(archive, row, fields)
    return None


def apply_caption(archive: Archive, row: Row, correction: Correction) -> str | None:
    _update(archive, row, {"kind": "photo"}, reindex=False)
    return None


def paragraph_point(body: str, number: int, text: str, first: int = 1) -> int | None:
    """Index of the paragraph a correction names: paragraph `number` (from 1, at least `first`)
    when it still reads `text`, else the one paragraph from `first` on that does (a re-import
    may have added or joined paragraphs above it); None when there is none, or more than one.
    A split names the paragraph to split before (first=2), a text edit the one it replaces."""
    parts = paragraphs(body)
    wanted = normalise(text)
    if first <= number <= len(parts) and normalise(parts[number - 1]) == wanted:
        return number - 1
    matches = [i for i, part in enumerate(parts) if i >= first - 1 and normalise(part) == wanted]
    return matches[0] if len(matches) == 1 else None


def apply_split(archive: Archive, row: Row, correction: Correction) -> str | None:
    conn = archive.conn
    p = correction.params
    index = paragraph_point(row.body, int(p["paragraph"]), str(p["text"]), first=2)
    if index is None:
        return f"原文中已找不到要拆分的段落“{_short(str(p['text']))}”"
    new_key = str(p["new_key"])
    if conn.execute("SELECT 1 FROM articles WHERE key = ?", (new_key,)).fetchone() is not None:
        return "拆分出的文章已经存在"
    parts = paragraphs(row.body)
    rest = parts[index:]
    headline = str(p.get("headline") or "")
    if not headline:
        headline, rest = rest[0].strip(), rest[1:]
    following = conn.execute(
        "SELECT min(position) FROM articles WHERE issue_id = ? AND position > ?",
        (row.issue_id, row.position),
    ).fetchone()[0]
    position = (row.position + following) / 2 if following is not None else row.position + 1
    dateline, byline, opening = credits_at_start(rest)  # the new article's head, as the parser reads one
    stored = stored_body("\n".join(opening))
    _update(archive, row, {"body": "\n".join(parts[:index])})
    cursor = conn.execute(
        "INSERT INTO articles(issue_id, source_id, key, fingerprint, position, page, headline, dateline,"
        " byline, body, kind) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 'news')",
        (row.issue_id, row.source_id, new_key, position, row.page, headline, dateline, byline, stored),
    )
    new_id = int(cursor.lastrowid or 0)
    conn.execute(
        "INSERT OR REPLACE INTO correction_made(article_key, issue_id, correction_id) VALUES (?, ?, ?)",
        (new_key, row.issue_id, correction.id),
    )
    index_articles(archive, [new_id])
    return None


def apply_edit(archive: Archive, row: Row, correction: Correction) -> str | None:
    """修改正文: one paragraph's text replaced (an OCR or typing error); the article is indexed
    again, so search finds the corrected words and no longer the wrong ones."""
    p = correction.params
    index = paragraph_point(row.body, int(p["paragraph"]), str(p["text"]))
    if index is None:
        return f"原文中已找不到要修改的段落“{_short(str(p['text']))}”"
    parts = paragraphs(row.body)
    parts[index] = str(p["new"])
    _update(archive, row, {"body": "\n".join(parts)})
    return None


def next_article(conn: sqlite3.Connection, row: Row) -> Row | None:
    """The article after `row` in the issue's reading order."""
    return _row(
        conn,
        "id = (SELECT id FROM articles WHERE issue_id = ? AND (position > ? OR (position = ? AND id > ?))"
        " ORDER BY position, id LIMIT 1)",
        [row.issue_id, row.position, row.position, row.id],
    )


def merged_body(first: Row, second: Row) -> str:
    """The first article's body, then the second's headline lines as paragraphs, then its body:
    the inverse of a split that took a paragraph as the headline."""
    heads = [part for part in (second.kicker, second.headline, second.subtitle) if part]
    return "\n".join(part for part in (first.body, *heads, second.body) if part)


def apply_merge(archive: Archive, row: Row, correction: Correction) -> str | None:
    conn = archive.conn
    p = correction.params
    second = find_article(conn, row.issue_id, str(p["next_key"]), p.get("next_fingerprint"))
    if second is None:
        return f"本期已没有要合并的下一篇“{_short(str(p.get('next_headline', '')))}”"
    following = next_article(conn, row)
    if following is None or following.id != second.id:
        return f"“{_short(second.headline)}”已不紧接在这篇之后"
    keep_original(conn, second)
    unindex_articles(archive, [second.id])
    conn.execute("DELETE FROM articles WHERE id = ?", (second.id,))
    _update(archive, row, {"body": merged_body(row, second), "byline": row.byline or second.byline})
    conn.execute("UPDATE article_aliases SET article_key = ? WHERE article_key = ?", (row.key, second.key))
    conn.execute(
        "INSERT OR REPLACE INTO article_aliases(alias, article_key, issue_id) VALUES (?, ?, ?)",
        (second.key, row.key, row.issue_id),
    )
    return None


APPLY = {
    "retitle": apply_retitle,
    "caption": apply_caption,
    "split": apply_split,
    "merge": apply_merge,
    "edit": apply_edit,
}


def apply(archive: Archive, issue_id: int, correction: Correction) -> str | None:
    """Apply `correction` to issue `issue_id`'s rows; None when it applied, else why not."""
    row = find_article(archive.conn, issue_id, correction.article_key, correction.fingerprint)
    if row is None:
        what = f"“{_short(correction.headline)}”" if correction.headline else correction.article_key
        return f"本期已没有文章{what}（原文可能改了标题或删去了这篇）"
    action = APPLY.get(correction.kind)
    if action is None:
        return f"不认识的校订种类：{correction.kind}"
    return action(archive, row, correction)


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
