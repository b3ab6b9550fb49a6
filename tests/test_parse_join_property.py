"""Property: a blank line inside a body sentence changes nothing but the paragraph it cuts.

A dump puts a blank line wherever a printed column or page ended, in the middle of a sentence as
often as not. Whatever issue is generated (articles with a dateline, sub-headings, a closing
credit) and wherever a sentence is cut, the parser must give the same articles as without the
cut: the two pieces are one paragraph again, and no article starts, ends or changes headline.

The cut falls after the sentence's first comma: a clause alone on a line, with no punctuation at
all, has exactly the shape of a sub-heading, and no rule about shapes can tell the two apart.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.parse import parse_text

# Characters that spell no dateline (讯), credit (摄, 宣, 记者…), page banner (第…版) or small print.
HAN = "天地人和山水田禾花草木林风云日月春秋夏冬东西南北中大小上下前后左右河湖村镇街路桥家园新老"
WORD = st.text(alphabet=HAN, min_size=2, max_size=6)
PLAIN = st.text(alphabet=HAN, min_size=2, max_size=14)
QUOTED = st.tuples(PLAIN, st.text(alphabet=HAN, min_size=1, max_size=5), PLAIN).map(
    lambda t: f"{t[0]}“{t[1]}”{t[2]}"
)
CLAUSE = st.one_of(PLAIN, QUOTED)  # a quoted term inside a clause: 推行“楼长制”管理
SENTENCE = st.lists(CLAUSE, min_size=2, max_size=4).map(lambda clauses: "，".join(clauses) + "。")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map("".join)
HEADING = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
NAME = st.text(alphabet=HAN, min_size=2, max_size=3)


@st.composite
def article(draw: st.DrawFn) -> list[str]:
    """The lines of one article: headline, dateline paragraph, paragraphs and sub-headings, credit."""
    lines = [draw(HEADING), "本报讯 " + draw(PARAGRAPH)]
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.booleans()):
            lines.append(draw(HEADING))  # a sub-heading, text follows it
        lines.append(draw(PARAGRAPH))
    lines.append(f"（融媒体 {draw(NAME)}）")
    return lines


@st.composite
def cut_issue(draw: st.DrawFn) -> tuple[str, str]:
    """An issue as printed whole, and the same issue with one body sentence cut by a blank line."""
    articles = draw(st.lists(article(), min_size=1, max_size=4))
    lines = ["东昌时讯", "2022年7月5日 星期二"] + [line for a in articles for line in a]
    paragraphs = [i for i, line in enumerate(lines) if line.endswith("。")]
    index = draw(st.sampled_from(paragraphs))
    text = lines[index]
    # Points inside a sentence, after its first comma, between two characters of a clause.
    points = []
    sentence_start = 0
    for at, char in enumerate(text):
        if char == "。":
            sentence_start = at + 1
        elif (
            0 < at and char not in "，。" and text[at - 1] not in "，。 " and "，" in text[sentence_start:at]
        ):
            points.append(at)
    at = draw(st.sampled_from(points))
    cut = [*lines[:index], text[:at], text[at:], *lines[index + 1 :]]
    return "\n\n".join(lines) + "\n", "\n\n".join(cut) + "\n"


@settings(max_examples=300, deadline=None)
@given(cut_issue())
def test_a_blank_line_inside_a_body_sentence_changes_no_article(texts: tuple[str, str]) -> None:
    whole, cut = texts
    assert parse_text(whole, "x.txt").articles == parse_text(cut, "x.txt").articles
