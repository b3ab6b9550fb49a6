"""The parser on the inputs that broke it: runs of brackets, huge numbers, odd mastheads, links.

Whatever the line, parsing ends (in time linear in the input), numbers stay numbers only while
they fit, and every line of the source ends up in the masthead, a section or an article.
"""

from __future__ import annotations

import gc
import re
from collections import Counter

import pytest

from reader.text.cancel import cancel_scope
from reader.text.errors import Cancelled
from reader.text.model import ParsedIssue
from reader.text.parse import parse_text

WORDY = re.compile(r"[^\W_]")
BODY = "东昌府讯 近日，古楼街道第一家幸福食堂正式开业，老人刷卡就能吃上热乎饭。\n（融媒体 全兴社）\n"


def output_text(issue: ParsedIssue) -> str:
    """Everything the parse kept: masthead lines, sections and every article field."""
    return "\n".join([*issue.masthead, *issue.sections, *(a.full_text() for a in issue.articles)])


def letters(text: str) -> Counter[str]:
    return Counter(WORDY.findall(text))


@pytest.mark.parametrize(
    "line",
    [
        "![a" * 40_000,
        "[" * 100_000 + "字",
        "![" * 100_000 + "字",
        "<http:" * 50_000,
        "[a](" * 50_000,
        "[字](b" * 50_000,
        "(" + " " * 100_000 + "字",
        "**" * 50_000 + "字",
        "__a" * 50_000,
        "第1" * 50_000,
    ],
    ids=[
        "image-runs",
        "open-brackets",
        "open-images",
        "autolinks",
        "open-targets",
        "open-labels",
        "open-paren-spaces",
        "bold-marks",
        "underscores",
        "page-numbers",
    ],
)
def test_a_long_pathological_line_parses_and_keeps_its_text(line: str) -> None:
    issue = parse_text(f"东昌时讯\n2022年7月5日\n\n{line}\n", "x.txt")
    assert letters(line) <= letters(output_text(issue))


def test_words_in_brackets_after_a_label_are_text_not_a_link() -> None:
    issue = parse_text("市民[张某](化名，45岁)告诉记者，食堂的饭菜很合口味。\n", "x.txt")
    assert "市民[张某](化名，45岁)告诉记者，食堂的饭菜很合口味。" == issue.articles[0].body


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("详见[东昌时讯网](http://dcf.lcxw.cn/news/1.html)报道。", "详见东昌时讯网报道。"),
        ("投稿邮箱：[dcsx2005@sina.com](mailto:dcsx2005@sina.com)。", "投稿邮箱：dcsx2005@sina.com。"),
        ("见[官网](www.lcxw.cn)。", "见官网。"),
        ("![食堂开业](images/p1.jpg)老人吃上热乎饭。", "食堂开业老人吃上热乎饭。"),
        ("见[附图](图片一.jpg)。", "见[附图](图片一.jpg)。"),
        ("见[第2条](2)。", "见[第2条](2)。"),
    ],
    ids=["url", "mailto", "www", "image-path", "cjk-path", "number"],
)
def test_only_real_link_targets_are_dropped(line: str, kept: str) -> None:
    assert kept == parse_text(line + "\n", "x.txt").articles[0].body


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("总第12345678901234567890期", "number"),
        ("总第" + "9" * 5_000 + "期", "number"),
        ("今日12345678901234567890版", "page_count"),
        ("今日" + "4" * 5_000 + "版", "page_count"),
    ],
    ids=["issue-20-digits", "issue-5000-digits", "pages-20-digits", "pages-5000-digits"],
)
def test_a_number_too_long_for_its_field_is_text_not_a_number(line: str, field: str) -> None:
    issue = parse_text(f"东昌时讯\n2022年7月5日\n{line}\n\n{BODY}", "x.txt")
    assert getattr(issue, field) is None
    assert line in output_text(issue)


def test_numbers_that_fit_are_read() -> None:
    issue = parse_text(f"东昌时讯\n2022年7月5日\n总第1234567期 今日十二版\n\n{BODY}", "x.txt")
    assert (1234567, 12) == (issue.number, issue.page_count)


