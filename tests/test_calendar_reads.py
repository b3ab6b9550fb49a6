"""What the calendar reads: the issue nearest a day without one, issues per month of a year, and
the short date its notice names. Expected values are written out by hand."""

from __future__ import annotations

import pytest
from archive_helpers import make_article, make_issue

from reader.archive import queries
from reader.archive.db import Archive
from reader.archive.formatting import chinese_date_near
from reader.archive.importer import import_issue


@pytest.fixture
def spread(archive: Archive) -> Archive:
    """东昌时讯 on 2022-07-05, 2022-08-09 and 2023-01-10; 今日开发区 on 2022-08-09 and 2019-10-01;
    one issue the user dated 2022-08-21; one undated issue."""
    issues = [
        ("2022-07-05", 1449, "东昌时讯", "a.txt"),
        ("2022-08-09", 1459, "东昌时讯", "b.txt"),
        ("2023-01-10", 1480, "东昌时讯", "c.txt"),
        ("2022-08-09", 300, "今日开发区", "d.txt"),
        ("2019-10-01", 200, "今日开发区", "e.txt"),
        (None, None, "今日开发区", "dated-by-user.txt"),
        (None, None, None, "scan.txt"),
    ]
    for date, number, publication, source in issues:
        parsed = make_issue(
            [make_article(f"{source}的要闻")],
            date=date,
            number=number,
            publication=publication,
            source=source,
        )
        import_issue(archive, parsed)
    by_user = next(i for i in queries.undated_issues(archive) if i.source_name == "dated-by-user.txt")
    queries.set_issue_date(archive, by_user.id, "2022-08-21")
    return archive


def nearest(archive: Archive, date: str, publication: str | None = None) -> tuple[str | None, str | None]:
    found = queries.nearest_issue(archive, date, publication)
    assert found is not None
    return found.date, found.publication


def test_nearest_issue_is_the_closer_one_before_or_after(spread: Archive) -> None:
    assert ("2022-08-09", "东昌时讯") == nearest(spread, "2022-08-02")  # 7 days after, 28 before
    assert ("2022-07-05", "东昌时讯") == nearest(spread, "2022-07-10")  # 5 before, 30 after
    assert ("2022-08-21", "今日开发区") == nearest(spread, "2022-08-18")  # the user's date counts


def test_nearest_issue_on_a_tie_is_the_earlier_one(spread: Archive) -> None:
    # 2022-08-15 is 6 days from 08-09 (two papers: the first by name) and from 08-21.
    assert ("2022-08-09", "东昌时讯") == nearest(spread, "2022-08-15")
    assert ("2022-08-21", "今日开发区") == nearest(spread, "2022-08-16")


def test_nearest_issue_keeps_to_the_publication_filter(spread: Archive) -> None:
    assert ("2022-08-09", "今日开发区") == nearest(spread, "2022-08-02", "今日开发区")
    assert ("2019-10-01", "今日开发区") == nearest(spread, "2020-01-01", "今日开发区")
    assert ("2022-08-09", "东昌时讯") == nearest(spread, "2022-08-18", "东昌时讯")


def test_nearest_issue_of_several_on_one_day_is_the_first_a_click_there_opens(spread: Archive) -> None:
    found = queries.nearest_issue(spread, "2022-08-08")
    assert found is not None
    assert found.id == queries.issues_on(spread, "2022-08-09")[0].id


def test_nearest_issue_beyond_both_ends_and_of_an_unknown_publication(spread: Archive) -> None:
    assert ("2019-10-01", "今日开发区") == nearest(spread, "1990-01-01")
    assert ("2023-01-10", "东昌时讯") == nearest(spread, "2030-01-01")
    assert queries.nearest_issue(spread, "2022-08-02", "没有这份报") is None


def test_nearest_issue_of_an_archive_without_dated_issues_is_none(archive: Archive) -> None:
    assert queries.nearest_issue(archive, "2022-08-02") is None
    import_issue(archive, make_issue([make_article("无日期")], date=None, number=None, source="x.txt"))
    assert queries.nearest_issue(archive, "2022-08-02") is None


def test_issue_counts_by_month_count_issues_of_the_year(spread: Archive) -> None:
    assert [0, 0, 0, 0, 0, 0, 1, 3, 0, 0, 0, 0] == queries.issue_counts_by_month(spread, 2022)
    assert [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0] == queries.issue_counts_by_month(spread, 2022, "东昌时讯")
    assert [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] == queries.issue_counts_by_month(spread, 2023)
    assert [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0] == queries.issue_counts_by_month(spread, 2019, "今日开发区")
    assert [0] * 12 == queries.issue_counts_by_month(spread, 2021)


def test_short_date_leaves_out_the_year_only_when_it_is_the_same() -> None:
    assert "8月9日" == chinese_date_near("2022-08-09", "2022-08-02")
    assert "12月31日" == chinese_date_near("2022-12-31", "2022-01-01")
    assert "2023年1月10日" == chinese_date_near("2023-01-10", "2022-12-30")
    assert "未定日期" == chinese_date_near(None, "2022-08-02")
