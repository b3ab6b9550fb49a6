"""A dateline at the head of a paragraph: a place followed by 讯 (东昌府讯), or an agency's
dated dispatch (新华社北京7月1日电), perhaps with a byline in brackets after it.

A module of its own because search needs it too (a snippet leaves the dateline out,
reader.archive.search) and must not import the parser's other line shapes with it: their
patterns cost some 60 ms of CPU to compile at every start of the command line (issue 26).
reader.text.shapes re-exports both names for the parser.
"""

from __future__ import annotations

import re

# A dateline may follow the filled mark that opens each item of a column of briefs (■本报讯 …,
# ◆石桥讯 …): the item is an article of its own, untitled (issue 24, defect 3).
DATELINE = re.compile(
    r"^(?:[■▲●◆]\s*)?(?P<dateline>(?:新华社|中新社)[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电|[\u4e00-\u9fff]{1,8}讯)"
    r"(?:\s*[（(](?P<byline>[^（()）]{1,40})[）)])?"
    r"(?:\s+|(?<=[）)])|$)"
)
_NO_PLACE = re.compile(
    r"(通讯|资讯|喜讯|简讯|快讯|短讯|电讯|音讯|视讯)$"
)  # words ending in 讯 that name no place


def split_dateline(text: str) -> tuple[str, str, str]:
    """(dateline, byline in brackets after it, rest of the paragraph); empty parts when absent."""
    match = DATELINE.match(text)
    if not match:
        return "", "", text
    dateline = match.group("dateline")
    if dateline.endswith("讯") and _NO_PLACE.search(dateline):
        return "", "", text
    rest = text[match.end() :].strip()
    if not rest:
        return "", "", text
    return dateline, (match.group("byline") or "").strip(), rest
