"""rjieba's dictionary-only cut of a short text, from a compact word list instead of rjieba.

Why: importing rjieba builds jieba's whole dictionary (349,046 words) in Rust, some 0.5 s of CPU
and 35–58 MB held for the life of the process; the window and a ranked search on the command
line only ever cut a query's few terms. This module cuts them exactly as rjieba cuts
(jieba-rs 0.11's `cut(text, hmm=False)`: the same word graph, the same maximum-probability route,
the same ties and the same grouping of single Latin letters and digits), from
resources/jieba_words.txt, jieba's dictionary as one line of "word frequency" pairs per first
character: about 5 MB in memory, read in some 30–40 ms. tests/test_word_table.py proves that the two
cut alike (the test corpus, the held-out pages, random strings of tricky characters, a
dictionary with words added and removed).

Words only rank (what matches is the character index), and the index records how each article
was cut, so a query cut differently from its text would rank worse, never count wrong; still
every cut here must equal rjieba's, so that a term and the same text in an article cut alike.
Bulk text (an import, a rebuild of the index) keeps using rjieba, 13 times faster.

Pure Python: no SQLite, no Qt.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from reader.resources import WORD_LIST, locate

NO_WORD = float("-inf")  # ln(0): a word removed from the dictionary (jieba's del_word) never wins
_CJK = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002b73f"
    "\U0002b740-\U0002b81f\U0002b820-\U0002ceaf\U0002ceb0-\U0002ebef\U0002f800-\U0002fa1f"
)
# jieba-rs's RE_HAN_DEFAULT: runs of these are cut by the dictionary; anything else is a word
# of its own, character by character ("\r\n" being one).
_HAN = re.compile(f"[{_CJK}a-zA-Z0-9+#&._%\\-]+")
_SPACE = re.compile(r"\s")


class WordList:
    """jieba's shipped dictionary, read only: a word's frequency and whether any word starts
    with a given text. One line of the file per first character, "\\tword freq" repeated, so a
    look-up is one `str.find` in that character's line."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._blocks: dict[str, str] = {}
        self.total = 0
        self.longest = 0
        for raw in lines:
            line = raw.rstrip("\r")  # a checkout with CRLF line ends reads alike (no copy otherwise)
            if line.startswith("#") or not line:
                continue
            if line.startswith("\t"):
                self._blocks[line[1]] = line  # ends in a tab, as every entry is followed by one
            else:
                fields = dict(field.split("=") for field in line.split())
                self.total, self.longest = int(fields["total"]), int(fields["longest"])

    @classmethod
    def read(cls, path: Path) -> WordList:
        """The list in `path`, as scripts/make_word_table.py writes it."""
        return cls(path.read_bytes().decode("utf-8").split("\n"))

    def freq(self, word: str) -> int | None:
        """The word's frequency, None when the dictionary lacks it."""
        block = self._blocks.get(word[:1])
        if block is None:
            return None
        at = block.find(f"\t{word} ")
        if at < 0:
            return None
        start = at + len(word) + 2
        return int(block[start : block.index("\t", start)])

    def starts(self, text: str) -> bool:
        """Whether some word of the dictionary starts with `text` (or is it)."""
        block = self._blocks.get(text[:1])
        return block is not None and f"\t{text}" in block


@lru_cache(maxsize=1)
def shipped_words() -> WordList:
    """The shipped word list, read once per process on first use (MissingResource without it)."""
    return WordList.read(locate(WORD_LIST))