@pytest.mark.parametrize(
    "banner", ["第12345678901234567890版 要闻", "第" + "7" * 5_000 + "版 要闻", "第0版 要闻"]
)
def test_a_page_banner_with_an_impossible_number_is_no_page(banner: str) -> None:
    issue = parse_text(f"{BODY}\n{banner}\n\n{BODY}", "x.txt")
    assert all(a.page is not None and 1 <= a.page < 1000 for a in issue.articles)
    assert banner in output_text(issue)


def test_an_impossible_masthead_date_is_kept_as_a_section() -> None:
    issue = parse_text(f"东昌时讯\n2023年2月30日\n总第1449期\n\n{BODY}", "x.txt")
    assert issue.date is None
    assert "2023年2月30日" in issue.sections


def test_a_second_masthead_date_is_kept_as_a_section() -> None:
    issue = parse_text(f"东昌时讯\n2022年7月5日\n2022年7月6日 星期三\n总第1449期\n\n{BODY}", "x.txt")
    assert "2022-07-05" == issue.date
    assert "2022年7月6日 星期三" in issue.sections
    assert "星期三" == issue.weekday  # the weekday on that line was the masthead's only one


def test_the_masthead_lists_the_lines_its_fields_were_read_from() -> None:
    used = ("D O N G C H A N G S H I X U N", "2022年7月5日 星期二", "农历壬寅年六月初七", "总第1449期")
    source = "\n".join([used[0], "东昌府讯", *used[1:]])
    issue = parse_text(source + "\n\n" + BODY, "x.txt")
    assert used == issue.masthead
    assert "东昌府讯" in issue.sections


def test_a_repeated_byline_is_in_the_byline_once_and_kept_once_more_in_the_sections() -> None:
    issue = parse_text("食堂开进社区\n融媒体 裴崇旭\n" + BODY.replace("全兴社", "裴崇旭"), "x.txt")
    assert "融媒体 裴崇旭" == issue.articles[0].byline
    assert ["融媒体 裴崇旭"] == [s for s in issue.sections if "裴崇旭" in s]


def test_many_credit_lines_under_one_headline_keep_every_line() -> None:
    credits = "".join(f"（记者 张{i:04d}）\n" for i in range(2_000))
    issue = parse_text("食堂开进社区\n" + credits + BODY, "x.txt")
    assert letters(credits) <= letters(output_text(issue))


def test_a_paragraph_broken_over_many_lines_is_one_paragraph() -> None:
    lines = ["老人刷卡就能吃上热乎饭，食堂每天供应早、午、晚三餐，菜品每周更换，兼顾口味与营养"] * 20_000
    issue = parse_text("食堂开进社区\n东昌府讯 " + "\n".join(lines) + "。\n", "x.txt")
    assert "".join(lines) + "。" == issue.articles[0].body


def test_parse_text_stops_with_cancelled_when_asked() -> None:
    asked = 0

    def cancel_on_the_third_question() -> bool:
        nonlocal asked
        asked += 1
        return asked >= 3

    with pytest.raises(Cancelled), cancel_scope(cancel_on_the_third_question, "x.txt"):
        parse_text(BODY * 20_000, "x.txt")
    assert 3 == asked


def test_the_garbage_collector_held_off_while_parsing_is_on_again_after_a_parse_or_a_cancel() -> None:
    seen: list[bool] = []

    def note_and_cancel() -> bool:
        seen.append(gc.isenabled())
        return len(seen) >= 2

    with cancel_scope(lambda: seen.append(gc.isenabled()) or False, "x.txt"):
        assert parse_text(BODY * 2_000, "x.txt")
    assert gc.isenabled()
    with pytest.raises(Cancelled), cancel_scope(note_and_cancel, "x.txt"):
        parse_text(BODY * 20_000, "x.txt")
    assert gc.isenabled()
    assert seen and not any(seen)  # held off while the page was read
    gc.disable()
    try:
        parse_text(BODY * 10, "x.txt")
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_parse_text_never_asks_without_a_question_to_ask() -> None:
    with cancel_scope(None, "x.txt"):
        assert parse_text(BODY * 1_000, "x.txt").articles
