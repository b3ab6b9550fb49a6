"""作者:name (issue 23, browse by author): the articles whose byline holds the name, counted
exactly (against a brute-force scan of the bylines) in every order and path a search takes, with
other terms, exclusions, filters and traditional script; a name only in a body is no author."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from search_support import brute_force, make_issue

from reader.archive.db import Archive, open_archive
from reader.archive.importer import import_issue
from reader.archive.search import search
from reader.archive.search_plan import Filters, Plan
from reader.archive.timeline import timeline
from reader.text.model import Article
from reader.text.query import Query, QueryError, parse_query

BYLINES = ["融媒体记者 张三", "記者 張三 李四", "记者 李四", "", "通讯员 王五", "张三丰"]
BODIES = [
    "开发区召开会议，部署防汛工作。",
    "张三是社区网格员，每天走访居民。",  # the name in a body: no byline of his
    "全区开展文明城市创建活动。",
    "李四讲述开发区的变化。",
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """40 issues of 5 articles; 张三 is in most bylines (a date page may be walked) and in
    bodies of articles that others wrote."""
    rng = random.Random(7)
    path = Path(tmp_path_factory.mktemp("authors")) / "archive.sqlite3"
    opened = open_archive(path)
    for day in range(40):
        articles = [
            Article(
                page=1 + n % 4,
                headline=f"第{day}期第{n}篇",
                body=rng.choice(BODIES),
                byline=rng.choice(BYLINES[:2] * 3 + BYLINES[2:]),
            )
            for n in range(5)
        ]
        import_issue(opened, make_issue(day, articles, rng.choice(["东昌时讯", "今日开发区"])))
    yield opened
    opened.close()


def parsed(text: str) -> Query:
    query = parse_query(text)
    assert isinstance(query, Query), text
    return query


QUERIES = [
    "作者:张三",
    "作者:張三",  # traditional script folds, in the query and the byline alike
    "作者:李四",
    '作者:"记者 张三"',
    "作者:张三 开发区",
    "作者:张三 -作者:李四",
    "-作者:张三 开发区",
    "作者:张三 作者:李四",
    "作者：王五 OR 会议",  # a name is no alternative: the OR joins nothing
]


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_an_author_search_finds_exactly_the_articles_whose_byline_holds_the_name(
    archive: Archive, text: str, sort: str
) -> None:
    query = parsed(text)
    expected = brute_force(archive, query)
    assert expected  # each query finds something here, so the check is not empty
    result = search(archive, query, sort=sort, limit=100_000)
    assert expected == {hit.id for hit in result.hits}
    assert len(expected) == result.total
    first = search(archive, query, sort=sort, limit=5)  # a short date page: walked over issues
    assert len(expected) == first.total
    assert {hit.id for hit in first.hits} <= expected and len(first.hits) == min(5, len(expected))


def test_a_name_only_in_the_body_is_not_its_author(archive: Archive) -> None:
    anywhere = brute_force(archive, parsed("张三"))
    by_him = brute_force(archive, parsed("作者:张三"))
    assert by_him < anywhere
    assert by_him == {hit.id for hit in search(archive, "作者:张三", limit=100_000).hits}


def test_the_newest_page_of_a_common_author_is_walked_and_exact(archive: Archive) -> None:
    query = parsed("作者:张三")
    total = len(brute_force(archive, query))
    plan = Plan(archive.conn, query, Filters.build(None, None, None), archive.tokenizer)
    assert plan._walk_pays(total, 5)  # the walk over issues is the path this page takes
    newest = search(archive, query, sort="newest", limit=5).hits
    everything = search(archive, query, sort="newest", limit=100_000).hits
    assert [h.id for h in everything[:5]] == [h.id for h in newest]


def test_filters_and_the_timeline_count_the_same_articles(archive: Archive) -> None:
    query = parsed("作者:张三")
    result = search(archive, query, date_from="2022-01-10", date_to="2022-01-20", publication="东昌时讯")
    expected = {
        hit.id
        for hit in search(archive, query, limit=100_000).hits
        if hit.publication == "东昌时讯" and "2022-01-10" <= str(hit.date) <= "2022-01-20"
    }
    assert len(expected) == result.total
    assert len(brute_force(archive, query)) == timeline(archive, query).total


def test_only_an_excluded_author_leaves_nothing_to_search() -> None:
    assert isinstance(parse_query("-作者:张三"), QueryError)
    assert "作者:" == parsed("作者:").groups[0][0].text  # a prefix with nothing after is text
