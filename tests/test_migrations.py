"""Archives made by earlier versions open in this one with nothing lost (reader.archive.migrations)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from archive_helpers import make_article, make_issue, make_version3_archive

from reader.archive import bookmarks, queries
from reader.archive.bodies import register_body_function
from reader.archive.db import open_archive
from reader.archive.demo import has_demo
from reader.archive.formatting import article_source
from reader.archive.importer import import_issue
from reader.archive.issue_names import IssueNames, set_issue_names
from reader.archive.migrations import MIGRATIONS, OLD_DEMO_SOURCE, schema_version
from reader.archive.search import search
from reader.text.fold import fold

FRONT = make_issue(
    [make_article("幸福食堂开张"), make_article("时政简讯"), make_article("时政简讯")], source="1449.txt"
)
LATER = make_issue([make_article("夏粮收购")], date="2022-07-08", number=1450, source="1450.txt")
SCAN = make_issue([make_article("无日期的一期")], date=None, number=None, publication=None, source="扫描.txt")
OLD_DEMO = make_issue(
    [make_article("春耕备耕正当时")], date="2023-03-14", number=1520, source=OLD_DEMO_SOURCE
)


def keys_by_headline(path: Path) -> list[tuple[str, str]]:
    """Read with plain sqlite3, so that it works before and after the migrations alike."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT headline, key FROM articles ORDER BY headline, key").fetchall()
    finally:
        conn.close()


def test_a_version_3_archive_is_brought_forward_with_keys_bookmarks_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_version3_archive(path, [FRONT, LATER, SCAN], bookmarked=("幸福食堂开张",))
    with open_archive(path) as archive:
        undated = queries.undated_issues(archive)[0]
        queries.set_issue_date(archive, undated.id, "2019-10-01")
    before = keys_by_headline(path)
    with open_archive(path) as archive:
        assert len(MIGRATIONS) == schema_version(archive)
        assert 3 == archive.conn.execute("SELECT count(*) FROM sources").fetchone()[0]
        orphans = "SELECT count(*) FROM articles WHERE source_id IS NULL OR fingerprint IS NULL"
        assert 0 == archive.conn.execute(orphans).fetchone()[0]
        (mark,) = bookmarks.list_bookmarks(archive)
        assert ("幸福食堂开张", "旧批注", False) == (mark.headline, mark.note, mark.deleted)
        assert "2019-10-01" == queries.issue(archive, undated.id).user_date
        assert ["幸福食堂开张"] == [hit.headline for hit in search(archive, "幸福食堂").hits]
        assert "扫描.txt" == queries.issue(archive, undated.id).source_name
    assert before == keys_by_headline(path)


