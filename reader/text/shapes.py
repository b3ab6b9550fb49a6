"""What a single line looks like: a credit (byline), a dateline, a headline, a column label.

These are rules about the shapes print layouts give such lines, not about particular names:
a byline is a short run of roles and names, a headline is a short line that does not end a
sentence, a dateline is a place followed by 讯 at the head of the first paragraph.
"""

from __future__ import annotations

import re

from reader.text.dateline import DATELINE as DATELINE  # re-exported: the parser's rules use both
from reader.text.dateline import split_dateline as split_dateline
from reader.text.masthead import PAGE_NUM, folio_items, page_number

SENTENCE_END = "。！？!?…；;"
CLOSERS = "”’」』》）)】\"'"
# Roles and bodies that open a credit line: 融媒体 张三, 本报记者 李四 通讯员 王五.
ROLE = (
    r"(?:[\u4e00-\u9fff]{0,8}融媒体中心|[\u4e00-\u9fff]{0,8}融媒体|本报特约记者|本报记者|本报通讯员|本报评论员|"
    r"特约记者|特约通讯员|特约撰稿人|见习记者|实习记者|实习生|记者|通讯员|撰稿|摄影|摄像|供稿|"
    r"文\s*[/／]\s*图|图\s*[/／]\s*文|文\s*[/／]|图\s*[/／]|文字|图片|作者)"
)
_ROLE_START = re.compile(r"^" + ROLE)
_ROLE_COLON = re.compile("(" + ROLE + r")\s*[:：]\s*")
# The mark that ends a credit: after a space (张三 摄), right after the name (张三摄) or after a
# slash (张三/摄, 张三／图), the way photo strips print them.
_CREDIT_END = re.compile(
    r"(?:\s(?:摄|宣|供稿|供图|报道|整理|文|图)|[\u4e00-\u9fff]摄|[\u4e00-\u9fff]\s*[/／]\s*[摄图])$"
)
# Marks set before a byline (□ 张三, ◎李四 in supplements) or before a sub-heading (■ 改造前).
FRAME_MARK = re.compile(r"^[□■◇◆●○△▲◎☆★]\s*")
_SENTENCE_PUNCT = re.compile(r"[，,。；;！？!?：:“”\"「」]")
# A credit is at most 40 characters without spaces; a line ten times as long is none, however
# spaced, and need not be searched for roles (costly on a line of megabytes).
_CREDIT_MAX_CHARS = 400
_NAME_TOKEN = re.compile(r"^[\u4e00-\u9fff·]{2,12}$")
_CROSS_REFERENCE = re.compile(r"(上接|下转|接第|转第|转[0-9一二三四五六七八九十]+版)")
_END_MARK = re.compile(r"\s*(完|全文完|待续|未完待续|续完)\s*")
_PAGE_MARKER = re.compile(rf"^第\s*{PAGE_NUM}\s*版(?:\s|[:：·|｜]|$)")
_PAGE_CREDITS = re.compile(
    r"^(主编|副主编|执行主编|总编辑|本版编辑|本版责编|责任编辑|责任校对|美术编辑|图片编辑|责编|编辑|美编|版式|校对|审核|审签|值班编辑|组版)\s*[:：]"
)
# A printed rule between items, as a dump or OCR gives it: a line of 一, —, ─ or = only.
_PRINTED_RULE = re.compile(r"[一—─━－\-_=＝]{4,}")
_PAGE_HEADER_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_FULL_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_FOLIO = re.compile(r"[-—－\s]*\d{1,3}[-—－\s]*")  # a page number alone: 2, - 3 -
_HEAD_SEPARATOR = re.compile(r"\s*[·•|｜]\s*")
_PAGE_HEADER_WEEKDAY = re.compile(r"(星期|周)[一二三四五六日天]")
_COLUMN_LABEL = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,8}(?:简讯|快讯|短讯|简报|速递|速览|动态|集锦|一句话新闻|图片新闻|新闻图片|"
    r"专栏|专版|专刊|视点|聚焦|关注|要闻|图说|镜头|广角|副刊|言论|评论))$"
)
_COLUMN_LABEL_MAX = 14  # the most characters _COLUMN_LABEL matches: told before it is tried
_ADVERT_LABEL = re.compile(r"[〔【\[（(]?\s*广\s*告\s*[〕】\]）)]?")
_BRIEF_LABEL = re.compile(r"(简讯|快讯|短讯|简报|速递|速览|一句话新闻|动态)")
# "7月1日，…" / "今年以来，…": a sentence starting, whatever its length.
_SENTENCE_OPENING = re.compile(r"^(\d{1,2}月\d{1,2}日|近日|日前|今年以来|近年来|目前|当天|此外)[，,]")
SUBTITLE_DASH = re.compile(r"^\s*(?:——|--|—|－－|─+)\s*")


