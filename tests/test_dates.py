"""One way to read the dates people type: every written form, years and months as spans."""

from __future__ import annotations

import pytest

from reader.archive.search_plan import Filters
from reader.text.dates import ACCEPTED_FORMS, DateError, date_end, date_span, date_start, require_iso


@pytest.mark.parametrize(
    "text", ["2022-07-01", "2022-7-1", "2022/7/1", "2022.7.1", "20220701", "2022年7月1日", "２０２２／７／１"]
)
def test_every_written_form_of_a_day_reads_as_that_day(text: str) -> None:
    assert ("2022-07-01", "2022-07-01") == date_span(text)


@pytest.mark.parametrize("text", ["2022", "2022年", " 2022 "])
def test_a_year_alone_spans_the_whole_year(text: str) -> None:
    assert ("2022-01-01", "2022-12-31") == (date_start(text), date_end(text))


@pytest.mark.parametrize("text", ["2022-07", "2022/7", "2022.07", "2022年7月"])
def test_a_month_alone_spans_the_whole_month(text: str) -> None:
    assert ("2022-07-01", "2022-07-31") == (date_start(text), date_end(text))


def test_february_ends_on_its_last_day_in_a_leap_year() -> None:
    assert ("2024-02-29", "2023-02-28") == (date_end("2024-02"), date_end("2023年2月"))


@pytest.mark.parametrize("text", ["yesterday", "", "22-7-1", "2022-7/1", "2022年7", "2022-07-01T00:00"])
def test_unreadable_text_is_a_chinese_message_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(DateError) as caught:
        date_span(text)
    assert ACCEPTED_FORMS in str(caught.value)


@pytest.mark.parametrize("text", ["2022-02-30", "2022-13", "2022年13月", "0000"])
def test_a_date_that_does_not_exist_is_refused(text: str) -> None:
    with pytest.raises(DateError) as caught:
        date_span(text)
    assert str(caught.value).startswith(f"日期不存在：{text}")


def test_an_iso_day_passes_the_archive_check_unchanged() -> None:
    assert "2022-07-01" == require_iso("2022-07-01")


@pytest.mark.parametrize("text", ["2022/7/1", "2022-7-1", "2022-07", "2022", "2022-02-30", "20220701"])
def test_filters_refuse_a_date_that_was_not_read_first(text: str) -> None:
    with pytest.raises(ValueError):
        Filters.build(text, None, None)
    with pytest.raises(ValueError):
        Filters.build(None, text, None)


def test_filters_take_iso_days_as_they_are() -> None:
    filters = Filters.build("2022-07-01", "2022-07-31", "东昌时讯")
    assert ("2022-07-01", "2022-07-31", "东昌时讯") == filters.every.args
