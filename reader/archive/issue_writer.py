"""Write: a placed file's rows — its source row, its articles under stable keys, their index
entries — inside the importer's transaction (reader.archive.importer reads and places first).

Also what the file would write, compared with what its earlier import holds, so an unchanged
file writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from reader.archive.bodies import body_sql, stored_body
from reader.archive.demo import DEMO_PUBLICATION
from reader.archive.keys import article_fingerprint, article_ident, article_key, keys_of
from reader.archive.placement import Placement, stored_path
from reader.archive.search_index import index_articles
from reader.archive.sources import publication_id
from reader.text.model import Article, ParsedIssue

if TYPE_CHECKING:
    from reader.archive.handle import Archive


def source_values(parsed: ParsedIssue, demo: bool) -> dict[str, object]:
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


def article_values(article: Article) -> tuple[object, ...]:
    """The article's fields as ARTICLE_COLUMNS reads them (the body as text)."""
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
_READ_COLUMNS = ARTICLE_COLUMNS.replace("body", body_sql())


def stored_values(article: Article) -> tuple[object, ...]:
    """The article's fields as the archive stores them (the body as reader.archive.bodies packs it)."""
    *before, body, kind = article_values(article)
    return (*before, stored_body(str(body)), kind)


def stored_as_parsed(conn: sqlite3.Connection, placement: Placement, parsed: ParsedIssue, demo: bool) -> bool:
    """True when the earlier import holds exactly what this parse would write (nothing to do)."""
    previous = placement.previous
    if previous is None or placement.moved:
        return False
    values = source_values(parsed, demo)
    columns = list(values)
    row = conn.execute(f"SELECT {', '.join(columns)} FROM sources WHERE id = ?", (previous.id,)).fetchone()
    if row is None or list(row) != list(values.values()):
        return False
    stored = conn.execute(
        f"SELECT {_READ_COLUMNS} FROM articles WHERE source_id = ? ORDER BY id", (previous.id,)
    ).fetchall()
    return stored == [article_values(a) for a in parsed.articles]


def reusable_keys(conn: sqlite3.Connection, source_ids: list[int]) -> dict[str, list[str]]:
    """Keys of the articles about to be replaced, by article identity, in their order."""
    reuse: dict[str, list[str]] = {}
    for source_id in source_ids:
        rows = conn.execute(
            f"SELECT key, headline, {body_sql()} FROM articles WHERE source_id = ? ORDER BY id", (source_id,)
        )
        for key, headline, body in rows:
            ident = article_ident(Article(page=None, headline=headline, body=body))
            reuse.setdefault(ident, []).append(key)
    return reuse


def assign_keys(
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


def create_issue(conn: sqlite3.Connection, key: str, parsed: ParsedIssue, demo: bool) -> int:
    """A new issue row; refresh_issue fills in the rest. The publication is set here already:
    rewriting the foreign key later cost ~3 ms a file (an UPDATE of issues.publication_id)."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    publication = publication_id(conn, DEMO_PUBLICATION if demo else parsed.publication)
    cursor = conn.execute(
        "INSERT INTO issues(key, date, imported_at, publication_id) VALUES (?, ?, ?, ?)",
        (key, parsed.date, now, publication),
    )
    return int(cursor.lastrowid or 0)


def write_source(
    archive: Archive, parsed: ParsedIssue, key: str, path: Path | None, placement: Placement, demo: bool
) -> tuple[int, int]:
    """Insert the file as a source of its issue; returns (issue id, source id)."""
    conn = archive.conn
    issue_id = placement.issue_id if placement.issue_id is not None else create_issue(conn, key, parsed, demo)
    values = source_values(parsed, demo)
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


def write_articles(
    archive: Archive, issue_id: int, source_id: int, keys: list[str], articles: tuple[Article, ...]
) -> None:
    """Insert the file's articles under their stable keys, and index them."""
    conn = archive.conn
    conn.executemany(
        f"INSERT INTO articles(issue_id, source_id, key, fingerprint, position, {ARTICLE_COLUMNS})"
        f" VALUES ({','.join('?' * 13)})",
        [
            (issue_id, source_id, k, article_fingerprint(a.headline, a.body), n, *stored_values(a))
            for n, (k, a) in enumerate(zip(keys, articles, strict=True))
        ],
    )
    new_ids = [
        r[0] for r in conn.execute("SELECT id FROM articles WHERE source_id = ? ORDER BY id", (source_id,))
    ]
    index_articles(archive, new_ids)
