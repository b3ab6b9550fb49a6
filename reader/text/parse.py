"""Text of one dump → ParsedIssue: masthead, sections and articles, with broken paragraphs re-joined.

The parser walks the cleaned lines once. Each line is typed by its shape (see `shapes`): page
furniture, a column label, a credit, a heading or body text. Consecutive heading lines form a
heading group (kicker, headline, subtitle); whether a group opens a new article or is a sub-head
inside the current one depends on what surrounds it: a credit or dateline after it, a page jump
before it, a closed article before it, or the Markdown marks of the dump. Every line ends up in
the masthead, a section or an article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from reader.text.errors import CancelCheck
from reader.text.lines import Line, split_lines
from reader.text.masthead import (
    SMALL_PRINT,
    date_from_path,
    page_from_path,
    publication_in_path,
    read_masthead,
    year_hint,
)
from reader.text.model import Article, DateHint, DateSource, Kind, ParsedIssue
from reader.text.shapes import (
    SUBTITLE_DASH,
    cjk_length,
    credit_of,
    ends_sentence,
    is_brief_label,
    is_column_label,
    is_furniture,
    looks_like_heading,
    merge_credits,
    page_marker,
    sort_credits,
    split_dateline,
)

LineType = Literal["section", "label", "credit", "heading", "body"]
PAGE_JUMP = 2  # this many blank lines (or more) between two lines mark a new page or column
_LINE_COST = 64  # a line's fixed work, in characters' worth, for cancel checks
# More credit lines than this under one headline are no byline; the rest go to the sections
# (merging credits compares each with each, so their number must stay small).
MAX_CREDITS = 8


@dataclass
class _Draft:
    """An article while it is being read."""

    page: int
    brief: bool
    kicker: str = ""
    headline: str = ""
    subtitle: str = ""
    dateline: str = ""
    credits: list[str] = field(default_factory=list)
    # Each paragraph as the pieces it was printed in, joined at the end: adding to a str in place
    # copies it each time, quadratic for a long paragraph broken over many lines.
    paras: list[list[str]] = field(default_factory=list)
    whole: list[bool] = field(default_factory=list)  # paragraph may not be continued (a sub-head)
    closed: bool = False  # a credit after the body ended it
    credit_under_headline: bool = False

    def add_paragraph(self, text: str, *, whole: bool = False) -> None:
        if not self.paras and not self.dateline:
            dateline, credit, rest = split_dateline(text)
            if dateline:
                self.dateline = dateline
                if credit:
                    self.credits.append(credit)
                text = rest
        if self.is_broken() and not whole:
            self.paras[-1].append(text)
            return
        self.paras.append([text])
        self.whole.append(whole)

    def is_broken(self) -> bool:
        """The last paragraph stops mid-sentence (a column or page break cut it).

        Its last piece decides: pieces are non-blank lines, so the paragraph ends as its last
        piece does.
        """
        return bool(self.paras) and not self.whole[-1] and not ends_sentence(self.paras[-1][-1])

    def kind(self) -> Kind:
        byline = merge_credits(*self.credits)
        if re.search(r"摄$", byline) and (not self.headline or len(self.paras) == 1):
            return "photo"
        if self.brief:
            return "brief"
        if not self.headline or (not self.dateline and not byline):
            return "fragment"
        return "news"

    def finish(self) -> Article:
        return Article(
            page=self.page,
            kicker=self.kicker,
            headline=self.headline,
            subtitle=self.subtitle,
            dateline=self.dateline,
            byline=merge_credits(*self.credits),
            body="\n".join("".join(pieces) for pieces in self.paras),
            kind=self.kind(),
        )


def _line_type(line: Line, markdown: bool) -> LineType:
    text = line.text
    if is_furniture(text):
        return "section"
    if is_column_label(text):
        return "label"
    if credit_of(text) is not None:
        return "credit"
    if cjk_length(text) <= 80 and SMALL_PRINT.search(text) and not ends_sentence(text):
        return "section"
    if line.md_level:
        return "heading"
    if markdown and line.bold:
        return "body"  # a bold line inside a Markdown article is a sub-head
    if looks_like_heading(text) or SUBTITLE_DASH.match(text):
        return "heading"
    return "body"


class _Reader:
    """One pass over the typed lines of a dump (after its masthead)."""

    def __init__(self, lines: list[Line], markdown: bool, check: CancelCheck, start_page: int = 1) -> None:
        self.lines = lines
        self.check = check
        self.types: list[LineType] = []
        for line in lines:
            self.types.append(_line_type(line, markdown))
            check.tick(len(line.text) + _LINE_COST)
        self.markdown = markdown
        self.headline_level = min((line.md_level for line in lines if line.md_level), default=0)
        self.drafts: list[_Draft] = []
        self.sections: list[str] = []
        self.page = start_page
        self.brief = False
        self.force_new = False

    @property
    def current(self) -> _Draft | None:
        return self.drafts[-1] if self.drafts else None

    def new_draft(self) -> _Draft:
        draft = _Draft(page=self.page, brief=self.brief)
        self.drafts.append(draft)
        self.force_new = False
        return draft

    def run(self) -> None:
        i = 0
        while i < len(self.lines):
            line, kind = self.lines[i], self.types[i]
            self.check.tick(len(line.text) + _LINE_COST)
            if line.gap_before >= PAGE_JUMP and self.drafts:
                self.page += 1
                self.brief = False
                self.force_new = True
            if kind == "heading":
                i = self.heading_group(i)
                continue
            if kind == "section":
                if (number := page_marker(line.text)) is not None:
                    self.page = number
                self.sections.append(line.text)
                self.force_new = True
            elif kind == "label":
                self.sections.append(line.text)
                self.brief = is_brief_label(line.text)
                self.force_new = True
            elif kind == "credit":
                self.credit(line.text)
            else:
                self.body(line)
            i += 1

    def credit(self, text: str) -> None:
        draft = self.current
        credit = credit_of(text) or text
        if draft is not None and len(draft.credits) >= MAX_CREDITS:
            self.sections.append(text)
            return
        if draft is None or (draft.closed and draft.paras):
            if draft is not None and not draft.paras:
                draft.credits.append(credit)
            else:
                self.sections.append(text)
            return
        draft.credits.append(credit)
        if draft.paras:
            draft.closed = True
        else:
            draft.credit_under_headline = True

    def body(self, line: Line, *, whole: bool = False) -> None:
        draft = self.current
        starts_article = draft is None or draft.closed or self.force_new
        if draft is not None and draft.paras and split_dateline(line.text)[0] and not draft.is_broken():
            starts_article = True  # a second dateline: a new article whose headline is missing
        if draft is not None and draft.is_broken() and not draft.closed:
            starts_article = False  # the rest of a paragraph cut by a column or page break
        if starts_article:
            if draft is None or draft.paras or draft.closed:
                draft = self.new_draft()
            self.force_new = False
        assert draft is not None
        draft.add_paragraph(line.text, whole=whole or (self.markdown and line.bold))

    def heading_group(self, start: int) -> int:
        """Read the heading lines at `start`; return the index after them (and their credits)."""
        end = start
        while end < len(self.lines) and self.types[end] == "heading":
            if end > start and self.lines[end].gap_before >= PAGE_JUMP:
                break
            end += 1
            self.check.tick(_LINE_COST)  # a file of short lines is one heading group
        group = self.lines[start:end]
        after = end
        while after < len(self.lines) and self.types[after] == "credit":
            after += 1
            self.check.tick(_LINE_COST)
        credited = after > end
        datelined = (
            after < len(self.lines)
            and self.types[after] == "body"
            and bool(split_dateline(self.lines[after].text)[0])
        )
        if not self.opens_article(group, credited, datelined):
            draft = self.current
            # A plain dump's sub-head is a paragraph of its own; a Markdown dump bolds its sub-heads,
            # so an unmarked short line there is text, and so is the tail of a cut paragraph.
            subhead = (
                draft is not None
                and not draft.is_broken()
                and (not self.markdown or any(line.md_level for line in group))
            )
            for line in group:
                self.body(line, whole=subhead)
            return end
        draft = self.new_draft()
        self.assign_roles(draft, group)
        return end

    def opens_article(self, group: list[Line], credited: bool, datelined: bool) -> bool:
        draft = self.current
        levels = [line.md_level for line in group if line.md_level]
        if credited or datelined or draft is None or draft.closed or self.force_new:
            return True
        if levels:
            # A smaller Markdown heading after text is a sub-head of this article.
            return not (min(levels) > self.headline_level and draft.paras)
        if draft.is_broken():
            return False  # the tail of a cut paragraph that happens to be short
        if not draft.paras:
            return True
        if self.markdown:
            return False  # Markdown dumps mark their headlines; an unmarked line is text
        if len(group) > 1:
            return True
        return not draft.credit_under_headline  # features have sub-heads; news items do not

    def assign_roles(self, draft: _Draft, group: list[Line]) -> None:
        marked = [i for i, line in enumerate(group) if line.md_level]
        if marked:
            top = min(group[i].md_level for i in marked)
            head = next(i for i in marked if group[i].md_level == top)
        else:
            head = 0
            for i, line in enumerate(group):  # the last line that is not a ——subtitle
                if not SUBTITLE_DASH.match(line.text):
                    head = i
                self.check.tick(_LINE_COST)
        draft.headline = SUBTITLE_DASH.sub("", group[head].text)
        subtitles: list[str] = []
        for line in group[head + 1 :]:
            subtitles.append(SUBTITLE_DASH.sub("", line.text))
            self.check.tick(_LINE_COST)
        draft.subtitle = " ".join(s for s in subtitles if s)
        before = group[:head]
        if before:
            last = before[-1]
            kicker_shape = bool(re.search(r"(——|—|－|：|:)$", last.text))
            # A kicker sits right on its headline; a column banner stands apart (after a page
            # jump, or as several lines) and goes to the sections.
            on_headline = len(before) == 1 and group[0].gap_before < PAGE_JUMP
            plain_kicker = (not self.markdown or on_headline) and not is_column_label(last.text)
            if kicker_shape or plain_kicker or (marked and last.md_level > group[head].md_level):
                draft.kicker = last.text
                before = before[:-1]
            self.sections.extend(line.text for line in before)


def _settle_orphans(drafts: list[_Draft], sections: list[str], check: CancelCheck) -> list[_Draft]:
    """Headlines printed with no text under them.

    A layout may print an article's headline and credit after its body (the body then sits under
    a column banner, read as its headline). A headline with nothing under it that follows such an
    uncredited article is that article's; the banner goes to the sections. Any other empty draft
    keeps its lines as sections.
    """
    kept: list[_Draft] = []
    for draft in drafts:
        check.tick(_LINE_COST)
        if draft.paras:
            kept.append(draft)
            continue
        previous = kept[-1] if kept else None
        if previous is not None and draft.headline and not previous.credits and not previous.closed:
            # The banner's lines go to the sections wherever the printed headline replaces them.
            replaced = [previous.headline]
            replaced += [previous.kicker] if draft.kicker else []
            replaced += [previous.subtitle] if draft.subtitle else []
            sections.extend(t for t in replaced if t)
            previous.headline = draft.headline
            previous.kicker = draft.kicker or previous.kicker
            previous.subtitle = draft.subtitle or previous.subtitle
            previous.credits.extend(draft.credits)
            previous.closed = True
            continue
        sections.extend(t for t in (draft.kicker, draft.headline, draft.subtitle, *draft.credits) if t)
    return kept


def parse_text(
    text: str,
    source: str,
    path: PurePath | None = None,
    digest: str = "",
    should_cancel: Callable[[], bool] | None = None,
) -> ParsedIssue:
    """Parse the decoded text of one dump; `path` supplies a date or publication the text lacks.

    Linear in the length of `text`. `should_cancel()` is asked every few ten thousand characters
    of work; when it says yes, Cancelled is raised and nothing is returned.
    """
    check = CancelCheck(should_cancel, source)
    lines = split_lines(text, check)
    head = read_masthead(lines, check)
    rest = lines[head.consumed :]
    markdown = any(line.md_level for line in rest)
    reader = _Reader(rest, markdown, check, page_from_path(path or PurePath(source)) or 1)
    reader.run()
    sections = list(head.extra) + reader.sections
    drafts = _settle_orphans(reader.drafts, sections, check)
    articles: list[Article] = []
    for draft in drafts:
        # A credit printed twice is in the byline once; the repeat is kept in the sections.
        sections.extend(sort_credits(*draft.credits)[1])
        article = draft.finish()
        articles.append(article)
        check.tick(len(article.body) + _LINE_COST)

    date, date_source = head.date, ("masthead" if head.date else None)
    if date is None and (from_path := date_from_path(path or PurePath(source))):
        date, date_source = from_path, "filename"
    hint = DateHint()
    if date is None:
        year, reason = year_hint(text, check)
        hint = DateHint(year, reason)
    source_kind: DateSource | None = date_source  # type: ignore[assignment]
    return ParsedIssue(
        source=source,
        content_hash=digest,
        publication=head.publication or publication_in_path(path),
        date=date,
        date_source=source_kind,
        weekday=head.weekday,
        lunar=head.lunar,
        number=head.number,
        page_count=head.page_count,
        date_hint=hint,
        masthead=tuple(head.lines),
        sections=tuple(sections),
        articles=tuple(articles),
    )
