"""The parsed issue: plain frozen dataclasses, the contract between the parser and the archive.

Everything the archive stores about an issue comes from here, and `to_dict()` is the JSON that
`python -m reader parse FILE` prints (schema in docs/architecture.md, "Parse output").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Kind = Literal["news", "photo", "brief", "fragment"]
DateSource = Literal["masthead", "filename", "text"]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as printed; empty strings (never None) for parts the page does not have."""

    page: int | None
    headline: str
    body: str
    kicker: str = ""
    subtitle: str = ""
    dateline: str = ""
    byline: str = ""
    kind: Kind = "news"

    def full_text(self) -> str:
        """Every printed part in reading order, blank parts left out: what the parse kept of the
        article, for the check that nothing of the source is lost (reader.text.coverage).

        Not what search matches: the index keeps the headline apart from the other parts and
        folds them (reader.archive.search_index).
        """
        parts = (self.kicker, self.headline, self.subtitle, self.dateline, self.byline, self.body)
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class DateHint:
    """For an undated issue: the year the text suggests, and why."""

    year: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class ParsedIssue:
    """One issue of one publication, as the parser understood it.

    `content_hash` identifies the decoded, newline-normalised text, so the same issue saved in
    another encoding or with other line endings is recognised as unchanged.
    """

    source: str
    content_hash: str
    publication: str | None = None
    date: str | None = None
    date_source: DateSource | None = None
    weekday: str | None = None
    lunar: str | None = None
    number: int | None = None
    page_count: int | None = None
    date_hint: DateHint = field(default_factory=DateHint)
    masthead: tuple[str, ...] = ()  # the source lines the masthead fields were read from
    sections: tuple[str, ...] = ()
    articles: tuple[Article, ...] = ()
    # What reading the file noticed and the user should hear (an incomplete last character left
    # out); told in the import report, not stored: the file says it again on every reading.
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The parse output (docs/architecture.md), plus `date_hint`, `masthead`, `content_hash`, `notes`."""
        # Field by field: asdict(self) would copy every article, then be replaced article by article.
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["date_hint"] = asdict(self.date_hint)
        data["masthead"] = list(self.masthead)
        data["sections"] = list(self.sections)
        data["notes"] = list(self.notes)
        data["articles"] = [asdict(a) for a in self.articles]
        return data
