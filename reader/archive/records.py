"""Rows as the GUI and CLI see them: frozen dataclasses, no SQLite types leaking out.

Data only: how a record is named and cited (dates, titles, source lines) is decided in
reader.archive.formatting, once for every surface.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class IssueRecord:
    """One issue; `date`, `publication` and `number` are what the user gave it if anything, else
    what its files print (`printed_date`)."""

    id: int
    key: str
    publication: str | None
    date: str | None
    date_source: str | None
    user_date: str | None
    weekday: str | None
    lunar: str | None
    number: int | None
    page_count: int | None
    source_name: str | None
    article_count: int
    date_hint_year: int | None = None
    date_hint_reason: str | None = None
    printed_date: str | None = None  # the date the masthead prints, whatever the user gave
    user_publication: str | None = None  # what the user named the issue (None: not given);
    user_number: int | None = None  # `publication` and `number` already read them first
    user_page: int | None = None  # the page of its articles (an issue all on one page)

    @property
    def named_by_user(self) -> bool:
        """Whether the user gave the issue any of its paper, date, number or page."""
        given = (self.user_publication, self.user_date, self.user_number, self.user_page)
        return any(value is not None for value in given)


@dataclass(frozen=True)
class ArticleRecord:
    """One article with enough of its issue to cite it."""

    id: int
    key: str
    issue_id: int
    position: int
    page: int | None
    kicker: str
    headline: str
    subtitle: str
    dateline: str
    byline: str
    body: str
    kind: str
    publication: str | None
    date: str | None
    weekday: str | None
    number: int | None
    demo: bool = False  # invented news shipped with the program, never to be cited
    corrected: bool = False  # changed or made by a staff correction (已校订)


@dataclass(frozen=True)
class ListedArticle:
    """One row of an issue's article list as its choosers read it: the page (ARTICLE_PAGE) and
    the people its byline names (reader.text.bylines.authors_of, as the byline's links and the
    citation read them; () for an unsigned article or one that credits only a body)."""

    id: int
    page: int | None
    authors: tuple[str, ...]


@dataclass(frozen=True)
class YearCount:
    """Issues and articles of one publication in one year (year None: undated)."""

    publication: str | None
    year: int | None
    issues: int
    articles: int


@dataclass(frozen=True)
class ArchiveStats:
    """What `info` shows: totals, counts per publication and year, and the undated issues."""

    issues: int
    articles: int
    per_year: tuple[YearCount, ...] = ()
    undated: tuple[IssueRecord, ...] = field(default_factory=tuple)
