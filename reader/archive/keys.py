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
_DIGITS = re.compile(r"(\d+)")
_SAFE_CUT = re.compile(r"[\x00-\x7f\u4e00-\u9fff]")  # nothing NFKC joins to what precedes it


FINGERPRINT_CHARS = 40
MIN_BODY_FOR_FINGERPRINT = 10


def issue_key(parsed: ParsedIssue) -> str:
    """ "publication|date|number" for a dated issue; "file:<name>#<hash>" for an undated one.

    An undated issue is known by its first file's name and content, so two different undated
    files that share a name (a/扫描.txt, b/扫描.txt) are two issues. The key is fixed when the
    issue is created: a later version of the file finds its issue through its source row.
    """
    if parsed.date is None:
        return f"file:{parsed.source}#{parsed.content_hash[:12]}"
    parts = (parsed.publication, parsed.date, None if parsed.number is None else str(parsed.number))
    return "|".join(p if p else MISSING for p in parts)


def normalise(text: str) -> str:
    """Text compared for identity: NFKC (full/half width), case-folded, white space removed."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def normalised_start(text: str, length: int) -> str:
    """`normalise(text)[:length]`, normalising only as much of the text as that takes.

    NFKC joins a character to the ones before it only when it is a combining mark or the like;
    an ASCII character or a CJK ideograph never is, so cut right before one, the start of a text
    normalises exactly as it does within the whole. Case folding and dropping white space go
    character by character. Normalising the whole body of a headless article for its first 30
    characters cost some 80 MB on an article of a million lines.
    """
    end = 4 * length
    while end < len(text):
        cut = _SAFE_CUT.search(text, end)
        if cut is None:
            break
        start = normalise(text[: cut.start()])
        if len(start) >= length:
            return start[:length]
        end = 2 * cut.start() + 1
    return normalise(text)[:length]


def article_ident(article: Article) -> str:
    """What names an article within its issue: its headline, or the start of a headless body."""
    headline = normalise(article.headline)
    if headline:
        return "h:" + headline
    return "b:" + normalised_start(article.body, BODY_PREFIX_CHARS)


def article_key(issue: str, ident: str, occurrence: int) -> str:
    """Short hex digest of issue key + article ident + its occurrence index among equals."""
    raw = "\x1f".join((issue, ident, str(occurrence)))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def article_keys(issue: str, articles: tuple[Article, ...] | list[Article]) -> list[str]:
    """Keys for an issue's articles in order; equal idents are numbered 0, 1, 2, … in order."""
    return keys_of(issue, [article_ident(article) for article in articles])


def keys_of(issue: str, idents: list[str]) -> list[str]:
    """`article_keys` of articles with these idents."""
    seen: dict[str, int] = {}
    keys: list[str] = []
    for ident in idents:
        occurrence = seen.get(ident, 0)
        seen[ident] = occurrence + 1
        keys.append(article_key(issue, ident, occurrence))
    return keys


def article_fingerprint(headline: str, body: str) -> str:
    """What makes two articles "the same text": the start of the body, else the headline.

    Used to tell an edited version of a file (it shares articles with its earlier import) from
    another page of the same issue (it shares none). Generic headlines such as 简讯 repeat from
    page to page, so the body decides whenever there is enough of it.
    """
    text = normalise(body[: FINGERPRINT_CHARS * 4])
    if len(text) < FINGERPRINT_CHARS and len(body) > FINGERPRINT_CHARS * 4:
        text = normalise(body)  # a start padded with spaces: read on
    if len(text) >= MIN_BODY_FOR_FINGERPRINT:
        return "b:" + text[:FINGERPRINT_CHARS]
    return "h:" + normalise(headline) + "|" + text


def natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that puts 第2版 before 第10版: digit runs compare as numbers (of any length)."""
    parts = []
    for part in _DIGITS.split(name):
        if _DIGITS.fullmatch(part):
            digits = part.lstrip("0")
            parts.append((0, len(digits), digits))
        elif part:
            parts.append((1, 0, part))
    return tuple(parts)
