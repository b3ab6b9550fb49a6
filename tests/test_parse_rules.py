"""Each rule of reader.text.rules and reader.text.page_rules on small invented lines: the shapes
it keys on, and its limits."""

from __future__ import annotations

import pytest

from reader.text.lines import is_stray_mark, split_lines
from reader.text.linetypes import signatures, type_lines
from reader.text.page_rules import (
    advert_end,
    bold_heading,
    bracketed_lead,
    hard_wrapped_paragraphs,
    has_paragraph_indent,
    interview_turn,
    is_table_row,
    labelled_line,
    next_field,
    opens_item,
    own_line,
    signature_block,
)
from reader.text.rules import (
    continues_quote,
    credit_ahead,
    credit_by_position,
    cut_sentence_between_texts,
    framed_subheading_between_texts,
    is_bare_credit,
    is_picture_gap,
    marked_subheading,
    open_quotes,
    opens_with_dateline,
    opens_with_editors_note,
    reads_as_sentence,
    reads_as_verse,
    stops_mid_sentence,
    subheading_before_credit,
    trailing_credit,
)
from reader.text.shapes import credit_of, is_advert_label, is_furniture, is_running_head


@pytest.mark.parametrize(
    ("text", "count"), [("他说“好”", 0), ("他说：“明天", 1), ("“甲”“乙", 1), ("好”", -1)]
)
def test_open_quotes_counts_quotations_left_open(text: str, count: int) -> None:
    assert count == open_quotes(text)


@pytest.mark.parametrize("text", ["本报讯 自去年起，全镇推行", "青禾镇讯 今年春天"])
def test_a_line_opening_with_a_dateline_is_text(text: str) -> None:
    assert opens_with_dateline(text)


@pytest.mark.parametrize("text", ["本报讯", "青禾镇喜迎丰收", "通讯员队伍建设"])
def test_a_line_without_text_after_a_dateline_or_with_a_word_ending_in_xun_is_no_dateline(text: str) -> None:
    assert not opens_with_dateline(text)


@pytest.mark.parametrize("text", ["自去年起，全镇推行", "居民老李说：“明天", "设施更新；服务"])
def test_a_piece_with_a_comma_or_an_open_quote_reads_as_a_sentence(text: str) -> None:
    assert reads_as_sentence(text)


@pytest.mark.parametrize(
    "text", ["“菜篮子”稳价保供", "春耕、春播两不误", "一、建强队伍", "（二）完善设施", "3.加强宣传"]
)
def test_headings_balance_quotes_and_use_no_commas(text: str) -> None:
    assert not reads_as_sentence(text)


@pytest.mark.parametrize(
    "piece",
    [
        "居民老李说，盼着能",
        "河湾新区全面推行“楼长+管家”",
        "他说：“明天",
        "来到活动现场（如图）",
        "河湾新区全面推行“楼长制”（试行）",  # a quoted term before the note: still cut
    ],
)
def test_a_piece_cut_mid_sentence_stops_mid_sentence(piece: str) -> None:
    assert stops_mid_sentence(piece)


@pytest.mark.parametrize(
    "piece",
    [
        "工作进展顺利。",
        "“来得真及时！”",
        "他说：“明天再来。",
        "大家都说：“好。”",
        "",
        "座谈会在区政府召开。（下转第2版）",
        "活动圆满结束。(完)",
        "大家都说：“好。”（图片由受访者提供）",
    ],
)
def test_a_piece_ending_a_sentence_or_a_quoted_sentence_does_not(piece: str) -> None:
    assert not stops_mid_sentence(piece)


@pytest.mark.parametrize("text", ["青禾镇宣", "河湾新区供图", "县农业农村局供稿"])
def test_a_unit_with_a_credit_mark_is_a_bare_credit(text: str) -> None:
    assert is_bare_credit(text)


@pytest.mark.parametrize("text", ["宣", "青禾镇宣传工作", "青禾镇，宣", "青禾 镇宣"])
def test_other_lines_are_no_bare_credit(text: str) -> None:
    assert not is_bare_credit(text)


def test_a_bare_credit_counts_only_right_after_a_finished_paragraph() -> None:
    assert credit_by_position("青禾镇宣", "活动共发放资料五百份。", previous_is_text=True)
    assert not credit_by_position("青禾镇宣", "活动共发放资料", previous_is_text=True)
    assert not credit_by_position("青禾镇宣", "活动共发放资料五百份。", previous_is_text=False)
    assert not credit_by_position("青禾镇宣", None, previous_is_text=False)