def paren_inner(text: str) -> str | None:
    """What a line wholly in brackets holds ('（完）' → '完'); None for any other line.

    A scan of the two ends, not a regex: a lazy pattern for this rescans the rest of the line at
    every character, quadratic on a long line of spaces.
    """
    if len(text) < 3 or text[0] not in "（(【[" or text[-1] not in "）)】]":
        return None
    return text[1:-1].strip() or None


def ends_sentence(text: str) -> bool:
    """True when the line ends a sentence (so the next line is a new paragraph)."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in CLOSERS:
        if stripped[-1] in "”’」』\"'":
            return True  # a closing quote ends a quoted sentence
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in SENTENCE_END


def cjk_length(text: str) -> int:
    """Length without white space: how long a line looks on the page."""
    return len("".join(text.split())) if " " in text or "\t" in text else len(text)  # split: C speed


def credit_of(text: str) -> str | None:
    """The credit if the line is a byline (融媒体 张三, （融媒体 张三 摄）, □张三, ■ 本报记者 李四)."""
    text = text.strip()
    if len(text) > _CREDIT_MAX_CHARS:
        return None
    framed = FRAME_MARK.match(text)
    if framed:
        inner = text[framed.end() :].strip()
        return inner if 0 < cjk_length(inner) <= 40 and not _SENTENCE_PUNCT.search(inner) else None
    paren = paren_inner(text)
    inner = paren if paren is not None else text
    inner = _ROLE_COLON.sub(r"\1 ", inner).strip()  # 记者：张三 → 记者 张三
    if not inner or cjk_length(inner) > 40 or _SENTENCE_PUNCT.search(inner):
        return None
    if _CROSS_REFERENCE.search(inner):
        return None
    if _ROLE_START.match(inner) or _CREDIT_END.search(inner) or (paren is not None and inner.endswith("宣")):
        return inner
    if paren is not None and all(_NAME_TOKEN.match(tok) for tok in inner.split()):
        return inner  # (张三) or (区委宣传部 李四): a credit printed in brackets
    return None


def looks_like_heading(text: str) -> bool:
    """A headline, kicker or subtitle shape: short and not the end of a sentence."""
    n = cjk_length(text)
    if n == 0 or n > 50:
        return False
    if "。" in text[:-1] or text.rstrip()[-1] in "。；;，,、":
        return False
    commas = len(re.findall(r"[，,]", text))
    if commas > 1 or _SENTENCE_OPENING.match(text):
        return False
    last = text.rstrip()[-1]
    if last in "！!？?":
        return n <= 24 and commas == 0  # an exclaiming headline is short; a long one is a sentence
    return not (ends_sentence(text) and last not in "”」』")


def is_column_label(text: str) -> bool:
    stripped = text.strip()
    return (
        len(stripped) <= _COLUMN_LABEL_MAX and bool(_COLUMN_LABEL.match(stripped)) and cjk_length(text) <= 12
    ) or is_advert_label(text)


# The last word of a place's or an office's name (湖西街道, 清河镇, 开发区行政审批服务局).
_PLACE_OR_OFFICE = re.compile(
    r"(?:省|市|州|县|区|镇|乡|村|街道|社区|园区|局|委|委员会|办|厅|处|部|院|所|校|中心|公司|集团|"
    r"协会|联合会|政府|银行|医院|法院|检察院)$"
)
_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}")


def names_a_column(text: str) -> bool:
    """A short name standing over a headline is its column's name (百姓身边事, 文苑, 法治课堂): a
    name of two to six characters, no phrase and no punctuation, that names no place or office.

    The written rule for what stands over a headline (issue 24, defect 6): a line shaped as a
    kicker (ending in —— or ：) or a phrase is the headline's kicker; so is the name of the place
    or office the news is about (湖西街道, 开发区行政审批服务局: `_PLACE_OR_OFFICE`); any other
    short name is the column's, page furniture that stands over every item of the column, and
    goes to the sections like the labels `is_column_label` knows by their words.
    """
    stripped = text.strip()
    return bool(_NAME.fullmatch(stripped)) and not _PLACE_OR_OFFICE.search(stripped)


def names_a_place(text: str) -> bool:
    """A short name of a place or an office (湖西街道, 清河镇, 开发区行政审批服务局): over a
    headline it is the kicker naming where the news is from, not a column's name."""
    stripped = text.strip()
    return len(stripped) <= 12 and bool(_PLACE_OR_OFFICE.search(stripped)) and not re.search(r"\W", stripped)


