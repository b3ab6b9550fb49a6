"""Whether a parse kept all of its source: the check behind "Nothing is lost" (docs/architecture.md).

Every letter, digit and CJK character of the decoded source (regex [^\\W_]) must appear in the
parse (masthead lines, sections, every field of every article) at least as often as in the source;
only the targets of real Markdown links (URLs, paths) may go (the parser puts those it reads
past after the masthead into the sections, as `(target)`; one in a masthead line is still
dropped). Marks, punctuation and spacing may change. Counting characters, not matching lines,
keeps the check true however the parser splits, joins or moves text between fields; the fuzzers
and tests use it on any input.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.text.lines import link_targets
from reader.text.model import ParsedIssue

_WORDY = re.compile(r"[^\W_]")


def kept_text(issue: ParsedIssue) -> str:
    """Everything a parse holds of its source's text, in no particular order."""
    return "\n".join([*issue.masthead, *issue.sections, *(a.full_text() for a in issue.articles)])


def lost_lines(text: str, issue: ParsedIssue, limit: int = 3) -> list[str]:
    """Source lines (up to `limit`, each cut to 80 characters) with a character the parse lost.

    Empty when nothing was lost. `text` is the decoded source that was parsed.
    """
    want: Counter[str] = Counter()
    for raw in text.split("\n"):
        want.update(_WORDY.findall(raw))
        for target in link_targets(raw):
            want.subtract(_WORDY.findall(target))
    missing = want - Counter(_WORDY.findall(kept_text(issue)))
    if not missing:
        return []
    found: list[str] = []
    for raw in text.split("\n"):
        if any(ch in missing for ch in _WORDY.findall(raw)):
            found.append(raw[:80])
            if len(found) >= limit:
                break
    return found