class TableCutter:
    """The shipped word list with words added or removed on top, cutting as jieba-rs does.

    `add_word` follows jieba-rs's `Jieba::add_word` (a missing frequency is `suggest_freq`'s,
    computed on the dictionary as it stands, so words must be added in the order rjieba was
    given them). Not thread-safe while words are added; cutting only reads.
    """

    def __init__(self, words: WordList) -> None:
        self._words = words
        self._own: dict[str, int] = {}  # added or changed words; they win over the list
        self._own_starts: set[str] = set()
        self._total = words.total
        self._longest = words.longest
        self._log_total = _log(self._total)

    def freq(self, word: str) -> int | None:
        own = self._own.get(word)
        return own if own is not None else self._words.freq(word)

    def add_word(self, word: str, freq: int | None = None) -> int:
        """Add `word` (or set its frequency); None: the frequency that keeps it whole. Returns
        the frequency given, as rjieba's add_word does; 0 removes a word (jieba's del_word)."""
        if not word:
            return 0
        if _SPACE.search(word):  # the list's lines are split at white space: no word holds any
            raise ValueError(f"a word with white space: {word!r}")
        if freq is None:
            freq = self.suggest_freq(word)
        self._total += freq - (self.freq(word) or 0)
        self._log_total = _log(self._total)
        self._own[word] = freq
        self._own_starts.update(word[:end] for end in range(1, len(word) + 1))
        self._longest = max(self._longest, len(word))
        return freq

    def suggest_freq(self, segment: str) -> int:
        """jieba-rs's suggest_freq: a frequency high enough that `segment` is cut whole."""
        log_freq = 0.0
        for word in self.cut(segment):
            log_freq = log_freq + _log(self._freq_or_one(word)) - self._log_total
        return max(int(math.exp(log_freq + self._log_total)) + 1, self._freq_or_one(segment))

    def _freq_or_one(self, word: str) -> int:
        freq = self.freq(word)
        return 1 if freq is None else freq

    def cut(self, text: str) -> list[str]:
        """The words of `text`, every character kept, as rjieba's cut(text, False) gives them."""
        words: list[str] = []
        at = 0
        for run in _HAN.finditer(text):
            _cut_others(text[at : run.start()], words)
            self._cut_run(run.group(), words)
            at = run.end()
        _cut_others(text[at:], words)
        return words

    def _starts(self, text: str) -> bool:
        return text in self._own_starts or self._words.starts(text)

    def _route(self, run: str) -> list[int]:
        """Where the most probable word starting at each position ends (jieba-rs `calc`): the
        best of (ln freq − ln total + the route's value from the word's end, the word's end),
        compared as tuples, so a tie goes to the longer word; a character no word starts with
        is a word of its own with frequency 1."""
        size = len(run)
        log_total = self._log_total
        value = [0.0] * (size + 1)
        ends = [0] * (size + 1)
        for start in range(size - 1, -1, -1):
            best: tuple[float, int] | None = None
            for end in range(start + 1, min(size, start + self._longest) + 1):
                word = run[start:end]
                freq = self.freq(word)
                if freq is not None:
                    candidate = (_log(freq) - log_total + value[end], end)
                    if best is None or candidate >= best:
                        best = candidate
                elif not self._starts(word):
                    break
            if best is None:
                best = (0.0 - log_total + value[start + 1], start + 1)
            value[start], ends[start] = best
        return ends

    def _cut_run(self, run: str, words: list[str]) -> None:
        """A run of Han characters, Latin letters and digits (jieba-rs `cut_dag_no_hmm`): the
        route's words, consecutive single letters or digits joined into one word."""
        ends = self._route(run)
        at = 0
        latin: int | None = None
        while at < len(run):
            end = ends[at]
            if end - at == 1 and run[at].isascii() and run[at].isalnum():
                latin = at if latin is None else latin
            else:
                if latin is not None:
                    words.append(run[latin:at])
                    latin = None
                words.append(run[at:end])
            at = end
        if latin is not None:
            words.append(run[latin:])


def _log(freq: int) -> float:
    return math.log(freq) if freq > 0 else NO_WORD


def _cut_others(text: str, words: list[str]) -> None:
    """Text between runs: one word per character, "\\r\\n" one word."""
    at = 0
    while at < len(text):
        step = 2 if text.startswith("\r\n", at) else 1
        words.append(text[at : at + step])
        at += step


_lock = threading.Lock()


def table_cutter(added: Iterable[tuple[str, int | None]]) -> TableCutter:
    """A cutter over the shipped word list with `added` (word, frequency or None) applied in
    order, as reader.text.words gives rjieba the same words; the list is read once per process
    (under a lock: the window's search worker and its warm-up may both ask first)."""
    with _lock:
        cutter = TableCutter(shipped_words())
    for word, freq in added:
        cutter.add_word(word, freq)
    return cutter
