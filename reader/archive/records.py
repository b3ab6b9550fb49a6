"""Rows as the GUI and CLI see them: frozen dataclasses, no SQLite types leaking out.

Data only: how a record is named and cited (dates, titles, source lines) is decided in
reader.archive.formatting, once for every surface.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class IssueRecord:
    """One issue; `date` is the effective date (the user's date for an undated issue)."""

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
