"""Traditional script: the parser reads the simplified form, the output keeps the printed characters.

The parser's rules read characters (讯, 记者, 版, 期, 星期, 农历), so a page in traditional script
(訊, 記者…) slipped past all of them. `_parse` reads the page folded to simplified characters,
one character for one (`fold.to_simplified`, the search index's table), and gives the issue it
finds back its printed characters with `Restorer`: each simplified character of the output
becomes the traditional character it stood for on this page. Where one simplified character
stood for two printed ones on the same page (干 for 乾 and 幹), the commoner one on the page is
taken: a rare miss in a character, never in the split.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from reader.text.fold import to_simplified, traditional_deleter
from reader.text.model import ParsedIssue

TRADITIONAL_SHARE = 20  # a page with one traditional character in this many is read folded


class Restorer:
    """Maps the characters of a page's simplified reading back to the page's own characters."""

    def __init__(self, original: str, folded: str) -> None:
        seen: dict[str, Counter[str]] = {}
        changed = {f for o, f in zip(original, folded, strict=True) if o != f}
        for o, f in zip(original, folded, strict=True):
            if f in changed:
                seen.setdefault(f, Counter())[o] += 1
        self._table = {
            ord(f): ord(counts.most_common(1)[0][0])
            for f, counts in seen.items()
            if counts.most_common(1)[0][0] != f
        }

    def restore(self, text: str) -> str:
        return text.translate(self._table)


def simplified_reading(text: str) -> tuple[str, Restorer | None]:
    """The text the parser reads, and the Restorer for its output (None: nothing was folded).

    Only a page in traditional script is folded: one in twenty of its characters or more is
    traditional (a page in traditional script has one in five or more). A simplified page quoting
    a traditional word (共贏) is read as printed, so its output keeps every character exactly.
    """
    if (len(text) - len(text.translate(traditional_deleter()))) * TRADITIONAL_SHARE < len(text):
        return text, None
    folded = to_simplified(text)
    return folded, Restorer(text, folded)


def restore_issue(issue: ParsedIssue, restorer: Restorer, known: frozenset[str]) -> ParsedIssue:
    """The issue with the page's own characters in every field read from the text; a paper of
    `known` keeps the archive's name for it (東昌時訊 is 东昌时讯's issue)."""
    fix = restorer.restore
    articles = tuple(
        replace(
            a,
            headline=fix(a.headline),
            body=fix(a.body),
            kicker=fix(a.kicker),
            subtitle=fix(a.subtitle),
            dateline=fix(a.dateline),
            byline=fix(a.byline),
        )
        for a in issue.articles
    )
    publication = issue.publication
    if publication is not None and publication not in known:
        publication = fix(publication)
    return replace(
        issue,
        publication=publication,
        lunar=fix(issue.lunar) if issue.lunar else issue.lunar,
        masthead=tuple(map(fix, issue.masthead)),
        sections=tuple(map(fix, issue.sections)),
        articles=articles,
    )
