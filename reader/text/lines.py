"""Source text → cleaned lines that remember their Markdown marks and the blank lines before them.

The dumps are plain text or Markdown made from printed pages. The parser needs, per line, the
text without Markdown marks plus the marks themselves (a `##` line is a headline, a wholly bold
line inside an article is a sub-head) and how many blank lines preceded it (two or more mark a
page or column jump).

A list (`list_runs`: names, words, short entries, one a line, more rows than any head, masthead
or stanza has) becomes one Line of all its rows: text printed a line at a time, kept so, and
read as a whole rather than looked at row by row as possible headlines and page furniture.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reader.text.cancel import current

_HEADING = re.compile(r"^(#{1,6})\s*")
# Every pattern here runs on lines of any length (a 10 MB line, 200 KB of '!['), so each repeat
# stops at the next character that could start another match: '[' or ']' for a label, '(' or ')'
# for a target, '<' for an autolink. A match attempt then never rescans what another already
# scanned, and stripping is linear in the line's length.
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\(([^()]*)\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()]*)\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]{0,30}://\S")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_STRAY_BOLD = re.compile(r"(?<![*\w])\*\*(?![*\w])")
_LIST_OR_QUOTE = re.compile(r"\s*[-*+]\s+(?=\S)|\s*>\s?")  # at the start of the line only
_SPACE_CHARACTERS = " \t\u3000\u00a0"
_SPACES = re.compile(f"[{_SPACE_CHARACTERS}]+")
_WORDY = re.compile(r"[^\W_]")  # a letter, digit or CJK character
_SEARCH_STEP = 1 << 20  # characters searched between two cancel checks
_LINE_COST = 64  # a line's fixed work, in characters' worth, for cancel checks
LIST_WIDTH = 8  # characters a list row has at most (a name, a word, a short entry)
LIST_ROWS = 24  # rows, one right under another, that make a list
# A list row: at most LIST_WIDTH characters (after an indent of at most as many), no Markdown
# marks, not opening with a list or table mark (a Markdown list is read line by line, as Markdown).
_LIST_ROW = rf"[^\S\n]{{0,{LIST_WIDTH}}}[^\s#*_`<>\[\]|+\-][^\n#*_`<>\[\]]{{0,{LIST_WIDTH - 1}}}\n"
# A list is found by its first LIST_ROWS rows, then followed a bounded batch of rows at a time:
# one unbounded repetition would keep backtracking state for every row (200 MB for a million).
_LIST_START = re.compile(f"^(?:{_LIST_ROW}){{{LIST_ROWS}}}", re.MULTILINE)
_LIST_MORE = re.compile(f"(?:{_LIST_ROW}){{1,1024}}")  # matched right after a newline
_LIST_REACH = LIST_ROWS * (2 * LIST_WIDTH + 1)  # the most text the first LIST_ROWS rows take
_LIST_SCAN = 1 << 20  # characters searched for a list between two cancel checks


@dataclass(frozen=True)
class Line:
    """One non-blank source line."""

    number: int  # 1-based line number in the source
    raw: str
    text: str  # Markdown marks removed, spaces folded, stripped
    md_level: int  # 1..6 for '#'-headings, 0 otherwise
    bold: bool  # the whole line was bold (a sub-head or a credit in Markdown dumps)
    gap_before: int  # blank lines directly before this one
    rows: int = 1  # source lines it stands for: more than one for a list (`list_runs`)


def is_link_target(target: str) -> bool:
    """Whether the (…) after a [label] is a real link target rather than words in brackets.

    A URL (scheme://, www., mailto:) or a path without spaces or CJK (images/p1.jpg, #top) is a
    target and may go; anything else, such as 市民[张某](化名，45岁), is text the reader must keep.
    """
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    if not target or any(ch.isspace() for ch in target):
        return False
    if _SCHEME.match(target) or target.lower().startswith(("www.", "mailto:")):
        return True
    return target.isascii() and any(ch.isalpha() for ch in target) and any(ch in "/.#" for ch in target)


def _link_text(match: re.Match[str]) -> str:
    """A Markdown link or image becomes its label when it points somewhere; else it stays as is."""
    return match.group(1) if is_link_target(match.group(2)) else match.group(0)


def link_targets(raw: str) -> list[str]:
    """The link and image targets `strip_markdown` drops from `raw`: the only text it may drop."""
    dropped: list[str] = []

    def keep(match: re.Match[str]) -> str:
        if is_link_target(match.group(2)):
            dropped.append(match.group(2))
        return _link_text(match)

    _LINK.sub(keep, _IMAGE.sub(keep, raw))
    return dropped


def is_picture_reference(raw: str) -> bool:
    """The line is nothing but Markdown pictures that point somewhere (`![图](images/p1.jpg)`): a
    picture's reference, not text to read, whatever its caption-like label says (issue 24: it
    goes to the sections as printed, its target with it, never into a headline)."""
    rest, pictures = _IMAGE.subn(lambda m: "" if is_link_target(m.group(2)) else m.group(0), raw)
    return pictures > 0 and not rest.strip()


def strip_markdown(raw: str) -> tuple[str, int, bool]:
    """Text without Markdown marks, the heading level, and whether the whole line was bold.

    A pattern runs only on a line holding the characters it needs (a quick `in` test), and
    the cancel scope is ticked after each pass: on a line of megabytes each pass takes a while.
    """
    text = raw.strip()
    level = 0
    match = _HEADING.match(text)
    if match and (len(text) > len(match.group(0)) or match.group(1) == "#"):
        level = len(match.group(1))
        text = text[match.end() :]
    tick = current().tick
    if "](" in text:
        text = _IMAGE.sub(_link_text, text)
        tick(len(text))
        text = _LINK.sub(_link_text, text)
        tick(len(text))
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        tick(len(text))
    inner = text.strip()
    bold = bool(re.fullmatch(r"(\*\*|__)(.+)\1", inner)) and "**" not in inner[2:-2]
    if "**" in text or "__" in text:
        text = _BOLD.sub(r"\2", text)
        tick(len(text))
    # A list or quote mark opens the line unless a stray ** does (that one goes instead).
    if not _STRAY_BOLD.match(text) and (mark := _LIST_OR_QUOTE.match(text)):
        text = text[mark.end() :]
    if "**" in text:
        text = _STRAY_BOLD.sub("", text)
        tick(len(text))
    if any(space in text for space in _SPACE_CHARACTERS):
        text = _SPACES.sub(" ", text)
    text = text.strip()
    tick(len(text))
    return text, level, bold


def has_wordy(text: str) -> bool:
    """Whether `text` holds a letter, digit or CJK character; searched a megabyte at a time."""
    for start in range(0, len(text), _SEARCH_STEP):
        if _WORDY.search(text, start, start + _SEARCH_STEP):
            return True
        current().tick(_SEARCH_STEP)
    return False


def is_stray_mark(clean: str) -> bool:
    """A line of one or two marks and nothing else (`-`, `|`, `·`): scan noise, not a rule.

    A scanner leaves such specks between paragraphs, even inside one cut by a break. Unlike a
    rule (`---`, `***`, a run of the same mark drawn across the page), a speck separates nothing:
    the blank lines on both sides of it are one run, not two added into a page jump.
    """
    return 0 < len(clean) <= 2 and not has_wordy(clean)


def list_runs(text: str) -> Iterator[tuple[int, int]]:
    """Where the lists in `text` are: the offset of each one's first row and the offset right
    after its last row's newline.

    A list is LIST_ROWS or more rows, one right under another (no blank line between), of at
    most LIST_WIDTH characters each: a roll of names, a page of words one a line. A head
    (banner, kicker, headline, subtitles), a masthead or a stanza of verse is far shorter, so such
    a run is text printed a line at a time, whatever shape its rows have one by one. Found by
    regex, so a file of a million such rows costs no million line checks; searched a megabyte at
    a time, the cancel scope ticked between.
    """
    tick = current().tick
    at = 0
    while True:
        window = min(len(text), at + _LIST_SCAN + _LIST_REACH)
        start = _LIST_START.search(text, at, window)
        if start is None:  # no list starts before window - _LIST_REACH: its first rows would fit
            if window == len(text):
                return
            tick(_LIST_SCAN)
            at = window - _LIST_REACH
            continue
        end = start.end()
        while (more := _LIST_MORE.match(text, end)) is not None:
            tick(more.end() - end)
            end = more.end()
        yield start.start(), end
        at = end


_NON_BLANK_LINE = re.compile(r"^[^\S\n]*\S[^\n]*", re.MULTILINE)
_ROW_EDGES = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.MULTILINE)  # what str.strip takes off each row


class _Splitter:
    """The lines of one text as `split_lines` reads them, and the blank lines seen since the last."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.check = current()
        self.gap = 0
        self.gap_at_mark = -1  # blank lines before the last stray mark; -1 when none since the last line

    def read_all(self, text: str, first: int) -> None:
        """The lines of `text` (whole lines, the first of them source line `first`). The blank
        ones are counted between the others, found by regex, not looked at one by one: some dumps
        have them by the hundred thousand."""
        tick = self.check.tick
        newlines = at = 0  # newlines in text[:at]
        last = -1  # the index of the last line read
        for match in _NON_BLANK_LINE.finditer(text):
            newlines += text.count("\n", at, match.start())
            tick(match.end() - at + _LINE_COST)
            at = match.start()
            self.gap += newlines - last - 1
            self.read(first + newlines, match.group())
            last = newlines
        self.gap += newlines + text.count("\n", at) - last - 1  # blank lines before what follows

    def read(self, number: int, raw: str) -> None:
        """Non-blank source line `number`: a line, a stray mark or a rule (decoration)."""
        clean, level, bold = strip_markdown(raw)
        if is_stray_mark(clean):
            self.gap_at_mark, self.gap = max(self.gap_at_mark, self.gap), 0
            return
        if has_wordy(clean):  # else a rule ('***', '———', '======'): decoration
            self.add(Line(number, raw.rstrip(), clean, level, bold, self.opening_gap()))

    def read_list(self, number: int, rows: str) -> None:
        """A list's rows (`list_runs`, without the last newline) from source line `number` on: one
        Line, each row stripped and its spaces folded, one row a line."""
        self.check.tick(len(rows))
        text = _SPACES.sub(" ", _ROW_EDGES.sub("", rows))
        self.add(Line(number, rows, text, 0, False, self.opening_gap(), rows.count("\n") + 1))

    def opening_gap(self) -> int:
        """The blank lines before the line being added (a stray mark between them left out)."""
        return max(self.gap, self.gap_at_mark)

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.gap, self.gap_at_mark = 0, -1


def split_lines(text: str) -> list[Line]:
    """Every non-blank line of `text` (already newline-normalised), in order; a list
    (`list_runs`) as one Line of its rows.

    A stray mark between blank lines (`is_stray_mark`) is dropped with its run of blank lines
    counted once. The cancel scope (reader.text.cancel) is ticked per character read, so a
    cancel is seen within a fraction of a second.
    """
    splitter = _Splitter()
    number, at = 1, 0
    for start, end in list_runs(text):
        splitter.read_all(text[at:start], number)  # the lines up to the list
        number += text.count("\n", at, start)
        splitter.read_list(number, text[start : end - 1])
        number += text.count("\n", start, end)
        at = end
    splitter.read_all(text[at:], number)
    return splitter.lines
