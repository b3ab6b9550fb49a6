"""What a search asks for, as one value, and the one list of the orders a search can sort by.

The CLI (`search`, `export --query`), the window (search bar, controller, worker) and the
exporters all ask the engine the same question: query, date range, publication, sort and which
page. Written once here, beside the engine that answers it, and passed through unchanged, a new
filter is one field in one place rather than a keyword argument spelled out at every caller.

The sort orders live here too, with the Chinese words the window and the CLI show for them,
so that adding or renaming one cannot leave a menu, a parser or a message behind.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reader.text.query import Query

SORTS: tuple[str, ...] = ("relevance", "newest", "oldest")
# What the window's menu shows and what the CLI accepts besides the English names.
SORT_LABELS: dict[str, str] = {"relevance": "相关度", "newest": "最新", "oldest": "最早"}
# How a message names the first results of each order ("只导出最早的 500 篇").
SORT_FIRST: dict[str, str] = {"relevance": "最相关的", "newest": "最新的", "oldest": "最早的"}
DEFAULT_LIMIT = 50


def sort_named(text: str) -> str | None:
    """The sort that `text` names, in English or as its Chinese label (case and spaces aside)."""
    word = text.strip().lower()
    if word in SORTS:
        return word
    return next((sort for sort, label in SORT_LABELS.items() if label == word), None)


@dataclass(frozen=True)
class SearchRequest:
    """One search: what to find, where, in which order, and which page of the results.

    `query` is the text as typed (or a query parsed already); dates are ISO days compared with
    an issue's effective date, checked when the search runs (reader.text.dates reads what a
    person typed); `publication` is a publication's name. Raises ValueError for an unknown sort.
    """

    query: str | Query
    date_from: str | None = None
    date_to: str | None = None
    publication: str | None = None
    sort: str = "relevance"
    offset: int = 0
    limit: int = DEFAULT_LIMIT

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}; expected one of {', '.join(SORTS)}")

    @property
    def text(self) -> str:
        """The query as typed; "" for a query that was given already parsed."""
        return self.query if isinstance(self.query, str) else ""

    @property
    def filtered(self) -> bool:
        """Whether dates or a publication narrow the search (messages say so when nothing is found)."""
        return bool(self.date_from or self.date_to or self.publication)

    def page(self, offset: int, limit: int | None = None) -> SearchRequest:
        """The same search, another page of its results."""
        return replace(self, offset=offset, limit=self.limit if limit is None else limit)
