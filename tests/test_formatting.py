"""How records are named and cited (reader.archive.formatting), against strings written out here.

The expected strings are typed in by hand, never computed with the code under test: a change in
how a date, a title or a source line reads must show up as a failing test, not pass unnoticed.
The last tests read a real archive through the CLI's and the window's search surfaces.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from archive_helpers import FULL_ISSUE

from reader.archive.db import Archive
from reader.archive.formatting import (
    DateStyle,
    article_source,
    chinese_date,
    date_text,
    display_title,
    issue_label,
    issue_title,
    source_line,
    weekday_of,
)
from reader.archive.importer import import_issue
from reader.archive.records import ArticleRecord, IssueRecord
from reader.archive.search import search
from reader.commands.search import format_result
from reader.gui.search.adapter import SearchRequest, run_search

ARTICLE = ArticleRecord(
    id=1,
    key="k",
    issue_id=1,
    position=0,
    page=1,
    kicker="",
    headline="食堂开进社区",
    subtitle="",
    dateline="",
    byline="",
    body="老人刷卡就能吃上热乎饭。",
    kind="news",
    publication="东昌时讯",
    date="2022-07-05",
    weekday="星期二",
    number=1449,
)
ISSUE = IssueRecord(
    id=1,
    key="k",
    publication="东昌时讯",
    date="2022-07-05",
    date_source="masthead",
    user_date=None,
    weekday="星期二",
    lunar=None,
    number=1449,
    page_count=4,
    source_name="第1版.txt",
    article_count=12,
)


def untitled(body: str, kind: str = "news", subtitle: str = "") -> ArticleRecord:
    return dataclasses.replace(ARTICLE, headline="", body=body, kind=kind, subtitle=subtitle)


def test_dates_in_either_style() -> None:
    assert "2022年7月5日" == chinese_date("2022-07-05")
    assert "2022年12月31日" == date_text("2022-12-31", DateStyle.CHINESE)
    assert "2022-07-05" == date_text("2022-07-05", DateStyle.ISO)
    assert ("未定日期", "未定日期") == (date_text(None, DateStyle.ISO), date_text(None, DateStyle.CHINESE))
    assert "2022-02-30" == chinese_date("2022-02-30")  # not a day: shown as it was given


def test_weekday_of_a_given_date() -> None:
    assert ("星期二", "星期日", None, None) == (
        weekday_of("2022-07-05"),
        weekday_of("2023-01-01"),
        weekday_of(None),
        weekday_of("2022-02-30"),
    )


def test_article_source_line_as_the_window_and_paper_show_it() -> None:
    assert "东昌时讯 · 2022年7月5日 星期二 · 总第1449期 · 第1版" == article_source(ARTICLE)


def test_a_date_the_user_gave_gets_its_weekday() -> None:
    dated_by_user = dataclasses.replace(ARTICLE, weekday=None, publication=None, number=None, page=3)
    assert "2022年7月5日 星期二 · 第3版" == article_source(dated_by_user)


def test_undated_article_source_line_has_no_weekday() -> None:
    undated = dataclasses.replace(ARTICLE, date=None, weekday=None, number=None)
    assert "东昌时讯 · 未定日期 · 第1版" == article_source(undated)


def test_demo_article_says_it_is_invented() -> None:
    demo = dataclasses.replace(ARTICLE, demo=True)
    expected = "东昌时讯 · 2022年7月5日 星期二 · 总第1449期 · 第1版 · 演示内容（虚构新闻，并非真实报道）"
    assert expected == article_source(demo)


def test_source_line_parts_each_surface_picks() -> None:
    cli = source_line("东昌时讯", "2022-07-05", DateStyle.ISO, number=1449, page=2)
    results = source_line("东昌时讯", "2022-07-05", DateStyle.CHINESE, page=2)
    contents = source_line("东昌时讯", "2022-07-05", DateStyle.CHINESE, page=2, separator=" ")
    assert "东昌时讯 · 2022-07-05 · 总第1449期 · 第2版" == cli
    assert "东昌时讯 · 2022年7月5日 · 第2版" == results
    assert "东昌时讯 2022年7月5日 第2版" == contents
    assert "未定日期" == source_line(None, None, DateStyle.ISO)
    assert "总第0期" in source_line(None, "2022-07-05", DateStyle.ISO, number=0)


def test_issue_title_over_the_article_list() -> None:
    assert "东昌时讯 · 2022年7月5日 星期二 · 总第1449期 · 共4版" == issue_title(ISSUE)


def test_issue_title_of_a_user_dated_issue_without_publication() -> None:
    scanned = dataclasses.replace(
        ISSUE, publication=None, weekday=None, number=None, page_count=None, source_name="扫描.txt"
    )
    assert "扫描.txt · 2022年7月5日 星期二" == issue_title(scanned)


def test_issue_label_in_lists_and_messages() -> None:
    assert "2022-07-05 东昌时讯 第1449期" == issue_label("2022-07-05", "东昌时讯", 1449, "第1版.txt")
    assert "未定日期 扫描.txt" == issue_label(None, None, None, "扫描.txt")
    assert "未定日期 东昌时讯 第12期 扫描.txt" == issue_label(None, "东昌时讯", 12, "扫描.txt")


def test_an_article_is_named_by_its_headline() -> None:
    assert "食堂开进社区" == display_title(ARTICLE)
    assert "食堂开进社区" == display_title(dataclasses.replace(ARTICLE, headline="  食堂开进社区 "))


def test_untitled_photo_is_named_by_its_caption_without_the_lead_in() -> None:
    assert "〔图〕志愿者在社区服务。" == display_title(untitled("图为志愿者在社区服务。", "photo"))
    assert "〔图〕市民在食堂用餐" == display_title(untitled("图：市民在食堂用餐", "photo"))
    long_caption = "图为东昌府区古楼街道幸福食堂内，老人们正在用餐，工作人员为行动不便的老人送餐上门。"
    assert "〔图〕东昌府区古楼街道幸福食堂内，老人们正在用餐，工作…" == display_title(
        untitled(long_caption, "photo")
    )


def test_untitled_brief_is_named_by_the_start_of_its_body() -> None:
    exactly_24 = "一二三四五六七八九十一二三四五六七八九十一二三四"
    assert exactly_24 == display_title(untitled(exactly_24))
    assert "一二三四五六七八九十一二三四五六七八九十一二三四…" == display_title(untitled(exactly_24 + "五"))
    assert "本报讯 全区 夏粮收购" == display_title(untitled("本报讯\n全区\n\n夏粮收购"))


def test_untitled_without_body_falls_back_to_subtitle_then_to_no_title() -> None:
    assert "网格化服务治理见实效" == display_title(untitled("", subtitle="网格化服务治理见实效"))
    assert "（无标题）" == display_title(untitled("  "))
    assert "（无标题）" == display_title(untitled("图为", "photo"))


def test_cli_search_cites_with_iso_dates(archive: Archive) -> None:
    import_issue(archive, FULL_ISSUE)
    [line, first, *_] = format_result(search(archive, "时政简讯"))
    assert "共找到 1 篇，显示 1 篇" == line
    assert first.startswith("1. 【时政简讯】  [东昌时讯 · 2022-07-05 · 总第1449期 · 第4版]  (")


def test_window_search_results_cite_with_chinese_dates(archive: Archive, archive_path: Path) -> None:
    import_issue(archive, FULL_ISSUE)
    outcome = run_search(archive_path, SearchRequest("志愿者"))
    assert ["东昌时讯 · 2022年7月5日 · 第2版"] == [hit.meta for hit in outcome.hits]
    assert ["（无标题）"] == [hit.headline_text for hit in outcome.hits]
