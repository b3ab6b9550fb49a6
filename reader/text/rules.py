"""Rules for lines whose role depends on their neighbours, not on their words alone.

Dumps of inner pages break paragraphs where a printed column ended, print sub-headings between
the paragraphs of a feature, leave a run of blank lines where a picture was, and put a photo
credit on a bare line after the text. Each rule here keys on the shape of the text (punctuation,
quote balance, line length, blank-line runs, what comes before and after), never on particular
words, so that it holds for issues the parser has not seen. The parser (`parse`) calls them; the
`--explain` output names them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from reader.text.cancel import current
from reader.text.lines import Line
from reader.text.shapes import (
    FRAME_MARK,
    SENTENCE_END,
    cjk_length,
    credit_of,
    ends_sentence,
    is_furniture,
    split_dateline,
)

LineType = Literal["section", "label", "credit", "heading", "body"]
GroupRole = Literal["article", "sub-heading", "join", "body"]
PAGE_JUMP = 2  # this many blank lines (or more) between two lines mark a new page, column or picture
LOOK_COST = 16  # a line's work in the look-ahead, in characters' worth, for cancel checks
_OPENING_QUOTES = "“「『"
_CLOSING_QUOTES = "”」』"
# Punctuation that sits inside a sentence: a headline uses spaces where a sentence has these (an
# enumeration comma, 春耕、春播, is common in headlines too).
_IN_SENTENCE = re.compile(r"[，,；;]")
_NUMERAL = r"[一二三四五六七八九十\d]{1,3}"
_ENUMERATION = re.compile(rf"^\s*(?:{_NUMERAL}\s*[、.．]|[（(]{_NUMERAL}[）)])")
# The number of a numbered sub-heading (一、 / 1. / （二）), but not a decimal (3.8万人次…).
SUBHEADING_NUMBER = re.compile(rf"^\s*(?:{_NUMERAL}\s*(?:、|[.．](?!\d))|[（(]{_NUMERAL}[）)])")
# A bracketed group closing a line right after the end of a sentence: …87人。（通讯员 李四）
_TRAILING_BRACKETS = re.compile(r"(?<=[。！？!?”」』\"])\s*([（(][^（()）]{1,40}[）)])\s*$")
# A credit printed bare at the end of a caption's line, after the last sentence and a space:
# …确保春耕顺利进行。 融媒体 张三 摄
_TRAILING_BARE = re.compile(r"(?<=[。！？!?”」』])\s+([^\s。！？!?，,“”（()）][^。！？!?，,“”（()）]{1,40})$")
# What each needs, told before the regular expression searches the whole line (most lines end in
# a full stop): brackets closing the line; a space among its last _BARE_SPAN characters (the bare
# credit's 2 to 41 characters follow the space).
_BARE_SPAN = 42
_SPACE = re.compile(r"\s")
# An editor's note, which opens the article it introduces: 编者按：… / 【编者按】… / 编者的话：…
_EDITORS_NOTE = re.compile(r"^[【\[（(〔]?\s*(?:编者按|编者的话)\s*[】\]）)〕]?\s*[:：]?")
VERSE_LINE_MAX = 24  # a line of verse is short; a longer line without punctuation is no verse
# A credit printed bare after the text: a unit or a name and the mark of who supplied it
# (宣 for a propaganda office, 供稿 / 供图), no spaces or punctuation.
_BARE_CREDIT = re.compile(r"[\u4e00-\u9fff]{2,10}(?:宣|供稿|供图)")


def open_quotes(text: str) -> int:
    """How many quotations `text` opens without closing (negative: closes more than it opens)."""
    return sum(text.count(q) for q in _OPENING_QUOTES) - sum(text.count(q) for q in _CLOSING_QUOTES)


def opens_with_dateline(text: str) -> bool:
    """The line starts with a dateline (本报讯, 某地讯) and goes on: an article's first paragraph.

    Such a line is text even when it is short and stops mid-sentence (`本报讯 自去年起，全镇推行`
    with the rest after a blank line): a headline never starts with a dateline.
    """
    return bool(split_dateline(text)[0])


def reads_as_sentence(text: str) -> bool:
    """A short line without final punctuation that is still part of a sentence, not a heading.

    Headlines and sub-headings balance their quotation marks and separate their phrases with
    spaces; a line that leaves a quotation open, or holds a comma or semicolon, is the start of
    a sentence cut by a column break. A numbered sub-heading's own mark (`一、`, `（二）`, `3.`)
    does not count. Only asked inside an article that has text already: there, joining a
    sub-heading with a comma to the paragraph under it loses less than cutting a sentence.
    """
    text = _ENUMERATION.sub("", text)
    return open_quotes(text) > 0 or bool(_IN_SENTENCE.search(text))


def cut_sentence_between_texts(types: Sequence[LineType], lines: Sequence[Line], i: int) -> bool:
    """The heading-shaped line `i` is the first piece of a paragraph cut by a break.

    It reads as a sentence (`reads_as_sentence`), text follows right under it without a dateline,
    and it sits inside an article: right after a paragraph, or after a lone sub-heading line that
    follows a paragraph. At the top of an article (after a credit, a section or another heading)
    the same line may be a headline or subtitle with a comma, and is left alone.
    """
    if types[i] != "heading" or not reads_as_sentence(lines[i].text):
        return False
    nxt = i + 1
    if nxt >= len(lines) or types[nxt] != "body" or lines[nxt].gap_before >= PAGE_JUMP:
        return False
    if opens_with_dateline(lines[nxt].text) or lines[i].gap_before >= PAGE_JUMP:
        return False
    prev = i - 1
    if prev < 0:
        return False
    if types[prev] == "body":
        return True
    # a lone sub-heading between the paragraph and this line
    return (
        types[prev] == "heading"
        and prev >= 1
        and types[prev - 1] == "body"
        and lines[prev].gap_before < PAGE_JUMP
    )


def stops_mid_sentence(piece: str) -> bool:
    """The printed piece of a paragraph stops mid-sentence, so the next piece continues it.

    A column or page break cuts a paragraph anywhere: the piece before it has no sentence-final
    punctuation, or ends on a quoted term (`推行“楼长制”` / `管理办法…`) rather than on a
    quoted sentence (`…就好了。”`). A piece that ends a sentence inside a quotation still open is
    not cut: a long quotation printed over several paragraphs opens each one and closes only the
    last. A bracketed note at the end (`…召开。（下转第2版）`, `…结束。（完）`) is not part of a
    sentence: the text before it decides, by the same rules (`推行“楼长制”（试行）` is still cut).
    """
    stripped = piece.rstrip()
    if not stripped:
        return False
    stripped = _before_trailing_note(stripped) or stripped
    if stripped[-1] in _CLOSING_QUOTES and open_quotes(stripped) <= 0:
        inner = stripped.rstrip(_CLOSING_QUOTES)
        return bool(inner) and inner[-1] not in SENTENCE_END
    return not ends_sentence(stripped)


def _before_trailing_note(text: str) -> str | None:
    """The text before a bracketed note that ends `text` (`（完）`, `(下转第2版)`); None when
    `text` does not end on a closed bracket, or the note is all there is."""
    if not text or text[-1] not in "）)":
        return None
    opening = max(text.rfind("（"), text.rfind("("))
    if opening <= 0 or any(char in "）)" for char in text[opening:-1]):
        return None
    return text[:opening].rstrip() or None


def continues_quote(open_before: int, text: str) -> bool:
    """`text` goes on with a quotation the paragraph before it left open: one paragraph.

    A break may fall right after a full stop inside a quotation (`“木桥年久失修。` / blank /
    `盼着早点修好。”`). A quotation printed over several paragraphs reopens each of them with
    an opening mark; a piece whose first quotation mark closes one it never opened is the rest of
    the paragraph before it.
    """
    if open_before <= 0:
        return False
    for char in text:
        if char in _OPENING_QUOTES:
            return False
        if char in _CLOSING_QUOTES:
            return True
    return False


def is_bare_credit(text: str) -> bool:
    """A unit or name with a credit mark and nothing else (`某某镇宣`, `某某供图`).

    Only a credit by its position: the parser takes it as one when it directly follows text that
    ends a sentence, since a headline may happen to end with the same character.
    """
    return bool(_BARE_CREDIT.fullmatch(text.strip()))


def credit_by_position(text: str, previous: str | None, previous_is_text: bool) -> bool:
    """A bare credit line right after a paragraph that ends a sentence closes that article.

    Photo news prints its credit without brackets after the text; in that place a short line
    of a name and a credit mark is no headline of what follows.
    """
    return previous is not None and previous_is_text and ends_sentence(previous) and is_bare_credit(text)


def is_picture_gap(gap_before: int, under_headline: bool) -> bool:
    """A run of blank lines between a headline and its first text is where the picture was.

    Elsewhere such a run marks a page or column jump; directly under a headline with no text yet
    it marks photo news, whose text follows the picture.
    """
    return under_headline and gap_before >= PAGE_JUMP


def credit_ahead(types: Sequence[LineType], lines: Sequence[Line]) -> list[bool]:
    """For each line: from it on, a credit comes before anything that would open another article.

    Stops that open an article: a page jump, a section or label, a dateline, a heading group of
    several lines, a heading with a credit under it. Computed backwards in one pass, so asking at
    every heading costs nothing more.
    """
    ahead = [False] * (len(lines) + 1)
    tick = current().tick
    for i in range(len(lines) - 1, -1, -1):
        tick(LOOK_COST)
        kind, line = types[i], lines[i]
        if line.gap_before >= PAGE_JUMP:
            ahead[i] = False
        elif kind == "credit":
            ahead[i] = True
        elif kind == "body":
            ahead[i] = ahead[i + 1] and not opens_with_dateline(line.text)
        elif kind == "heading":
            lone = i + 1 < len(lines) and types[i + 1] == "body"
            ahead[i] = lone and ahead[i + 1]
        else:
            ahead[i] = False
    return ahead[:-1]


def subheading_before_credit(
    types: Sequence[LineType], lines: Sequence[Line], ahead: Sequence[bool], start: int
) -> bool:
    """A lone heading line inside an article that opened with a dateline is a sub-heading when
    text follows right under it and runs on, across other lone heading lines, to a credit.

    A new article would show itself before that credit: by a dateline, a heading group of several
    lines, a credit under its headline, a page jump or a section. Without any of them, the credit
    closes the article the heading sits in, so the heading is inside it. The caller asks only
    for an article with no credit yet: one credited beside its dateline (`某地讯（张三）`) is
    complete, and a credit further on belongs to the next article.
    """
    nxt = start + 1
    if nxt >= len(lines) or types[nxt] != "body" or lines[nxt].gap_before >= PAGE_JUMP:
        return False
    return ahead[nxt]


def marked_subheading(text: str) -> bool:
    """The line opens with a sub-heading's mark: a number (`一、`, `2.`, `（三）`) or a frame (`■`).

    Headlines carry no such mark: a numbered or framed heading line inside an article is one of
    its sub-headings, even where the article's other clues (a byline under the headline, a credit
    ahead) are missing, as in a news item credited beside its dateline.
    """
    return bool(SUBHEADING_NUMBER.match(text) or FRAME_MARK.match(text))


def framed_subheading_between_texts(types: Sequence[LineType], lines: Sequence[Line], i: int) -> bool:
    """A framed line (`■ 问需于民 一楼一策`) between two paragraphs is a sub-heading, not a credit.

    A frame mark sets off a byline (`□ 张三`) as well as a sub-heading, and a framed line of short
    words has the shape of a byline of names. Its place tells them apart: a byline stands under a
    headline or closes the text, while text right above and right below (no page jump, no
    dateline) means the article goes on across it. A framed line whose words make a credit on
    their own (`■ 张三 摄`, `◎ 本报记者 李四`) stays one: a photo strip may print a caption, its
    credit and the next caption one under another.
    """
    if types[i] != "credit" or not 0 < i < len(lines) - 1:
        return False
    line, prev, nxt = lines[i], lines[i - 1], lines[i + 1]
    mark = FRAME_MARK.match(line.text)
    if mark is None or credit_of(line.text[mark.end() :]) is not None:
        return False
    return (
        types[i - 1] == "body"
        and types[i + 1] == "body"
        and line.gap_before < PAGE_JUMP
        and nxt.gap_before < PAGE_JUMP
        and not opens_with_dateline(nxt.text)
        and bool(prev.text)
    )


def reads_as_verse(group: Sequence[Line]) -> bool:
    """Heading-shaped lines printed one right under another, every one short: a stanza of verse.

    A headline group (kicker, headline, subtitle) has the same shape, so the parser asks only where
    no headline can be: under a headline and its byline before any text, or after a stanza of the
    same poem. A poem's lines stay one a line (each its own paragraph): joined they would read as
    one sentence without punctuation.
    """
    return (
        len(group) >= 2
        and all(line.gap_before == 0 for line in group[1:])
        and all(not line.md_level and cjk_length(line.text) <= VERSE_LINE_MAX for line in group)
    )


def trailing_credit(text: str) -> tuple[str, str] | None:
    """(the text, the credit) when a line of text ends with its credit in brackets; else None.

    Briefs often print the credit on the text's last line, after the full stop
    (`…达成就业意向87人。（通讯员 李四）`, `…讲解使用方法。（王五）`). The bracket must follow the
    end of a sentence and read as a credit by itself (`shapes.credit_of`) and not as an end mark
    (`（未完待续）`, `shapes.is_furniture`), and a line that is nothing but the bracket is a
    credit line already. A photo caption may print its credit bare, after a space (`…顺利进行。
    融媒体 张三 摄`): the bare tail must read as a credit too. The parser asks only for the last
    text line of an article: inside a paragraph a bracket after a sentence is more often a note.
    """
    match = None
    if text.rstrip().endswith(("）", ")")):
        match = _TRAILING_BRACKETS.search(text)
    if match is None and _SPACE.search(text, max(0, len(text) - _BARE_SPAN)):
        match = _TRAILING_BARE.search(text)
    if match is None or match.start() == 0:
        return None
    if credit_of(match.group(1)) is None or is_furniture(match.group(1)):  # not （未完待续）
        return None
    rest = text[: match.start()].rstrip()
    return (rest, match.group(1)) if rest else None


def opens_with_editors_note(text: str) -> bool:
    """The paragraph is an editor's note (`编者按：`, `【编者按】`, `编者的话`).

    An editor's note is printed right under the headline of the article or series it introduces,
    before its text: the heading line above such a paragraph opens an article, even where a
    feature's sub-heading could stand (under a headline with a byline and no closing credit).
    """
    match = _EDITORS_NOTE.match(text)
    return match is not None and bool(text[match.end() :].strip())
