"""Traditional script: the parser reads the simplified form, the output keeps the printed characters.

The parser's rules read characters (讯, 记者, 版, 期, 星期, 农历), so a page in traditional script
(訊, 記者…) slipped past all of them. `_parse` reads the page folded to simplified characters,
one character for one (`fold.to_simplified`, the search index's table), and gives the issue it
finds back its printed characters with `Restorer`: each simplified character of the output
becomes the traditional character it stood for on this page. Where one simplified character
stood for two printed ones on the same page (干 for 乾 and 幹), one of them is taken for both
(the first in code order): a rare miss in a character, never in the split.
"""

from __future__ import annotations

from dataclasses import replace

from reader.text.errors import CancelCheck
from reader.text.fold import to_simplified, traditional_characters, traditional_deleter
from reader.text.model import ParsedIssue

_ARTICLE_COST = 512  # an article's fixed work, in characters' worth, for cancel checks
TRADITIONAL_SHARE = 20  # a page with one traditional character in this many is read folded


class Restorer:
    """Maps the characters of a page's simplified reading back to the page's own characters."""

    def __init__(self, original: str) -> None:
        # From the set of the page's characters, not a walk over the page: set() runs at C speed
        # on a 20 MB page, a Python loop would go seconds without a cancel check.
        present = set(original)
        sources: dict[str, list[str]] = {}
        for char in present & traditional_characters():
            sources.setdefault(to_simplified(char), []).append(char)
        self._table = {ord(f): ord(min(chars)) for f, chars in sources.items()}

    def restore(self, text: str) -> str:
        return text.translate(self._table)


def simplified_reading(text: str, check: CancelCheck) -> tuple[str, Restorer | None]:
    """The text the parser reads, and the Restorer for its output (None: nothing was folded).

    Only a page in traditional script is folded: one in twenty of its characters or more is
    traditional (a page in traditional script has one in five or more). A simplified page quoting
    a traditional word (共贏) is read as printed, so its output keeps every character exactly.
    Each step runs at C speed over the whole text; `check` is asked between them.
    """
    traditional = len(text) - len(text.translate(traditional_deleter()))
    check.now()
    if traditional * TRADITIONAL_SHARE < len(text):
        return text, None
    folded = to_simplified(text)
    check.now()
    restorer = Restorer(text)
    check.now()
    return folded, restorer


def restore_issue(
    issue: ParsedIssue, restorer: Restorer, known: frozenset[str], check: CancelCheck
) -> ParsedIssue:
    """The issue with the page's own characters in every field read from the text; a paper of
    `known` keeps the archive's name for it (東昌時訊 is 东昌时讯's issue). `check` is ticked
    per article: a page of half a million briefs is half a million articles here."""
    fix = restorer.restore
    articles = []
    for a in issue.articles:
        articles.append(
            replace(
                a,
                headline=fix(a.headline),
                body=fix(a.body),
                kicker=fix(a.kicker),
                subtitle=fix(a.subtitle),
                dateline=fix(a.dateline),
                byline=fix(a.byline),
            )
        )
        check.tick(len(a.body) + _ARTICLE_COST)
    publication = issue.publication
    if publication is not None and publication not in known:
        publication = fix(publication)
    return replace(
        issue,
        publication=publication,
        lunar=fix(issue.lunar) if issue.lunar else issue.lunar,
        masthead=tuple(map(fix, issue.masthead)),
        sections=tuple(map(fix, issue.sections)),
        articles=tuple(articles),
    )
