"""Hit passages: the prefix-by-prefix scan must give exactly what scanning the whole text gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text import snippet
from reader.text.fold import FoldedText, fold_with_map
from reader.text.query import Query, parse_query
from reader.text.snippet import SNIPPET_WIDTH, highlight_spans, hit_passages, passages

PIECES = ["网格员", "网格", "江绍华", "ＡＰＰ", "app", "……", "㎏", "，", "。", "\n", "群众满意度", "的"]
FILLER = "区委区政府高度重视基层治理工作"


def _text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(PIECES + [FILLER] * 4), max_size=400))
    return "".join(parts)


@st.composite
def texts(draw: st.DrawFn) -> str:
    return _text(draw)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(text=texts(), query_text=st.sampled_from(["网格", "网格员 江绍华", "app", "…", "kg", "的 网格"]))
def test_hit_passages_equal_the_passages_of_all_hits(text: str, query_text: str) -> None:
    query = parse_query(query_text)
    assert isinstance(query, Query)
    spans = highlight_spans(text, query)
    expected = passages(text, spans) if spans else passages("正文开头", [])
    assert expected == hit_passages(text, query, fallback="正文开头")


def test_a_long_article_is_not_scanned_to_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once two passages are complete, what follows cannot change them and is never folded."""
    folded: list[int] = []

    def counting(text: str) -> FoldedText:
        folded.append(len(text))
        return fold_with_map(text)

    monkeypatch.setattr(snippet, "fold_with_map", counting)
    text = "网格员上门。" * 20 + "无关的内容" * 2000
    query = parse_query("网格员")
    assert isinstance(query, Query)
    shown = hit_passages(text, query)
    assert sum(folded) < len(text) // 10
    assert shown == passages(text, highlight_spans(text, query))
    assert 2 == len(shown) and all(p.trailing for p in shown)


@pytest.mark.parametrize("at", [4 * SNIPPET_WIDTH + d for d in range(-4, 2)] + [16 * SNIPPET_WIDTH - 1])
def test_a_hit_across_the_end_of_a_scanned_piece_is_found_whole(at: int) -> None:
    text = "网格员" + "无" * (at - 3) + "网格员" + "无" * 3000
    query = parse_query("网格员")
    assert isinstance(query, Query)
    assert passages(text, highlight_spans(text, query)) == hit_passages(text, query)
