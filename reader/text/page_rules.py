"""Rules for the layouts of special pages and dumps: service pages, notices, interviews and the
hard-wrapped or Markdown dumps some sources give.

A column of briefs led by 【titles】, an interview's turns, a forecast's box of labelled lines,
a notice's signature, an advertisement, a dump that keeps every printed line, a Markdown table:
each has lines that read as headlines or as cut paragraphs by the general rules
(`reader.text.rules`). These rules key on the shape that sets them apart (a label and a colon on
neighbouring lines, an indent, a bracketed lead, a bare date line under short lines), never on
particular words. The parser and the line typing (`parse`, `linetypes`) call them; the
`--explain` output names them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import islice
from typing import Literal

from reader.text.cancel import current
from reader.text.lines import Line
from reader.text.masthead import is_masthead_print, masthead_items
from reader.text.rules import (
    LOOK_COST,
    PAGE_JUMP,
    SUBHEADING_NUMBER,
    LineType,
    opens_with_dateline,
    opens_with_editors_note,
)
from reader.text.shapes import SUBTITLE_DASH, cjk_length, ends_sentence, is_furniture

WrapRole = Literal["start", "wrap", ""]
# The indent that opens a paragraph in a hard-wrapped dump: one or two full-width spaces, or two
# to four plain ones. A deeper indent centres a headline.
_PARAGRAPH_INDENT = re.compile(r"^(?:\u3000{1,2}| {2,4})(?=[^\s\u3000])")
WRAP_WIDTH_MAX = 40  # a printed column's line is short; a longer line is a paragraph of its own
# A bracketed title opening a brief's paragraph: 【我区启动春季植树活动】3月12日，…
_BRACKETED_LEAD = re.compile(r"^[【〖]([^【】〖〗。，,；;！？!?]{2,30})[】〗]\s*(?=\S)")
# A speaker's turn in an interview: 记者：… / 张三：… (a label of a few characters and a colon)
_SPEAKER = re.compile(r"^([\u4e00-\u9fff]{1,6})[:：]\s*\S")
# A date alone on a line, the last line of a notice's signature: 2023年3月14日
_DATE_LINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
SIGNATURE_LINES_MAX = 3  # a signatory, a contact line or two before the date
# A head is a column banner, a kicker, a headline and a subtitle or two.
HEAD_LINES_MAX = 6


def heading_run_is_list(group: Sequence[Line]) -> bool:
    """Heading-shaped lines, one under another, more of them than a head has (`HEAD_LINES_MAX`):
    text printed a line at a time (a list of entries too long for `lines.list_runs`), not a head
    and a stack of column banners. A masthead printed again where a page starts is furniture
    however many lines it has, so its lines are not counted.
    """
    if len(group) <= HEAD_LINES_MAX:
        return False
    heads = (line for line in group if masthead_items(line.text) is None and not is_masthead_print(line.text))
    return len(list(islice(heads, HEAD_LINES_MAX + 1))) > HEAD_LINES_MAX


def headline_level(lines: Sequence[Line]) -> int:
    """The Markdown level of a dump's headlines: the level most of the headings that can be a
    headline have (the smallest of equals; not a ——subtitle, not page furniture such as a dated
    running head), 0 when nothing is marked. A dump marks every article's headline alike; the
    page's or a section's title above them (# 文旅周刊, ## 要闻速览) is one heading of a higher
    level, so the highest level used would take the headlines for sub-heads (issue 24: two
    held-out Markdown pages)."""
    counts = Counter(
        line.md_level
        for line in lines
        if line.md_level and not SUBTITLE_DASH.match(line.text) and not is_furniture(line.text)
    )
    return min(counts, key=lambda level: (-counts[level], level)) if counts else 0


def has_paragraph_indent(raw: str) -> bool:
    """The raw line opens with a paragraph's indent (two full-width or a few plain spaces)."""
    return bool(_PARAGRAPH_INDENT.match(raw))


def hard_wrapped_paragraphs(lines: Sequence[Line]) -> list[WrapRole]:
    """For each line of a hard-wrapped dump: "start" where its indent opens a paragraph, "wrap"
    where it goes on with the paragraph of the line above; "" elsewhere.

    Some dumps keep every printed line as a text line, with no blank line between paragraphs: the
    indent is then the only mark of a new paragraph, and a line's end says nothing (a printed line
    may end at a full stop inside a paragraph, or cut a number). A line right under an indented
    line or its wrapped lines, without indent, is the same paragraph when the line above is
    column-short (`WRAP_WIDTH_MAX`) and full (as wide as the block's widest line, so the
    paragraph did not end there) and it is no wider than the line above. An indented line right
    under such a block opens the next paragraph. A blank line ends the block: a headline after it
    is read as usual.
    """
    roles: list[WrapRole] = [""] * len(lines)
    tick = current().tick
    in_block = False
    block_width = 0  # the widest printed line of the block so far, indent counted
    for i, line in enumerate(lines):
        tick(LOOK_COST)
        indented = has_paragraph_indent(line.raw)
        width = cjk_length(line.text) + (2 if indented else 0)
        if i == 0 or line.gap_before > 0 or line.md_level:
            in_block, block_width = indented, width
            continue
        above = lines[i - 1]
        above_width = cjk_length(above.text) + (2 if has_paragraph_indent(above.raw) else 0)
        full = 8 <= above_width <= WRAP_WIDTH_MAX and above_width >= block_width - 2
        if in_block and indented:
            roles[i] = "start"
        elif in_block and full and width <= above_width + 2:
            roles[i] = "wrap"
        else:
            in_block, block_width = indented, width
            continue
        block_width = max(block_width, width)
    return roles


def bracketed_lead(text: str) -> tuple[str, str] | None:
    """(title, text) when a paragraph opens with its title in bold brackets (`【…】…`); else None.

    A column of briefs often prints each item as one paragraph led by its title in 【】 instead
    of a headline line. The title is short and no sentence; an editor's note (`【编者按】`) is no
    title (`opens_with_editors_note`). The parser asks where an item can start: in a column of
    briefs, or after an article that its credit closed.
    """
    match = _BRACKETED_LEAD.match(text)
    if match is None or opens_with_editors_note(text):
        return None
    return match.group(1).strip(), text[match.end() :]


def opens_item(text: str) -> bool:
    """The paragraph opens an item of its own: a dateline or a bracketed title leads it."""
    return opens_with_dateline(text) or bracketed_lead(text) is not None


def speaker_of(text: str) -> str:
    """The speaker label opening an interview's turn (`记者：…` → 记者); "" when none."""
    match = _SPEAKER.match(text)
    return match.group(1) if match else ""


def interview_turn(text: str, paragraphs: Sequence[str], next_text: str) -> bool:
    """A heading-shaped line is an interview's turn when its speaker label opened one of the
    paragraphs just before it, or another speaker's label opens the paragraph right under it.

    A short question (`记者：下一步有什么打算？`) has a heading's shape, and a headline may start
    with a place and a colon (`某镇：…`); but an interview gives the same label to every turn of
    a speaker, and answers each turn with the other speaker's, while a headline is followed by
    its text.
    """
    speaker = speaker_of(text)
    if not speaker:
        return False
    answer = speaker_of(next_text)
    return (bool(answer) and answer != speaker) or any(speaker_of(p) == speaker for p in paragraphs)


def labelled_line(lines: Sequence[Line], i: int) -> bool:
    """A line of a box of labelled values (`今天：多云，最高气温18℃` over `明天：晴，5℃～20℃`).

    Each line is short and ends no sentence, the shape of a headline; but a label and a colon
    open it and the line next to it, and its value holds a comma or a figure, which a headline
    of the `某镇：…` shape does not pair with a second such line.
    """
    text = lines[i].text
    speaker = speaker_of(text)
    if not speaker or not re.search(r"[，,\d]", text[len(speaker) + 1 :]):
        return False
    above = i > 0 and lines[i].gap_before < PAGE_JUMP and bool(speaker_of(lines[i - 1].text))
    below = i + 1 < len(lines) and lines[i + 1].gap_before < PAGE_JUMP and bool(speaker_of(lines[i + 1].text))
    return above or below


def signature_block(
    types: Sequence[LineType], lines: Sequence[Line], i: int, small_print: Sequence[bool]
) -> int:
    """The first line of a notice's signature that ends with the bare date line `i`; -1 when none.

    A notice (启事, 公告, 声明) or a letter closes with its signatory and the date, each on a line
    of its own, maybe after a contact line: short lines of no sentence, which read as a headline
    and a kicker, or as small print. Right after text, with no blank-line run, up to
    `SIGNATURE_LINES_MAX` such lines and the date are the end of that text, not a new head.
    """
    if not _DATE_LINE.fullmatch(lines[i].text) or lines[i].gap_before >= PAGE_JUMP:
        return -1
    start = i
    while start > 0 and i - start < SIGNATURE_LINES_MAX:
        prev = start - 1
        if types[prev] == "body" and ends_sentence(lines[prev].text):
            return start
        shaped = types[prev] == "heading" or small_print[prev]
        if not shaped or lines[prev].gap_before >= PAGE_JUMP or ends_sentence(lines[prev].text):
            return -1
        start = prev
    return start if start > 0 and types[start - 1] == "body" and ends_sentence(lines[start - 1].text) else -1


def advert_end(types: Sequence[LineType], lines: Sequence[Line], start: int) -> int:
    """The index after the lines of an advertisement that begins at `start` (right under its
    `广告` label); they go to the sections.

    An advertisement prints slogans, a phone number and an address: lines that end no sentence.
    It ends at a page jump, a section or label, or at the first line of article text (a sentence,
    a dateline); the heading line right above that text is the next article's headline, not the
    advertisement's.
    """
    end = start
    while end < len(lines) and types[end] not in ("section", "label"):
        line = lines[end]
        if (end > start and line.gap_before >= PAGE_JUMP) or types[end] == "credit":
            return end
        if ends_sentence(line.text) or opens_with_dateline(line.text):
            return end - 1 if end - 1 > start and types[end - 1] == "heading" else end
        end += 1
    return end


def next_field(first_piece: str, text: str) -> bool:
    """`text` is the next line of a list of labelled lines, not the rest of a cut paragraph.

    A box of short `label：value` lines (a forecast's `今天：…` / `明天：…`, an interview's turns)
    ends no sentence on each line; where the paragraph and the piece after it both open with such
    a label, the piece is a line of its own.
    """
    return bool(speaker_of(first_piece)) and bool(speaker_of(text))


def bold_heading(lines: Sequence[Line], i: int) -> bool:
    """A wholly bold line of a Markdown dump that is a head, not a sub-head: right over a `#`
    heading (its kicker), or right over a paragraph that opens with a dateline (the headline of
    an article the dump did not mark with `#`).

    Inside an article a bold line is a sub-head; but no sub-head sits on a headline, and an
    article's first paragraph, the one with the dateline, comes right under its own headline.
    """
    line = lines[i]
    if not line.bold or line.md_level or i + 1 >= len(lines) or lines[i + 1].gap_before >= PAGE_JUMP:
        return False
    below = lines[i + 1]
    return bool(below.md_level) or opens_with_dateline(below.text)


def is_table_row(text: str) -> bool:
    """A row of a Markdown or text table (`| 受理诉求 | 251个 |`): a line of its own, never cut."""
    stripped = text.strip()
    return len(stripped) > 2 and stripped[0] in "|｜" and stripped[-1] in "|｜"


def own_line(paragraph: Sequence[str], text: str) -> bool:
    """`text` stands on a line of its own, though the paragraph before it ends no sentence.

    A table row neither continues a paragraph nor is continued. A numbered item (`1. …`, `二、…`,
    `（3）…`) under a line that introduces it (ending with a colon) or under the item before it is
    the next item of a list: list items end with a semicolon or nothing, and each is printed on a
    line of its own.
    """
    last = paragraph[-1].rstrip()
    if is_table_row(text) or is_table_row(last):
        return True
    if not SUBHEADING_NUMBER.match(text):
        return False
    return last.endswith(("：", ":")) or bool(SUBHEADING_NUMBER.match(paragraph[0]))


# How the first line of a headline wrapped over two may end: a character, a closing quote, or
# where a long title breaks (暨, a comma, 、).
_WRAP_END = re.compile(r"[\u4e00-\u9fff0-9A-Za-z”」』》暨，,、]$")


def wrapped_headline(first: Line, second: Line) -> bool:
    """`second` is the rest of the headline `first` began: printed right under it (no blank
    line), no longer than it, no ——subtitle, after a first line that ends mid-title (no sentence
    or kicker punctuation: ——, ：, 。). A kicker over its headline is shorter than the headline, or
    stands apart; a headline wrapped by the column is one headline (issue 24, defect 4)."""
    a, b = first.text.strip(), second.text.strip()
    return (
        bool(a and b)
        and second.gap_before == 0
        and not (first.md_level or second.md_level)
        and bool(_WRAP_END.search(a))
        and not SUBTITLE_DASH.match(b)
        and cjk_length(b) <= cjk_length(a)
        and masthead_items(a) is None  # a masthead printed again: 总第1449期 over 今日4版
        and masthead_items(b) is None
    )
