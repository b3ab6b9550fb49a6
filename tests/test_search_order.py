"""The ORDER of results equals an independent brute-force ranking of small random archives.

The documented rule (README, "检索"; reader.archive.search): articles where the term matches as
whole jieba words come first, those with it in the headline before the rest, then articles that
only contain it as a substring; inside a tier more mentions rank higher (headline ×10, no length
normalisation) however common the term, and equal mentions put the newer issue first (undated
last, then the higher issue id, then the lower article id). `newest` / `oldest` order by date
alone, the same way.

For a lone term BM25 is a strictly increasing function of the weighted count of its mentions,
so the oracle needs no idf: it counts mentions in the folded text (characters) and in the word
cuts the index recorded (`search_cuts`), and sorts. Queries here are lone terms (with or without
an excluded term and filters), where that holds exactly.

Issue 13 fixed two departures from that rule, each tested here: the headline tier counted only
the headline's mentions, and a term in over half of a large archive was ordered by date.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.archive.db import Archive
from reader.archive.importer import import_issue
from reader.archive.search import find, search
from reader.archive.search_plan import plan as plan_module
from reader.archive.search_plan import ranked as ranked_module
from reader.archive.search_request import SearchRequest
from reader.archive.search_tokens import decode_cuts, encode_token
from reader.text.fold import fold
from reader.text.model import Article
from reader.text.query import Query, Term, parse_query
from tests.search_support import brute_force, make_issue, random_archive, seeded


@dataclass(frozen=True)
class Doc:
    """One article as the oracle sees it: folded text, recorded words, and its issue's date."""

    id: int
    issue: int
    date: str | None
    publication: str | None
    headline: str
    other: tuple[str, ...]
    headline_words: tuple[str, ...]
    other_words: tuple[str, ...]


def _mentions(seq: Sequence[str], pattern: Sequence[str]) -> int:
    """Occurrences of `pattern` in `seq`, overlapping ones included (as phrase positions are)."""
    size = len(pattern)
    return sum(1 for at in range(len(seq) - size + 1) if seq[at : at + size] == pattern) if size else 0


def _ordinal(date: str) -> int:
    return dt.date.fromisoformat(date).toordinal()


def newest_first(doc: Doc) -> tuple[int, int, int, int]:
    return (doc.date is None, -_ordinal(doc.date) if doc.date else 0, -doc.issue, doc.id)


def oldest_first(doc: Doc) -> tuple[int, int, int, int]:
    return (doc.date is None, _ordinal(doc.date) if doc.date else 0, doc.issue, doc.id)


