"""Read-side queries: calendar dates, issues of a day, undated issues, lazy article fetches."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from archive_helpers import FULL_ISSUE, make_article, make_issue
from issue_texts import BYLINED_ISSUE, write

from reader.archive import queries
from reader.archive.db import Archive
from reader.archive.formatting import article_source, issue_label
from reader.archive.importer import import_issue, import_paths
from reader.archive.records import YearCount


@pytest.fixture
def filled(archive: Archive) -> Archive:
    """Two publications over two years, plus one undated issue."""
    import_issue(archive, FULL_ISSUE)
    import_issue(
        archive, make_issue([make_article("八月要闻")], date="2022-08-09", number=1459, source="b.txt")
    )
    import_issue(
        archive,
        make_issue(
            [make_article("开发区新闻"), make_article("简讯")],
            date="2019-10-01",
            number=None,
            publication="今日开发区",
            source="c.txt",
        ),
    )
    import_issue(
        archive,
        make_issue([make_article("没有报头")], date=None, number=None, publication=None, source="scan.txt"),
    )
    return archive


def test_publications_are_listed_by_name(filled: Archive) -> None:
    assert sorted(queries.publications(filled)) == ["东昌时讯", "今日开发区"]


def test_issue_dates_filter_by_publication_year_and_month(filled: Archive) -> None:
    assert queries.issue_dates(filled) == ["2019-10-01", "2022-07-05", "2022-08-09"]
    assert queries.issue_dates(filled, publication="东昌时讯") == ["2022-07-05", "2022-08-09"]
    assert queries.issue_dates(filled, year=2022, month=8) == ["2022-08-09"]
    assert queries.issue_dates(filled, publication="今日开发区", year=2022) == []


def test_latest_issue_is_the_newest_dated_one(filled: Archive) -> None:
    latest = queries.latest_issue(filled)
    assert latest is not None
    assert (latest.date, latest.number) == ("2022-08-09", 1459)
    other = queries.latest_issue(filled, publication="今日开发区")
    assert other is not None and other.date == "2019-10-01"


def test_latest_issue_of_an_empty_archive_is_none(archive: Archive) -> None:
    assert queries.latest_issue(archive) is None


def test_issues_on_a_date_carry_their_article_count(filled: Archive) -> None:
    [issue] = queries.issues_on(filled, "2019-10-01")
    label = issue_label(issue.date, issue.publication, issue.number, issue.source_name)
    assert (issue.publication, issue.article_count, label) == ("今日开发区", 2, "2019-10-01 今日开发区")


def test_undated_issue_gets_a_user_date_and_moves_to_the_calendar(filled: Archive) -> None:
    [undated] = queries.undated_issues(filled)
    assert (undated.source_name, undated.date) == ("scan.txt", None)
    queries.set_issue_date(filled, undated.id, "2020-01-02")
    assert queries.undated_issues(filled) == []
    [dated] = queries.issues_on(filled, "2020-01-02")
    assert (undated.id, "2020-01-02", "2020-01-02") == (dated.id, dated.date, dated.user_date)


def test_articles_come_back_in_the_order_asked(filled: Archive) -> None:
    [issue] = queries.issues_on(filled, "2022-07-05")
    ids = queries.article_ids(filled, issue.id)
    assert [a.headline for a in FULL_ISSUE.articles] == [r.headline for r in queries.articles(filled, ids)]
    assert list(reversed(ids)) == [r.id for r in queries.articles(filled, list(reversed(ids)))]
    assert [ids[0]] == [r.id for r in queries.articles(filled, [ids[0], 999_999])]


def test_article_by_key_survives_reimport(filled: Archive) -> None:
    [issue] = queries.issues_on(filled, "2022-07-05")
    first = queries.article(filled, queries.article_ids(filled, issue.id)[0])
    import_issue(filled, replace(FULL_ISSUE, content_hash="changed"))
    again = queries.article_by_key(filled, first.key)
    assert again is not None
    assert (first.headline, first.body) == (again.headline, again.body)
    assert queries.article_by_key(filled, "0000000000000000") is None


def test_unknown_ids_raise_key_error(archive: Archive) -> None:
    with pytest.raises(KeyError):
        queries.issue(archive, 42)
    with pytest.raises(KeyError):
        queries.article(archive, 42)


def test_source_line_names_paper_date_issue_and_page(filled: Archive) -> None:
    [issue] = queries.issues_on(filled, "2022-07-05")
    record = queries.article(filled, queries.article_ids(filled, issue.id)[0])
    assert article_source(record) == "东昌时讯 · 2022年7月5日 星期二 · 总第1449期 · 第1版"


def test_source_line_of_an_undated_article(filled: Archive) -> None:
    [undated] = queries.undated_issues(filled)
    record = queries.article(filled, queries.article_ids(filled, undated.id)[0])
    assert article_source(record) == "未定日期 · 第1版"


def test_source_line_computes_the_weekday_of_a_user_date(filled: Archive) -> None:
    [undated] = queries.undated_issues(filled)
    queries.set_issue_date(filled, undated.id, "2022-07-05")
    record = queries.article(filled, queries.article_ids(filled, undated.id)[0])
    assert article_source(record) == "2022年7月5日 星期二 · 第1版"


def test_stats_count_per_publication_and_year(filled: Archive) -> None:
    data = queries.stats(filled)
    assert (data.issues, data.articles) == (4, 7)
    assert (
        YearCount("东昌时讯", 2022, 2, 4),
        YearCount("今日开发区", 2019, 1, 2),
        YearCount(None, None, 1, 1),
    ) == tuple(sorted(data.per_year, key=lambda y: (y.publication is None, y.publication or "")))
    assert [i.source_name for i in data.undated] == ["scan.txt"]


def test_date_span_runs_from_the_first_to_the_last_dated_issue(filled: Archive) -> None:
    assert queries.date_span(filled) == ("2019-10-01", "2022-08-09")
    assert queries.date_span(filled, "东昌时讯") == ("2022-07-05", "2022-08-09")
    undated = queries.undated_issues(filled)[0]
    queries.set_issue_date(filled, undated.id, "2023-01-02")  # the user's date counts
    assert queries.date_span(filled) == ("2019-10-01", "2023-01-02")


def test_date_span_of_an_archive_without_dated_issues_is_none(archive: Archive) -> None:
    assert queries.date_span(archive) is None
    import_issue(archive, make_issue([make_article("没有报头")], date=None, number=None, source="scan.txt"))
    assert queries.date_span(archive) is None


def test_listed_articles_give_each_article_s_page_and_the_people_its_byline_names(
    archive: Archive, tmp_path: Path
) -> None:
    dump = write(tmp_path / "dump" / "2022-07-05.txt", BYLINED_ISSUE)
    assert import_paths(archive, [dump]).failed == []
    issue_id = queries.issues_on(archive, "2022-07-05")[0].id
    listed = queries.listed_articles(archive, issue_id)
    assert [a.id for a in listed] == queries.article_ids(archive, issue_id)  # reading order
    assert [(1, ("张三", "李四")), (1, ("王五",)), (2, ("张三",)), (2, ()), (2, ("赵六",))] == [
        (a.page, a.authors) for a in listed
    ]
