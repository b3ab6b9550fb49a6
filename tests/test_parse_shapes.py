"""Layouts beyond the corpus: the parser's rules are about shapes, so other layouts parse too.

The dumps here are written for these tests (made-up names and places) in the shapes other
papers of the region print: 本报讯（记者…）, ■ credits, page banners, a brief column, sub-heads.
"""

from __future__ import annotations

from pathlib import PurePath

import pytest

from reader.text.parse import parse_text

DAILY = """\
聊城日报

2023年3月14日 星期二 农历癸卯年二月廿三

总第 8123 期 今日 8 版

第1版 要闻

春耕备耕有序推进

本报讯（记者 林晓雨 通讯员 马立新）连日来，青禾镇抢抓农时，组织农户开展春耕备耕工作，
各村合作社调配农机二百余台。

镇农技站负责人介绍，今年全镇计划播种小麦三万亩，目前已完成测土配方工作。

■ 本报记者 王振东

河湾新区：老旧小区换新颜

今年以来，河湾新区对辖区内十二个老旧小区实施改造，更换供水管网、加装电梯、

整修道路，惠及居民三千余户。

居民周大爷说：“现在楼下干净了，出门也方便了。”

（河湾新区宣传部 宣）

第2版 综合

一周简讯

城区新增三处口袋公园

本报讯 城区新建的三处口袋公园近日对市民开放，园内设有健身步道和儿童游乐设施。

图书馆延长开放时间

本报讯 市图书馆自本月起延长开放时间，每晚开放至九点。
"""


def test_dated_masthead_with_items_on_one_line() -> None:
    issue = parse_text(DAILY, "daily.txt")
    assert ("聊城日报", "2023-03-14", "星期二", "农历癸卯年二月廿三", 8123, 8) == (
        issue.publication,
        issue.date,
        issue.weekday,
        issue.lunar,
        issue.number,
        issue.page_count,
    )
    assert issue.date_source == "masthead"


def test_dateline_with_bracketed_credit() -> None:
    first = parse_text(DAILY, "daily.txt").articles[0]
    assert ("春耕备耕有序推进", "本报讯") == (first.headline, first.dateline)
    assert "记者 林晓雨 通讯员 马立新" in first.byline
    assert "本报记者 王振东" in first.byline
    assert first.body.startswith("连日来，青禾镇")
    assert "调配农机二百余台。" in first.body.split("\n")[0]


def test_paragraph_cut_by_a_column_break_is_joined() -> None:
    second = parse_text(DAILY, "daily.txt").articles[1]
    assert second.headline == "河湾新区：老旧小区换新颜"
    assert second.byline == "河湾新区宣传部 宣"
    assert "加装电梯、整修道路，惠及居民" in second.body.split("\n")[0]
    assert len(second.body.split("\n")) == 2


def test_page_banners_set_pages_and_stay_as_sections() -> None:
    issue = parse_text(DAILY, "daily.txt")
    assert [1, 1, 2, 2] == [a.page for a in issue.articles]
    assert "第1版 要闻" in issue.sections and "第2版 综合" in issue.sections


def test_brief_column_items_are_briefs() -> None:
    issue = parse_text(DAILY, "daily.txt")
    assert ["news", "news", "brief", "brief"] == [a.kind for a in issue.articles]
    assert "一周简讯" in issue.sections
    assert issue.articles[3].headline == "图书馆延长开放时间"


FEATURE = """\
乡村振兴看青禾

——青禾镇发展特色产业纪实

□ 赵一鸣

春天的青禾镇，大棚里一片翠绿。近年来，该镇立足资源禀赋，发展特色种植。

产业兴旺

镇里引进龙头企业，带动周边农户种植蔬菜，去年产值突破两亿元。

人才回流

越来越多的年轻人回到家乡创业，开起了网店和民宿。
"""


def test_subheads_inside_a_feature_stay_in_its_body() -> None:
    issue = parse_text(FEATURE, "feature.txt")
    assert len(issue.articles) == 1
    article = issue.articles[0]
    assert ("乡村振兴看青禾", "青禾镇发展特色产业纪实", "赵一鸣") == (
        article.headline,
        article.subtitle,
        article.byline,
    )
    starts = ["春天的", "产业兴旺", "镇里引进", "人才回流", "越来越多"]
    paragraphs = article.body.split("\n")
    assert len(starts) == len(paragraphs)
    assert starts == [p[: len(s)] for p, s in zip(paragraphs, starts, strict=True)]


