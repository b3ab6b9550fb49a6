"""What stands over an article's text: its headline, kicker, byline, and what is no part of it.

The pages are invented for these tests (made-up places and names); each shape comes in two
layouts, so a rule that knew one page's words would fail here (issue 24, defects 4, 9 and the
column labels of defect 6).
"""

from __future__ import annotations

from reader.text.parse import parse_text

NOTE_FRAMED = """\
乡村教师的一天

编者按：在我县偏远山区，有一批坚守三尺讲台的乡村教师。本报今起推出系列报道，记录他们的故事。

□ 本报记者 周宁

清晨六点，天刚蒙蒙亮，李老师已经走在去学校的山路上。这条路她走了整整十二年。

学校只有两个年级、十一个孩子，李老师既教语文，也教数学和音乐。
"""
NOTE_BRACKETED = """\
一条老街的新生

【编者按】城市更新不是大拆大建，而是让老街区焕发新活力。本期我们走进南门老街。

文/图 融媒体记者 孙悦

南门老街是县城最古老的街道之一，青石板路两旁是上百年的老房子。

去年以来，县里对老街进行微改造，修缮房屋、改造管网、引进非遗工坊。
"""


def test_the_author_line_after_an_editors_note_is_the_byline_and_the_text_stays() -> None:
    for page, byline in ((NOTE_FRAMED, "本报记者 周宁"), (NOTE_BRACKETED, "文/图 融媒体记者 孙悦")):
        issue = parse_text(page, "x.txt")
        assert 1 == len(issue.articles), [a.headline for a in issue.articles]
        article = issue.articles[0]
        assert byline == article.byline
        paragraphs = article.body.split("\n")
        assert 3 == len(paragraphs) and "编者按" in paragraphs[0]
        assert "news" == article.kind


COLUMNS_NEWS = """\
第3版　社会

百姓身边事

老旧小区装上充电桩

本报讯 近日，城南区桂花里小区新装的二十个电动车充电桩投入使用，居民不用再把电瓶拎上楼。

（记者 田野）

城东街道

夜市开进老城区

本报讯 城东街道在老城区开设周末夜市，首批入驻摊位六十个。

（通讯员 宋洁）

法治课堂

租房押金不退怎么办？

答：承租人可先与出租人协商，协商不成的，可向住房租赁部门投诉或依法起诉。
"""
COLUMNS_ESSAYS = """\
青川日报·周末

书香园地

读书的灯光

□ 吴桐

小时候家里穷，一盏煤油灯要省着点。父亲却说，读书的灯不能省。

那盏灯陪我读完了小学和初中。

心灵驿站

雨后的山路

□ 程远

雨停了，山路上的石头被洗得发亮，远处的云慢慢散开。
"""


def test_a_short_name_over_a_headline_is_a_column_label_and_a_place_or_office_is_a_kicker() -> None:
    for page, columns, heads in (
        (
            COLUMNS_NEWS,
            ["百姓身边事", "法治课堂"],
            [("", "老旧小区装上充电桩"), ("城东街道", "夜市开进老城区"), ("", "租房押金不退怎么办？")],
        ),
        (COLUMNS_ESSAYS, ["书香园地", "心灵驿站"], [("", "读书的灯光"), ("", "雨后的山路")]),
    ):
        issue = parse_text(page, "x.txt")
        assert heads == [(a.kicker, a.headline) for a in issue.articles]
        assert set(columns) <= set(issue.sections)


WRAPPED_JI = """\
城东街道
关于推进老旧小区改造暨
加装电梯工作动员会召开

本报讯 3月2日，城东街道召开老旧小区改造暨加装电梯工作动员会，部署全年改造任务。

（通讯员 宋洁）
"""
WRAPPED_MIDWAY = """\
湖西街道

“智慧食堂”让独居老人
吃上热乎饭

本报讯 湖西街道的“智慧食堂”开张一个月，每天为独居老人送餐一百余份。

（记者 田野）
"""


def test_a_headline_wrapped_over_two_lines_is_one_headline_under_its_kicker() -> None:
    for page, kicker, headline in (
        (WRAPPED_JI, "城东街道", "关于推进老旧小区改造暨加装电梯工作动员会召开"),
        (WRAPPED_MIDWAY, "湖西街道", "“智慧食堂”让独居老人吃上热乎饭"),
    ):
        issue = parse_text(page, "x.txt")
        assert [(kicker, headline)] == [(a.kicker, a.headline) for a in issue.articles]
        assert kicker not in issue.sections


