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
