"""Write resources/jieba_words.txt, the word list queries are cut with (reader/text/word_table.py).

Source: jieba's dictionary dict.txt (https://github.com/fxsjy/jieba, MIT License), as shipped in
jieba 0.42.1 (installed with the test extra; constraints.txt), the dictionary jieba-rs embeds
and rjieba cuts with (tests/test_word_table.py checks rjieba knows every word and cuts alike):

    python scripts/make_word_table.py            # reads the installed jieba's dict.txt
    python scripts/make_word_table.py PATH/dict.txt

Kept: each word and its frequency (a word listed twice keeps its last frequency, as jieba-rs
loads it), not the part-of-speech tags, which cutting never reads. One line per first character,
words in code-point order, each line ending in a tab (what a look-up needs after the last entry).
Not compressed: gunzip took 40 ms of the 80 it took to read the list, and git and the wheel
compress the file anyway.
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "jieba_words.txt"
HEADER = """\
# jieba 的词典（词与词频），检索时切分查询词用（reader/text/word_table.py）。
# 由 scripts/make_word_table.py 生成，勿手改。
# jieba's dictionary (word and frequency) for cutting queries. Generated; do not edit.
# Source: jieba 0.42.1 jieba/dict.txt (https://github.com/fxsjy/jieba),
# Copyright (c) 2013 Sun Junyi, MIT License.
# Each line after the totals: the words starting with one character, "<TAB>word frequency" repeated,
# then a tab.
"""


def default_source() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


def read_dictionary(source: Path) -> dict[str, int]:
    """Word → frequency, as jieba-rs's load_dict reads the file."""
    words: dict[str, int] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if fields:
            words[fields[0]] = int(fields[1]) if len(fields) > 1 else 0
    return words


def table_text(words: dict[str, int]) -> str:
    """The list's text: header, totals, one line per first character."""
    lines: dict[str, list[str]] = {}
    for word in sorted(words):
        lines.setdefault(word[0], []).append(f"\t{word} {words[word]}")
    totals = f"total={sum(words.values())} longest={max(map(len, words))}\n"
    return HEADER + totals + "".join("".join(entries) + "\t\n" for entries in lines.values())


def table_bytes(words: dict[str, int]) -> bytes:
    return table_text(words).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="生成检索切词用的词表 resources/jieba_words.txt")
    parser.add_argument(
        "source", type=Path, nargs="?", default=None, help="jieba 的 dict.txt（默认：已安装的 jieba）"
    )
    args = parser.parse_args()
    source = args.source or default_source()
    OUT.write_bytes(table_bytes(read_dictionary(source)))
    print(f"{OUT}: {OUT.stat().st_size} 字节，来自 {source}")


if __name__ == "__main__":
    main()
