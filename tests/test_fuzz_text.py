"""Fuzzing decode + parse: any bytes, any text. Refused with SourceError or parsed losing nothing.

"Nothing lost" is `reader.text.coverage.lost_lines`: every letter, digit and CJK character of the
decoded input appears in the parse at least as often, except the targets of real links.
"""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.text.coverage import lost_lines
from reader.text.decode import decode_bytes
from reader.text.errors import SourceError
from reader.text.parse import parse_text

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

# Pieces of real dumps, so that generated input reaches the masthead, credit and link rules.
PIECES = [
    "东昌时讯",
    "DONGCHANGSHIXUN",
    "2022年7月5日",
    "2023年2月30日",
    "星期二",
    "农历壬寅年六月初七",
    "总第1449期",
    "总第12345678901234567890期",
    "今日4版",
    "今日十二版",
    "第2版 要闻",
    "第0版",
    "## ",
    "# ",
    "**",
    "__",
    "东昌府讯 ",
    "本报讯（记者 张三）",
    "（融媒体 李四）",
    "融媒体 李四",
    "□王五",
    "时政简讯",
    "（完）",
    "上接第一版",
    "7月1日，",
    "幸福食堂",
    "。",
    "，",
    "“",
    "”",
    "！",
    "网址：http://x.cn",
    "[链接](http://y.cn)",
    "![图](p/1.jpg)",
    "[张某](化名，45岁)",
    "<http://z.cn>",
    "[",
    "](",
    "(",
    ")",
    "---",
    "\t",
    " ",
    "\u3000",
    "\u200b",
    "\u200f",
    "\u202e",
    "\u0301",
    "\ufeff",
    "😀",
    "\r",
    "\r\n",
]
ODD_CHARACTERS = st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf", "Co"])
PRINTABLE = st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs", "Cf", "Co"])
LINE = st.lists(st.sampled_from(PIECES) | st.text(PRINTABLE, max_size=8), max_size=10).map("".join)
DUMP = st.lists(LINE, max_size=25).map("\n".join)
CHINESE_LINE = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)
CHINESE_DUMP = st.lists(CHINESE_LINE, max_size=25).map("\n".join)
# Whole lines of a dump, drawn with repeats: a credit printed twice, a second masthead date.
WHOLE_LINES = [
    "东昌时讯",
    "2022年7月5日 星期二",
    "2022年7月6日",
    "总第1449期 今日4版",
    "",
    "",
    "食堂开进社区",
    "——古楼街道幸福食堂见闻",
    "融媒体 李四",
    "（融媒体 李四）",
    "记者：张三",
    "东昌府讯 近日，幸福食堂开业。",
    "老人刷卡就能吃上热乎饭，食堂每天供应三餐，菜品每周更换",
    "兼顾口味与营养。",
    "时政简讯",
    "第2版 要闻",
    "## 区政府召开常务会议",
    "**会议强调**",
    "市民[张某](化名，45岁)说，饭菜很合口味。",
]
WHOLE_DUMP = st.lists(st.sampled_from(WHOLE_LINES), max_size=40).map("\n".join)
DAMAGE = st.lists(st.integers(0x80, 0xFF), min_size=1, max_size=4).map(bytes)


def check(data: bytes) -> None:
    """Decode and parse `data`: a refusal is a SourceError; an accepted text loses nothing."""
    try:
        text = decode_bytes(data, "fuzz.txt")
    except SourceError as err:
        assert err.source == "fuzz.txt"
        assert len(str(err)) < 200
        return
    issue = parse_text(text, "fuzz.txt")
    assert [] == lost_lines(text, issue)
    assert all(a.page is not None and 1 <= a.page for a in issue.articles)
    assert issue.number is None or 0 <= issue.number < 10**7
    assert issue.page_count is None or 0 < issue.page_count < 1000


@FUZZ
@given(st.binary(max_size=2_000))
def test_any_bytes_are_refused_or_parsed_without_loss(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.text(ODD_CHARACTERS, max_size=500))
def test_any_unicode_text_is_refused_or_parsed_without_loss(text: str) -> None:
    check(text.encode("utf-8"))


@FUZZ
@given(DUMP, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"]))
def test_dump_shaped_text_in_any_encoding_is_refused_or_parsed_without_loss(text: str, codec: str) -> None:
    check(text.encode(codec, errors="replace"))


@FUZZ
@given(WHOLE_DUMP)
def test_a_dump_of_real_lines_in_any_order_parses_without_loss(text: str) -> None:
    check(text.encode("utf-8"))


@FUZZ
@given(CHINESE_DUMP, st.integers(min_value=0, max_value=3), DAMAGE)
def test_a_dump_with_damaged_bytes_is_refused_or_parsed_without_loss(
    text: str, cut: int, junk: bytes
) -> None:
    data = codecs.BOM_UTF8 * (cut == 0) + text.encode("gb18030" if cut % 2 else "utf-8")
    at = len(data) * cut // 4
    check(data[:at] + junk + data[at:])
