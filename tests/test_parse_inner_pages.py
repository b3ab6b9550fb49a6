"""Inner pages: paragraphs cut by a blank line, sub-headings, photo news and untitled captions.

The dumps are written for these tests (made-up places and names) in the shapes inner pages print;
each test varies one shape, so a rule that only knew particular words would fail here.
"""

from __future__ import annotations

from reader.text.model import Article
from reader.text.parse import explain_text, parse_text


def articles(text: str) -> list[Article]:
    return list(parse_text(text, "x.txt").articles)


def roles(text: str) -> dict[str, tuple[str, str]]:
    """Each line's text → (role, rule)."""
    return {r.text: (r.role, r.rule) for r in explain_text(text, "x.txt")[1]}


CUT_AFTER_DATELINE = """\
老旧小区改造提速

本报讯 自去年起，河湾新区全面推行

“楼长+管家”工作机制，改造进度明显加快。

（融媒体 赵一）
"""


def test_a_short_first_paragraph_cut_after_its_dateline_is_joined() -> None:
    (article,) = articles(CUT_AFTER_DATELINE)
    assert ("老旧小区改造提速", "本报讯") == (article.headline, article.dateline)
    assert "自去年起，河湾新区全面推行“楼长+管家”工作机制，改造进度明显加快。" == article.body


def test_a_paragraph_cut_after_a_quoted_term_and_a_bracket_is_joined() -> None:
    text = "改造提速\n\n本报讯 河湾新区推行“楼长制”（试行）\n\n工作机制，进度明显加快。\n\n（融媒体 赵一）\n"
    (article,) = articles(text)
    assert "河湾新区推行“楼长制”（试行）工作机制，进度明显加快。" == article.body


def test_an_end_mark_after_the_last_sentence_is_no_byline() -> None:
    serial = "那年夏天，老街上来了一位剃头匠，手艺很好。（未完待续）"
    first, _second = articles(f"老街的故事\n\n{serial}\n\n路网改造启动\n\n本报讯 工程7月1日启动。\n")
    assert ("", serial) == (first.byline, first.body)


def test_a_paragraph_cut_after_a_quoted_term_is_joined() -> None:
    text = "改造提速\n\n本报讯 河湾新区推行“楼长+管家”\n\n工作机制，进度明显加快。\n\n（融媒体 赵一）\n"
    (article,) = articles(text)
    assert "河湾新区推行“楼长+管家”工作机制，进度明显加快。" == article.body


def test_a_short_piece_with_a_comma_inside_an_article_continues_its_sentence() -> None:
    text = (
        "青禾镇办起农民夜校\n\n本报讯 青禾镇近日办起农民夜校。\n\n"
        "每到周三晚上，村民们\n\n就聚到村委会听课。\n\n（融媒体 钱二）\n"
    )
    (article,) = articles(text)
    assert ["青禾镇近日办起农民夜校。", "每到周三晚上，村民们就聚到村委会听课。"] == article.body.split("\n")


def test_a_paragraph_cut_after_a_full_stop_inside_a_quotation_is_joined() -> None:
    text = (
        "木桥换新\n\n本报讯 “村口的木桥年久失修。雨天过河很危险。\n\n盼着早点换成水泥桥。”老钱说。\n\n"
        "“第一件事是修桥。\n\n“第二件事是修渠。”村支书说。\n\n（融媒体 钱二）\n"
    )
    (article,) = articles(text)
    assert [
        "“村口的木桥年久失修。雨天过河很危险。盼着早点换成水泥桥。”老钱说。",
        "“第一件事是修桥。",
        "“第二件事是修渠。”村支书说。",
    ] == article.body.split("\n")


FEATURE_WITH_SUB_HEADINGS = """\
青禾镇推进垃圾分类

本报讯 今年以来，青禾镇把垃圾分类作为改善人居环境的重点。

“两员”上岗

镇里为每个村配备两名分拣员，统一培训上岗，

每天上门收运。

一、设施更新

各村新建分类亭十二座。

■ 记者 林晓雨

河湾社区举办邻里节

本报讯 河湾社区日前举办第三届邻里节。

（河湾社区 供稿）
"""


