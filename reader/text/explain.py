"""Why each source line went where it went: the trace behind `python -m reader parse --explain`.

A wrong split is reported by a clerk and fixed by a maintainer; both need to see, line by line,
the role the parser gave (headline, body, join…) and the rule that decided it, by the name of the
function in `reader.text` that holds the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal[
    "masthead",
    "section",
    "kicker",
    "headline",
    "subtitle",
    "sub-heading",
    "verse",
    "dateline",
    "body",
    "join",
    "byline",
    "caption",
    "credit",
]


@dataclass
class LineRole:
    """One non-blank source line, the role it was given and the rule that gave it.

    Mutable on purpose: the parser revises a role when later lines show what an earlier one was
    (a banner replaced by a headline printed after its text, the text of photo news).
    """

    number: int
    text: str
    role: Role
    rule: str
    # The line model's probability that an article starts on this line (`line_model`); None for
    # the masthead. Shown beside the role so a boundary the model doubts stands out.
    confidence: float | None = None


class Trace:
    """The roles given so far, one per source line; a later decision about a line replaces one.

    Only kept when asked for (`keep`): an import parses thousands of issues and needs none of it.
    """

    def __init__(self, keep: bool = True) -> None:
        self._keep = keep
        self._roles: dict[int, LineRole] = {}

    def give(self, number: int, text: str, role: Role, rule: str) -> None:
        if self._keep:
            self._roles[number] = LineRole(number, text, role, rule)

    def give_rows(self, first: int, text: str, role: Role, rule: str) -> None:
        """`give` each line of `text`, a run of source lines from line `first` on (a list)."""
        if self._keep:
            for number, row in enumerate(text.split("\n"), start=first):
                self._roles[number] = LineRole(number, row, role, rule)

    @property
    def keep(self) -> bool:
        """Whether roles are kept (an explanation was asked for)."""
        return self._keep

    def rate(self, number: int, confidence: float) -> None:
        """Note the line model's probability that an article starts on line `number`."""
        if (entry := self._roles.get(number)) is not None:
            entry.confidence = confidence

    def get(self, number: int) -> LineRole | None:
        return self._roles.get(number)

    def roles(self) -> list[LineRole]:
        """Every traced line in source order."""
        return [self._roles[n] for n in sorted(self._roles)]


def format_roles(roles: list[LineRole]) -> str:
    """One line per source line: number, role, rule, the line model's probability that an article
    starts there (p=…, "-" for the masthead) and the text (cut at 40 characters)."""
    width = max((len(r.role) for r in roles), default=0)
    rows = []
    for r in roles:
        text = r.text if len(r.text) <= 40 else r.text[:39] + "…"
        p = "   -  " if r.confidence is None else f"p={r.confidence:.2f}"
        rows.append(f"{r.number:>5}  {r.role:<{width}}  {r.rule:<30}  {p}  {text}")
    return "\n".join(rows)
