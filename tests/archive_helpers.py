"""Hand-built parsed issues for archive tests that need control over every field, old archives,
and files no importer can read."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

import sqlite_utils

from reader.archive.db import Archive, open_archive
from reader.archive.importer import ImportReport, OnConflict, import_paths
from reader.archive.keys import article_keys, issue_key
from reader.archive.migrations import MIGRATIONS
from reader.archive.search_index import create_search_index, index_articles
from reader.text.model import Article, DateHint, ParsedIssue
from reader.text.words import default_segmenter


def make_article(headline: str, body: str = "", page: int | None = 1, **fields: str) -> Article:
    """An article with a body derived from the headline unless given."""
    return Article(page=page, headline=headline, body=body or f"{headline}的正文。第二段。", **fields)  # type: ignore[arg-type]


def make_issue(
    articles: list[Article],
    date: str | None = "2022-07-05",
    number: int | None = 1449,
    publication: str | None = "东昌时讯",
    source: str = "issue.txt",
    **fields: object,
) -> ParsedIssue:
    """A parsed issue whose content hash follows its articles, as a real re-parse would."""
    digest = hashlib.sha256(repr((date, number, publication, articles, fields)).encode()).hexdigest()
    return ParsedIssue(
        source=source,
        content_hash=digest,
        publication=publication,
        date=date,
        date_source="masthead" if date else None,
        number=number,
        articles=tuple(articles),
        **fields,  # type: ignore[arg-type]
    )


FULL_ISSUE = make_issue(
    [
        make_article(
            "我区全力打通基层治理“神经末梢”",
            body="东昌府讯 今年以来……\n第二段。",
            kicker="夯实基层基础 创新治理措施",
            subtitle="网格化服务治理见实效",
            dateline="东昌府讯",
            byline="融媒体 全兴社",
            kind="news",
        ),
        make_article("", body="图为志愿者在社区服务。", page=2, kind="photo"),
        make_article("时政简讯", page=4, kind="brief"),
    ],
    weekday="星期二",
    lunar="农历壬寅年六月初七",
    page_count=4,
    sections=("网址：http://dcf.lcxw.cn",),
    date_hint=DateHint(None, ""),
)


def make_version3_archive(path: Path, issues: list[ParsedIssue], bookmarked: tuple[str, ...] = ()) -> None:
    """An archive as version 3 of the schema left it (one file per issue, no sources), filled the
    way that version's importer filled it; `bookmarked` headlines get a bookmark. Migrations must
    bring such a file forward without losing an article, a key, a bookmark or a user's date."""
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    archive = Archive(path, conn, readonly=False, segmenter=default_segmenter())
    for number, migration in enumerate(MIGRATIONS[:3], start=1):
        migration(archive)
        conn.execute(f"PRAGMA user_version = {number}")
    create_search_index(archive)  # the index these versions' own migrations made
    for parsed in issues:
        key = f"file:{parsed.source}" if parsed.date is None else issue_key(parsed)
        publication = (
            db.table("publications").lookup({"name": parsed.publication}) if parsed.publication else None
        )
        issue = {
            "key": key,
            "publication_id": publication,
            "sections": json.dumps(list(parsed.sections), ensure_ascii=False),
            "source_name": parsed.source,
            "content_hash": parsed.content_hash,
            **{
                f: getattr(parsed, f)
                for f in ("date", "date_source", "weekday", "lunar", "number", "page_count")
            },
        }
        issue_id = db.table("issues").insert(issue).last_rowid
        ids = []
        for position, (article_key, a) in enumerate(
            zip(article_keys(key, parsed.articles), parsed.articles, strict=True)
        ):
            article = {"issue_id": issue_id, "key": article_key, "position": position, **asdict(a)}
            ids.append(db.table("articles").insert(article).last_rowid)
            if a.headline in bookmarked:
                bookmark = {
                    "article_key": article_key,
                    "note": "旧批注",
                    "created_at": "2023-01-01T00:00:00+00:00",
                }
                copies = {"headline": a.headline, "publication": parsed.publication, "date": parsed.date}
                db.table("bookmarks").insert(bookmark | copies)
        index_articles(archive, ids)
    conn.close()


def bad_files(folder: Path) -> dict[str, Path]:
    """A binary file, an empty file and one in no supported encoding."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "binary": (folder / "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        "empty": (folder / "empty.txt", b""),
        "undecodable": (folder / "garbled.txt", b"\x80abc\xff\x80 " * 40),
    }
    for path, data in files.values():
        path.write_bytes(data)
    return {name: path for name, (path, _) in files.items()}


def import_at(
    db_path: Path, paths: list[Path], *, on_conflict: OnConflict = "report", demo: bool = False
) -> ImportReport:
    """Open the archive at `db_path`, import `paths` through the one entry point, close."""
    with open_archive(db_path) as archive:
        return import_paths(archive, paths, on_conflict=on_conflict, demo=demo)