def test_sub_headings_stay_in_the_body_as_their_own_paragraphs() -> None:
    first, second = articles(FEATURE_WITH_SUB_HEADINGS)
    assert ("青禾镇推进垃圾分类", "记者 林晓雨") == (first.headline, first.byline)
    assert [
        "今年以来，青禾镇把垃圾分类作为改善人居环境的重点。",
        "“两员”上岗",
        "镇里为每个村配备两名分拣员，统一培训上岗，每天上门收运。",
        "一、设施更新",
        "各村新建分类亭十二座。",
    ] == first.body.split("\n")
    assert ("河湾社区举办邻里节", "河湾社区 供稿") == (second.headline, second.byline)


def test_a_sub_heading_is_never_joined_to_the_paragraph_under_it() -> None:
    first, _ = articles(FEATURE_WITH_SUB_HEADINGS)
    assert "一、设施更新" in first.body.split("\n")


def test_an_article_credited_at_its_dateline_ends_before_the_next_headline() -> None:
    text = (
        "东城街道开展义诊\n\n开发区讯 （张三） 东城街道近日组织医生进社区开展义诊。\n\n"
        "西城街道便民服务再升级\n\n西城街道便民服务中心新增自助办理设备五台。\n\n（李四）\n"
    )
    first, second = articles(text)
    assert ("东城街道开展义诊", "张三") == (first.headline, first.byline)
    assert ("西城街道便民服务再升级", "李四") == (second.headline, second.byline)


PHOTO_PAGE = """\
春播正当时



4月2日，青禾镇农户在田间播种玉米。

今年全镇玉米播种面积比去年增加一成。

青禾镇宣



近日，河湾新区组织党员志愿者清理河道垃圾，还群众一

条清澈的小河。

记者 王振东 摄

河湾新区召开安全生产会议

本报讯 河湾新区日前召开安全生产工作会议。

（河湾新区宣）
"""


def test_photo_news_takes_the_bare_credit_after_its_text_as_byline() -> None:
    photo, _, _ = articles(PHOTO_PAGE)
    assert ("春播正当时", "青禾镇宣", "photo") == (photo.headline, photo.byline, photo.kind)
    assert photo.body.endswith("今年全镇玉米播种面积比去年增加一成。")


def test_a_picture_under_a_headline_is_no_page_jump() -> None:
    photo, caption, _ = articles(PHOTO_PAGE)
    assert photo.page == 1
    assert caption.page == 2  # the blank run after the credit is a jump


def test_an_untitled_caption_is_one_photo_article_with_its_credit() -> None:
    _, caption, news = articles(PHOTO_PAGE)
    assert ("", "记者 王振东 摄", "photo") == (caption.headline, caption.byline, caption.kind)
    assert "近日，河湾新区组织党员志愿者清理河道垃圾，还群众一条清澈的小河。" == caption.body
    assert ("河湾新区召开安全生产会议", "河湾新区宣") == (news.headline, news.byline)


def test_a_line_shaped_like_a_bare_credit_inside_a_cut_paragraph_is_text() -> None:
    text = "第一篇\n\n本报讯 活动共发放资料\n\n青禾镇宣\n\n五百份。\n"
    (article,) = articles(text)
    assert "" == article.byline


def test_explain_names_role_and_rule_of_every_line() -> None:
    got = roles(PHOTO_PAGE)
    assert "headline" == got["春播正当时"][0]
    assert ("credit", "credit_by_position: closes the article") == got["青禾镇宣"]
    assert "caption" == got["4月2日，青禾镇农户在田间播种玉米。"][0]
    assert ("join", "stops_mid_sentence") == got["条清澈的小河。"]
    assert "credit" == got["记者 王振东 摄"][0]
    assert ("dateline", "split_dateline") == got["本报讯 河湾新区日前召开安全生产工作会议。"]


def test_explain_marks_sub_headings_kickers_and_masthead() -> None:
    text = (
        "东昌时讯\n\n2022年7月5日 星期二\n\n青禾镇\n\n春茶开采\n\n"
        "本报讯 清明前后，青禾镇的茶园里一片忙碌。\n\n（青禾镇宣）\n\n" + FEATURE_WITH_SUB_HEADINGS
    )
    got = roles(text)
    assert "masthead" == got["东昌时讯"][0]
    assert ("kicker", "before the headline") == got["青禾镇"]
    assert ("sub-heading", "subheading_before_credit") == got["“两员”上岗"]
    assert "byline" != got["■ 记者 林晓雨"][0]


