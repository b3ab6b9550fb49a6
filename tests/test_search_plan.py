"""The search planner's parts on a real SQLite file: the article count, the cost model, tiers."""

from __future__ import annotations

import pytest

from reader.archive.db import Archive
from reader.archive.importer import import_issue
from reader.archive.search import search
from reader.archive.search_index import HEADLINES_ONLY
from reader.archive.search_plan import Filters, Plan
from reader.archive.search_plan.cost import WALK_BUDGET, walk_pays
from reader.archive.search_plan.scope import issue_order
from reader.archive.search_plan.tiers import Tier
from reader.text.model import Article
from reader.text.query import Query, parse_query
from tests.search_support import make_issue


def _plan(archive: Archive, text: str) -> Plan:
    query = parse_query(text)
    assert isinstance(query, Query)
    return Plan(archive.conn, query, Filters.build(None, None, None), archive.tokenizer)


def test_the_article_count_stays_the_number_of_articles_across_re_imports(archive: Archive) -> None:
    """A re-imported issue's articles get ids past every other's: the highest id drifts up."""
    for version in range(3):
        for day in (0, 1):
            articles = [Article(1, f"{day}日第{version}版{n}", f"幸福食堂{version}") for n in range(5)]
            import_issue(archive, make_issue(day, articles), on_conflict="replace")
    highest = archive.conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    assert 30 == highest  # the drift the count must not follow
    assert 10 == _plan(archive, "幸福食堂").article_count
    assert 10 == search(archive, "幸福食堂").total


def test_a_walk_pays_for_a_common_term_and_not_for_a_rare_one() -> None:
    assert walk_pays(articles=100_000, total=90_000, want=50)
    assert not walk_pays(articles=100_000, total=500, want=50)
    assert not walk_pays(articles=100_000, total=0, want=50)
    # Probing is cheap enough, but the page would need more than the budget allows.
    assert not walk_pays(articles=10_000_000, total=2_000_000, want=WALK_BUDGET // 4)


def test_a_walk_is_chosen_where_it_was_measured_faster() -> None:
    """cost.py's measurements (the walk's issue order index-served both ways, migration 7)."""
    assert not walk_pays(articles=100_018, total=2_017, want=20)  # 排忧解难: 8.6 ms walked, 4.4 joined
    assert walk_pays(articles=100_018, total=2_594, want=20)  # 商贸城: 3.2 ms walked, 6.0 joined
    assert walk_pays(articles=100_018, total=5_109, want=20)  # APP: 1.6 ms walked, 4.6 joined
    assert walk_pays(articles=100_018, total=54_525, want=20)  # 网格: 0.3 ms walked, 28.3 joined
    assert not walk_pays(articles=300_005, total=1_788, want=20)  # 启航: 12.2 ms walked, 4.9 joined
    assert walk_pays(articles=300_005, total=7_816, want=20)  # 美丽: 2.7 ms walked, 13.0 joined


def test_a_tier_of_unknown_size_covers_every_offset() -> None:
    assert Tier().covers(10**9)
    assert Tier(3).covers(2)
    assert not Tier(3).covers(3)
    assert not Tier(0).covers(0)


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_pages_that_skip_whole_tiers_join_up(archive: Archive, sort: str) -> None:
    """Later pages count the tiers to skip; the first learns their sizes from short pages."""
    for day in range(6):
        articles = [
            Article(
                1, "长江大桥通车" if n == 0 else f"{day}日消息{n}", "区长江绍华" if n % 2 else "我们看长江"
            )
            for n in range(5)
        ]
        import_issue(archive, make_issue(day, articles))
    whole = [hit.id for hit in search(archive, "长江", sort=sort, limit=100).hits]
    assert 30 == len(set(whole))
    for size in (1, 4, 6, 7):
        paged = [
            hit.id
            for offset in range(0, 30, size)
            for hit in search(archive, "长江", sort=sort, limit=size, offset=offset).hits
        ]
        assert whole == paged


@pytest.mark.parametrize(
    ("text", "headlines_only", "total"),
    [
        ("标题:食堂", True, 1),
        ("标题:食堂 标题:幸福", True, 1),
        ("标题:食堂 -标题:马卫红", True, 1),
        ("标题:食堂 OR 标题:邮箱", True, 2),
        ("标题:食堂 幸福", False, 1),  # 幸福 might have been in the body
        ("标题:食堂 -马卫红", False, 0),  # and the excluded term is
        ("食堂", False, 2),
    ],
)
def test_only_a_query_limited_to_headlines_reads_the_headline_tables(
    archive: Archive, text: str, headlines_only: bool, total: int
) -> None:
    articles = [Article(1, "幸福食堂开张", "马卫红说幸福食堂好"), Article(1, "邮箱", "食堂")]
    import_issue(archive, make_issue(1, articles))
    assert headlines_only == (_plan(archive, text).tables is HEADLINES_ONLY)
    assert total == search(archive, text).total


def _walk_order(archive: Archive, newest: bool) -> list[int]:
    """The issues in the walk's order, each part checked to be read from the index, unsorted."""
    ids: list[int] = []
    for condition, order in issue_order(newest):
        sql = f"SELECT i.id FROM issues i WHERE {condition} ORDER BY {order}"
        plan = " ".join(str(r[3]) for r in archive.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "issues_effective_date" in plan and "TEMP B-TREE" not in plan, plan
        ids += [r[0] for r in archive.conn.execute(sql)]
    return ids


def test_a_walk_reads_issues_in_index_order_undated_last_both_ways(archive: Archive) -> None:
    """The order the walk asks for is served by the effective-date index, not a sort."""
    for day in (3, 1, 2, 4):
        import_issue(archive, make_issue(day, [Article(1, f"{day}日", "幸福食堂")]))
    archive.conn.execute("UPDATE issues SET date = NULL WHERE id IN (2, 4)")
    archive.conn.execute("UPDATE issues SET user_date = '2030-01-01' WHERE id = 3")
    assert [3, 1, 4, 2] == _walk_order(archive, newest=True)
    assert [1, 3, 2, 4] == _walk_order(archive, newest=False)


@pytest.mark.parametrize("newest", [True, False])
def test_a_walk_past_the_dated_issues_goes_on_into_the_undated_as_the_join_orders_them(
    archive: Archive, newest: bool
) -> None:
    """Oldest first the walk reads the dated issues, then the undated ones: two index reads
    that must join up into the one order the date join gives."""
    for day in (5, 2, 7, 1, 4, 3, 6):
        articles = [Article(1, f"{day}日{n}", "幸福食堂" if n % 2 else "邮箱") for n in range(4)]
        import_issue(archive, make_issue(day, articles))
    archive.conn.execute("UPDATE issues SET date = NULL WHERE id IN (2, 6)")
    archive.conn.execute("UPDATE issues SET user_date = '2030-01-01' WHERE id = 4")
    plan = _plan(archive, "幸福食堂")
    total = plan.count_all()
    assert 14 == total
    for offset, limit in ((0, 14), (0, 5), (5, 4), (9, 5)):
        joined = [i for i, _ in plan.joined_by_date(newest, limit, offset)]
        # Many expected matches: the smallest first batch, so the walk reads part after part.
        assert joined == plan.walk_by_date(plan._accept_chars, newest, limit, offset, matches=10**6)
