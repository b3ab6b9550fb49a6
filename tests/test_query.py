"""The search box syntax: every input parses, operators of FTS5 are plain text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.query import Query, QueryError, Term, parse_query


def texts(query: Query) -> list[list[str]]:
    return [[t.text for t in group] for group in query.groups]


def test_space_separated_terms_are_all_required() -> None:
    assert Query(((Term("幸福食堂"),), (Term("江绍华"),))) == parse_query("幸福食堂 江绍华")


def test_full_width_space_separates_terms() -> None:
    assert [["幸福食堂"], ["江绍华"]] == texts(parse_query("幸福食堂　江绍华"))  # type: ignore[arg-type]


def test_quoted_phrase_keeps_its_spaces() -> None:
    assert [["督导调研 幸福食堂"]] == texts(parse_query('"督导调研 幸福食堂"'))  # type: ignore[arg-type]


def test_full_width_quotes_and_space_make_a_phrase() -> None:
    assert [["幸福 食堂"]] == texts(parse_query("“幸福　食堂”"))  # type: ignore[arg-type]


def test_minus_excludes() -> None:
    assert Query(((Term("网格员"),),), (Term("江绍华"),)) == parse_query("网格员 -江绍华")


def test_full_width_minus_excludes() -> None:
    assert Query(((Term("网格员"),),), (Term("江绍华"),)) == parse_query("网格员 －江绍华")


def test_or_joins_alternatives() -> None:
    assert [["幸福食堂", "红色邮箱"], ["东昌"]] == texts(parse_query("幸福食堂 OR 红色邮箱 东昌"))  # type: ignore[arg-type]


def test_headline_prefix_with_ascii_or_full_width_colon() -> None:
    expected = Query(((Term("幸福", headline_only=True),),))
    assert expected == parse_query("标题:幸福")
    assert expected == parse_query("标题：幸福")


@pytest.mark.parametrize("prefix", ["標題:", "標題：", "標题:", "标題："])
def test_headline_prefix_in_traditional_script(prefix: str) -> None:
    """Issue 26: 標題: was searched as literal text; the prefix is folded as the terms are."""
    assert Query(((Term("幸福", headline_only=True),),)) == parse_query(prefix + "幸福")


def test_headline_prefix_on_a_phrase() -> None:
    assert Query(((Term("红色 邮箱", headline_only=True),),)) == parse_query('标题:"红色 邮箱"')


def test_lone_quote_runs_to_the_end() -> None:
    assert [["幸福 食堂"]] == texts(parse_query('"幸福 食堂'))  # type: ignore[arg-type]


def test_only_a_quote_is_an_error_message() -> None:
    assert isinstance(parse_query('"'), QueryError)


def test_empty_input_is_an_error_message() -> None:
    result = parse_query("   　 ")
    assert isinstance(result, QueryError)
    assert "请输入" in result.message


def test_only_exclusions_is_an_error_message() -> None:
    result = parse_query("-江绍华")
    assert isinstance(result, QueryError)
    assert "排除" in result.message


def test_only_a_minus_is_searched_as_text() -> None:
    assert [["-"]] == texts(parse_query("-"))  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["AND", "NOT", "NEAR(", "*", "^", "a*", "NEAR(a b)", "(", ")", "{x}:"])
def test_fts5_operators_are_literal_text(text: str) -> None:
    parsed = parse_query(text)
    assert isinstance(parsed, Query)
    assert all(term.text in text for term in parsed.positive_terms())


def test_dangling_or_is_dropped() -> None:
    assert [["幸福"]] == texts(parse_query("幸福 OR"))  # type: ignore[arg-type]


def test_lone_or_is_searched_as_text() -> None:
    assert [["OR"]] == texts(parse_query("OR"))  # type: ignore[arg-type]


def test_term_folding_is_full_width_and_case_blind() -> None:
    assert "2022app" == Term("２０２２ＡＰＰ").folded


@settings(derandomize=True, max_examples=500)
@given(st.text(alphabet=st.sampled_from('"“”－- 　:：标题ORAND*^(){}NEAR江华1Ａa\n\t'), max_size=30))
def test_any_input_parses_without_raising(text: str) -> None:
    result = parse_query(text)
    assert isinstance(result, Query | QueryError)
    if isinstance(result, Query):
        assert all(term.folded.strip() for term in result.positive_terms())
