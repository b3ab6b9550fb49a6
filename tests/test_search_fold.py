"""Folding: full-/half-width and Latin case, with every folded index traced to the original."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.resources import FOLD_TABLE, locate
from reader.text.fold import (
    _bmp_table,
    _fold_with_map_by_table,
    _fold_with_map_one_by_one,
    fold,
    fold_char,
    fold_with_map,
    to_simplified,
    traditional_characters,
)

REPO = Path(__file__).resolve().parents[1]


def test_the_bulk_table_folds_every_character_of_the_bmp_as_one_at_a_time() -> None:
    """fold's table is made in one NFKC pass over the BMP (fast: issue 26); each entry must be
    what folding that character alone gives, and no character folding changes may be missing."""
    one_at_a_time = {}
    for code in range(0x10000):
        char = chr(code)
        if not 0xD800 <= code <= 0xDFFF and (folded := fold_char(char)) != char:
            one_at_a_time[char] = folded
    assert one_at_a_time == _bmp_table()
    whole_bmp = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF)
    assert "".join(map(fold_char, whole_bmp)) == fold(whole_bmp)


def test_full_width_digits_fold_to_ascii() -> None:
    assert "2022" == fold("２０２２")


def test_latin_case_folds_to_lower() -> None:
    assert "app app" == fold("APP Ａｐｐ")


def test_full_width_space_folds_to_space() -> None:
    assert "幸福 食堂" == fold("幸福　食堂")


def test_chinese_text_is_unchanged() -> None:
    assert "区长江绍华「红色邮箱」" == fold("区长江绍华「红色邮箱」")


def test_fold_is_per_character() -> None:
    text = "e\u0301Ｅ\u0301"
    assert "".join(unicodedata.normalize("NFKC", c).casefold() for c in text) == fold(text)


def test_expanding_characters_map_back_to_their_source() -> None:
    folded = fold_with_map("重5㎏……好")
    assert "重5kg......好" == folded.folded
    assert (2, 3) == folded.original_span(2, 4)
    assert (3, 5) == folded.original_span(4, 10)
    assert (5, 6) == folded.original_span(10, 11)


@settings(derandomize=True, max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab㎏…ßＡ中ﬁ２　Ⅻ"), max_size=20))
def test_every_folded_index_maps_to_the_character_that_produced_it(text: str) -> None:
    folded = fold_with_map(text)
    origin = [i for i, c in enumerate(text) for _ in fold_char(c)]
    assert "".join(fold_char(c) for c in text) == folded.folded
    assert origin == [folded.original_index(j) for j in range(len(folded.folded))]


@settings(derandomize=True, max_examples=500)
@given(st.text(max_size=40))
def test_fold_of_any_text_joins_the_folds_of_its_characters(text: str) -> None:
    """Any code point, astral ones included: the fast path must agree with the definition."""
    folded = fold_with_map(text)
    assert "".join(fold_char(c) for c in text) == folded.folded
    origin = [i for i, c in enumerate(text) for _ in fold_char(c)]
    assert origin == [folded.original_index(j) for j in range(len(folded.folded))]


@settings(derandomize=True, max_examples=500)
@given(st.text(max_size=40) | st.text(alphabet=st.sampled_from("ab㎏…ßＡ中ﬁ２　Ⅻ\t𠀀"), max_size=20))
def test_folding_one_character_at_a_time_gives_what_the_table_gives(text: str) -> None:
    """A process folds its first characters one at a time, without building the table (issue 26:
    a command-line search); the map back to the original must be the table's, anchors and all."""
    assert _fold_with_map_one_by_one(text) == _fold_with_map_by_table(text)


def test_a_short_first_fold_builds_no_table(tmp_path: Path) -> None:
    """In a fresh process: a query and a page of snippets fold one character at a time; a long
    text (an import) builds the table and folds the same."""
    code = (
        "from reader.text import fold as f\n"
        "short = f.fold('區長江紹華 ＡＢ')\n"
        "print(short, f._folding.cache_info().currsize)\n"
        "long_text = '東昌府訊　Ｋ' * 5000\n"
        "print(f.fold(long_text) == ''.join(map(f.fold_char, long_text)), f._folding.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, check=True, timeout=60)
    assert "区长江绍华 ab 0\nTrue 1" == done.stdout.decode("utf-8").strip()


def test_astral_characters_that_fold_are_folded() -> None:
    assert "a" == fold("\U0001d400")  # MATHEMATICAL BOLD CAPITAL A
    assert "\U0001f600" == fold("\U0001f600")  # an emoji stays as it is


def test_traditional_characters_fold_to_simplified() -> None:
    assert "东昌府区长江绍华" == fold("東昌府區長江紹華")


def test_one_to_many_folds_to_the_most_common_form() -> None:
    assert "干" == fold("乾") == fold("幹") == fold("干")


def test_every_traditional_character_folds_to_one_character_and_folding_again_changes_nothing() -> None:
    for char in traditional_characters():
        folded = fold_char(char)
        assert 1 == len(folded), char
        assert folded == fold(folded), char


def test_traditional_text_maps_back_one_to_one() -> None:
    folded = fold_with_map("在東昌府區")
    assert "在东昌府区" == folded.folded
    assert (1, 4) == folded.original_span(1, 4)


def test_the_parsers_fold_says_what_the_table_says_of_every_character() -> None:
    """`to_simplified` translates through a list indexed by code point (fold.CharMap), and beyond
    the BMP through a second pass: every traditional character of the resource table, astral ones
    included, set among simplified text and ASCII, comes out as the table says."""
    table = {}
    for row in locate(FOLD_TABLE).read_text(encoding="utf-8").splitlines():
        trad, _, simp = row.partition("\t")
        if row and not row.startswith("#") and len(trad) == 1 and len(simp) == 1:
            table[ord(trad)] = ord(simp)
    assert any(code > 0xFFFF for code in table)
    text = "简体 a1 ".join(map(chr, table)) + "\U00020000"
    assert text.translate(table) == to_simplified(text)
