"""Text of one dump → ParsedIssue: masthead, sections and articles, with broken paragraphs re-joined.

The parser walks the cleaned lines once. Each line is typed (see `linetypes`): page
furniture, a column label, a credit, a heading or body text. Consecutive heading lines form a
heading group (kicker, headline, subtitle); whether a group opens a new article or is a sub-head
inside the current one depends on what surrounds it: a credit or dateline after it, a page jump
before it, a closed article before it, or the Markdown marks of the dump. The rules that look at
a line's neighbours (a paragraph cut by a blank line, a sub-heading, photo news and its bare
credit) are named functions in `rules`. Every line ends up in the masthead, a section or an
article, and `explain_text` says for each which role it got and which rule gave it.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import PurePath

from reader.text.cancel import checkpoint, current
from reader.text.draft import Draft, settle_orphans
from reader.text.explain import LineRole, Trace
from reader.text.line_model import LineModel, OpeningScores, PageFacts
from reader.text.lines import Line, link_targets, split_lines
from reader.text.linetypes import signatures, type_lines, wrapped_types
from reader.text.masthead import (
    PUBLICATIONS,
    Masthead,
    date_from_path,
    folio_items,
    page_from_path,
    publication_in_path,
    read_masthead,
    year_hint,
)
from reader.text.model import Article, DateHint, DateSource, ParsedIssue
from reader.text.page_rules import (
    HEAD_LINES_MAX,
    advert_end,
    bracketed_lead,
    heading_run_is_list,
    headline_level,
    interview_turn,
    next_field,
    opens_item,
    wrapped_headline,
)
from reader.text.rules import (
    PAGE_JUMP,
    GroupRole,
    credit_ahead,
    is_picture_gap,
    marked_subheading,
    opens_with_editors_note,
    reads_as_verse,
    subheading_before_credit,
    trailing_credit,
)
from reader.text.script import Restorer, restore_article, restore_head, simplified_reading
from reader.text.shapes import (
    SUBTITLE_DASH,
    credit_of,
    is_advert_label,
    is_brief_label,
    is_column_label,
    names_a_column,
    page_marker,
    reads_as_kicker,
    sort_credits,
    split_dateline,
)

_LINE_COST = 64  # a line's fixed work, in characters' worth, for cancel checks
# More credit lines than this under one headline are no byline; the rest go to the sections
# (merging credits compares each with each, so their number must stay small).
MAX_CREDITS = 8


class _Reader:
    """One pass over the typed lines of a dump (after its masthead)."""

    def __init__(
        self,
        lines: list[Line],
        markdown: bool,
        trace: Trace,
        start_page: int = 1,
        model: LineModel | None = None,
    ) -> None:
        self.lines = lines
        self.check = current()
        self.trace = trace
        self.types, self.typed_by = type_lines(lines, markdown)
        first_types = list(self.types)  # the model was fitted on these, before signatures retypes
        self.signed = signatures(lines, self.types, self.typed_by)
        # Scored when the parser asks.
        self.opening = OpeningScores(lines, first_types, model, PageFacts(lines, self.signed))
        # In a hard-wrapped dump the indent, not the line's end, says where a paragraph starts.
        self.wrap = {
            line.number: role
            for line, role in zip(lines, wrapped_types(lines, self.types, self.typed_by), strict=True)
            if role
        }
        self.credit_ahead = credit_ahead(self.types, lines)
        self.markdown = markdown
        self.headline_level = headline_level(lines)
        self.drafts: list[Draft] = []
        self.sections: list[str] = []
        self.page = start_page
        self.brief = False
        self.force_new = False

    @property
    def current(self) -> Draft | None:
        return self.drafts[-1] if self.drafts else None

    def new_draft(self) -> Draft:
        draft = Draft(page=self.page, brief=self.brief)
        self.drafts.append(draft)
        self.force_new = False
        return draft

    def section(self, line: Line, rule: str) -> None:
        # Page furniture is kept as printed where reading it dropped a link's or picture's target.
        self.sections.append(line.raw.strip() if "](" in line.raw and link_targets(line.raw) else line.text)
        self.trace.give(line.number, line.text, "section", rule)

    def run(self) -> None:
        i = 0
        while i < len(self.lines):
            line, kind = self.lines[i], self.types[i]
            self.check.tick(len(line.text) + _LINE_COST)
            if line.gap_before >= PAGE_JUMP and self.drafts:
                self.page_jump(line, kind)
            if kind == "heading":
                i = self.heading_group(i)
                continue
            if kind == "section":
                if (number := page_marker(line.text)) is not None:
                    self.page = number
                self.section(line, self.typed_by[i])
                self.force_new = True
            elif kind == "label":
                i = self.label(i, line)
            elif kind == "credit":
                self.credit(line, self.typed_by[i])
            elif (split := self.credit_at_end(i)) is not None:
                self.body_then_credit(i, line, split)
            else:
                self.body(i, line, self.typed_by[i])
            i += 1

    def page_jump(self, line: Line, kind: str) -> None:
        """A gap as wide as a page break before `line`: a picture under a headline, or the next
        page (or column), whose first text starts a new article."""
        draft = self.current
        under_headline = (
            draft is not None
            and bool(draft.headline)
            and not draft.paras
            and not draft.credits
            and not draft.closed
        )
        if kind == "body" and is_picture_gap(line.gap_before, under_headline):
            assert draft is not None
            draft.picture = True
        else:
            self.page += 1
            self.brief = False
            self.force_new = True

    def label(self, i: int, line: Line) -> int:
        """A column label at line `i` (and an advert's lines under its label): sections; returns
        the index of the last line taken."""
        self.section(line, self.typed_by[i])
        self.brief = is_brief_label(line.text)
        self.force_new = True
        if is_advert_label(line.text):
            for ad in self.lines[i + 1 : advert_end(self.types, self.lines, i + 1)]:
                self.section(ad, "advert_end")
                i += 1
        return i

    def body_then_credit(self, i: int, line: Line, split: tuple[str, str]) -> None:
        """Body line `i` that ends with the article's credit in brackets: its text, then the credit."""
        self.body(i, replace(line, text=split[0]), self.typed_by[i])
        given = self.trace.get(line.number)
        self.credit(replace(line, text=split[1]), "trailing_credit")
        if given is not None:  # the line's role is its text's; the rule says where the credit went
            self.trace.give(line.number, line.text, given.role, f"{given.rule}; trailing_credit")

    def credit_at_end(self, i: int) -> tuple[str, str] | None:
        """The text and the credit of body line `i` when it is an article's last text line and
        ends with its credit in brackets (`rules.trailing_credit`)."""
        if self.types[i] != "body" or self.lines[i].rows > 1:
            return None
        nxt = i + 1
        last = (
            nxt >= len(self.lines)
            or self.types[nxt] != "body"
            or self.lines[nxt].gap_before >= PAGE_JUMP
            or opens_item(self.lines[nxt].text)  # the next brief of a column
        )
        return trailing_credit(self.lines[i].text) if last else None

    def credit(self, line: Line, rule: str) -> None:
        text = line.text
        draft = self.current
        credit = credit_of(text) or text
        if draft is not None and len(draft.credits) >= MAX_CREDITS:
            self.section(line, "MAX_CREDITS")
            return
        if draft is None or (draft.closed and draft.paras):
            if draft is not None and not draft.paras:
                draft.credits.append(credit)
                draft.credit_lines.append(line.number)
                self.trace.give(line.number, text, "byline", rule)
            else:
                self.section(line, f"{rule}: no open article")
            return
        draft.credits.append(credit)
        draft.credit_lines.append(line.number)
        if draft.only_editors_note():
            draft.credit_under_headline = True
            self.trace.give(line.number, text, "byline", f"{rule}; only_editors_note")
        elif draft.paras:
            draft.closed = True
            self.trace.give(line.number, text, "credit", f"{rule}: closes the article")
        else:
            draft.credit_under_headline = True
            self.trace.give(line.number, text, "byline", rule)

    def body(
        self, i: int, line: Line, rule: str, *, whole: bool = False, verse: bool = False, row: bool = False
    ) -> None:
        """Add text line `i` (`line`: its text, or the part of it left for the article) to the open
        article or a new one. `whole`: a paragraph nothing joins
        (a sub-heading); `verse`: a line of a poem; `row`: a line of a list, kept as printed
        (a list's Line, `rows` > 1, always is)."""
        row = row or line.rows > 1
        draft = self.current
        wrap = self.wrap.get(line.number, "")
        starts_article, continues = self.starts_article(i, line, wrap, whole or verse or row)
        text = line.text
        lead = bracketed_lead(text) if not continues and (starts_article or self.brief) else None
        if lead is not None and draft is not None and draft.paras:
            starts_article = True  # the next item of a column of briefs, led by its title
        if starts_article:
            if draft is None or draft.paras or draft.closed:
                draft = self.new_draft()
            self.force_new = False
        assert draft is not None
        if lead is not None and not draft.headline:
            draft.headline, text = lead
            draft.head_lines["headline"] = [line.number]
            rule = f"{rule}; bracketed_lead"
        signature_end = self.signed.get(line.number)
        whole = whole or row or (self.markdown and line.bold) or signature_end is not None
        role = draft.add_paragraph(text, whole=whole, join=bool(continues) if wrap else None)
        draft.text_lines.append(range(line.number, line.number + line.rows))
        if signature_end is not None:
            draft.closed = draft.closed or signature_end  # the date ends the notice
            self.trace.give(line.number, line.text, "body", rule)
        elif row:
            self.trace.give_rows(line.number, line.text, "body", rule)
        elif verse:
            draft.verse = True
            self.trace.give(line.number, line.text, "verse", rule)
        elif whole:
            self.trace.give(line.number, line.text, "sub-heading", rule)
        elif role == "join":
            self.trace.give(line.number, line.text, "join", continues or "stops_mid_sentence")
        elif role == "dateline":
            self.trace.give(line.number, line.text, "dateline", "split_dateline")
        else:
            self.trace.give(line.number, line.text, "body", rule)

    def starts_article(self, i: int, line: Line, wrap: str, kept: bool) -> tuple[bool, str]:
        """Whether text line `i` starts a new article, and the rule by which it continues the open
        one's last paragraph ("" when it does not). `kept`: a line nothing joins (whole, verse,
        row). A paragraph cut by a break goes on past it: the page jump's fresh start is dropped."""
        draft = self.current
        starts_article = draft is None or draft.closed or self.force_new
        continues = draft.continued_by(line.text) if draft is not None else ""
        if draft is not None and draft.paras and not draft.whole[-1] and wrap:
            continues = "hard_wrapped_paragraphs" if wrap == "wrap" else ""
        if draft is not None and draft.paras and split_dateline(line.text)[0] and not continues:
            starts_article = True  # a second dateline: a new article whose headline is missing
        if (
            not starts_article
            and draft is not None
            and draft.paras
            and not (continues or kept)
            and line.number not in self.signed  # a notice's signature: the cascade's rule holds it
            and self.opening.opens(i)
        ):
            starts_article = True  # the line model: a text line opens an item (a ■ brief, …)
        if draft is not None and continues and not draft.closed:
            # The rest of a paragraph cut by a column or page break: the article goes on past the
            # break (and the furniture printed in it), so its next paragraphs are its own too.
            starts_article = False
            self.force_new = False
        return starts_article, continues

    def heading_group(self, start: int) -> int:
        """Read the heading lines at `start`; return the index after them (and their credits)."""
        end = start
        while end < len(self.lines) and self.types[end] == "heading":
            if end > start and (
                self.lines[end].gap_before >= PAGE_JUMP
                or self.titled_item(start, end)
                or self.item_after_list(start, end)
            ):
                break
            end += 1
            self.check.tick(_LINE_COST)  # a file of short lines is one heading group
        if heading_run_is_list(self.lines[start:end]):
            first = start + 1 if self.titles_list(start) else start
            if first > start:
                draft = self.new_draft()
                draft.headline = self.lines[start].text.strip()
                draft.head_lines["headline"] = [self.lines[start].number]
                self.trace.give(self.lines[start].number, self.lines[start].text, "headline", "titles_list")
            for k in range(first, end):
                self.body(k, self.lines[k], "heading_run_is_list", row=True)
            return end
        if stanza := self.stanza(start, end):
            for k in range(start, stanza):
                self.body(k, self.lines[k], "reads_as_verse", whole=True, verse=True)
            return stanza
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
        role, rule = self.group_role(start, end, credited, datelined)
        if role == "article":
            draft = self.new_draft()
            self.assign_roles(draft, group, rule)
            return end
        for k in range(start, end):
            self.body(k, self.lines[k], rule, whole=role == "sub-heading")
        return end

    def titled_item(self, start: int, i: int) -> bool:
        """Heading line `i` is the title of the next item: set apart by a blank line, with its
        author's credit right under it, after lines that end an item above (a poem's last lines:
        two or more, for one heading line above may be this title's own headline, which makes it
        a subtitle); so the heading lines from `start` end there (issue 24, defect 5)."""
        return (
            i - start >= 2
            and not self.lines[i].md_level  # Markdown marks say themselves what is a headline
            and self.lines[i].gap_before > 0
            and i + 1 < len(self.lines)
            and self.types[i + 1] == "credit"
            and self.lines[i + 1].gap_before > 0
        )

    def item_after_list(self, start: int, i: int) -> bool:
        """Heading line `i` is the headline of the next item: set apart by a blank line, with a
        dateline under it, after more heading lines than a head has (a list, a box of label-value
        lines: `heading_run_is_list`); so the run ends there (issue 24, defect 7)."""
        return (
            i - start > HEAD_LINES_MAX
            and self.lines[i].gap_before > 0
            and i + 1 < len(self.lines)
            and self.types[i + 1] == "body"
            and bool(split_dateline(self.lines[i + 1].text)[0])
        )

    def titles_list(self, start: int) -> bool:
        """The first line of a run read as a list (`heading_run_is_list`) is its title (数读2023
        over a box of label-value lines): a new item must start there (the article above was
        closed by its credit, or a page or section began) and the title is set apart by a blank
        line from the lines under it, which are printed one right under another (a list of lines
        each set apart has no title). The box is then an item of its own, not the tail of the
        article above (issue 24, defect 7)."""
        draft = self.current
        return (
            (draft is None or draft.closed or self.force_new)
            and start + 2 < len(self.lines)
            and self.lines[start + 1].gap_before > 0
            and self.lines[start + 2].gap_before == 0
        )

    def stanza(self, start: int, end: int) -> int:
        """The end of a stanza of verse opening the heading lines [start, end); 0 when none.

        Verse is asked for only where no headline can stand: under a headline and its byline
        before any text, or after a stanza of the same poem (`rules.reads_as_verse`). A stanza is
        the lines printed one right under another; the heading lines after a blank line may be the
        next stanza or the next article's headline, and are read afresh.
        """
        draft = self.current
        if draft is None or draft.closed or self.force_new:
            return 0
        if not (draft.verse or (draft.headline and draft.credit_under_headline and not draft.paras)):
            return 0
        stop = start + 1
        while stop < end and self.lines[stop].gap_before == 0:
            stop += 1
        return stop if reads_as_verse(self.lines[start:stop]) else 0

    def group_role(self, start: int, end: int, credited: bool, datelined: bool) -> tuple[GroupRole, str]:
        """What the heading lines [start, end) are: a new article's head, a sub-heading, the tail
        of a paragraph cut by a break, or plain text; and the rule that says so."""
        if (rule := self.opens_article(end, credited, datelined)) is not None:
            return "article", rule
        draft = self.current
        assert draft is not None  # without one, opens_article said "first heading"
        return self.role_in_article(draft, start, end)

    def opens_article(self, end: int, credited: bool, datelined: bool) -> str | None:
        """The rule by which heading lines ending at `end` open a new article whatever they say
        (what follows them, or no article open to belong to), or None."""
        draft = self.current
        if credited:
            return "credit under the heading"
        if datelined:
            return "dateline under the heading"
        if (
            end < len(self.lines)
            and self.types[end] == "body"
            and opens_with_editors_note(self.lines[end].text)
        ):
            return "opens_with_editors_note"
        if draft is None:
            return "first heading"
        if draft.closed:
            return "after a closing credit"
        if self.force_new:
            return "after a page jump or section"
        return None

    def role_in_article(self, draft: Draft, start: int, end: int) -> tuple[GroupRole, str]:
        """group_role for heading lines inside the open article `draft`."""
        group = self.lines[start:end]
        levels = [line.md_level for line in group if line.md_level]
        text_follows = end < len(self.lines) and self.types[end] == "body"
        under_byline = draft.credit_under_headline and not draft.paras and not levels
        next_text = self.lines[end].text if text_follows else ""
        if len(group) == 1 and interview_turn(group[0].text, [p[0] for p in draft.paras[-4:]], next_text):
            return "body", "interview_turn"  # 记者：…？ between the turns of an interview
        if under_byline and len(group) == 1 and text_follows:
            # Under a headline and its byline a heading is the feature's first sub-head: a new
            # article would have had a credit or dateline of its own (asked above).
            return "sub-heading", "first sub-heading under the byline"
        if levels:
            # A smaller Markdown heading after text is a sub-head of this article.
            if min(levels) > self.headline_level and draft.paras:
                return "sub-heading", "smaller Markdown heading"
            return "article", "Markdown heading"
        if draft.is_cut() and next_field(draft.paras[-1][0], group[0].text):
            return "body", "next_field"  # the next labelled line of a box (今天：… / 明天：…)
        if draft.is_cut():
            return "join", "ends_sentence"  # the tail of a cut paragraph that happens to be short
        if len(group) == 1 and draft.continued_by(group[0].text) == "continues_quote":
            return "join", "continues_quote"  # a heading never closes a quotation it did not open
        if not draft.paras:
            return "article", "heading with no text before it"
        return self.role_after_text(draft, group, levels, start)

    def role_after_text(
        self, draft: Draft, group: list[Line], levels: list[int], start: int
    ) -> tuple[GroupRole, str]:
        """role_in_article for heading lines after the article's text, neither Markdown heads nor
        the tail of a cut paragraph."""
        if len(group) == 1 and not levels and marked_subheading(group[0].text):
            return "sub-heading", "marked_subheading"
        if self.markdown:
            return "body", "unmarked line in Markdown"  # Markdown dumps mark their headlines
        if len(group) > 1:
            return "article", "heading group of several lines"
        if draft.credit_under_headline:
            return "sub-heading", "byline under the headline"  # features have sub-heads; news items do not
        if (
            draft.dateline
            and not draft.credits
            and subheading_before_credit(self.types, self.lines, self.credit_ahead, start)
        ):
            return "sub-heading", "subheading_before_credit"
        return "article", "lone heading after text"

    def assign_roles(self, draft: Draft, group: list[Line], rule: str) -> None:
        marked = [i for i, line in enumerate(group) if line.md_level]
        if marked:  # the line at the page's headline level, else the largest heading
            top = min(group[i].md_level for i in marked)
            level = (
                self.headline_level if any(group[i].md_level == self.headline_level for i in marked) else top
            )
            head = next(i for i in marked if group[i].md_level == level)
        else:
            head = 0
            for i, line in enumerate(group):  # the last line that is not a ——subtitle
                if not SUBTITLE_DASH.match(line.text):
                    head = i
                self.check.tick(_LINE_COST)
            if head == 1 and len(group) == 2 and not reads_as_kicker(group[0].text):
                head = 0  # a head of two lines whose first is no kicker: headline and subtitle
        draft.headline = SUBTITLE_DASH.sub("", group[head].text)
        draft.head_lines["headline"] = [group[head].number]
        self.trace.give(group[head].number, group[head].text, "headline", rule)
        if not marked and head > 0 and wrapped_headline(group[head - 1], group[head]):
            head -= 1  # the headline began a line higher: one headline wrapped over two lines
            draft.headline = group[head].text.strip() + draft.headline.strip()
            draft.head_lines["headline"].insert(0, group[head].number)
            self.trace.give(group[head].number, group[head].text, "headline", "wrapped_headline")
            group = [*group[: head + 1], *group[head + 2 :]]  # the subtitles follow the second
        subtitles: list[str] = []
        for line in group[head + 1 :]:
            subtitles.append(SUBTITLE_DASH.sub("", line.text))
            draft.head_lines.setdefault("subtitle", []).append(line.number)
            self.trace.give(line.number, line.text, "subtitle", "after the headline")
            self.check.tick(_LINE_COST)
        draft.subtitle = " ".join(s for s in subtitles if s)
        before = group[:head]
        if before:
            last = before[-1]
            kicker_shape = bool(re.search(r"(——|—|－|：|:)$", last.text))
            # A kicker sits right on its headline; a column banner stands apart (after a page
            # jump, or as several lines) and goes to the sections.
            on_headline = len(before) == 1 and group[0].gap_before < PAGE_JUMP
            plain_kicker = (
                (not self.markdown or on_headline)
                and not is_column_label(last.text)
                and not names_a_column(last.text)
            )
            # In Markdown a bold line right over the marked headline is its kicker (`bold_heading`).
            bold_kicker = self.markdown and last.bold and not last.md_level and bool(marked)
            if (
                kicker_shape
                or plain_kicker
                or bold_kicker
                or (marked and last.md_level > group[head].md_level)
            ):
                draft.kicker = last.text
                draft.head_lines["kicker"] = [last.number]
                self.trace.give(last.number, last.text, "kicker", "before the headline")
                before = before[:-1]
            for line in before:
                self.section(line, "column banner over a headline")


def _folio(head: Masthead, sections: list[str], papers: frozenset[str]) -> dict[str, str | None]:
    """What the page's running heads and footer folios say (`masthead.folio_items`), for an issue
    whose masthead did not say it: a page of an inner section has no masthead, its paper and date
    are printed only there. The first folio to name each item wins."""
    found: dict[str, str | None] = {}
    if head.publication and head.date:
        return found
    for text in sections:
        for name, value in (folio_items(text, papers) or {}).items():
            if value and name not in found:
                found[name] = value
    return found


def parse_text(
    text: str,
    source: str,
    path: PurePath | None = None,
    digest: str = "",
    model: LineModel | None = None,
    papers: frozenset[str] = frozenset(),
) -> ParsedIssue:
    """Parse the decoded text of one dump; `path` supplies a date or publication the text lacks,
    `papers` the names of the papers the archive holds (`reader.text.papers`).

    Linear in the length of `text`. Inside a cancel scope (reader.text.cancel) the scope's
    `should_cancel()` is asked at each stage and every few ten thousand characters of work;
    when it says yes, Cancelled is raised and nothing is returned.
    """
    return _parse(text, source, path, digest, Trace(keep=False), model, papers)[0]


def explain_text(
    text: str,
    source: str,
    path: PurePath | None = None,
    digest: str = "",
    model: LineModel | None = None,
    papers: frozenset[str] = frozenset(),
) -> tuple[ParsedIssue, list[LineRole]]:
    """`parse_text`, and every non-blank line with the role it was given and the rule that gave it."""
    return _parse(text, source, path, digest, Trace(keep=True), model, papers)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a page is parsed.

    A parse makes millions of objects (lines, drafts, articles) and no reference cycles; each time
    the collector's oldest generation ran it walked every one of them at once, and on a 20 MB page
    that walk went over a second without a cancel check (bench_traditional). Reference counting
    still frees what the parse lets go; the collector runs again when it ends. It is switched
    back on only if it was on (the caller, or a parse in another thread, may have it off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _parse(
    text: str,
    source: str,
    path: PurePath | None,
    digest: str,
    trace: Trace,
    model: LineModel | None = None,
    papers: frozenset[str] = frozenset(),
) -> tuple[ParsedIssue, list[LineRole]]:
    with _collector_paused():
        return _parse_page(text, source, path, digest, trace, model, papers)


def _parse_page(
    text: str,
    source: str,
    path: PurePath | None,
    digest: str,
    trace: Trace,
    model: LineModel | None,
    papers: frozenset[str],
) -> tuple[ParsedIssue, list[LineRole]]:
    """The stages of a parse, with a cancel checkpoint between them (inside each, long loops
    tick the scope's check)."""
    text, restorer = simplified_reading(text)  # the rules read simplified characters (`script`)
    lines = split_lines(text)
    checkpoint()
    head = read_masthead(lines, papers)
    rest = lines[head.consumed :]
    for line in lines[: head.consumed]:
        trace.give(line.number, line.text, "masthead", "read_masthead")
    del lines  # `rest` holds the lines the reader reads, and lets them go a step at a time (below)
    markdown = any(line.md_level for line in rest)
    page = page_from_path(path or PurePath(source)) or 1
    reader = _Reader(rest, markdown, trace, page, model)
    checkpoint()
    reader.run()
    checkpoint()
    for i, line in enumerate(rest if trace.keep else ()):
        for number in range(line.number, line.number + line.rows):
            trace.rate(number, reader.opening.at(i))
    sections = list(head.extra) + reader.sections
    drafts = settle_orphans(reader.drafts, sections, trace)
    reader.drafts = []
    articles = _articles(drafts, sections, trace, restorer)
    sections += _targets_not_kept(rest, [*head.lines, *sections])
    _release(rest)
    folio = _folio(head, reader.sections, papers)
    date, date_source = head.date, ("masthead" if head.date else None)
    if date is None and folio.get("date"):
        date, date_source = folio["date"], "text"
    if date is None and (from_path := date_from_path(path or PurePath(source))):
        date, date_source = from_path, "filename"
    hint = DateHint()
    if date is None:
        year, reason = year_hint(text)
        hint = DateHint(year, reason)
    source_kind: DateSource | None = date_source  # type: ignore[assignment]
    issue = ParsedIssue(
        source=source,
        content_hash=digest,
        publication=head.publication or folio.get("publication") or publication_in_path(path, papers),
        date=date,
        date_source=source_kind,
        weekday=head.weekday or (folio.get("weekday") if date_source == "text" else None),
        lunar=head.lunar,
        number=head.number,
        page_count=head.page_count,
        date_hint=hint,
        masthead=tuple(head.lines),
        sections=tuple(sections),
        articles=tuple(articles),
    )
    if restorer is None:
        return issue, trace.roles()
    roles = [replace(role, text=restorer.restore(role.text)) for role in trace.roles()]
    known = papers | {pub.name for pub in PUBLICATIONS}
    return restore_head(issue, restorer, known), roles


def _targets_not_kept(lines: list[Line], kept: list[str]) -> list[str]:
    """The targets of the links read into articles, each as `(target)`, in order: an article
    reads [古镇官网](http://…) as 古镇官网, and its address goes to the sections rather than
    away (issue 24: nothing the parser does not place is lost). A line kept as printed (a
    section, a picture's reference) holds its targets already."""
    found: list[str] = []
    for line in lines:
        if "](" not in line.raw:
            continue
        for target in link_targets(line.raw):
            shown = f"({target.strip()})"
            if shown not in found and not any(target in text for text in kept):
                found.append(shown)
    return found


def _release(items: list[Line]) -> None:
    """Empty `items` from the end a few thousand at a time, with a cancel check between: the
    lines of a 20 MB page freed at once went a fraction of a second without one."""
    while items:
        del items[-4096:]
        checkpoint()


def _articles(
    drafts: list[Draft], sections: list[str], trace: Trace, restorer: Restorer | None
) -> list[Article]:
    """The drafts' articles, in the page's printed characters (`restorer`, for a page read in
    simplified script). Empties `drafts`, each draft freed once its article is made: freeing half
    a million drafts at the end of the parse went a second without a cancel check."""
    drafts.reverse()
    articles: list[Article] = []
    check = current()
    while drafts:
        draft = drafts.pop()
        # A credit printed twice is in the byline once; the repeat is kept in the sections.
        sections.extend(sort_credits(*draft.credits)[1])
        article = draft.finish()
        if article.kind == "photo":
            for number in (n for numbers in draft.text_lines for n in numbers):
                if (entry := trace.get(number)) is not None and entry.role == "body":
                    entry.role = "caption"
        articles.append(article if restorer is None else restore_article(article, restorer))
        check.tick(len(article.body) + _LINE_COST)
    return articles