def reads_as_kicker(text: str) -> bool:
    """A line over a headline that reads as its kicker (引题): it ends as a kicker does (——, ：,
    a comma), names the place or office the news is about (`_PLACE_OR_OFFICE`), or is two phrases
    side by side (聚焦民生实事 提升服务温度). A single clause over another line (县委常委会召开会议
    over 研究部署防汛抗旱工作) is no kicker: it is the headline, and the line under it its subtitle
    (issue 24: the held-out page of a paper not yet known)."""
    stripped = text.strip()
    return bool(
        re.search(r"(——|—|－|：|:|，|,)$", stripped)
        or _PLACE_OR_OFFICE.search(stripped)
        or re.search(r"\S\s+\S", stripped)
        or names_a_column(stripped)
        or is_column_label(stripped)
    )


def is_advert_label(text: str) -> bool:
    """The label over an advertisement (`广告`, `广 告`, `〔广告〕`): what follows is no article."""
    return bool(_ADVERT_LABEL.fullmatch(text.strip()))


def is_brief_label(text: str) -> bool:
    return is_column_label(text) and bool(_BRIEF_LABEL.search(text))


def page_marker(text: str) -> int | None:
    """The page number of a page banner such as '第2版 要闻'."""
    match = _PAGE_MARKER.match(text.strip())
    return page_number(match.group(1)) if match else None


def is_running_head(text: str) -> bool:
    """A page's running head or folio: a bare page number (`2`, `- 3 -`), or short parts set
    apart by a middle dot or bar, one of them a page number or a full date (`东昌时讯 · 要闻 · 2`,
    `2023年3月14日 · 经济专版`).

    Dumps repeat these at every printed page, also in the middle of an article cut by the page
    break. A headline may hold a middle dot too (`书香山东·数字阅读`), but no part of it is a
    bare page number or a full date, and it has no sentence punctuation or quotes.
    """
    stripped = text.strip()
    if _FOLIO.fullmatch(stripped):
        return True
    if cjk_length(stripped) > 30 or _SENTENCE_PUNCT.search(stripped):
        return False
    parts = [part.strip() for part in _HEAD_SEPARATOR.split(stripped)]
    if len(parts) < 2 or not all(parts):
        return False
    return any(
        _FOLIO.fullmatch(part) or _PAGE_MARKER.match(part + " ") or _FULL_DATE.fullmatch(part)
        for part in parts
    )


def is_furniture(text: str) -> bool:
    """Page furniture that belongs to no article: page banners, running heads, cross references,
    the page's staff line (主编：… 责任编辑：…), printed rules."""
    stripped = text.strip()
    if page_marker(stripped) is not None or _PAGE_CREDITS.match(stripped) or is_running_head(stripped):
        return True
    if folio_items(stripped) is not None:  # a paper's running head or footer folio
        return True
    if _PRINTED_RULE.fullmatch(stripped):
        return True
    if (  # a running head repeated at the top of each page: date, weekday, page name
        cjk_length(stripped) <= 30
        and _PAGE_HEADER_DATE.search(stripped)
        and _PAGE_HEADER_WEEKDAY.search(stripped)
        and not ends_sentence(stripped)
    ):
        return True
    inner = paren_inner(stripped)
    if inner is not None and _END_MARK.fullmatch(inner):
        return True
    return bool(inner is not None and _CROSS_REFERENCE.search(inner) and cjk_length(stripped) <= 20)


def sort_credits(*credits: str) -> tuple[list[str], list[str]]:
    """The credits of one article that make its byline, each printed once, and the repeats.

    A credit printed under the headline and again after the body, or one inside a longer one,
    appears once in the byline; the repeats are returned so that the caller keeps them somewhere
    (nothing of the source is lost).
    """
    merged: list[str] = []
    repeats: list[str] = []
    for credit in credits:
        credit = credit.strip()
        if not credit:
            continue
        squeezed = re.sub(r"\s+", "", credit)
        if any(squeezed in re.sub(r"\s+", "", m) for m in merged):
            repeats.append(credit)
            continue
        repeats += [m for m in merged if re.sub(r"\s+", "", m) in squeezed]
        merged = [m for m in merged if re.sub(r"\s+", "", m) not in squeezed]
        merged.append(credit)
    return merged, repeats


def merge_credits(*credits: str) -> str:
    """One byline from several credits of the same article, each printed once."""
    return " ".join(sort_credits(*credits)[0])
