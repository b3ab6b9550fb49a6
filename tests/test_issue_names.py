"""An issue named by the user (issue 23 defect 1): its paper, date, number and page are shown by
every view, kept through a re-import of its file, and cleared back to what the file prints; a
masthead's printed date can be overridden and is still known. On a real archive file."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_helpers import import_at

from reader.archive import queries
from reader.archive.bookmarks import add, list_bookmarks
from reader.archive.db import open_archive
from reader.archive.issue_dates import find_issue
from reader.archive.issue_names import (
    IssueNameError,
    IssueNames,
    printed_names,
    set_issue_names,
    suggest_names,
)
from reader.archive.search import search
from reader.export.citation import citation

UNDATED = (
    "区图书馆举办读书会\n\n开发区讯 7月4日，读书会在区图书馆举行，六十余名读者参加。"
    "2022年上半年，全区共举办读书活动三十场。\n\n（融媒体 某某）\n\n"
    "街道开展消防演练\n\n开发区讯 7月3日，街道组织居民开展消防演练。\n"
)
EDITED = UNDATED.replace("六十余名", "七十余名")
NAME = "003_5402ef8479b560aa.txt"
DATED = (
    "今日开发区\n2022年8月9日 星期二 总第88期\n\n区长调研企业复工\n\n"
    "开发区讯 8月8日，区长到企业调研复工情况。\n"
)
NAMED = IssueNames(publication="今日开发区", date="2022-07-05", number=1449, page=3)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    source = tmp_path / "dump"
    source.mkdir()
    (source / NAME).write_text(UNDATED, "utf-8")
    return source


@pytest.fixture
def db(tmp_path: Path, folder: Path) -> Path:
    path = tmp_path / "archive.sqlite3"
    assert [] == import_at(path, [folder / NAME]).failed
    return path


def test_every_view_shows_the_names_the_user_gave_an_undated_issue(db: Path) -> None:
    with open_archive(db) as archive:
        issue = find_issue(archive, NAME)
        set_issue_names(archive, issue.id, NAMED)
        named = queries.issue(archive, issue.id)
        assert ("今日开发区", "2022-07-05", 1449) == (named.publication, named.date, named.number)
        assert not queries.undated_issues(archive)
        article = queries.articles(archive, queries.article_ids(archive, issue.id))[0]
        assert 3 == article.page
        assert "今日开发区, 2022-07-05(3)" in citation(article)
        (hit,) = search(archive, "读书会").hits
        assert ("今日开发区", "2022-07-05", 1449, 3) == (hit.publication, hit.date, hit.number, hit.page)
        add(archive, article.key)
        (bookmark,) = list_bookmarks(archive)
        assert ("今日开发区", "2022-07-05") == (bookmark.publication, bookmark.date)
        assert "今日开发区" in queries.publications(archive)


def test_a_reimport_of_the_edited_file_keeps_the_names_and_clearing_brings_back_the_file(
    db: Path, folder: Path
) -> None:
    with open_archive(db) as archive:
        set_issue_names(archive, find_issue(archive, NAME).id, NAMED)
    (folder / NAME).write_text(EDITED, "utf-8")
    report = import_at(db, [folder / NAME])
    assert [] == report.failed == report.conflict
    with open_archive(db) as archive:
        issue = find_issue(archive, NAME)
        assert ("今日开发区", "2022-07-05", 1449, 3) == (
            issue.publication,
            issue.date,
            issue.number,
            issue.user_page,
        )
        article = queries.articles(archive, queries.article_ids(archive, issue.id))[0]
        assert "七十余名" in article.body and 3 == article.page
        set_issue_names(archive, issue.id, IssueNames())
        cleared = queries.issue(archive, issue.id)
        assert (None, None, None) == (cleared.publication, cleared.date, cleared.number)
        assert not cleared.named_by_user
        assert [issue.id] == [i.id for i in queries.undated_issues(archive)]
        assert "今日开发区" not in queries.publications(archive)  # a paper only this issue had goes
        article = queries.articles(archive, queries.article_ids(archive, issue.id))[0]
        assert 1 == article.page  # what the parser reads a file without page heads as


def test_a_printed_date_is_overridden_and_still_known(tmp_path: Path, folder: Path) -> None:
    (folder / "dated.txt").write_text(DATED, "utf-8")
    db = tmp_path / "dated.sqlite3"
    assert [] == import_at(db, [folder / "dated.txt"]).failed
    with open_archive(db) as archive:
        issue = find_issue(archive, "dated.txt")
        assert ("今日开发区", "2022-08-09", 88) == (issue.publication, issue.date, issue.number)
        stored = set_issue_names(archive, issue.id, IssueNames("今日开发区", "2022-08-10", 88, None))
        assert IssueNames(date="2022-08-10") == stored  # what the masthead prints is not stored again
        changed = queries.issue(archive, issue.id)
        assert ("2022-08-10", "2022-08-09") == (changed.date, changed.printed_date)
        assert IssueNames("今日开发区", "2022-08-09", 88, 1) == printed_names(archive, issue.id)
    assert [] == import_at(db, [folder / "dated.txt"], on_conflict="report").failed
    with open_archive(db) as archive:
        assert "2022-08-10" == find_issue(archive, "dated.txt").date
        set_issue_names(archive, issue.id, IssueNames())
        assert "2022-08-09" == find_issue(archive, "dated.txt").date


def test_the_dialog_starts_from_the_text_a_day_it_mentions_and_its_datelines_paper(
    tmp_path: Path, folder: Path
) -> None:
    (folder / "dated.txt").write_text(DATED, "utf-8")
    db = tmp_path / "both.sqlite3"
    assert [] == import_at(db, [folder / "dated.txt", folder / NAME]).failed
    with open_archive(db) as archive:
        suggestion = suggest_names(archive, find_issue(archive, NAME).id)
        assert "开发区" == suggestion.place
        assert IssueNames("今日开发区", "2022-07-04", None, 1) == suggestion.names
        assert IssueNames(page=1) == suggestion.printed
        assert IssueNames() == suggestion.given


@pytest.mark.parametrize(
    ("names", "says"),
    [
        (IssueNames(date="2022-02-30"), "日期须是存在的日子"),
        (IssueNames(number=0), "期号须是正整数"),
        (IssueNames(page=-1), "版次须是正整数"),
    ],
)
def test_a_bad_name_is_refused_in_chinese_and_nothing_changes(db: Path, names: IssueNames, says: str) -> None:
    with open_archive(db) as archive:
        issue = find_issue(archive, NAME)
        with pytest.raises(IssueNameError, match=says):
            set_issue_names(archive, issue.id, names)
        assert not queries.issue(archive, issue.id).named_by_user