def test_a_run_of_blank_lines_under_a_headline_is_a_picture() -> None:
    assert is_picture_gap(3, under_headline=True)
    assert not is_picture_gap(1, under_headline=True)
    assert not is_picture_gap(3, under_headline=False)


def _typed(text: str, types: list[str]) -> tuple[list, list]:
    lines = split_lines(text)
    assert len(lines) == len(types)
    return types, lines


def test_a_lone_heading_with_text_running_to_a_credit_is_a_sub_heading() -> None:
    types, lines = _typed(
        "本报讯 正文一。\n\n小标题甲\n\n正文二。\n\n小标题乙\n\n正文三。\n\n（记者 甲乙）\n",
        ["body", "heading", "body", "heading", "body", "credit"],
    )
    ahead = credit_ahead(types, lines)
    assert subheading_before_credit(types, lines, ahead, 1)
    assert subheading_before_credit(types, lines, ahead, 3)


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # the next article's dateline comes first
        (
            "本报讯 正文一。\n\n标题\n\n本报讯 正文二。\n\n（记者 甲乙）\n",
            ["body", "heading", "body", "credit"],
        ),
        # a heading group of two lines (kicker and headline) opens an article
        (
            "本报讯 正文一。\n\n引题\n\n标题\n\n正文二。\n\n（记者 甲乙）\n",
            ["body", "heading", "heading", "body", "credit"],
        ),
        # a page jump comes first
        (
            "本报讯 正文一。\n\n标题\n\n正文二。\n\n\n\n正文三。\n\n（记者 甲乙）\n",
            ["body", "heading", "body", "body", "credit"],
        ),
        # no credit at all
        ("本报讯 正文一。\n\n标题\n\n正文二。\n", ["body", "heading", "body"]),
        # the credit sits right under the heading: it is that headline's byline
        ("本报讯 正文一。\n\n标题\n\n（记者 甲乙）\n\n正文二。\n", ["body", "heading", "credit", "body"]),
    ],
)
def test_a_heading_is_no_sub_heading_when_a_new_article_shows_before_the_credit(
    text: str, types: list[str]
) -> None:
    types, lines = _typed(text, types)
    ahead = credit_ahead(types, lines)
    assert not subheading_before_credit(types, lines, ahead, 1)


def test_a_sentence_shaped_piece_between_paragraphs_is_a_cut_paragraph() -> None:
    types, lines = _typed(
        "本报讯 正文一。\n\n每到周三晚上，村民们\n\n就聚到村委会听课。\n", ["body", "heading", "body"]
    )
    assert cut_sentence_between_texts(types, lines, 1)


def test_a_sentence_shaped_piece_under_a_sub_heading_is_a_cut_paragraph() -> None:
    types, lines = _typed(
        "正文一。\n\n小标题\n\n每到周三晚上，村民们\n\n就聚到村委会听课。\n",
        ["body", "heading", "heading", "body"],
    )
    assert cut_sentence_between_texts(types, lines, 2)


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # a headline with a comma at the top of an article, after the last one's credit
        ("（记者 甲乙）\n\n抓产业，促增收\n\n正文二。\n", ["credit", "heading", "body"]),
        # a headline with a comma over a dateline
        ("正文一。\n\n抓产业，促增收\n\n本报讯 正文二。\n", ["body", "heading", "body"]),
        # a subtitle with a comma under its headline
        (
            "正文一。\n\n引题\n\n标题\n\n抓产业，促增收\n\n正文二。\n",
            ["body", "heading", "heading", "heading", "body"],
        ),
    ],
)
def test_a_sentence_shaped_line_at_the_top_of_an_article_is_left_alone(text: str, types: list[str]) -> None:
    types, lines = _typed(text, types)
    assert not cut_sentence_between_texts(types, lines, len(types) - 2)


def test_a_piece_closing_a_quotation_left_open_continues_the_paragraph() -> None:
    assert continues_quote(1, "盼着早点换成水泥桥。”老钱说。")
    assert continues_quote(1, "换好了。」")


