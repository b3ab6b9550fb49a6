"""FTS5 match expressions for a parsed query, over the character index and the word index.

A module of its own because what these strings say decides what a search finds (the character
expression, exact substrings) and how it ranks (the word expressions), and building them needs
no SQLite. Every term is a quoted phrase of its tokens, so nothing typed is read as FTS5 syntax.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reader.archive.search_tokens import Tokenizer, char_tokens
from reader.text.query import Query, Term


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def _term_expr(term: Term, words: Tokenizer | None) -> str:
    """The term as a phrase of its words (given the archive's tokenizer) or of its characters."""
    tokens = words.word_tokens(term.folded) if words is not None else char_tokens(term.folded)
    prefix = "headline : " if term.headline_only else ""
    return prefix + _phrase(tokens)


def _positive_expr(query: Query, words: Tokenizer | None) -> str:
    groups = ["(" + " OR ".join(_term_expr(t, words) for t in g) + ")" for g in query.groups]
    return " AND ".join(groups)


def _headline_expr(query: Query, words: Tokenizer) -> str:
    """Any positive term as words in the headline."""
    return "headline : (" + " OR ".join(_term_expr(t, words) for t in query.positive_terms()) + ")"


def _excluded_expr(query: Query) -> str | None:
    if not query.excluded:
        return None
    return " OR ".join(_term_expr(t, None) for t in query.excluded)


def match_expression(query: Query) -> str:
    """The FTS5 expression over the character index that selects exactly the matches."""
    positive = _positive_expr(query, words=None)
    excluded = _excluded_expr(query)
    return f"({positive}) NOT ({excluded})" if excluded else positive


@dataclass(frozen=True)
class Expressions:
    """Every expression one search uses.

    `chars` selects exactly the matches; `words` the whole-word matches (ranking only: a word
    phrase implies the substring); `words_headline` selects, over the headline words table, the
    articles with any positive term as words in the headline, which splits the whole-word
    matches into the first two tiers; `excluded` is the excluded terms over characters, or None.

    The word expressions are made on first use: cutting a term loads the segmenter (rjieba,
    some 0.3 s), which a search sorted by date, or a count, never needs.
    """

    chars: str
    excluded: str | None
    query: Query
    tokenizer: Tokenizer

    @classmethod
    def of(cls, query: Query, tokenizer: Tokenizer) -> Expressions:
        """The expressions of `query`; word terms are cut by `tokenizer` (the archive's)."""
        return cls(match_expression(query), _excluded_expr(query), query, tokenizer)

    @cached_property
    def words(self) -> str:
        return _positive_expr(self.query, self.tokenizer)

    @cached_property
    def words_headline(self) -> str:
        return _headline_expr(self.query, self.tokenizer)
