"""The parser takes whatever a dump holds: arbitrary text never raises, and no line is lost."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.text.parse import parse_text

# Lines built from the pieces dumps are made of, so the generator reaches the parser's rules.
PIECES = st.sampled_from(
    [
        "东昌时讯",
        "DONGCHANGSHIXUN",
        "2022年7月5日",
        "星期二",
        "总第1449期",
        "今日4版",
        "## ",
        "# ",
        "**",
        "东昌府讯 ",
        "本报讯（记者 张三）",
        "（融媒体 李四）",
        "□王五",
        "■ 本报记者 赵六",
        "——",
        "时政简讯",
        "第2版 要闻",
        "（完）",
        "上接第一版",
        "7月1日，",
        "会议强调，",
        "幸福食堂",
        "。",
        "，",
        "“",
        "”",
        "！",
        "网址：http://x.cn",
        "a",
        "1",
        " ",
        "\t",
        "（",
        "）",
        "(",
        ")",
        "[链接](http://y)",
        "---",
    ]
)
LINE = st.lists(PIECES | st.text(max_size=6), max_size=8).map("".join)
DUMP = st.lists(LINE, max_size=30).map("\n".join)


def squeeze(text: str) -> str:
    return re.sub(r"[\s*#（）()\[\]—\-]", "", unicodedata.normalize("NFKC", text))


@settings(max_examples=300, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(DUMP)
def test_any_text_parses_without_raising(text: str) -> None:
    issue = parse_text(text, "x.txt")
    for article in issue.articles:
        assert article.kind in ("news", "photo", "brief", "fragment")
        assert isinstance(article.page, int) and article.page >= 1


@settings(max_examples=200, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(DUMP)
def test_every_character_of_text_lines_survives(text: str) -> None:
    """Each CJK character of the input appears in the output (masthead values count)."""
    issue = parse_text(text, "x.txt")
    out = "".join(
        [
            *issue.sections,
            *(a.full_text() for a in issue.articles),
            *(str(v) for v in (issue.publication, issue.weekday, issue.lunar) if v),
        ]
    )
    known_masthead = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|总?第\d+期|今日\d+版|DONGCHANGSHIXUN|星期.")
    for line in text.split("\n"):
        cjk = set(re.findall(r"[\u4e00-\u9fff]", known_masthead.sub("", line)))
        assert cjk <= set(out), line
