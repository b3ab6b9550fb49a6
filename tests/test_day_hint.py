"""Typed dates for an issue (exact_day) and the day an undated issue's text suggests (day_hint)."""

from __future__ import annotations

import pytest

from reader.text.dates import DateError, exact_day
from reader.text.day_hint import day_hint


@pytest.mark.parametrize(
    "text",
    ["2022-7-5", "2022-07-05", "2022年7月5日", "20220705", "2022/07/05", "2022.7.5", " ２０２２年７月５日 "],
)
def test_every_typed_form_of_a_day_reads_as_that_day(text: str) -> None:
    assert "2022-07-05" == exact_day(text)


@pytest.mark.parametrize("text", ["2022", "2022年7月", "2022-07"])
def test_a_year_or_month_alone_is_not_a_day_for_an_issue(text: str) -> None:
    with pytest.raises(DateError, match="请写到哪一天"):
        exact_day(text)


@pytest.mark.parametrize(
    ("text", "says"),
    [("", "没有填写日期"), ("七月五日", "看不懂的日期：七月五日"), ("2022-02-30", "日期不存在：2022-02-30")],
)
def test_what_is_no_day_says_why_in_chinese(text: str, says: str) -> None:
    with pytest.raises(DateError, match=says):
        exact_day(text)


def test_the_suggested_day_is_the_latest_of_the_month_most_mentioned() -> None:
    text = "7月4日，区长来到幸福食堂。7月1日起实施。8月1日将举行运动会。7月5日上午召开会议。"
    assert "2022-07-05" == day_hint(text, 2022)


def test_a_day_written_with_its_year_counts_without_a_year_hint() -> None:
    assert "2021-05-06" == day_hint("2021年5月6日，读书会在区图书馆举行。", None)


def test_days_of_another_year_and_days_that_do_not_exist_are_left_out() -> None:
    text = "2019年10月1日是国庆。2月30日。6月3日，读书会举行。"
    assert "2022-06-03" == day_hint(text, 2022)


def test_no_day_mentioned_suggests_nothing() -> None:
    assert day_hint("区图书馆举办读书会。", 2022) is None
    assert day_hint("7月4日，读书会举行。", None) is None