@pytest.mark.parametrize(
    ("open_before", "text"),
    [
        (1, "“第二件事是修渠。”村支书说。"),  # a quotation over several paragraphs reopens each
        (0, "盼着早点换成水泥桥。”老钱说。"),  # nothing was left open
        (1, "老钱说。"),  # no quotation mark at all
    ],
)
def test_other_pieces_do_not_continue_a_quotation(open_before: int, text: str) -> None:
    assert not continues_quote(open_before, text)


@pytest.mark.parametrize(
    "text", ["一、老街记忆", "2.强化保障", "3. 优化服务", "（二）抓好落实", "■ 问需于民 一楼一策", "◆ 新变化"]
)
def test_a_numbered_or_framed_line_is_a_marked_sub_heading(text: str) -> None:
    assert marked_subheading(text)


@pytest.mark.parametrize("text", ["3.8万人次游古城", "2023年新春走基层", "老街记忆"])
def test_a_decimal_or_a_plain_line_is_no_marked_sub_heading(text: str) -> None:
    assert not marked_subheading(text)


def test_a_framed_line_between_two_paragraphs_is_no_credit() -> None:
    text = "青禾镇的路修好了。\n■ 问需于民 一楼一策\n镇里先后召开议事会六次。"
    types, lines = _typed(text, ["body", "credit", "body"])
    assert framed_subheading_between_texts(types, lines, 1)


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # a credit by its words; under a headline; a page jump after it; a dateline after it
        ("路修好了。\n■ 张三 摄\n近日，新区清理河道。", ["body", "credit", "body"]),
        ("春茶开采\n□ 林晓雨\n清明前后，茶园里一片忙碌。", ["heading", "credit", "body"]),
        ("路修好了。\n□ 林晓雨\n\n\n清明前后，茶园里一片忙碌。", ["body", "credit", "body"]),
        ("路修好了。\n□ 林晓雨\n本报讯 清明前后，茶园里一片忙碌。", ["body", "credit", "body"]),
    ],
)
def test_a_framed_line_stays_a_credit_under_a_headline_or_before_another_article(
    text: str, types: list[str]
) -> None:
    types, lines = _typed(text, types)
    assert not framed_subheading_between_texts(types, lines, 1)


@pytest.mark.parametrize("text", ["李四/摄", "李四／图", "◎王五", "◎ 文/赵六"])
def test_a_slashed_photo_credit_or_a_ring_framed_name_is_a_credit(text: str) -> None:
    assert credit_of(text) is not None


def test_short_lines_printed_one_under_another_read_as_verse() -> None:
    assert reads_as_verse(split_lines("河是一支长歌\n从春天唱到冬天\n唱绿了垂柳"))


@pytest.mark.parametrize(
    "text",
    [
        "河是一支长歌",  # one line
        "河是一支长歌\n\n从春天唱到冬天",  # a blank line between: a headline and its subtitle, maybe
        # too long for a line of verse
        "河是一支长歌\n" + "从春天唱到冬天唱绿了两岸的垂柳唱白了父亲的双鬓也唱老了村口的槐树",
        "## 河是一支长歌\n从春天唱到冬天",  # a Markdown heading
    ],
)
def test_other_heading_lines_are_no_verse(text: str) -> None:
    assert not reads_as_verse(split_lines(text))


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("现场达成意向八十人。（通讯员 李四）", ("现场达成意向八十人。", "（通讯员 李四）")),
        ("逐户讲解使用方法。(王五)", ("逐户讲解使用方法。", "(王五)")),
        ("“好日子来了！”村民说。（记者 赵六 摄）", ("“好日子来了！”村民说。", "（记者 赵六 摄）")),
    ],
)
def test_a_credit_in_brackets_after_the_last_sentence_is_split_off(text: str, split: tuple[str, str]) -> None:
    assert split == trailing_credit(text)


@pytest.mark.parametrize(
    "text",
    [
        "（通讯员 李四）",  # a credit line of its own
        "老人张某（化名）说起往事。",  # a bracket inside the sentence
        "全年增长一成。（下转第二版）",  # a cross reference, no credit
        "手艺很好。（未完待续）",  # an end mark, no credit
        "手艺很好。（待续）",
        "手艺很好。(全文完)",
        "全年增长一成。（注：数据为初步统计，以正式公布为准）",  # a note
    ],
)
def test_other_brackets_are_no_trailing_credit(text: str) -> None:
    assert trailing_credit(text) is None