class Oracle:
    """Every article of an archive in memory, and the orders the documentation promises."""

    def __init__(self, archive: Archive) -> None:
        rows = archive.conn.execute(
            "SELECT a.id, a.issue_id, COALESCE(i.user_date, i.date), p.name, a.headline,"
            " a.kicker, a.subtitle, a.dateline, a.byline, reader_body(a.body), c.headline, c.other"
            " FROM articles a JOIN issues i ON i.id = a.issue_id"
            " LEFT JOIN publications p ON p.id = i.publication_id"
            " JOIN search_cuts c ON c.article_id = a.id"
        ).fetchall()
        self.archive = archive
        self.docs: dict[int, Doc] = {}
        for row in rows:
            headline = fold(row[4] or "")
            other = tuple(fold(part) for part in row[5:10] if part)
            self.docs[row[0]] = Doc(
                id=row[0],
                issue=row[1],
                date=row[2],
                publication=row[3],
                headline=headline,
                other=other,
                headline_words=_tokens(decode_cuts(headline, row[10])),
                other_words=_tokens(decode_cuts("\n".join(other), row[11])),
            )

    def matches(
        self, query: Query, date_from: str | None, date_to: str | None, publication: str | None
    ) -> list[Doc]:
        def kept(doc: Doc) -> bool:
            if date_from and not (doc.date and doc.date >= date_from):
                return False
            if date_to and not (doc.date and doc.date <= date_to):
                return False
            return not publication or doc.publication == publication

        return [self.docs[i] for i in brute_force(self.archive, query) if kept(self.docs[i])]

    def by_date(self, matched: list[Doc], newest: bool) -> list[int]:
        return [doc.id for doc in sorted(matched, key=newest_first if newest else oldest_first)]

    def by_relevance(self, term: Term, matched: list[Doc]) -> list[int]:
        words = tuple(self.archive.tokenizer.word_tokens(term.folded))
        tiers: tuple[list[tuple[int, Doc]], ...] = ([], [], [])
        for doc in matched:
            in_headline, elsewhere = _mentions(doc.headline_words, words), _mentions(doc.other_words, words)
            if term.headline_only:  # 标题: asks for the headline: the body's mentions do not count
                elsewhere = 0
            if in_headline:
                tiers[0].append((10 * in_headline + elsewhere, doc))
            elif elsewhere:
                tiers[1].append((elsewhere, doc))
            else:
                chars = 10 * _mentions(doc.headline, term.folded)
                if not term.headline_only:
                    chars += sum(_mentions(part, term.folded) for part in doc.other)
                tiers[2].append((chars, doc))
        order: list[int] = []
        for tier in tiers:
            order += [doc.id for _, doc in sorted(tier, key=lambda pair: (-pair[0], newest_first(pair[1])))]
        return order


def _tokens(words: list[str]) -> tuple[str, ...]:
    return tuple(encode_token(w) for w in words if w)