def test_undated_issue_takes_its_date_from_the_file_name() -> None:
    for name in ("2021-06-01.txt", "20210601.md", "2021年6月1日.txt"):
        issue = parse_text(FEATURE, name, PurePath("archive") / name)
        assert ("2021-06-01", "filename") == (issue.date, issue.date_source)


def test_date_and_publication_from_the_folder() -> None:
    issue = parse_text(FEATURE, "第3版.txt", PurePath("今日开发区") / "2019-09-03" / "第3版.txt")
    assert ("2019-09-03", "今日开发区") == (issue.date, issue.publication)


def test_undated_issue_has_no_date_but_a_year_hint() -> None:
    issue = parse_text("庆祝建党100周年文艺演出举行\n\n开发区讯 日前，开发区举办文艺演出。\n", "x.txt")
    assert issue.date is None and issue.date_source is None
    assert 2021 == issue.date_hint.year


def test_text_before_the_first_headline_is_a_fragment() -> None:
    text = "上接第一版）的工作，取得了明显成效。\n\n新标题在这里\n\n本报讯 正文从这里开始。\n"
    issue = parse_text(text, "x.txt")
    assert ["fragment", "news"] == [a.kind for a in issue.articles]
    assert issue.articles[0].headline == ""


def test_markdown_marks_are_removed_and_a_link_s_target_goes_to_the_sections() -> None:
    text = "## 标题一则\n\n**本报讯** 这里有[链接](http://example.com)和**加粗**文字。\n\n**（记者 张三）**\n"
    issue = parse_text(text, "x.md")
    article = issue.articles[0]
    assert ("标题一则", "本报讯", "记者 张三") == (article.headline, article.dateline, article.byline)
    assert article.body == "这里有链接和加粗文字。"
    assert ("(http://example.com)",) == issue.sections


def test_every_link_target_an_article_reads_past_is_kept_once_in_the_sections() -> None:
    """In a headline, a body, a byline; the same address twice is kept once; words in brackets
    after a name (市民[张某](化名)) are text, not a target, and stay in the body as printed."""
    text = (
        "## [夜游](www.example.org/night)古镇\n\n本报讯 详情见[官网](https://example.org/a?b=1)，"
        "或[再看一次](https://example.org/a?b=1)。市民[张某](化名)说好。\n\n"
        "（记者 [李四](mailto:li@example.org)）\n"
    )
    issue = parse_text(text, "x.md")
    (article,) = issue.articles
    assert ("夜游古镇", "记者 李四") == (article.headline, article.byline)
    assert "市民[张某](化名)说好" in article.body  # kept as printed
    assert (
        "(www.example.org/night)",
        "(https://example.org/a?b=1)",
        "(mailto:li@example.org)",
    ) == issue.sections


def test_empty_text_gives_an_issue_without_articles() -> None:
    assert () == parse_text("\n\n", "x.txt").articles


MARKDOWN_SUBHEADS = """\
# 大标题

**本报讯** 第一段正文。

## 小标题一

第二段正文。

## 小标题二

第三段。

（记者：张三）

本版编辑：李四

2022年7月5日 星期二 要闻

# 第二篇

本报讯 又一段。
"""


def test_smaller_markdown_headings_after_text_are_subheads() -> None:
    issue = parse_text(MARKDOWN_SUBHEADS, "x.md")
    assert ["大标题", "第二篇"] == [a.headline for a in issue.articles]
    body = issue.articles[0].body.split("\n")
    assert ["第一段正文。", "小标题一", "第二段正文。", "小标题二", "第三段。"] == body


def test_credit_with_a_colon_and_page_furniture() -> None:
    issue = parse_text(MARKDOWN_SUBHEADS, "x.md")
    assert issue.articles[0].byline == "记者 张三"
    assert ("本版编辑：李四", "2022年7月5日 星期二 要闻") == issue.sections


def test_masthead_line_with_name_and_pinyin_together() -> None:
    text = "东昌时讯 DONGCHANGSHIXUN\n2022年7月5日 星期二 第1449期\n\n标题\n\n东昌府讯 正文。\n"
    issue = parse_text(text, "x.txt")
    assert ("东昌时讯", "2022-07-05", 1449) == (issue.publication, issue.date, issue.number)


