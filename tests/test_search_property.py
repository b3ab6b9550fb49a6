"""Search never misses and never invents: results equal a brute-force scan of the articles."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.archive.db import Archive
from reader.archive.search import search
from reader.text.query import Query, parse_query
from tests.search_support import assert_search_is_brute_force, random_archive, seeded


@pytest.fixture(scope="module")
def shared_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    archive = random_archive(Path(tmp_path_factory.mktemp("search")) / "archive.sqlite3", seed=3)
    yield archive
    archive.close()


@pytest.fixture(scope="module")
def texts(shared_archive: Archive) -> list[str]:
    rows = shared_archive.conn.execute(
        "SELECT headline, reader_body(body) FROM articles ORDER BY id"
    ).fetchall()
    return [t for row in rows for t in row if t]


def _substring(texts: list[str], seed: int, low: int = 1, high: int = 6) -> str:
    rng = random.Random(seed)
    text = rng.choice(texts)
    size = rng.randint(low, high)
    start = rng.randrange(max(1, len(text) - size + 1))
    return text[start : start + size]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', "") + '"'


def _check(archive: Archive, query_text: str) -> None:
    parsed = parse_query(query_text)
    if not isinstance(parsed, Query):
        return
    assert_search_is_brute_force(archive, parsed)


@seeded(300)
@given(seed=st.integers(0, 10**9))
def test_substring_of_1_to_6_characters_finds_exactly_the_articles_containing_it(
    shared_archive: Archive, texts: list[str], seed: int
) -> None:
    _check(shared_archive, _quoted(_substring(texts, seed)))


@seeded(100)
@given(seeds=st.lists(st.integers(0, 10**9), min_size=2, max_size=3))
def test_several_terms_all_required(shared_archive: Archive, texts: list[str], seeds: list[int]) -> None:
    _check(shared_archive, " ".join(_quoted(_substring(texts, s, 1, 4)) for s in seeds))


@seeded(60)
@given(first=st.integers(0, 10**9), second=st.integers(0, 10**9))
def test_exclusion_removes_exactly_the_articles_with_the_term(
    shared_archive: Archive, texts: list[str], first: int, second: int
) -> None:
    _check(shared_archive, f"{_quoted(_substring(texts, first, 1, 3))} -{_quoted(_substring(texts, second))}")


@seeded(60)
@given(first=st.integers(0, 10**9), second=st.integers(0, 10**9))
def test_or_and_headline_only_terms(
    shared_archive: Archive, texts: list[str], first: int, second: int
) -> None:
    a, b = _substring(texts, first, 2, 4), _substring(texts, second, 1, 3)
    _check(shared_archive, f"{_quoted(a)} OR {_quoted(b)}")
    _check(shared_archive, f"标题:{_quoted(b)}")


@seeded(60)
@given(seed=st.integers(0, 10**9))
def test_unquoted_raw_substrings_match_the_oracle(
    shared_archive: Archive, texts: list[str], seed: int
) -> None:
    _check(shared_archive, _substring(texts, seed, 1, 8))


@pytest.mark.parametrize(
    "query", ["江绍华", "２０２２", "2022", "app", "APP", "ｗｉ-ｆｉ", "华", "网格员 -江绍华"]
)
def test_known_tricky_queries_match_the_oracle(shared_archive: Archive, query: str) -> None:
    _check(shared_archive, query)


@seeded(60)
@given(seed=st.integers(0, 10**9), page=st.integers(1, 23))
def test_pages_of_any_size_concatenate_to_the_whole_ranking(
    shared_archive: Archive, texts: list[str], seed: int, page: int
) -> None:
    """The tiers, the ties paged by date and the sizes learnt from short pages stay consistent."""
    query = _quoted(_substring(texts, seed, 1, 3))
    for sort in ("relevance", "newest"):
        whole = [hit.id for hit in search(shared_archive, query, sort=sort, limit=100_000).hits]
        paged = [
            hit.id
            for offset in range(0, min(len(whole), 4 * page) + 1, page)
            for hit in search(shared_archive, query, sort=sort, limit=page, offset=offset).hits
        ]
        assert whole[: len(paged)] == paged