def _redate(archive: Archive, seed: int) -> None:
    """Issues sharing a date, issues without one, and user dates: every tie-break gets work."""
    rng = random.Random(seed)
    ids = [r[0] for r in archive.conn.execute("SELECT id FROM issues ORDER BY id")]
    for issue in rng.sample(ids, len(ids) // 3):
        archive.conn.execute("UPDATE issues SET date = '2022-01-05' WHERE id = ?", (issue,))
    for issue in rng.sample(ids, max(2, len(ids) // 8)):
        archive.conn.execute("UPDATE issues SET date = NULL, user_date = NULL WHERE id = ?", (issue,))
    for issue in rng.sample(ids, max(2, len(ids) // 8)):
        archive.conn.execute("UPDATE issues SET user_date = '2021-12-31' WHERE id = ?", (issue,))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Archive, Oracle]]:
    archive = random_archive(Path(tmp_path_factory.mktemp("order")) / "small.sqlite3", seed=11, issues=24)
    _redate(archive, 11)
    yield archive, Oracle(archive)
    archive.close()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Archive, Oracle]]:
    """Over 1000 articles: a term in most of them is one FTS5 floors the idf of (issue 13)."""
    archive = random_archive(Path(tmp_path_factory.mktemp("order")) / "large.sqlite3", seed=12, issues=170)
    _redate(archive, 12)
    yield archive, Oracle(archive)
    archive.close()


def _lone_term(text: str) -> Query | None:
    parsed = parse_query(text)
    if not isinstance(parsed, Query) or len(parsed.groups) != 1 or len(parsed.groups[0]) != 1:
        return None
    return parsed


def _pick_term(oracle: Oracle, rng: random.Random) -> str:
    """A word the index recorded (so whole-word tiers fill), or a short substring (so the last does)."""
    doc = rng.choice(list(oracle.docs.values()))
    if rng.random() < 0.6:
        words = [w for w in doc.headline_words + doc.other_words if len(w) <= 4 and not w.startswith("z")]
        if words:
            return rng.choice(words)
    text = rng.choice((doc.headline, *doc.other))
    size = rng.randint(1, 3)
    start = rng.randrange(max(1, len(text) - size + 1))
    return text[start : start + size]


def _quoted(text: str) -> str:
    return '"' + "".join(c for c in text if c not in '"\n') + '"'


@dataclass(frozen=True)
class Case:
    text: str
    query: Query
    date_from: str | None
    date_to: str | None
    publication: str | None


def _case(oracle: Oracle, seed: int) -> Case | None:
    rng = random.Random(seed)
    # 标题: terms, with the excluded term 标题: too or not: the headline tables alone, or both
    field = "标题:" if rng.random() < 0.3 else ""
    text = field + _quoted(_pick_term(oracle, rng))
    if rng.random() < 0.25:
        text += " -" + rng.choice(["", field]) + _quoted(_pick_term(oracle, rng)[:2])
    query = _lone_term(text)
    if query is None or any(c.isspace() for c in query.groups[0][0].folded):
        return None
    date_from = rng.choice([None, None, "2022-01-05", "2022-01-10"])
    date_to = rng.choice([None, None, "2022-01-20"])
    publication = rng.choice([None, None, None, "东昌时讯"])
    return Case(text, query, date_from, date_to, publication)


def _ids(archive: Archive, case: Case, sort: str, limit: int = 100_000, offset: int = 0) -> list[int]:
    request = SearchRequest(case.text, case.date_from, case.date_to, case.publication, sort, offset, limit)
    return [hit.id for hit in find(archive, request).hits]


def _expected(oracle: Oracle, case: Case, sort: str) -> list[int]:
    matched = oracle.matches(case.query, case.date_from, case.date_to, case.publication)
    if sort == "relevance":
        return oracle.by_relevance(case.query.groups[0][0], matched)
    return oracle.by_date(matched, newest=sort == "newest")


@seeded(120)
@given(
    seed=st.integers(0, 10**9),
    sort=st.sampled_from(["relevance", "newest", "oldest"]),
    page=st.integers(1, 9),
)
def test_every_order_and_page_equals_the_brute_force_ranking(
    small: tuple[Archive, Oracle], seed: int, sort: str, page: int
) -> None:
    archive, oracle = small
    case = _case(oracle, seed)
    if case is None:
        return
    expected = _expected(oracle, case, sort)
    assert expected == _ids(archive, case, sort)
    offset = random.Random(seed).randrange(max(1, len(expected)))
    assert expected[offset : offset + page] == _ids(archive, case, sort, limit=page, offset=offset)


class WalkSpy:
    """Counts the pages the date walk delivered (it may also give up and leave it to the join)."""

    def __init__(self, walk: Callable[..., list[int] | None]) -> None:
        self.walk = walk
        self.delivered = 0

    def __call__(self, *args: object, **kwargs: object) -> list[int] | None:
        found = self.walk(*args, **kwargs)
        self.delivered += found is not None
        return found


@pytest.fixture
def walk_spy(monkeypatch: pytest.MonkeyPatch) -> WalkSpy:
    spy = WalkSpy(plan_module.walk_by_date)
    monkeypatch.setattr(plan_module, "walk_by_date", spy)
    return spy


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("text", ["区", "讯", '"区" -"网格"'])
def test_pages_walked_by_date_equal_the_brute_force_order(
    large: tuple[Archive, Oracle], walk_spy: WalkSpy, sort: str, text: str
) -> None:
    """On the large archive: on 200 articles joining every match is cheaper than any walk."""
    archive, oracle = large
    query = _lone_term(text)
    assert query is not None
    case = Case(text, query, None, None, None)
    expected = _expected(oracle, case, sort)
    assert len(expected) > 100  # common enough that a walk pays for pages reaching 20 rows
    for offset, limit in ((0, 10), (7, 13), (12, 8)):
        assert expected[offset : offset + limit] == _ids(archive, case, sort, limit=limit, offset=offset)
    assert walk_spy.delivered == 3


def _common_case(oracle: Oracle) -> Case:
    query = _lone_term("区")
    assert query is not None
    matched = len(oracle.matches(query, None, None, None))
    assert matched >= 1000 and 2 * matched > len(oracle.docs)  # where FTS5 floors the idf
    return Case("区", query, None, None, None)


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_term_in_most_articles_walks_by_date_and_equals_the_brute_force_order(
    large: tuple[Archive, Oracle], walk_spy: WalkSpy, sort: str
) -> None:
    """区 is in over 1000 of ~1360 articles: its pages by date are walked over issues."""
    archive, oracle = large
    case = _common_case(oracle)
    expected = _expected(oracle, case, sort)
    assert expected == _ids(archive, case, sort)
    walked_before = walk_spy.delivered
    for offset, limit in ((0, 30), (500, 30), (len(expected) - 20, 30)):
        assert expected[offset : offset + limit] == _ids(archive, case, sort, limit=limit, offset=offset)
    assert walk_spy.delivered > walked_before


def test_a_term_in_most_articles_ranks_more_mentions_first_as_documented(
    large: tuple[Archive, Oracle],
) -> None:
    """FTS5 floors the idf of a term in over half the articles, yet more mentions still rank first."""
    archive, oracle = large
    case = _common_case(oracle)
    expected = _expected(oracle, case, "relevance")
    assert expected == _ids(archive, case, "relevance")
    word = tuple(archive.tokenizer.word_tokens("区"))
    docs = [oracle.docs[i] for i in expected]
    headline = sum(1 for doc in docs if _mentions(doc.headline_words, word))
    whole = sum(1 for doc in docs if _mentions(doc.headline_words + doc.other_words, word))
    assert 20 < headline < whole - 20 and whole < len(expected) - 20  # every tier has pages
    for offset in (0, headline - 10, headline + 5, whole - 10, whole + 5):
        assert expected[offset : offset + 30] == _ids(archive, case, "relevance", limit=30, offset=offset)


def _headline_tier_pair(archive: Archive) -> list[str]:
    """Two articles naming 网格员 once in the headline; the older names it twice more below."""
    import_issue(archive, make_issue(1, [Article(1, "网格员上门服务", "网格员记录诉求，网格员回访群众。")]))
    import_issue(archive, make_issue(9, [Article(1, "网格员走访居民", "正文没有再提。")]))
    oracle = Oracle(archive)
    words = tuple(archive.tokenizer.word_tokens(fold("网格员")))
    assert all(_mentions(doc.headline_words, words) == 1 for doc in oracle.docs.values())
    return [hit.headline for hit in search(archive, "网格员").hits]


def test_in_the_headline_tier_body_mentions_count_as_documented(archive: Archive) -> None:
    assert ["网格员上门服务", "网格员走访居民"] == _headline_tier_pair(archive)


@pytest.mark.parametrize("text", ["区", "标题:区", "标题:区 -标题:网格", '"区" -"网格"', "讯", "标题:讯"])
def test_long_runs_of_equal_scores_walked_by_issue_equal_the_brute_force_order(
    large: tuple[Archive, Oracle], monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """Ties past the page are found by walking issues newest first once the run is long (a 标题:
    query ties nearly every match); here every run is walked, and pages equal the oracle's."""
    spy = WalkSpy(ranked_module.walk_by_date)
    monkeypatch.setattr(ranked_module, "walk_by_date", spy)
    monkeypatch.setattr(ranked_module, "TIE_SLACK", 3)
    monkeypatch.setattr(ranked_module, "WALK_TIES_FROM", 0)
    archive, oracle = large
    query = _lone_term(text)
    assert query is not None
    case = Case(text, query, None, None, None)
    expected = _expected(oracle, case, "relevance")
    assert len(expected) > 40
    for offset, limit in ((0, 20), (5, 13), (len(expected) // 2, 20), (len(expected) - 10, 20)):
        page = _ids(archive, case, "relevance", limit=limit, offset=offset)
        assert expected[offset : offset + limit] == page
    assert spy.delivered > 0