def test_reimporting_a_migrated_issue_keeps_its_keys(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_version3_archive(path, [FRONT, SCAN])
    before = keys_by_headline(path)
    with open_archive(path) as archive:
        assert "unchanged" == import_issue(archive, FRONT).status
        assert "unchanged" == import_issue(archive, SCAN).status
    assert before == keys_by_headline(path)


def test_the_old_demo_issue_leaves_an_archive_with_real_issues(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_version3_archive(path, [FRONT, OLD_DEMO], bookmarked=("春耕备耕正当时",))
    with open_archive(path) as archive:
        assert not has_demo(archive)
        assert [] == queries.issue_dates(archive, year=2023)
        assert [] == bookmarks.list_bookmarks(archive)
        assert 3 == archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert 0 == search(archive, "春耕").total


def test_the_old_demo_issue_alone_stays_and_is_marked_as_demo(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_version3_archive(path, [OLD_DEMO])
    with open_archive(path) as archive:
        assert has_demo(archive)
        (record,) = queries.articles(archive, queries.article_ids(archive, queries.latest_issue(archive).id))
        assert record.demo and "演示" in article_source(record)


OLD_ARCHIVES = Path(__file__).parent / "fixtures" / "old_archives"  # how they were made: README.md there
ARTICLE_ROWS = (
    "SELECT id, issue_id, key, position, page, kicker, headline, subtitle, dateline, byline,"
    " reader_body(body), kind FROM articles ORDER BY id"
)


def old_archive(tmp_path: Path, name: str) -> Path:
    """A copy of a fixture written by an old program (opening it upgrades the file in place)."""
    path = tmp_path / name
    shutil.copyfile(OLD_ARCHIVES / name, path)
    return path


def plain_read(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows read with plain sqlite3, which works before and after the migrations alike (bodies
    through reader_body: plain before migration 12, packed after)."""
    conn = sqlite3.connect(path)
    register_body_function(conn)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def a_word_of(body: str) -> str:
    """The first run of four Chinese characters in the body: a word a reader might search."""
    for start in range(len(body) - 3):
        if all("\u4e00" <= c <= "\u9fff" for c in body[start : start + 4]):
            return body[start : start + 4]
    raise AssertionError(f"no four Chinese characters in {body!r}")


def brute_force(rows: list[tuple[Any, ...]], word: str) -> set[int]:
    """Ids of the articles (ARTICLE_ROWS) whose folded text holds the folded word."""
    return {row[0] for row in rows if fold(word) in fold("\n".join(row[5:11]))}


def test_a_version_1_archive_file_is_upgraded_with_nothing_lost(tmp_path: Path, personal_file: Path) -> None:
    path = old_archive(tmp_path, "version1.sqlite3")
    assert [(1,)] == plain_read(path, "PRAGMA user_version")
    rows = plain_read(path, ARTICLE_ROWS)
    issues = plain_read(path, "SELECT id, key, date, user_date, number FROM issues ORDER BY id")
    assert (6, 3) == (len(rows), len(issues))  # what the old program wrote (README.md)
    with open_archive(path) as archive:
        assert len(MIGRATIONS) == schema_version(archive)
        assert "2019-10-01" == queries.issue(archive, 3).user_date
        upgraded = [queries.issue(archive, issue_id) for issue_id, *_ in issues]
        assert [("2022-07-05", 4), ("2022-07-08", 1), ("2019-10-01", 1)] == [
            (issue.date, issue.article_count) for issue in upgraded
        ]
        for row in rows:
            word = a_word_of(row[10])
            found = {hit.id for hit in search(archive, word, limit=100).hits}
            assert brute_force(rows, word) == found, word
            assert row[0] in found
        assert [] == bookmarks.list_bookmarks(archive)
        bookmarks.add(archive, rows[0][2], note="升级后收藏")
    assert rows == plain_read(path, ARTICLE_ROWS)
    assert issues == plain_read(path, "SELECT id, key, date, user_date, number FROM issues ORDER BY id")
    moved = plain_read(personal_file, "SELECT article_key, note FROM bookmarks")
    assert [(rows[0][2], "升级后收藏")] == moved
    assert [] == plain_read(path, "SELECT name FROM sqlite_master WHERE name = 'bookmarks'")


def test_bookmarks_of_a_version_2_archive_file_stay_on_their_articles(tmp_path: Path) -> None:
    path = old_archive(tmp_path, "version2.sqlite3")
    assert [(2,)] == plain_read(path, "PRAGMA user_version")
    marks = plain_read(path, "SELECT article_key, note, created_at FROM bookmarks ORDER BY id")
    assert [("cfdf4cf8db6d4c75", "繁体字的一篇"), ("6eeb84261b46082f", "无日期")] == [m[:2] for m in marks]
    rows = plain_read(path, ARTICLE_ROWS)
    with open_archive(path) as archive:
        assert len(MIGRATIONS) == schema_version(archive)
        listed = bookmarks.list_bookmarks(archive)
        assert marks == [(b.key, b.note, b.created_at) for b in listed]
        for mark in listed:
            article = queries.article_by_key(archive, mark.key)
            assert article is not None and article.id == mark.article_id and not mark.deleted
            assert [article.id] == [hit.id for hit in search(archive, f'标题:"{mark.headline}"').hits]
        assert ["社區書屋暑期開放", "庆祝新中国成立70周年文艺演出举行"] == [b.headline for b in listed]
        assert "2019-10-01" == listed[1].date
    assert rows == plain_read(path, ARTICLE_ROWS)


def test_an_old_archive_file_takes_the_names_the_user_gives_an_issue(tmp_path: Path) -> None:
    """Migration 11 on a file an old program wrote: its user date stays, and an issue it holds
    can then be given a paper, number and page, which every article of it shows."""
    path = old_archive(tmp_path, "version1.sqlite3")
    with open_archive(path) as archive:
        assert "2019-10-01" == queries.issue(archive, 3).user_date
        set_issue_names(archive, 3, IssueNames("今日开发区", "2019-10-01", 7, 2))
        named = queries.issue(archive, 3)
        assert ("今日开发区", "2019-10-01", 7) == (named.publication, named.date, named.number)
        articles = queries.articles(archive, queries.article_ids(archive, 3))
        assert {("今日开发区", 2)} == {(a.publication, a.page) for a in articles}
