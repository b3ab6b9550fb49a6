"""Source text → cleaned lines that remember their Markdown marks and the blank lines before them.

The dumps are plain text or Markdown made from printed pages. The parser needs, per line, the
text without Markdown marks plus the marks themselves (a `##` line is a headline, a wholly bold
line inside an article is a sub-head) and how many blank lines preceded it (two or more mark a
page or column jump).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.text.errors import CancelCheck

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


@dataclass(frozen=True)
class Line:
    """One non-blank source line."""

    number: int  # 1-based line number in the source
    raw: str
    text: str  # Markdown marks removed, spaces folded, stripped
    md_level: int  # 1..6 for '#'-headings, 0 otherwise
    bold: bool  # the whole line was bold (a sub-head or a credit in Markdown dumps)
    gap_before: int  # blank lines directly before this one


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


def strip_markdown(raw: str, check: CancelCheck | None = None) -> tuple[str, int, bool]:
    """Text without Markdown marks, the heading level, and whether the whole line was bold.

    A pattern runs only on a line holding the characters it needs (a quick `in` test), and
    `check` is ticked after each pass: on a line of megabytes each pass takes a while.
    """
    text = raw.strip()
    level = 0
    match = _HEADING.match(text)
    if match and (len(text) > len(match.group(0)) or match.group(1) == "#"):
        level = len(match.group(1))
        text = text[match.end() :]
    tick = check.tick if check is not None else _no_tick
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


def _no_tick(work: int) -> None:
    """Stands in for CancelCheck.tick when nobody asks to cancel."""


def has_wordy(text: str, check: CancelCheck | None = None) -> bool:
    """Whether `text` holds a letter, digit or CJK character; searched a megabyte at a time."""
    for start in range(0, len(text), _SEARCH_STEP):
        if _WORDY.search(text, start, start + _SEARCH_STEP):
            return True
        if check is not None:
            check.tick(_SEARCH_STEP)
    return False


def is_stray_mark(clean: str) -> bool:
    """A line of one or two marks and nothing else (`-`, `|`, `·`): scan noise, not a rule.

    A scanner leaves such specks between paragraphs, even inside one cut by a break. Unlike a
    rule (`---`, `***`, a run of the same mark drawn across the page), a speck separates nothing:
    the blank lines on both sides of it are one run, not two added into a page jump.
    """
    return 0 < len(clean) <= 2 and not has_wordy(clean)


def split_lines(text: str, check: CancelCheck | None = None) -> list[Line]:
    """Every non-blank line of `text` (already newline-normalised), in order.

    A stray mark between blank lines (`is_stray_mark`) is dropped with its run of blank lines
    counted once. `check` is ticked per character read, so a cancel is seen within a fraction of
    a second.
    """
    lines: list[Line] = []
    gap = 0
    gap_at_mark = -1  # the blank lines before the last stray mark; -1 when none since the last line
    for number, raw in enumerate(text.split("\n"), start=1):
        if check is not None:
            check.tick(len(raw) + _LINE_COST)
        if not raw.strip():
            gap += 1
            continue
        clean, level, bold = strip_markdown(raw, check)
        if is_stray_mark(clean):
            gap_at_mark, gap = max(gap_at_mark, gap), 0
            continue
        if not has_wordy(clean, check):  # a rule ('***', '———', '======') is decoration, not text
            continue
        if gap_at_mark >= 0:
            gap, gap_at_mark = max(gap, gap_at_mark), -1
        lines.append(Line(number, raw.rstrip(), clean, level, bold, gap))
        gap = 0
    return lines