BOX_AFTER = """\
县城新增三处口袋公园

本报讯 近日，县城新建的三处口袋公园对市民开放，园内设有健身步道和儿童游乐设施。

（记者 田野）

{title}

{rows}

{note}

乡村道路完成提档升级

本报讯 今年以来，全县完成农村公路提档升级一百二十公里，惠及沿线群众五万余人。

（通讯员 宋洁）
"""
DATA_ROWS = [
    "粮食总产量　52.3万吨",
    "比上年增长　2.1%",
    "新建高标准农田　8.6万亩",
    "农村居民人均收入　19860元",
    "新增市场主体　3120户",
    "城镇新增就业　4560人",
]
WEATHER_ROWS = [
    "周一　晴　18～26℃",
    "周二　多云　19～27℃",
    "周三　小雨　17～22℃",
    "周四　阴　16～21℃",
    "周五　晴　18～25℃",
    "周六　晴　19～28℃",
]


def test_a_titled_box_of_label_value_lines_is_an_item_of_its_own_between_two_articles() -> None:
    for title, rows, note in (
        ("数读2024", DATA_ROWS, "（数据来源：县统计局）"),
        ("一周天气", WEATHER_ROWS, "（县气象台提供）"),
    ):
        page = BOX_AFTER.format(title=title, rows="\n".join(rows), note=note)
        issue = parse_text(page, "x.txt")
        assert ["县城新增三处口袋公园", title, "乡村道路完成提档升级"] == [a.headline for a in issue.articles]
        box = issue.articles[1]
        assert [row.replace("\u3000", " ") for row in rows] == box.body.split("\n")[
            : len(rows)
        ]  # one line each
        assert note.strip("（）") in box.body + box.byline  # the box's source or credit
        assert "（通讯员 宋洁）" not in box.body and issue.articles[2].dateline == "本报讯"


HEAD_AND_SUBTITLE = """\
{headline}

{subtitle}

本报讯 近日，{headline}，会议听取了有关情况汇报，对下一步工作作出安排。

（记者 田野）
"""


def test_a_single_clause_over_another_line_is_the_headline_and_the_line_under_it_its_subtitle() -> None:
    for headline, subtitle in (
        ("镇党委召开扩大会议", "部署秋冬季森林防火工作"),
        ("乡村振兴现场推进会举行", "各乡镇交流特色产业发展经验"),
    ):
        issue = parse_text(HEAD_AND_SUBTITLE.format(headline=headline, subtitle=subtitle), "x.txt")
        assert [("", headline, subtitle)] == [(a.kicker, a.headline, a.subtitle) for a in issue.articles]


MARKDOWN_PAGE_TITLE = """\
# 文旅周刊

## 秋到白云山 红叶映层林

**本报讯**（记者 林一）进入十月，白云山景区的枫树陆续变红，漫山红叶吸引大批游客。

## 古镇夜游点亮“夜经济”

**本报讯** 近日，清水古镇推出夜游项目，灯光秀每晚开放至十点。
"""
MARKDOWN_SECTION_TITLE = """\
## 要闻速览

### 全市首个零碳社区建成

**本报讯**（记者 陆敏）近日，东园社区建成全市首个零碳社区。

### 高温天气防暑提示

- 避免在中午时段长时间户外活动。
- 多喝水，不要等口渴了再喝。
"""


def test_a_markdown_dump_s_headlines_are_at_the_level_most_of_its_headings_have() -> None:
    """A title one level above the headlines (the page's # 文旅周刊, a section's ## 要闻速览) made
    the headlines after it look like sub-heads: the second article ran into the first (issue 24:
    two held-out Markdown pages, 11 and 25)."""
    issue = parse_text(MARKDOWN_PAGE_TITLE, "x.md")
    assert ["秋到白云山 红叶映层林", "古镇夜游点亮“夜经济”"] == [a.headline for a in issue.articles]
    assert "文旅周刊" in issue.sections
    issue = parse_text(MARKDOWN_SECTION_TITLE, "x.md")
    assert ["全市首个零碳社区建成", "高温天气防暑提示"] == [a.headline for a in issue.articles]
    assert issue.articles[1].body.startswith("避免在中午时段")
