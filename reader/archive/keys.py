"""Stable identities for issues and articles, independent of row ids.

Bookmarks and links hold these keys, so they must come out the same on every re-import of the
same issue, and an article must keep its key when other articles are added before it (the key
depends on its own headline and how many same-headlined articles precede it, not its position).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from reader.text.model import Article, ParsedIssue

MISSING = "-"
BODY_PREFIX_CHARS = 30
_SPACE = re.compile(r"\s+")


def issue_key(parsed: ParsedIssue) -> str:
    """ "publication|date|number" for dated issues, "file:<source name>" for undated ones."""
    if parsed.date is None:
        return f"file:{parsed.source}"
    parts = (parsed.publication, parsed.date, None if parsed.number is None else str(parsed.number))
    return "|".join(p if p else MISSING for p in parts)


def normalise(text: str) -> str:
    """Text compared for identity: NFKC (full/half width), case-folded, white space removed."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def article_ident(article: Article) -> str:
    """What names an article within its issue: its headline, or the start of a headless body."""
    headline = normalise(article.headline)
    if headline:
        return "h:" + headline
    return "b:" + normalise(article.body)[:BODY_PREFIX_CHARS]


def article_key(issue: str, ident: str, occurrence: int) -> str:
    """Short hex digest of issue key + article ident + its occurrence index among equals."""
    raw = "\x1f".join((issue, ident, str(occurrence)))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def article_keys(issue: str, articles: tuple[Article, ...] | list[Article]) -> list[str]:
    """Keys for an issue's articles in order; equal idents are numbered 0, 1, 2, … in order."""
    seen: dict[str, int] = {}
    keys: list[str] = []
    for article in articles:
        ident = article_ident(article)
        occurrence = seen.get(ident, 0)
        seen[ident] = occurrence + 1
        keys.append(article_key(issue, ident, occurrence))
    return keys
