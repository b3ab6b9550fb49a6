"""An article while the parser reads it: its head, credits and paragraphs as printed pieces.

Kept apart from the reading pass (`parse`) so that what makes one article — which piece joins
which paragraph, what kind of article it is, where a headline printed after its text belongs —
reads in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from reader.text.cancel import current
from reader.text.explain import Trace
from reader.text.model import Article, Kind
from reader.text.page_rules import next_field, own_line
from reader.text.rules import continues_quote, open_quotes, opens_with_editors_note, stops_mid_sentence
from reader.text.shapes import ends_sentence, merge_credits, split_dateline

PieceRole = Literal["dateline", "body", "join"]
_LINE_COST = 64  # a draft's fixed work, in characters' worth, for cancel checks


@dataclass
class Draft:
    """An article while it is being read; the line numbers say which source lines made which part."""

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
    quotes: list[int] = field(default_factory=list)  # quotations each paragraph leaves open
    closed: bool = False  # a credit after the body ended it
    credit_under_headline: bool = False
    picture: bool = False  # a run of blank lines between headline and text: photo news
    verse: bool = False  # the text is a poem, printed a line at a time
    head_lines: dict[str, list[int]] = field(default_factory=dict)  # kicker/headline/subtitle → lines
    credit_lines: list[int] = field(default_factory=list)
    text_lines: list[range] = field(default_factory=list)  # a range each: a list is many lines

    def add_paragraph(self, text: str, *, whole: bool = False, join: bool | None = None) -> PieceRole:
        """Add a printed piece of text; say whether it held the dateline, joined or began a paragraph.

        `join` overrides what the punctuation says (`continued_by`) where the layout told it: a
        hard-wrapped dump marks its paragraphs by their indent.
        """
        role: PieceRole = "body"
        if not self.paras and not self.dateline:
            dateline, credit, rest = split_dateline(text)
            if dateline:
                self.dateline = dateline
                if credit:
                    self.credits.append(credit)
                text = rest
                role = "dateline"
        joins = (
            bool(self.continued_by(text))
            if join is None
            else join and bool(self.paras) and not self.whole[-1]
        )
        if not whole and joins:
            self.paras[-1].append(text)
            self.quotes[-1] += open_quotes(text)
            return "join"
        self.paras.append([text])
        self.whole.append(whole)
        self.quotes.append(open_quotes(text))
        return role

    def continued_by(self, text: str) -> str:
        """The rule by which `text` continues the last paragraph ("" when it does not).

        A paragraph cut mid-sentence (`is_broken`) or inside a quotation that `text` closes
        (`rules.continues_quote`) goes on; a sub-heading never does.
        """
        if not self.paras or self.whole[-1] or own_line(self.paras[-1], text):
            return ""
        if self.is_broken() and not next_field(self.paras[-1][0], text):
            return "stops_mid_sentence"
        if continues_quote(self.quotes[-1], text):
            return "continues_quote"
        return ""

    def is_broken(self) -> bool:
        """The last paragraph stops mid-sentence (a column or page break cut it): text continues it.

        Its last piece decides (`rules.stops_mid_sentence`): pieces are non-blank lines, so the
        paragraph ends as its last piece does.
        """
        return bool(self.paras) and not self.whole[-1] and stops_mid_sentence(self.paras[-1][-1])

    def only_editors_note(self) -> bool:
        """The article's text so far is its editor's note alone (`rules.opens_with_editors_note`):
        a credit now is the author's line under the note (□ 张三), its byline, not the credit
        that closes the article (issue 24, defect 9)."""
        return len(self.paras) == 1 and opens_with_editors_note(self.paras[0][0])

    def is_cut(self) -> bool:
        """The last paragraph has no sentence-final punctuation at all: even a line shaped like a
        heading continues it.

        Stricter than `is_broken`: a paragraph ending on a quoted term (`…用上“智能柜”`) takes the
        next text line, but a heading after it may be the next article's.
        """
        return bool(self.paras) and not self.whole[-1] and not ends_sentence(self.paras[-1][-1])

    def kind(self) -> Kind:
        byline = merge_credits(*self.credits)
        if re.search(r"摄$", byline) and (not self.headline or len(self.paras) == 1):
            return "photo"
        if self.picture and self.headline and not self.dateline:
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


def settle_orphans(drafts: list[Draft], sections: list[str], trace: Trace) -> list[Draft]:
    """Headlines printed with no text under them.

    A layout may print an article's headline and credit after its body (the body then sits under
    a column banner, read as its headline). A headline with nothing under it that follows such an
    uncredited article is that article's; the banner goes to the sections. Any other empty draft
    keeps its lines as sections, unless the file has no article at all: then they are its text,
    one untitled article (`_untitled`), not a file of sections only.
    """
    kept: list[Draft] = []
    orphans: list[Draft] = []
    settled: list[str] = []  # the lines that go to the sections, in order
    check = current()
    for draft in drafts:
        check.tick(_LINE_COST)
        if draft.paras:
            kept.append(draft)
            continue
        previous = kept[-1] if kept else None
        if previous is not None and draft.headline and not previous.credits and not previous.closed:
            settled.extend(_head_printed_after(previous, draft, trace))
            continue
        orphans.append(draft)
        settled.extend(_head_texts(draft))
    if not kept and orphans:  # (no banner was replaced either: that takes an article)
        return [_untitled(orphans, trace)]
    sections.extend(settled)
    for draft in orphans:
        _to_sections(trace, _head_numbers(draft), "settle_orphans: no text under it")
    return kept


def _head_printed_after(previous: Draft, draft: Draft, trace: Trace) -> list[str]:
    """`draft`'s head (with no text under it) is that of `previous`, whose text came first: it
    replaces the banner read as `previous`'s head; returns the banner's lines, for the sections."""
    # The banner's lines go to the sections wherever the printed headline replaces them.
    replaced = [previous.headline]
    replaced += [previous.kicker] if draft.kicker else []
    replaced += [previous.subtitle] if draft.subtitle else []
    for part in ("headline", "kicker", "subtitle"):
        if part == "headline" or getattr(draft, part):
            _to_sections(trace, previous.head_lines.get(part, []), "settle_orphans: banner")
    previous.headline = draft.headline
    previous.kicker = draft.kicker or previous.kicker
    previous.subtitle = draft.subtitle or previous.subtitle
    previous.credits.extend(draft.credits)
    previous.closed = True
    for number in [n for numbers in draft.head_lines.values() for n in numbers] + draft.credit_lines:
        if (entry := trace.get(number)) is not None:
            entry.rule = "settle_orphans: printed after its text"
    return [t for t in replaced if t]


def _to_sections(trace: Trace, numbers: list[int], rule: str) -> None:
    """These lines' trace entries say they went to the sections, by `rule`."""
    for number in numbers:
        if (entry := trace.get(number)) is not None:
            entry.role, entry.rule = "section", rule


def _head_texts(draft: Draft) -> list[str]:
    """The printed lines of an article's head and credits, in order, blank parts left out."""
    return [t for t in (draft.kicker, draft.headline, draft.subtitle, *draft.credits) if t]


def _head_numbers(draft: Draft) -> list[int]:
    return [n for numbers in draft.head_lines.values() for n in numbers] + draft.credit_lines


def _untitled(orphans: list[Draft], trace: Trace) -> Draft:
    """The text of a file that has no article, only headlines with nothing under them (a page of
    words or names, one a line between blank lines): one untitled article of those lines, each a
    paragraph of its own, rather than a file of sections that nobody can find."""
    draft = Draft(page=orphans[0].page, brief=False)
    for orphan in orphans:
        for text in _head_texts(orphan):
            draft.add_paragraph(text, whole=True)
        for number in _head_numbers(orphan):
            if (entry := trace.get(number)) is not None:
                entry.role, entry.rule = "body", "settle_orphans: no article in the file"
        draft.text_lines.extend(range(number, number + 1) for number in _head_numbers(orphan))
    return draft
