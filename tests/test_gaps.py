"""Missing issues found in a real archive, and `info --gaps` printing them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue

from reader.archive.db import Archive
from reader.archive.gaps import expected_days, publication_gaps
from reader.archive.importer import import_issue
from reader.cli import main


def _import(archive: Archive, date: str, number: int | None, publication: str = "东昌时讯") -> None:
    issue = make_issue(
        [make_article(f"{publication}{date}要闻")], date=date, number=number, publication=publication
    )
    import_issue(archive, issue)


def _tuesdays_and_fridays(archive: Archive, skip: set[int]) -> None:
    day, number = dt.date(2022, 7, 5), 1449
    while number < 1461:
        if number not in skip:
            _import(archive, day.isoformat(), number)
        number += 1
        day += dt.timedelta(days=3 if day.weekday() == 1 else 4)


def test_missing_issues_of_a_twice_weekly_paper_have_their_days(archive: Archive) -> None:
    _tuesdays_and_fridays(archive, skip={1451, 1452})
    (gaps,) = publication_gaps(archive)
    assert gaps.publication == "东昌时讯"
    assert [(m.number, m.earliest.isoformat(), m.exact) for m in gaps.report.missing] == [
        (1451, "2022-07-12", True),
        (1452, "2022-07-15", True),
    ]
    assert expected_days([gaps], 2022, 7) == {
        "2022-07-12": [("东昌时讯", 1451)],
        "2022-07-15": [("东昌时讯", 1452)],
    }
    assert expected_days([gaps], 2022, 8) == {}


def test_an_unnumbered_issue_on_the_expected_day_is_not_missing(archive: Archive) -> None:
    _tuesdays_and_fridays(archive, skip={1452})
    _import(archive, "2022-07-15", None)
    (gaps,) = publication_gaps(archive)
    assert gaps.report.missing == ()


def test_each_publication_has_its_own_schedule(archive: Archive) -> None:
    _tuesdays_and_fridays(archive, skip=set())
    _import(archive, "2022-08-10", 312, "今日开发区")
    by_name = {g.publication: g.report for g in publication_gaps(archive)}
    assert by_name["东昌时讯"].schedule is not None
    assert by_name["今日开发区"].schedule is None
    assert [g.publication for g in publication_gaps(archive, "今日开发区")] == ["今日开发区"]


def test_info_gaps_lists_missing_numbers_and_says_when_data_cannot_tell(
    archive_path: Path, archive: Archive, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(archive, "2022-07-05", 1449)
    _import(archive, "2022-08-09", 1459)
    _import(archive, "2022-08-10", 312, "今日开发区")
    archive.close()
    assert main(["info", "--gaps", "--db", str(archive_path)]) == 0
    out = capsys.readouterr().out
    assert "每周2期（星期二，另1天无法确定）" in out
    assert "第1451期：2022-07-12（星期二）" in out
    assert "第1450期：2022-07-06 至 2022-07-11 之间" in out
    assert "第1458期" in out and "第1459期：" not in out
    assert "今日开发区：1 期有日期和期号\n  出版规律：只有1期有日期和期号，无法推算出版规律" in out
