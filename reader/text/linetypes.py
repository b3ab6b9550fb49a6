"""The type of each line of a dump: section, column label, credit, heading or body text.

A line is first typed by its own shape (`shapes`); then three rules of `rules` look at its
neighbours: a bare credit right after a finished paragraph, a framed line between paragraphs
(a sub-heading, not a byline), and a heading-shaped piece of a sentence cut by a break between
text lines. A list (`lines.list_runs`) is text. The parser reads the types; `--explain` shows
which rule gave each.
"""

from __future__ import annotations

from reader.text.cancel import current
from reader.text.lines import Line, is_picture_reference
from reader.text.masthead import SMALL_PRINT
from reader.text.page_rules import (
    WrapRole,
    bold_heading,
    hard_wrapped_paragraphs,
    is_table_row,
    labelled_line,
    signature_block,
)
from reader.text.rules import (
    LineType,
    credit_by_position,
    cut_sentence_between_texts,
    framed_subheading_between_texts,
    opens_with_dateline,
)
from reader.text.shapes import (
    SUBTITLE_DASH,
    cjk_length,
    credit_of,
    ends_sentence,
    is_column_label,
    is_furniture,
    looks_like_heading,
)

_LINE_COST = 64  # a line's fixed work, in characters' worth, for cancel checks


def type_lines(lines: list[Line], markdown: bool) -> tuple[list[LineType], list[str]]:
    """Each line's type and the name of the rule that gave it, in order."""
    check = current()
    types: list[LineType] = []
    typed_by: list[str] = []
    for i, line in enumerate(lines):
        kind, rule = _line_type(line, markdown)
        if (
            kind == "heading"
            and not line.md_level
            and i > 0
            and credit_by_position(line.text, lines[i - 1].text, types[i - 1] == "body")
        ):
            kind, rule = "credit", "credit_by_position"
        types.append(kind)
        typed_by.append(rule)
        check.tick(len(line.text) + _LINE_COST)
    for i, line in enumerate(lines):
        if line.rows > 1:
            continue  # a list is text, whatever its neighbours
        if framed_subheading_between_texts(types, lines, i):
            types[i], typed_by[i] = "heading", "framed_subheading_between_texts"
        if not line.md_level and cut_sentence_between_texts(types, lines, i):
            types[i], typed_by[i] = "body", "cut_sentence_between_texts"
        if markdown and types[i] == "body" and bold_heading(lines, i) and looks_like_heading(line.text):
            types[i], typed_by[i] = "heading", "bold_heading"
        if types[i] == "heading" and not line.md_level and labelled_line(lines, i):
            types[i], typed_by[i] = "body", "labelled_line"
    return types, typed_by


def wrapped_types(lines: list[Line], types: list[LineType], typed_by: list[str]) -> list[WrapRole]:
    """Retype the lines of a hard-wrapped dump (`page_rules.hard_wrapped_paragraphs`): a printed line
    that goes on with the paragraph above is text, whatever its shape; return each line's role."""
    wraps = hard_wrapped_paragraphs(lines)
    for i, role in enumerate(wraps):
        runs_on = role == "start" and i + 1 < len(wraps) and wraps[i + 1] == "wrap"
        if (role == "wrap" or runs_on) and types[i] == "heading":
            # a paragraph that runs on over the next printed line is no heading
            types[i], typed_by[i] = "body", "hard_wrapped_paragraphs"
    return wraps


def _line_type(line: Line, markdown: bool) -> tuple[LineType, str]:
    """The type a line has by its own shape, and the rule that says so."""
    text = line.text
    if line.rows > 1:
        return "body", "list_runs"
    if "![" in line.raw and is_picture_reference(line.raw):
        return "section", "is_picture_reference"
    if is_furniture(text):
        return "section", "is_furniture"
    if is_column_label(text):
        return "label", "is_column_label"
    if credit_of(text) is not None:
        return "credit", "credit_of"
    if cjk_length(text) <= 80 and SMALL_PRINT.search(text) and not ends_sentence(text):
        return "section", "SMALL_PRINT"
    if line.md_level:
        return "heading", "markdown heading"
    if markdown and line.bold:
        return "body", "bold line in Markdown"  # a bold line inside a Markdown article is a sub-head
    if is_table_row(text):
        return "body", "is_table_row"  # a table's row is short and has no full stop, yet no heading
    if looks_like_heading(text) or SUBTITLE_DASH.match(text):
        if opens_with_dateline(text):
            return "body", "opens_with_dateline"
        return "heading", "looks_like_heading"
    return "body", "not looks_like_heading"


def signatures(lines: list[Line], types: list[LineType], typed_by: list[str]) -> dict[int, bool]:
    """Retype the signature lines that close a notice (`page_rules.signature_block`) as text; return
    them by line number, True for the date line that ends each signature."""
    small_print = [rule == "SMALL_PRINT" for rule in typed_by]
    found: dict[int, bool] = {}
    check = current()
    for i in range(len(lines)):
        check.tick(_LINE_COST)
        start = signature_block(types, lines, i, small_print)
        if start < 0:
            continue
        for k in range(start, i + 1):
            types[k], typed_by[k] = "body", "signature_block"
            found[lines[k].number] = k == i
    return found