@pytest.mark.parametrize("mark", ["-", "|", "·", "--"])
def test_a_stray_mark_between_blank_lines_adds_no_page_jump(mark: str) -> None:

    assert is_stray_mark(mark)
    _first, second = split_lines(f"甲地修路\n\n{mark}\n\n乙地建桥")
    assert 1 == second.gap_before


def test_a_rule_across_the_page_still_separates() -> None:

    assert not is_stray_mark("---")
    assert 2 == split_lines("甲地修路\n\n---\n\n乙地建桥")[1].gap_before


@pytest.mark.parametrize(
    "text",
    ["3", "- 12 -", "青禾日报 · 要闻 · 2", "第5版｜民生", "2024年5月6日 · 乡村振兴专版", "河湾晚报 | 7"],
)
def test_folios_and_running_heads_are_furniture(text: str) -> None:

    assert is_running_head(text) or text.startswith("第")
    assert is_furniture(text)


@pytest.mark.parametrize(
    "text",
    ["我区实施“书香山东· 数字阅读”工程", "运河·2024", "1.2", "乡村·振兴", "青禾镇 · 2个村获评示范村，"],
)
def test_a_headline_with_a_middle_dot_is_no_running_head(text: str) -> None:

    assert not is_running_head(text)


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("农技员在大棚里查看苗情，确保春耕顺利。 融媒体 赵一 摄", "融媒体 赵一 摄"),
        ("志愿者为老人理发。 本报记者 钱二", "本报记者 钱二"),
    ],
)
def test_a_caption_may_end_with_its_credit_bare_after_a_space(text: str, credit: str) -> None:
    assert credit == (trailing_credit(text) or ("", ""))[1]


@pytest.mark.parametrize(
    "text", ["村民都说好。 张三", "活动结束。 下一步，全镇将继续推进", "他说：好 赵一 摄"]
)
def test_a_bare_tail_that_is_no_credit_or_follows_no_sentence_stays_text(text: str) -> None:
    assert trailing_credit(text) is None


@pytest.mark.parametrize(
    "text",
    ["编者按：乡村振兴，教育先行。", "【编者按】从今天起，本报推出系列报道。", "编者的话 这是第一篇。"],
)
def test_an_editors_note_opens_its_paragraph(text: str) -> None:

    assert opens_with_editors_note(text)


@pytest.mark.parametrize("text", ["编者按", "【编者按】", "编辑部召开会议。", "按照编者按的要求"])
def test_a_bare_label_or_a_mention_is_no_editors_note(text: str) -> None:

    assert not opens_with_editors_note(text)


def test_hard_wrapped_lines_go_on_with_their_indented_paragraph() -> None:

    text = (
        "河湾新区建成口袋公园\n　　本报讯 新公园占地约一万二\n千平方米。园内种了树，还有\n"
        "步道。\n　　居民都说好。\n\n下一条新闻的标题"
    )
    roles = hard_wrapped_paragraphs(split_lines(text))
    assert ["", "", "wrap", "wrap", "start", ""] == roles


def test_a_short_last_line_ends_its_paragraph_even_without_a_blank_line() -> None:

    text = "　　本报讯 新公园占地约一万二千平\n方米，居民都说好。\n青禾镇修好进村路"
    assert ["", "wrap", ""] == hard_wrapped_paragraphs(split_lines(text))


@pytest.mark.parametrize("raw", ["　　本报讯", "  本报讯", "　本报讯"])
def test_a_paragraph_indent_is_a_few_spaces(raw: str) -> None:

    assert has_paragraph_indent(raw)
    assert not has_paragraph_indent("本报讯")
    assert not has_paragraph_indent("          居中的标题")


def test_a_bracketed_title_leads_a_brief() -> None:

    assert ("青禾镇启动植树活动", "3月12日，全镇栽树3000株。") == bracketed_lead(
        "【青禾镇启动植树活动】3月12日，全镇栽树3000株。"
    )
    assert opens_item("【河湾图书馆开放夜读】即日起，每周五晚开放。")
    assert opens_item("本报讯 3月11日，区残联送来轮椅。")


