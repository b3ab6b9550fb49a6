"""Papers the parser was not written for: their name, date and number read from the page's shape.

The pages are invented for these tests (made-up papers, places and names); each shape comes in two
papers, so a rule that knew one paper's words would fail here (issue 24, defects 1 and 2).
"""

from __future__ import annotations

from reader.text.parse import parse_text

BODY = "\n县里召开春季植树动员会\n\n本报讯 3月5日，县里召开春季植树动员会，部署全年国土绿化工作。\n"

SONGXI = """\
松溪时报
SONGXI SHIBAO
中共松溪县委员会主办
2024年5月8日 星期三 农历甲辰年四月初一
第12期（总第530期） 今日8版
"""
QINGHE = """\
清河时讯
QING HE SHI XUN
中共清河镇委员会主办
2023年11月2日 星期四
第40期（总第1288期） 今日4版
"""


def test_an_unknown_papers_masthead_gives_its_name_date_running_number_and_pages() -> None:
    for masthead, want in (
        (SONGXI, ("松溪时报", "2024-05-08", "星期三", 530, 8)),
        (QINGHE, ("清河时讯", "2023-11-02", "星期四", 1288, 4)),
    ):
        issue = parse_text(masthead + BODY, "x.txt")
        assert want == (issue.publication, issue.date, issue.weekday, issue.number, issue.page_count)
        assert ["县里召开春季植树动员会"] == [a.headline for a in issue.articles]


def test_the_running_number_alone_and_the_number_of_the_year_alone() -> None:
    assert 530 == parse_text("2024年5月8日\n总第530期\n" + BODY, "x.txt").number
    assert 12 == parse_text("2024年5月8日\n第12期\n" + BODY, "x.txt").number


def test_a_sponsor_line_without_a_colon_does_not_end_the_masthead() -> None:
    issue = parse_text("东昌时讯\n中共东昌府区委员会主办\n2023年6月13日 星期二\n总第1501期\n" + BODY, "x.txt")
    assert ("东昌时讯", "2023-06-13", 1501) == (issue.publication, issue.date, issue.number)


INNER = """\
老街夜市开市

本报讯 6月15日晚，老街夜市正式开市，60余个摊位吸引市民前来消费。

（记者 郑洁）
"""


def test_an_inner_page_takes_its_paper_and_date_from_the_running_head_or_the_footer_folio() -> None:
    for text, want in (
        ("清河时讯 · 第2版 · 要闻\n\n" + INNER, ("清河时讯", None, None)),
        ("南湖市报 2024年4月5日 第3版\n" + INNER, ("南湖市报", "2024-04-05", None)),
        (INNER + "\n东湖晚报 2024年6月18日 星期二\n", ("东湖晚报", "2024-06-18", "星期二")),
    ):
        issue = parse_text(text, "x.txt")
        assert want == (issue.publication, issue.date, issue.weekday), text
        assert ("老街夜市开市", "", "记者 郑洁") == (
            issue.articles[0].headline,
            issue.articles[0].kicker,
            issue.articles[0].byline,
        )
        assert [] == [a for a in issue.articles[1:]]
        assert issue.date is None or "text" == issue.date_source


def test_a_headline_holding_a_papers_name_is_no_running_head() -> None:
    for headline in ("南湖日报记者走进乡村", "南湖日报 记者 走进乡村"):
        issue = parse_text(f"{headline}\n\n本报讯 近日，记者走进乡村，记录振兴故事。\n", "x.txt")
        assert (None, headline) == (issue.publication, issue.articles[0].headline)


def test_a_name_over_its_own_pinyin_is_the_papers_name_whatever_its_words() -> None:
    for name, pinyin in (("河阳视界", "HEYANG SHIJIE"), ("青川新闻", "QINGCHUAN XINWEN")):
        issue = parse_text(f"{name}\n{pinyin}\n2024年3月5日 星期二\n第210期 今日4版\n" + BODY, "x.txt")
        assert (name, "2024-03-05", 210) == (issue.publication, issue.date, issue.number)
        assert ["县里召开春季植树动员会"] == [a.headline for a in issue.articles]


def test_a_headline_over_capitals_that_do_not_spell_it_is_no_papers_name() -> None:
    issue = parse_text("春耕正当时\nSPRING FARMING\n\n本报讯 连日来，各乡镇抢抓农时开展春耕。\n", "x.txt")
    assert (None, ()) == (issue.publication, issue.masthead)


def test_a_paper_the_archive_knows_is_named_by_its_running_head_and_dated_by_its_folio() -> None:
    for name in ("河阳视界", "青川新闻"):
        page = f"{name} · 第3版 · 文化\n" + BODY + f"\n{name}　2024年3月5日　星期二\n"
        unknown = parse_text(page, "x.txt")
        known = parse_text(page, "x.txt", papers=frozenset({name, "东湖晚报"}))
        assert (None, None) == (unknown.publication, unknown.date)
        assert (name, "2024-03-05") == (known.publication, known.date)


def test_a_running_head_alone_names_a_paper_the_archive_knows() -> None:
    """A known name taken from the front of 「河阳视界 · 第3版 · 文化」 left its middle dot behind,
    read as an empty part that no folio holds: a page with no footer folio had no paper."""
    for name in ("河阳视界", "青川新闻"):
        for head in (f"{name} · 第3版 · 文化", f"{name}｜第3版"):
            issue = parse_text(head + "\n" + BODY, "x.txt", papers=frozenset({name}))
            assert name == issue.publication, head
            assert ["县里召开春季植树动员会"] == [a.headline for a in issue.articles]


def test_a_logo_under_the_date_and_number_still_names_the_paper() -> None:
    """Some mastheads print the date and the number above the paper's name and its pinyin logo
    (held-out page 12): the name over its pinyin is looked for among the first lines, not only
    on the first."""
    for top, name, pinyin in (
        ("2025年1月10日 星期五\n总第2031期 本期8版\n", "枫林周刊", "FENGLIN ZHOUKAN"),
        ("第88期\n", "青川新闻", "QINGCHUAN XINWEN"),
    ):
        issue = parse_text(f"{top}{name}\n{pinyin}\n中共{name[:2]}县委宣传部主管主办\n" + BODY, "x.txt")
        assert name == issue.publication, top
        assert ["县里召开春季植树动员会"] == [a.headline for a in issue.articles]
