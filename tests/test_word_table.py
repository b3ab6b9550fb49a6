"""Queries are cut from the compact word list exactly as rjieba cuts (reader.text.word_table), so a
query term and the same text in an article cut alike, and the window and the command line never
load rjieba for a search (issue 26: 35–58 MB and 0.5 s of CPU)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from corpus_support import corpus_lines

from reader.resources import WORD_LIST, locate
from reader.text.fold import fold
from reader.text.word_table import TableCutter, WordList, shipped_words
from reader.text.words import Segmenter

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
# Characters that exercise every branch: Han runs, Latin letters and digits (joined when the
# route leaves them single), jieba's run characters +#&._%-, white space, \r\n, CJK punctuation,
# a character beyond the BMP, and words of the user dictionary and of an archive's own.
TRICKY = (
    "区长江绍华开发区管委会幸福食堂柳园街道网格员东昌府讯本报记者李华的一是在不了有和人这中大为上个国"
    "我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    "ABCabcz012 ，。、；：？！\t\n\r“”《》（）-+#&._%𠀀"
)
ADDED = ("区长江", "幸福食", "管委", "江绍华路")
REMOVED = ("长江", "江绍", "开发区", "的")


def held_out_lines() -> list[str]:
    """Every line of the test corpus and of the held-out pages, as jieba meets them in an import."""
    lines = corpus_lines()
    for folder in ("corpus_holdout", "corpus_holdout2"):
        for path in sorted((TESTS / folder).glob("*.txt")):
            lines += path.read_text(encoding="utf-8").splitlines()
    return lines


def random_strings(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(TRICKY) for _ in range(rnd.randint(1, 24))) for _ in range(count)]


@pytest.mark.parametrize(
    ("added", "removed"), [((), ()), (ADDED, REMOVED)], ids=["shipped", "with the archive's own words"]
)
def test_queries_are_cut_exactly_as_rjieba_cuts_the_same_text(
    added: tuple[str, ...], removed: tuple[str, ...]
) -> None:
    segmenter = Segmenter(added=added, removed=removed)
    texts = held_out_lines() + random_strings(3000, seed=len(added))
    texts += [fold(text) for text in texts[:500]]  # what a query is cut as: folded
    assert [segmenter.cut(text) for text in texts] == [segmenter.cut_query(text) for text in texts]
    assert "江绍华路" not in segmenter.cut_query("江绍华") and segmenter.loaded


def test_words_added_get_the_frequencies_rjieba_gives_them() -> None:
    import rjieba

    reference, table = rjieba.Jieba(), TableCutter(shipped_words())
    entries = [("江绍华", 2000), ("幸福食堂", None), ("区长江", None), ("长江", 0), ("管委", None)]
    entries.append(("长江大桥", None))
    assert [reference.add_word(word, freq, None) for word, freq in entries] == [
        table.add_word(word, freq) for word, freq in entries
    ]
    text = "区长江绍华在长江大桥边的幸福食堂与管委会座谈"
    assert reference.cut(text, False) == table.cut(text)


def test_ties_and_removed_words_are_settled_as_rjieba_settles_them() -> None:
    """Routes of equal probability (removed words: ln 0 = −∞ wherever they lead) go to the
    longer word, as jieba-rs's max_by does; a removed single character is still a word."""
    import rjieba

    reference, table = rjieba.Jieba.empty(), TableCutter(WordList(["total=0 longest=0"]))
    entries = [("甲", 6), ("乙", 6), ("甲乙", 2), ("丙", 4), ("乙丙", 0), ("丙丁", 0), ("丁", 0)]
    entries.append(("甲乙丙丁", 3))
    for word, freq in entries:
        reference.add_word(word, freq, None)
        table.add_word(word, freq)
    rnd = random.Random(7)
    texts = ["".join(rnd.choice("甲乙丙丁戊a1 ") for _ in range(rnd.randint(1, 12))) for _ in range(2000)]
    assert [reference.cut(text, False) for text in texts] == [table.cut(text) for text in texts]
    assert ["甲乙丙丁"] == table.cut("甲乙丙丁")


def test_a_query_is_cut_without_loading_rjieba(tmp_path: Path) -> None:
    """In a fresh process: cutting a query reads the word list and leaves rjieba unloaded."""
    import subprocess

    code = (
        "import sys\n"
        "from reader.text.words import Segmenter\n"
        "segmenter = Segmenter()\n"
        "print(segmenter.cut_query('区长江绍华'), segmenter.loaded, 'rjieba' in sys.modules)\n"
    )
    command = [sys.executable, "-c", code]
    done = subprocess.run(command, cwd=REPO, capture_output=True, check=True, timeout=120)
    assert "['区长', '江绍华'] False False" == done.stdout.decode("utf-8").strip()


def test_the_shipped_list_is_jiebas_dictionary_as_the_script_writes_it() -> None:
    """resources/jieba_words.txt is what scripts/make_word_table.py makes of the installed
    jieba's dict.txt, and rjieba knows each of its words (the same dictionary)."""
    import rjieba

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import make_word_table
    finally:
        sys.path.remove(str(REPO / "scripts"))
    words = make_word_table.read_dictionary(make_word_table.default_source())
    shipped_text = locate(WORD_LIST).read_bytes().replace(b"\r\n", b"\n")  # as git may check it out
    assert make_word_table.table_bytes(words) == shipped_text
    reference = rjieba.Jieba()
    assert [] == [word for word in words if not reference.has_word(word)]
    shipped = shipped_words()
    assert (sum(words.values()), max(map(len, words))) == (shipped.total, shipped.longest)
    assert all(shipped.freq(word) == freq for word, freq in list(words.items())[::997])


def test_the_list_answers_what_it_holds_and_nothing_else() -> None:
    words = WordList(["total=7 longest=2\r", "\t区 3\t区长 4\t", "\tab 0\t\r"])  # CRLF read alike
    assert (3, 4, 0, None, None) == tuple(words.freq(w) for w in ("区", "区长", "ab", "长", "区长江"))
    assert words.starts("区") and words.starts("a") and not words.starts("区长江") and not words.starts("b")
    assert (7, 2) == (words.total, words.longest)


def test_a_word_with_white_space_is_refused() -> None:
    with pytest.raises(ValueError, match="white space"):
        TableCutter(shipped_words()).add_word("区 长", 3)
