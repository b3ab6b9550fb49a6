"""The masthead at the top of a dump, dates from file names, and the year hint for undated issues.

A masthead is a run of lines at the very top made only of masthead items: the publication's
name (in characters or in the pinyin of the printed logo), the date, weekday, lunar date,
总第N期, 今日N版, the web/e-mail line and small print such as 主办 or 刊号.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import PurePath

from reader.text.cancel import current
from reader.text.lines import Line
from reader.text.papers import known_in, logo_name


@dataclass(frozen=True)
class Publication:
    name: str
    pinyin: str


# The papers of the archive; a masthead names them in characters or in pinyin capitals.
PUBLICATIONS: tuple[Publication, ...] = (
    Publication("东昌时讯", "DONGCHANGSHIXUN"),
    Publication("今日开发区", "JINRIKAIFAQU"),
    Publication("聊城日报", "LIAOCHENGRIBAO"),
    Publication("聊城晚报", "LIAOCHENGWANBAO"),
)

# Name or pinyin, letters possibly spaced out on the logo ("D O N G …").
_PUBLICATION_PATTERNS: tuple[tuple[Publication, re.Pattern[str]], ...] = tuple(
    (
        pub,
        re.compile(
            "|".join(r"\s*".join(map(re.escape, form)) for form in (pub.name, pub.pinyin)),
            re.IGNORECASE,
        ),
    )
    for pub in PUBLICATIONS
)

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


# Every number the parser reads is bounded the same way, by its digits: a longer run of digits is
# not that number but text (kept where the line goes). A 20-digit 总第N期 would overflow SQLite's
# INTEGER; int() refuses 4,301 digits outright.
ISSUE_DIGITS = 7  # 总第N期
PAGE_DIGITS = 3  # 今日N版, 第N版; years are four digits (\d{4}) in every pattern


def cn_number(text: str, digits: int = PAGE_DIGITS) -> int | None:
    """'12', '十二', '二十四' → int; None when it is not a number of at most `digits` digits."""
    if text.isdecimal():
        return int(text) if len(text) <= digits else None
    if not text or len(text) > 2 * digits or any(ch not in CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CN_DIGITS[ch]
    total += current
    return total if total < 10**digits else None


# A page number or count: up to PAGE_DIGITS digits, or the Chinese numerals for them.
PAGE_NUM = r"(\d{1,3}|[一二三四五六七八九十百两〇零]{1,6})"


def page_number(text: str) -> int | None:
    """A page number or page count written in digits or characters ('2', '十二'); None for
    anything longer than three digits, and for 0 (第0版 is no page, 今日0版 counts none)."""
    return cn_number(text) or None


DATE_CN = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
WEEKDAY = re.compile(r"(星期|礼拜|周)([一二三四五六日天])")
LUNAR = re.compile(r"农历[\u4e00-\u9fff]{2,12}")
ISSUE_NUMBER = re.compile(r"总?\s*第\s*(\d{1,7})\s*期")
# 第12期（总第530期）: the number of the year and the running number; the running one is the issue's.
TOTAL_NUMBER = re.compile(r"总\s*第\s*(\d{1,7})\s*期")
# A paper's name by its shape, for papers not in PUBLICATIONS: a place and the kind of paper.
PAPER_NAME = re.compile(
    r"[\u4e00-\u9fff]{2,6}(?:日报|晚报|时报|早报|晨报|周报|商报|导报|市报|县报|区报|时讯)"
)
_NAME_SEPARATOR = re.compile(r"[\s·•|｜]+")
PAGE_COUNT = re.compile(r"(?:今日|本期|共)\s*" + PAGE_NUM + r"\s*版")
SMALL_PRINT = re.compile(
    r"((?:网址|网站|邮箱|信箱|E-?mail|电话|传真|热线|主办|主管|出版|地址|邮编)\s*[:：]|投稿邮箱|"
    r"刊号|邮发代号|准印证|内部资料|https?://|www\.|[\w.-]+@[\w-]+\.[\w.]+|"
    # the sponsor line printed without a colon: 中共松溪县委员会主办
    r"^[\u4e00-\u9fff]{2,30}(?:主办|主管|出版)$)",
    re.IGNORECASE,
)
PINYIN = re.compile(r"[A-Z][A-Z ]{5,}")
MASTHEAD_DATELINE = re.compile(r"[\u4e00-\u9fff]{1,6}讯")
# A masthead line holds a few short items (all of them fit in ~60 characters); a longer line is
# text, and is not searched item by item.
MASTHEAD_LINE_MAX = 200


@dataclass
class Masthead:
    """What the masthead said.

    `lines` are the lines its fields were read from; `extra` holds the lines it holds but did
    not use (small print, an impossible date, a second date), kept as sections. A line with both
    a field read and a part unused is in both: nothing is lost.
    """

    publication: str | None = None
    date: str | None = None
    weekday: str | None = None
    lunar: str | None = None
    number: int | None = None
    page_count: int | None = None
    lines: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    consumed: int = 0  # number of leading lines that belong to the masthead


def publication_in_path(path: PurePath | None, known: frozenset[str] = frozenset()) -> str | None:
    """A publication named in a folder or file name (报名/2022-07-05.txt): a paper of
    PUBLICATIONS or one the archive holds (`known`, the names import passes to the parser), so a
    folder named after a paper the archive learnt names its issues too. The nearest part of the
    path wins, and in a part the longest name (清河时讯 over 清河)."""
    if path is None:
        return None
    names = known | {pub.name for pub in PUBLICATIONS}
    for part in reversed(path.parts[-3:]):
        found = known_in(part, names)[0]
        if found is not None:
            return found
    return None


def valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def _publication_in(text: str, known: frozenset[str] = frozenset()) -> tuple[str | None, str]:
    """A publication named in a masthead line (characters or pinyin), and the line without it:
    a paper of PUBLICATIONS anywhere in the line, else one the archive knows (`known`), else a
    name shaped like a paper's (`PAPER_NAME`) as the line's first part."""
    if known and (found := known_in(text, known))[0] is not None:
        return found
    for pub, pattern in _PUBLICATION_PATTERNS:
        rest = pattern.sub(" ", text)
        if rest != text:
            return pub.name, rest
    first = _NAME_SEPARATOR.split(text.strip(), maxsplit=1)
    if PAPER_NAME.fullmatch(first[0]):
        return first[0], " " + (first[1] if len(first) > 1 else "")
    return None, text


_FOLIO_PAGE = re.compile(rf"第\s*{PAGE_NUM}\s*版")
_PAGE_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}")
# What anchors a folio (a middle dot or bar, a date's 年, a page's 版): a line without any is no
# folio, told by one search before the paper's name is looked for (every line of a page is asked).
_FOLIO_ANCHOR = re.compile(r"[·•|｜年版]")


def folio_items(text: str, known: frozenset[str] = frozenset()) -> dict[str, str | None] | None:
    """The paper's name, and the date and weekday when printed, that a running head or a footer
    folio gives (`清河时讯 · 第2版 · 要闻`, `东湖晚报 2024年6月18日 星期二`, `河阳日报·副刊`); None
    for any other line.

    The line is short parts: the paper's name (`_publication_in`), a date, a weekday, a page
    (第N版) or a page's name. A headline with a paper's name in it has other parts: words, not a
    date or a page; so a folio must have a date or a page, or be set apart by a middle dot or bar.
    """
    if len(text) > 60 or not _FOLIO_ANCHOR.search(text):
        return None
    publication, rest = _publication_in(text, known)
    if publication is None:
        return None
    items: dict[str, str | None] = {"publication": publication}
    anchored = bool(re.search(r"[·•|｜]", text))
    # Parts without the empty ones: a known name taken from the front leaves its separator behind.
    for part in filter(None, _NAME_SEPARATOR.split(rest)):
        if date := DATE_CN.fullmatch(part):
            items["date"] = valid_date(int(date[1]), int(date[2]), int(date[3]))
            anchored = True
        elif week := WEEKDAY.fullmatch(part):
            items["weekday"] = "星期" + week[2].replace("天", "日")
        elif _FOLIO_PAGE.fullmatch(part):
            anchored = True
        elif not _PAGE_NAME.fullmatch(part):
            return None
    return items if anchored else None


def masthead_items(text: str, known: frozenset[str] = frozenset()) -> dict[str, str | int | None] | None:
    """The masthead items a line holds, or None when the line holds anything else."""
    if len(text) > MASTHEAD_LINE_MAX:
        return None
    items: dict[str, str | int | None] = {}
    publication, rest = _publication_in(text, known)
    if publication:
        items["publication"] = publication
    if date := DATE_CN.search(rest):
        items["date"] = valid_date(int(date[1]), int(date[2]), int(date[3]))
        rest = rest.replace(date[0], " ", 1)
    if week := WEEKDAY.search(rest):
        items["weekday"] = "星期" + week[2].replace("天", "日")
        rest = rest.replace(week[0], " ", 1)
    if lunar := LUNAR.search(rest):
        items["lunar"] = lunar[0]
        rest = rest.replace(lunar[0], " ", 1)
    if number := TOTAL_NUMBER.search(rest) or ISSUE_NUMBER.search(rest):
        items["number"] = cn_number(number[1], ISSUE_DIGITS)
        rest = rest.replace(number[0], " ", 1)
        if number.re is TOTAL_NUMBER and (of_year := ISSUE_NUMBER.search(rest)):
            rest = rest.replace(of_year[0], " ", 1)  # the line stays in the masthead's lines
    if pages := PAGE_COUNT.search(rest):
        items["page_count"] = page_number(pages[1])
        rest = rest.replace(pages[0], " ", 1)
    if not items or re.sub(r"[\s,，、|｜·•/（）()]+", "", rest):
        return None
    return items


def is_masthead_print(text: str) -> bool:
    """Small print and logo text of a masthead: web/e-mail line, pinyin logo, a lone 'XX讯'."""
    return bool(
        (len(text) <= 80 and SMALL_PRINT.search(text))
        or PINYIN.fullmatch(text)
        or MASTHEAD_DATELINE.fullmatch(text)
    )


_LOGO_REACH = 6  # the lines at the top among which a paper's logo is looked for


def _logo_at_top(lines: list[Line]) -> frozenset[str]:
    """The paper named by its logo, its name over its pinyin (a paper known from now on), as a set
    of none or one name. Some mastheads print the date and number above the logo, so the first
    few lines are looked at, pair by pair."""
    for upper, lower in pairwise(lines[: _LOGO_REACH + 1]):
        if name := logo_name(upper.text, lower.text):
            return frozenset({name})
    return frozenset()


def read_masthead(lines: list[Line], known: frozenset[str] = frozenset()) -> Masthead:
    """Consume the masthead lines at the top of `lines`, if the dump has a masthead; `known`: the
    papers' names the archive holds.

    The cancel scope is ticked per line: a file of masthead-shaped lines is all masthead.
    """
    head = Masthead()
    known = known | _logo_at_top(lines)
    tick = current().tick
    for line in lines:
        tick(len(line.text) + 64)
        items = masthead_items(line.text, known)
        if items is not None:
            used = unused = False
            for name, value in items.items():
                if value is not None and getattr(head, name) in (None, value):
                    setattr(head, name, value)
                    used = True
                else:  # not a valid value, or a second one: the masthead does not take it
                    unused = True
            if used:
                head.lines.append(line.text)
            if unused:
                head.extra.append(line.text)
        elif is_masthead_print(line.text):
            head.extra.append(line.text)
        else:
            break
        head.consumed += 1
    if head.publication is None and head.date is None and head.number is None:
        return Masthead()  # small print alone is no masthead; leave it to the article parser
    return head


# Spaces bounded: three unbounded runs of \s* around optional separators backtrack cubically.
_PATH_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s{0,3}[-_.年/]?\s{0,3}(\d{1,2})\s{0,3}[-_.月/]?\s{0,3}(\d{1,2})日?(?!\d)"
)


_PATH_PAGE = re.compile(rf"第?\s*{PAGE_NUM}\s*(?:[-~～—至到]\s*{PAGE_NUM}\s*)?版|版\s*{PAGE_NUM}")


def page_from_path(path: PurePath | None) -> int | None:
    """The (first) page a file of one page or a few pages holds, from its name or its folder's:
    第2版.txt, 第一版.txt, 第1-4版.txt, 03版.txt, 版2/正文.txt. Several files of one issue are put
    in page order by it when their text has no page banner."""
    if path is None:
        return None
    for name in (PurePath(path.name).stem, path.parent.name):
        match = _PATH_PAGE.search(name)
        if match:
            number = page_number(match.group(1) or match.group(3))
            if number is not None:
                return number
    return None


def date_from_path(path: PurePath | None) -> str | None:
    """A date written in the file name or its folders: 2022-07-05, 20220705, 2022年7月5日, 2022/07/05."""
    if path is None:
        return None
    parts = list(path.parts[-3:])
    parts[-1] = PurePath(parts[-1]).stem
    candidates = [parts[-1], "-".join(parts[-2:]), "-".join(parts)]
    for candidate in candidates:
        for match in _PATH_DATE.finditer(candidate):
            found = valid_date(int(match[1]), int(match[2]), int(match[3]))
            if found:
                return found
    return None


# Anniversaries the papers count from: "新中国成立70周年" → 1949 + 70. Every repeat is bounded, so
# a match is short (under _OVERLAP characters) and the text can be searched piece by piece.
_ANNIVERSARIES: tuple[tuple[re.Pattern[str], int, str], ...] = tuple(
    (re.compile(pattern), base, label)
    for pattern, base, label in (
        (r"(?:新中国成立|建国|中华人民共和国成立)\s{0,8}(\d{1,3})\s{0,8}周年", 1949, "新中国成立"),
        (r"(?:建党|中国共产党成立|党的生日.{0,6})\s{0,8}(\d{1,3})\s{0,8}周年", 1921, "建党"),
        (r"(?:改革开放)\s{0,8}(\d{1,3})\s{0,8}周年", 1978, "改革开放"),
        (r"(?:建军|中国人民解放军建军)\s{0,8}(\d{1,3})\s{0,8}周年", 1927, "建军"),
    )
)
# A year that opens a period (自2019年起, 从2019年, 2019年以来) says when something began, often years
# before the issue was printed: no hint of the issue's own year.
_YEAR = re.compile(r"(?<![\d自从])((?:19|20)\d{2})\s{0,8}年(?!代|以来)")
_STEP = 1 << 20  # characters searched between two cancel checks
_OVERLAP = 64  # longer than any match of the patterns above


def _numbers(pattern: re.Pattern[str], text: str) -> list[int]:
    """Group 1 of every match of `pattern` in `text`, searched a megabyte at a time.

    Windows overlap by more than a match is long, and a match counts in the window it starts in.
    """
    found: list[int] = []
    tick = current().tick
    for start in range(0, len(text), _STEP):
        for match in pattern.finditer(text, start, start + _STEP + _OVERLAP):
            if match.start() < start + _STEP:
                found.append(int(match[1]))
        tick(_STEP)
    return found


def year_hint(text: str) -> tuple[int | None, str]:
    """The year an undated text most likely belongs to, and a short reason in Chinese."""
    for pattern, base, label in _ANNIVERSARIES:
        counts = Counter(_numbers(pattern, text))
        if counts:
            count, _ = counts.most_common(1)[0]
            return base + count, f"文中提到{label}{count}周年"
    mentioned = _numbers(_YEAR, text)
    if mentioned:
        latest = max(mentioned)
        return latest, f"文中提到的最晚年份是{latest}年"
    return None, ""
