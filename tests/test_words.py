"""The word segmenter: rjieba cuts exactly as jieba does, so either may build the word index."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from corpus_support import corpus_lines

from reader.resources import USER_DICTIONARY, locate
from reader.text.words import Segmenter, default_segmenter, user_words


def test_rjieba_cuts_the_corpus_exactly_as_jieba() -> None:
    reference, fast = Segmenter(engine="jieba"), Segmenter(engine="rjieba")
    lines = corpus_lines()
    assert lines
    assert [reference.cut(line) for line in lines] == [fast.cut(line) for line in lines]
    assert ("jieba", "rjieba") == (reference.engine, fast.engine)


def test_the_default_segmenter_on_rjiebas_own_instance_cuts_as_one_of_its_own() -> None:
    """default_segmenter reuses the tokenizer rjieba's import builds (issue 26: start-up)."""
    text = "\n".join(corpus_lines())
    assert Segmenter().cut(text) == default_segmenter().cut(text)
    assert "江绍华" in default_segmenter().cut("区长江绍华主持会议")  # a word of the user dictionary


@pytest.mark.parametrize("engine", ["jieba", "rjieba"])
def test_user_dictionary_keeps_local_names_whole(engine: str) -> None:
    words = Segmenter(engine=engine).cut("区长江绍华在柳园街道调研幸福食堂")
    assert "江绍华" in words and "柳园街道" in words


def test_user_dictionary_lines_are_read_like_jieba_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "dict.txt"
    path.write_text("江绍华 2000 nr\n幸福食堂\n# 注释\n\n网格员 nz\n", encoding="utf-8")
    assert [("江绍华", 2000, "nr"), ("幸福食堂", None, None), ("网格员", None, "nz")] == user_words(path)
    assert user_words(locate(USER_DICTIONARY))


def test_segmenter_loads_nothing_until_the_first_cut() -> None:
    segmenter = Segmenter()
    assert not segmenter.loaded and segmenter.engine == ""
    segmenter.cut("幸福食堂")
    assert segmenter.loaded


@pytest.mark.parametrize("engine", ["jieba", "rjieba"])
def test_cutting_words_leaves_the_logging_configuration_alone(engine: str) -> None:
    if engine == "jieba":
        import jieba  # noqa: F401  (its import sets up its own logger: that is jieba's business)
    loggers = [logging.getLogger(), logging.getLogger("jieba")]
    before = [(logger.level, list(logger.handlers)) for logger in loggers]
    assert ["区长", "江绍华"] == Segmenter(engine=engine).cut("区长江绍华")
    assert before == [(logger.level, list(logger.handlers)) for logger in loggers]
