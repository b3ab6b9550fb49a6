"""The search box syntax: a pure parser from what the user typed to a `Query`.

Staff type names, places and phrases, sometimes pasted with full-width spaces or quotes,
sometimes with stray symbols. The parser never raises: anything it cannot read as syntax is
searched as literal text, and only input that leaves nothing to search gives a `QueryError`
with a Chinese message the GUI can show as is.

Text that cannot be encoded — lone surrogates, which is how Python hands over the bytes of a
command-line argument that was not valid UTF-8 — is read with each such code point replaced by
U+FFFD (`readable_text`): it is searched like any other character, never crashes the index or
a print, and a message can quote the query back.

Syntax: terms separated by spaces must all occur; "quoted phrase" keeps its spaces; -term
excludes; A OR B needs one of them; 标题:term looks in headlines only; 作者:name keeps the
articles whose byline holds the name (-作者:name leaves them out). Operators of FTS5 (AND,
NOT, NEAR(, *, ^) mean nothing here: they are text like any other, because the search layer
builds its own index queries from the terms and never passes user text through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.text.fold import fold, fold_char

QUOTES = frozenset('"“”＂„‟〝〞')
MINUSES = frozenset("-－−")
# The field prefixes as folded: 标题:, 标题：, 標題: and 標題： all read as the first, as the terms
# themselves are folded (a traditional-script or full-width query means the same search).
FIELD_PREFIX = "标题:"
AUTHOR_PREFIX = "作者:"
OR_WORDS = frozenset({"OR", "ＯＲ", "或"})
REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Term:
    """One literal string to find; `folded` is what is matched, `text` what the user typed."""

    text: str
    headline_only: bool = False
    author: bool = False  # 作者:name: the byline must hold it (Query.authors)

    @property
    def folded(self) -> str:
        return fold(self.text)


@dataclass(frozen=True)
class Query:
    """All `groups` must match (a group matches when any of its terms does); no `excluded` may."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()
    # 作者: names the byline must hold (each also a term of its own group, which the byline is
    # part of: the index narrows, the byline decides) and names it must not hold.
    authors: tuple[Term, ...] = ()
    not_authors: tuple[Term, ...] = ()

    def positive_terms(self) -> tuple[Term, ...]:
        """Every term that can produce a hit, for highlighting."""
        return tuple(term for group in self.groups for term in group)

    def headline_only(self) -> bool:
        """Whether every term, excluded ones included, is limited to the headline (标题:)."""
        return all(term.headline_only for term in (*self.positive_terms(), *self.excluded))


@dataclass(frozen=True)
class QueryError:
    """Input that leaves nothing to search; `message` is for the user (简体中文)."""

    message: str


@dataclass(frozen=True)
class _Clause:
    term: Term
    negated: bool
    quoted: bool


def _is_space(char: str) -> bool:
    return char.isspace()


def _lex(text: str) -> list[_Clause]:
    """Split into clauses; an unclosed quote runs to the end of the input."""
    clauses: list[_Clause] = []
    i, n = 0, len(text)
    while i < n:
        if _is_space(text[i]):
            i += 1
            continue
        start = i
        negated = False
        if text[i] in MINUSES and i + 1 < n and not _is_space(text[i + 1]):
            negated = True
            i += 1
        headline_only = _prefixed(text, i, FIELD_PREFIX)
        if headline_only:
            i += len(FIELD_PREFIX)
        author = not headline_only and _prefixed(text, i, AUTHOR_PREFIX)
        if author:
            i += len(AUTHOR_PREFIX)
        if text[i] in QUOTES:
            end = i + 1
            while end < n and text[end] not in QUOTES:
                end += 1
            phrase = "".join(" " if _is_space(c) else c for c in text[i + 1 : end])
            i = end + 1
            if phrase.strip():
                clauses.append(_Clause(Term(phrase, headline_only, author), negated, quoted=True))
            continue
        end = i
        while end < n and not _is_space(text[end]) and text[end] not in QUOTES:
            end += 1
        word = text[i:end]
        if not word:  # a bare minus or field prefix before a quote that closes nothing
            word = text[start:end]
            negated = headline_only = author = False
        i = end
        clauses.append(_Clause(Term(word, headline_only, author), negated, quoted=False))
    return [c for c in clauses if c.term.folded.strip()]


def _prefixed(text: str, at: int, prefix: str) -> bool:
    """Whether `text` holds the field `prefix` (as folded) at `at`, followed by something to search."""
    end = at + len(prefix)
    if end >= len(text) or _is_space(text[end]):
        return False
    return "".join(map(fold_char, text[at:end])) == prefix


def _is_or(clause: _Clause) -> bool:
    return (
        not clause.quoted
        and not clause.negated
        and not clause.term.headline_only
        and not clause.term.author
        and (clause.term.text in OR_WORDS)
    )


def _stands_alone(clause: _Clause) -> bool:
    """An exclusion or a 作者: name: an OR next to it joins nothing (a name filters, it is no
    alternative)."""
    return clause.negated or clause.term.author


def readable_text(text: str) -> str:
    """`text` with every surrogate code point replaced by U+FFFD, so it encodes as UTF-8.

    A str from a terminal whose encoding was not UTF-8 holds lone surrogates (Python's
    surrogateescape); they are no characters and cannot be stored, searched or printed.
    """
    return _SURROGATE.sub(REPLACEMENT, text)


def parse_query(text: str) -> Query | QueryError:
    """Read the search box; never raises. Terms never hold surrogates (see `readable_text`)."""
    clauses = _lex(readable_text(text or ""))
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    authors: list[Term] = []
    not_authors: list[Term] = []
    join_next = False
    for index, clause in enumerate(clauses):
        if _is_or(clause):
            has_left = bool(groups) and index > 0 and not _stands_alone(clauses[index - 1])
            has_right = index + 1 < len(clauses) and not _stands_alone(clauses[index + 1])
            if has_left and has_right and not _is_or(clauses[index + 1]):
                join_next = True
                continue
            if has_left or has_right:
                continue  # a dangling OR next to an exclusion or a name: drop it
        if clause.term.author:
            (not_authors if clause.negated else authors).append(clause.term)
            if not clause.negated:
                groups.append([Term(clause.term.text)])
        elif clause.negated:
            excluded.append(clause.term)
        elif join_next:
            groups[-1].append(clause.term)
        else:
            groups.append([clause.term])
        join_next = False
    if not groups:
        if excluded or not_authors:
            return QueryError("只有排除的词：请至少输入一个要查找的词。")
        return QueryError("请输入要查找的文字。")
    return Query(
        tuple(_dedupe(g) for g in groups),
        tuple(_dedupe(excluded)),
        _dedupe(authors),
        _dedupe(not_authors),
    )


def _dedupe(terms: list[Term]) -> tuple[Term, ...]:
    seen: set[tuple[str, bool]] = set()
    kept: list[Term] = []
    for term in terms:
        marker = (term.folded, term.headline_only)
        if marker not in seen:
            seen.add(marker)
            kept.append(term)
    return tuple(kept)
