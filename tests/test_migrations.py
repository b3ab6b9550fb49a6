"""Archives made by earlier versions open in this one with nothing lost (reader.archive.migrations)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from archive_helpers import make_article, make_issue, make_version3_archive

from reader.archive import bookmarks, queries
from reader.archive.db import open_archive
from reader.archive.demo import OLD_DEMO_SOURCE, has_demo
from reader.archive.formatting import article_source
from reader.archive.importer import import_issue
from reader.archive.migrations import MIGRATIONS, schema_version
from reader.archive.search import search

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
        assert 3 == archive.db.execute("SELECT count(*) FROM sources").fetchone()[0]
        orphans = "SELECT count(*) FROM articles WHERE source_id IS NULL OR fingerprint IS NULL"
        assert 0 == archive.db.execute(orphans).fetchone()[0]
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
        assert 3 == archive.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert 0 == search(archive, "春耕").total


def test_the_old_demo_issue_alone_stays_and_is_marked_as_demo(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_version3_archive(path, [OLD_DEMO])
    with open_archive(path) as archive:
        assert has_demo(archive)
        (record,) = queries.articles(archive, queries.article_ids(archive, queries.latest_issue(archive).id))
        assert record.demo and "演示" in article_source(record)
