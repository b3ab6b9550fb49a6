"""Page furniture and item boundaries on pages the parser was not written for: the staff line under
the page banner and printed rules go to the sections (issue 24, defects 6, 8); a title with its
credit after a poem opens the next item (defect 5). The pages are invented for these tests."""

from __future__ import annotations

from reader.text.parse import parse_text

ITEM = """\
{rule}
县城新添口袋公园
本报讯 近日，县城东关街的口袋公园建成开放，园内铺设健身步道。
（记者 刘洋）
{rule}
夜市点亮老街烟火气
本报讯 6月15日晚，老街夜市正式开市，60余个摊位吸引市民前来消费。
（记者 郑洁）
"""


def test_a_printed_rule_between_items_is_furniture_not_a_headline_or_kicker() -> None:
    for rule in ("一一一一一一一一一一一一", "————————————", "━━━━━━━━"):
        issue = parse_text(ITEM.format(rule=rule), "x.txt")
        got = [(a.kicker, a.headline, a.byline) for a in issue.articles]
        assert [("", "县城新添口袋公园", "记者 刘洋"), ("", "夜市点亮老街烟火气", "记者 郑洁")] == got, rule
        # 一 is a character, kept where furniture goes; a line of dashes or box lines is a break that
        # split_lines drops as it always did (it holds no text)
        assert ([rule, rule] if rule[0] == "一" else []) == list(issue.sections)


def test_the_staff_line_under_the_page_banner_is_furniture_not_a_kicker() -> None:
    for staff in ("主编：高卫东 责任编辑：马晓燕 美编：刘畅", "总编辑：李伟 值班编辑：周琳"):
        text = (
            f"第3版 县域新闻\n\n{staff}\n\n县城新添口袋公园\n\n本报讯 近日，县城东关街的口袋公园建成开放。\n"
        )
        issue = parse_text(text, "x.txt")
        assert ("", "县城新添口袋公园") == (issue.articles[0].kicker, issue.articles[0].headline)
        assert staff in issue.sections


POEMS = """\
秋天的村庄

□ 周远

稻穗低下了头
风从河面吹来
晒谷场上
堆起金黄的小山

父亲坐在门槛上
数着一年的收成

{title}

□ 何青

{rest}
"""


def test_a_title_with_its_credit_after_a_poem_opens_the_next_item() -> None:
    """After a poem's last lines, a title set apart with its author under it is the next item's,
    for a poem and for an essay (issue 24, defect 5)."""
    for title, rest, lines in (
        ("月光", "月光落在井台上\n母亲在灯下缝衣", ["月光落在井台上", "母亲在灯下缝衣"]),
        (
            "故乡的河",
            "小时候，我常在河边玩耍。河水清清，鱼儿成群。",
            ["小时候，我常在河边玩耍。河水清清，鱼儿成群。"],
        ),
    ):
        issue = parse_text(POEMS.format(title=title, rest=rest), "x.txt")
        got = [(a.headline, a.byline, a.body.split("\n")) for a in issue.articles]
        verse = [
            "稻穗低下了头",
            "风从河面吹来",
            "晒谷场上",
            "堆起金黄的小山",
            "父亲坐在门槛上",
            "数着一年的收成",
        ]
        assert [("秋天的村庄", "周远", verse), (title, "何青", lines)] == got