def test_explain_gives_every_non_blank_line_one_role() -> None:
    text = FEATURE_WITH_SUB_HEADINGS + "\n" + PHOTO_PAGE
    _, traced = explain_text(text, "x.txt")
    numbers = [r.number for r in traced]
    non_blank = [n for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    assert non_blank == numbers


def test_a_marked_markdown_sub_heading_with_a_comma_stays_a_sub_heading() -> None:
    text = (
        "## 青禾镇的新变化\n\n**本报讯** 青禾镇近年来发展迅速。\n\n### 抓产业，促增收\n\n"
        "镇里引进企业五家，带动就业三百人。\n\n**（融媒体 钱二）**\n"
    )
    (article,) = articles(text)
    assert [
        "青禾镇近年来发展迅速。",
        "抓产业，促增收",
        "镇里引进企业五家，带动就业三百人。",
    ] == article.body.split("\n")


FEATURE_WITH_MARKED_SUB_HEADINGS = """\
河湾老街换新颜

□ 文/林晓雨

一、老街的记忆

河湾老街有两百多年历史，两旁的老铺子一家挨着一家。

■ 问需于民 一楼一策

改造前，街道先后召开居民议事会五次，把十二项诉求列入清单。

■ 改造后：路平了 灯亮了

如今的老街，青石板路平整干净，夜里灯火通明。
"""


def test_a_sub_heading_right_under_the_byline_opens_the_body() -> None:
    (article,) = articles(FEATURE_WITH_MARKED_SUB_HEADINGS)
    assert ("河湾老街换新颜", "文/林晓雨") == (article.headline, article.byline)
    assert "一、老街的记忆" == article.body.split("\n")[0]
    got = roles(FEATURE_WITH_MARKED_SUB_HEADINGS)
    assert ("sub-heading", "first sub-heading under the byline") == got["一、老街的记忆"]


def test_a_framed_sub_heading_shaped_like_a_byline_stays_in_the_body() -> None:
    (article,) = articles(FEATURE_WITH_MARKED_SUB_HEADINGS)
    paragraphs = article.body.split("\n")
    assert "■ 问需于民 一楼一策" in paragraphs
    assert "■ 改造后：路平了 灯亮了" in paragraphs
    assert "文/林晓雨" == article.byline


def test_numbered_sub_headings_of_a_news_item_credited_beside_its_dateline_stay_in_it() -> None:
    text = (
        "河湾新区出台六条措施\n\n本报讯（记者 林晓雨）日前，河湾新区出台六条措施支持小微企业。\n\n"
        "1.降低成本\n\n减免房租三个月，降低用电、用气、\n\n用水成本。\n\n"
        "2.强化金融支持\n\n设立转贷资金池。\n\n青禾镇开展安全检查\n\n本报讯 近日，青禾镇开展安全检查。\n"
    )
    first, second = articles(text)
    assert [
        "日前，河湾新区出台六条措施支持小微企业。",
        "1.降低成本",
        "减免房租三个月，降低用电、用气、用水成本。",
        "2.强化金融支持",
        "设立转贷资金池。",
    ] == first.body.split("\n")
    assert "青禾镇开展安全检查" == second.headline


POEM_PAGE = """\
河湾的月亮

◎林晓雨

河湾的月亮是一盏灯
照着回家的路
照着母亲的白发

我走了很远很远
月亮还在身后

青禾茶事

◎ 钱二

清明前后，青禾镇的茶园里一片忙碌。
"""


def test_a_poem_under_its_title_and_author_is_one_article_a_line_a_paragraph() -> None:
    poem, essay = articles(POEM_PAGE)
    assert ("河湾的月亮", "林晓雨") == (poem.headline, poem.byline)
    assert [
        "河湾的月亮是一盏灯",
        "照着回家的路",
        "照着母亲的白发",
        "我走了很远很远",
        "月亮还在身后",
    ] == poem.body.split("\n")
    assert ("青禾茶事", "钱二") == (essay.headline, essay.byline)
    assert ("verse", "reads_as_verse") == roles(POEM_PAGE)["照着回家的路"]


BRIEFS_CREDITED_INLINE = """\
民生简讯

河湾新区举办招聘会

本报讯 近日，河湾新区举办专场招聘会，现场达成意向八十人。（通讯员 李四）

青禾镇为老人装烟感

本报讯 近日，青禾镇为独居老人安装烟感报警器，

并逐户讲解使用方法。（王五）
"""


def test_a_brief_credited_at_the_end_of_its_last_line_gets_that_byline() -> None:
    first, second = articles(BRIEFS_CREDITED_INLINE)
    assert ("通讯员 李四", "近日，河湾新区举办专场招聘会，现场达成意向八十人。") == (first.byline, first.body)
    assert ("王五", "近日，青禾镇为独居老人安装烟感报警器，并逐户讲解使用方法。") == (
        second.byline,
        second.body,
    )
    got = roles(BRIEFS_CREDITED_INLINE)
    assert ("join", "stops_mid_sentence; trailing_credit") == got["并逐户讲解使用方法。（王五）"]


def test_a_bracket_after_a_sentence_inside_an_article_stays_in_its_text() -> None:
    text = "河湾新区举办招聘会\n\n本报讯 近日，新区举办招聘会。（李四）\n\n岗位六百个。\n"
    (article,) = articles(text)
    assert "" == article.byline
    assert "近日，新区举办招聘会。（李四）" in article.body


def test_a_paragraph_ending_on_a_note_after_its_full_stop_is_not_joined_to_the_next() -> None:
    """`（下转第2版）` after a full stop is a note, not the rest of a sentence cut by the page."""
    text = (
        "青禾镇办起农民夜校\n\n本报讯 青禾镇近日办起农民夜校，首期学员四十人。（下转第2版）\n\n"
        "每到周三晚上，村民们就聚到村委会听课。\n\n（融媒体 钱二）\n"
    )
    (article,) = articles(text)
    assert [
        "青禾镇近日办起农民夜校，首期学员四十人。（下转第2版）",
        "每到周三晚上，村民们就聚到村委会听课。",
    ] == article.body.split("\n")


CUT_BY_RUNNING_HEAD = """\
青禾日报 · 要闻 · 2

河湾新区建成智慧菜场

本报讯 新菜场设摊位120个，顾客扫码即可查看每批菜的产地和检测结果，还能通过手机APP

2

青禾日报 · 要闻 · 2

随时查看价格。

菜场还设了便民服务台。

（融媒体 赵一）

|

青禾镇修好进村路

本报讯 新修的道路全长8公里，总投资约12

|

万元，沿线3个村受益。

村民出行方便了。

（融媒体 钱二）
"""


def test_a_paragraph_cut_by_a_folio_and_running_head_reads_through() -> None:
    first, second = articles(CUT_BY_RUNNING_HEAD)
    assert "通过手机APP随时查看价格。" in first.body
    assert first.body.endswith("菜场还设了便民服务台。")
    assert ("河湾新区建成智慧菜场", "融媒体 赵一") == (first.headline, first.byline)
    assert "约12万元，沿线3个村受益。\n村民出行方便了。" in second.body
    assert "融媒体 钱二" == second.byline


COMMENT_THEN_NOTE = """\
把小事办成暖心事

本报评论员

群众的事无小事。办好一件件小事，才能赢得民心。

走进乡村课堂

【编者按】从今天起，本报推出系列报道，走进乡村学校。

清晨，镇中心小学已响起读书声。

（融媒体 孙三）

3月12日，农技员在育苗大棚里指导农户查看苗情，确保春耕顺利。 融媒体 李四 摄
"""


def test_a_heading_over_an_editors_note_opens_a_new_article() -> None:
    comment, feature, photo = articles(COMMENT_THEN_NOTE)
    assert ("把小事办成暖心事", "本报评论员") == (comment.headline, comment.byline)
    assert comment.body.endswith("才能赢得民心。")
    assert ("走进乡村课堂", "融媒体 孙三") == (feature.headline, feature.byline)
    assert feature.body.startswith("【编者按】从今天起")
    assert ("photo", "融媒体 李四 摄", "") == (photo.kind, photo.byline, photo.headline)
    assert photo.body.endswith("确保春耕顺利。")


HARD_WRAPPED = """\
河湾新区建成口袋公园
  本报讯 为让市民在家门口享受绿色
空间，新区利用边角地建了3处口袋公
园，总面积约1.2万平方米。今年还将
再建5处。
  园内种了树，修了步道，居民说：
“以前是荒地，现在成了好去处。”
  （融媒体 赵一）
"""


def test_a_hard_wrapped_dump_makes_paragraphs_by_their_indent() -> None:
    (article,) = articles(HARD_WRAPPED)
    assert ("河湾新区建成口袋公园", "本报讯", "融媒体 赵一") == (
        article.headline,
        article.dateline,
        article.byline,
    )
    assert [
        "为让市民在家门口享受绿色空间，新区利用边角地建了3处口袋公园，总面积约1.2万平方米。今年还将再建5处。",
        "园内种了树，修了步道，居民说：“以前是荒地，现在成了好去处。”",
    ] == article.body.split("\n")


SERVICE_PAGE = """\
河湾新区服务站暖人心

——访服务站站长王五

本报记者 钱二

记者：今年有哪些新举措？

王五：我们建强了站点，全区实现全覆盖。

记者：下一步有什么打算？

王五：继续完善服务体系。

社会短讯

【青禾镇启动植树活动】3月12日，全镇栽树3000株。（通讯员 孙三）

本报讯 3月11日，区残联送来轮椅20辆。（通讯员 李四）

【河湾图书馆开放夜读】即日起，每周五晚开放。

招聘启事

某物业公司招聘保安员10名。有意者请到公司报名。

联系电话：0635-1234567

某物业公司

2024年3月14日

天气预报

今天：多云，最高气温18℃

明天：晴，5℃～20℃

广告

河湾家园 火热认购

南北通透 精装交付
"""


def test_a_service_page_of_interview_briefs_notice_and_advert() -> None:
    found = articles(SERVICE_PAGE)
    assert [
        "河湾新区服务站暖人心",
        "青禾镇启动植树活动",
        "",
        "河湾图书馆开放夜读",
        "招聘启事",
        "天气预报",
    ] == [a.headline for a in found]
    interview, trees, chairs, library, notice, weather = found
    assert 4 == len(interview.body.split("\n"))
    assert ("通讯员 孙三", "3月12日，全镇栽树3000株。") == (trees.byline, trees.body)
    assert ("本报讯", "通讯员 李四") == (chairs.dateline, chairs.byline)
    assert "brief" == library.kind
    assert notice.body.endswith("某物业公司\n2024年3月14日")
    assert "今天：多云，最高气温18℃\n明天：晴，5℃～20℃" == weather.body
    sections = parse_text(SERVICE_PAGE, "x.txt").sections
    assert {"广告", "河湾家园 火热认购", "南北通透 精装交付"} <= set(sections)


MARKDOWN_SPECIAL = """\
### 2024年3月14日 · 营商环境专版

---

**优化营商环境 激发市场活力**

## 青禾镇“企业吹哨”见实效

### ——累计为企业解决难题236个

本报记者 钱二

> “现在一‘吹哨’，部门就上门了。”一位企业负责人说。

具体做法是：

1. 企业通过平台提交诉求；
2. 部门两日内对接。

| 项目 | 数量 |
| --- | --- |
| 解决难题 | 236个 |

下一步，全镇将推广这一机制。

---

**“跨省通办”不再难**

本报讯 全区138个事项实现“跨省通办”。（本报记者 钱二）
"""


def test_a_markdown_special_page_with_bold_heads_lists_and_tables() -> None:
    first, second = articles(MARKDOWN_SPECIAL)
    assert ("优化营商环境 激发市场活力", "青禾镇“企业吹哨”见实效", "累计为企业解决难题236个") == (
        first.kicker,
        first.headline,
        first.subtitle,
    )
    assert [
        "“现在一‘吹哨’，部门就上门了。”一位企业负责人说。",
        "具体做法是：",
        "1. 企业通过平台提交诉求；",
        "2. 部门两日内对接。",
        "| 项目 | 数量 |",
        "| 解决难题 | 236个 |",
        "下一步，全镇将推广这一机制。",
    ] == first.body.split("\n")
    assert ("“跨省通办”不再难", "本报讯", "本报记者 钱二") == (
        second.headline,
        second.dateline,
        second.byline,
    )
    assert "2024年3月14日 · 营商环境专版" in parse_text(MARKDOWN_SPECIAL, "x.md").sections