def test_a_headline_naming_the_paper_is_no_masthead() -> None:
    issue = parse_text("东昌时讯创刊十五周年\n\n东昌府讯 正文。\n", "x.txt")
    assert issue.publication is None
    assert ["东昌时讯创刊十五周年"] == [a.headline for a in issue.articles]


def test_a_short_sentence_start_cut_by_a_column_is_not_a_headline() -> None:
    text = (
        "青禾镇的新农人\n\n□ 赵一鸣\n\n近年来，青禾镇吸引了不少年轻人回乡创业。\n\n"
        "回乡创业\n7月1日,对青禾镇河湾村的\n\n返乡青年小周来说是个特别的日子，他的网店开张了。\n"
    )
    issue = parse_text(text, "x.txt")
    assert 1 == len(issue.articles)
    body = issue.articles[0].body.split("\n")
    assert "7月1日,对青禾镇河湾村的返乡青年小周来说" in body[-1]


def test_markdown_kicker_sits_on_its_headline_and_banners_stand_apart() -> None:
    text = (
        "## 第一篇\n\n本报讯 正文一。\n\n（记者 张三）\n\n\n\n喜迎二十大 奋进新征程\n\n走基层 看变化\n\n"
        "## 第二篇\n\n本报讯 正文二。\n\n（记者 李四）\n\n市行政审批服务局\n\n## 第三篇\n\n本报讯 正文三。\n"
    )
    issue = parse_text(text, "x.md")
    assert ["", "", "市行政审批服务局"] == [a.kicker for a in issue.articles]
    assert ("喜迎二十大 奋进新征程", "走基层 看变化") == issue.sections


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("东昌时讯/2022-07-05/第2版.txt", 2),
        ("第二版.txt", 2),
        ("第1-4版.txt", 1),
        ("03版.md", 3),
        ("2022-07-05/版2/正文.txt", 2),
        ("2022-07-05.txt", None),
        ("扫描.txt", None),
    ],
)
def test_the_page_of_a_file_comes_from_its_name(name: str, page: int | None) -> None:
    from pathlib import PurePath

    from reader.text.masthead import page_from_path

    assert page == page_from_path(PurePath(name))


def test_a_page_file_without_a_banner_starts_on_the_page_its_name_says() -> None:
    from pathlib import PurePath

    text = "夏粮收购有序进行\n\n东昌府讯 连日来，全区各收储点开秤收购新麦。\n\n（融媒体 张伟）\n"
    parsed = parse_text(text, source="第3版.txt", path=PurePath("2022-07-05/第3版.txt"))
    assert [3] == [a.page for a in parsed.articles]


@pytest.mark.parametrize("phrase", ["自2019年起", "从2019年开始", "2019年以来"])
def test_a_year_that_opens_a_period_is_no_hint_of_the_issue_year(phrase: str) -> None:
    issue = parse_text(f"河湾新区推行垃圾分类\n\n本报讯 {phrase}，河湾新区推行垃圾分类。\n", "x.txt")
    assert (None, "") == (issue.date_hint.year, issue.date_hint.reason)


def test_a_year_mentioned_after_a_period_still_hints() -> None:
    issue = parse_text("标题\n\n本报讯 自2019年起推行垃圾分类，2021年覆盖全区。\n", "x.txt")
    assert 2021 == issue.date_hint.year


PICTURES = """\
## 秋到白云山 红叶映层林

![白云山红叶](images/hongye.jpg)

本报讯 进入十月，白云山景区的枫树陆续变红。

## 古镇夜游点亮夜经济

![夜景一](images/p1.jpg) ![夜景二](http://example.com/p2.png)

本报讯 近日，清水古镇推出夜游项目。
"""


def test_a_line_of_pictures_goes_to_the_sections_as_printed_never_into_the_head() -> None:
    """A picture's reference (a lone image, two images on a line) is no subtitle, and its target
    is kept in the sections, not dropped (issue 24: nothing the parser does not place is lost)."""
    issue = parse_text(PICTURES, "x.md")
    assert [("秋到白云山 红叶映层林", ""), ("古镇夜游点亮夜经济", "")] == [
        (a.headline, a.subtitle) for a in issue.articles
    ]
    assert (
        "![白云山红叶](images/hongye.jpg)",
        "![夜景一](images/p1.jpg) ![夜景二](http://example.com/p2.png)",
    ) == issue.sections