@pytest.mark.parametrize(
    "text",
    ["【编者按】从今天起，本报推出系列报道。", "【青禾镇启动植树活动】", "【据了解，全镇共栽树】3000株。"],
)
def test_an_editors_note_a_bare_title_or_a_bracketed_sentence_leads_no_brief(text: str) -> None:

    assert bracketed_lead(text) is None


def test_a_speaker_label_met_again_or_answered_is_an_interview_turn() -> None:

    paragraphs = ["记者：今年有哪些新举措？", "王五：我们做了三件事。"]
    assert interview_turn("记者：下一步有什么打算？", paragraphs, "王五：继续完善。")
    assert interview_turn("记者：下一步有什么打算？", paragraphs, "")
    assert interview_turn("记者：有哪些新举措？", [], "王五：我们做了三件事。")
    assert not interview_turn("青禾镇：小香菇撑起致富伞", paragraphs, "本报讯 今年，全镇种香菇。")
    assert not interview_turn("下一步有什么打算？", paragraphs, "王五：继续完善。")


def test_a_box_of_labelled_values_is_text() -> None:

    lines = split_lines("天气预报\n今天：多云，最高气温18℃\n明天：晴，5℃～20℃\n\n青禾镇：小香菇撑起致富伞")
    assert [False, True, True, False] == [labelled_line(lines, i) for i in range(4)]


def test_a_box_of_labelled_lines_is_no_cut_paragraph() -> None:

    assert next_field("今天白天：多云，最高气温18℃", "明天：晴，5℃～20℃")
    assert not next_field("新修的道路全长8公里，总投资约", "万元，沿线3个村受益。")


NOTICE = (
    "招聘启事\n\n某物业公司招聘保安员10名。有意者请到公司报名。\n\n联系电话：0635-1234567\n\n"
    "某物业公司\n\n2024年3月14日\n\n天气预报"
)


def test_a_notice_ends_with_its_signatory_and_date() -> None:

    lines = split_lines(NOTICE)
    types, typed_by = type_lines(lines, False)
    small_print = [rule == "SMALL_PRINT" for rule in typed_by]
    assert 2 == signature_block(types, lines, 4, small_print)
    assert -1 == signature_block(types, lines, 3, small_print)
    found = signatures(lines, types, typed_by)
    assert [False, False, True] == [found[line.number] for line in lines[2:5]]


def test_a_date_line_under_a_headline_is_no_signature() -> None:

    lines = split_lines("青禾镇喜迎丰收\n\n2024年3月14日\n\n本报讯 今年全镇小麦丰收。")
    types, typed_by = type_lines(lines, False)
    assert -1 == signature_block(types, lines, 1, [rule == "SMALL_PRINT" for rule in typed_by])


def test_an_advertisement_ends_before_the_next_articles_headline() -> None:

    text = "广告\n\n河湾家园 火热认购\n\n南北通透 精装交付\n\n青禾镇修好进村路\n\n本报讯 新路全长8公里。"
    lines = split_lines(text)
    types, _ = type_lines(lines, False)
    assert is_advert_label(lines[0].text) and is_advert_label("〔广 告〕")
    assert 3 == advert_end(types, lines, 1)


def test_list_items_and_table_rows_stand_on_their_own_lines() -> None:

    assert own_line(["具体做法是："], "1. 企业通过平台提交诉求；")
    assert own_line(["1. 企业通过平台提交诉求；"], "2. 部门两日内对接；")
    assert own_line(["| 受理诉求 | 251个 |"], "| 解决难题 | 236个 |")
    assert own_line(["| 满意率 | 98.6% |"], "下一步，全区将推广这一机制。")
    assert not own_line(["新修的道路全长8公里，总投资约"], "3.8万元，沿线3个村受益。")
    assert not own_line(["全镇今年新栽了"], "2. 万株树苗")
    assert is_table_row("| 项目 | 数量 |") and not is_table_row("|")


def test_a_bold_line_over_a_heading_or_a_dateline_is_a_head() -> None:

    lines = split_lines(
        "**乡村振兴 产业先行**\n\n## 青禾镇香菇丰收\n\n**村里通了公交**\n\n本报讯 3月1日，公交开进村。"
    )
    assert [True, False, True, False] == [bold_heading(lines, i) for i in range(4)]
    inner = split_lines("本报讯 全镇修路。\n\n**道路更宽了**\n\n新路宽8米。")
    assert not bold_heading(inner, 1)
