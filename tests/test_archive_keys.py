"""Stable identities: issue keys from the masthead, article keys that survive re-imports."""

from __future__ import annotations

from archive_helpers import make_article, make_issue
from hypothesis import given
from hypothesis import strategies as st

from reader.archive.keys import article_keys, issue_key

headlines = st.lists(st.sampled_from(["时政简讯", "幸福食堂", "", "区政府常务会议召开"]), max_size=12)


def test_dated_issue_key_is_publication_date_number() -> None:
    assert issue_key(make_issue([], date="2022-07-05", number=1449)) == "东昌时讯|2022-07-05|1449"


def test_missing_parts_of_a_dated_issue_key_are_dashes() -> None:
    assert issue_key(make_issue([], publication=None, number=None)) == "-|2022-07-05|-"


def test_undated_issue_key_is_the_file_name_and_its_content() -> None:
    scan = make_issue([make_article("甲")], date=None, source="扫描件.txt")
    other = make_issue([make_article("乙")], date=None, source="扫描件.txt")
    assert issue_key(scan).startswith("file:扫描件.txt#")
    assert issue_key(scan) != issue_key(other)


def test_key_ignores_width_case_and_spacing_of_the_headline() -> None:
    assert article_keys("k", [make_article("ＡＢＣ 新闻")]) == article_keys("k", [make_article("abc新闻")])


@given(headlines, headlines)
def test_keys_are_unique_and_survive_articles_added_before(before: list[str], after: list[str]) -> None:
    articles = [make_article(h, body=f"正文{i}") for i, h in enumerate(after)]
    added = [make_article(h or "新增", body=f"新增正文{i}") for i, h in enumerate(before)]
    keys = article_keys("东昌时讯|2022-07-05|1449", articles)
    assert len(set(keys)) == len(keys)
    with_added = article_keys("东昌时讯|2022-07-05|1449", [*added, *articles])
    fresh = [
        k
        for k, a in zip(keys, articles, strict=True)
        if not any(a.headline == b.headline or (not a.headline and not b.headline) for b in added)
    ]
    assert set(fresh) <= set(with_added)
