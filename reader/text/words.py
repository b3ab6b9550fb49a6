"""jieba word segmentation for ranking, loaded on first use and never at start-up.

Words decide ranking only (whole-word matches first); what matches is decided by the
character index, because jieba cuts some names wrongly (区长江绍华 → 区 / 长江 / 绍华).
Loading the cutter (importing rjieba, which builds its dictionary) costs some 0.3 s of CPU on a
busy two-core machine (the default segmenter adds its words to that tokenizer rather than
building a second one, another 0.2 s), so neither the window
nor a search that needs no words pays it: `Segmenter` loads on the first `cut()`. A user
dictionary of local names and places (resources/userdict.txt, jieba format: word [freq] [tag],
found by reader.resources) is read at load; without it 江绍华 is cut as 绍/华 and ranking
changes, so a missing dictionary is an error (MissingResource), never a quiet cut without it.
jieba's cache file goes to the user cache directory. Logging is the application's to configure:
nothing here touches it.

Cutting runs without jieba's HMM: the HMM glues unknown names onto neighbours and depends on
context, while the dictionary-only cut is deterministic, faster and makes a query term and the
same text in an article cut alike more often.

rjieba (jieba's Rust port, a required dependency with wheels for Windows, Linux and macOS) does
the cutting: its dictionary-only cuts equal jieba's on the corpus with our user dictionary
(tests/test_words.py checks this) and it is about 20× faster, which makes import several times
faster. jieba is the reference those tests compare against (`engine="jieba"`, installed with the
test extra); it is no fallback, so every installation cuts alike. Mixing the two could only
change ranking, never what matches, and the index records how each article was cut.

Each open archive cuts with the segmenter it was given (reader.archive.db.open_archive); a test
gives its own. Without one it gets `default_segmenter()`, the one instance the process shares:
loading the dictionary takes some 80 ms, and the window opens an archive for every search.

A query's terms are cut by `cut_query`, which gives rjieba's words without loading rjieba
(reader.text.word_table: the same algorithm over a compact word list, some 5 MB and 30–40 ms where
rjieba holds 35–58 MB and takes 0.5 s): the window and a ranked search on the command line cut
nothing but queries (issue 26: window memory, command-line start-up). Bulk text stays rjieba's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from reader.resources import USER_DICTIONARY, locate

ENGINES = ("rjieba", "jieba")
PIECE = 1 << 14  # characters cut at a time by `Segmenter.cut_pieces`
# Characters jieba makes a word of their own wherever they stand (no Han run, no white-space run
# holds them), so a text cut into pieces after one of them gives the words of the whole text.
_SEPARATORS = "\n，。、；：？！"
Word = tuple[str, int | None, str | None]  # a dictionary entry: word, frequency, part-of-speech tag


def _cache_dir() -> Path:
    try:
        import platformdirs

        path = Path(platformdirs.user_cache_dir("archive-reader", appauthor=False))
        path.mkdir(parents=True, exist_ok=True)
        return path
    except (ImportError, OSError):
        import tempfile  # here: only the reference cutter (jieba) keeps a cache

        return Path(tempfile.gettempdir())


class Segmenter:
    """A jieba tokenizer with the local user dictionary; thread-safe, loads once, lazily."""

    def __init__(
        self,
        user_dict: Path | Literal["packaged"] | None = "packaged",
        *,
        engine: str = "rjieba",
        added: Sequence[str] = (),
        removed: Sequence[str] = (),
        module_instance: bool = False,
    ) -> None:
        """`user_dict`: "packaged" (the one shipped in resources/), a file, or None for none.
        `added` / `removed`: words an archive keeps whole, or no longer keeps whole, on top of
        the dictionaries (reader.archive.dictionary).

        `module_instance`: cut with the tokenizer rjieba builds when it is imported, the user
        dictionary's words added to it, instead of building a second one (0.2–0.26 s of CPU
        at every start that cuts words: a ranked search on the command line, the window's first
        search, an import). Only `default_segmenter` asks for it: every segmenter sharing that
        tokenizer must add the same words, so an archive's own words get one of their own.

        `engine`: "rjieba" (what the program uses) or "jieba" (the reference, for tests).
        Nothing is read until the first cut; a missing packaged dictionary raises
        MissingResource there.
        """
        if engine not in ENGINES:
            raise ValueError(f"unknown word cutter {engine!r}; one of {ENGINES}")
        self._user_dict = user_dict
        self._engine = engine
        self._lock = threading.Lock()
        self._cut: Callable[[str], list[str]] | None = None
        self._query_cut: Callable[[str], list[str]] | None = None
        self._added = tuple(added)
        self._removed = tuple(removed)
        self._module_instance = module_instance and not added and not removed

    def _load(self) -> Callable[[str], list[str]]:
        with self._lock:
            if self._cut is None:
                path = self._user_dict_path()
                if self._engine == "jieba":
                    self._cut = self._load_jieba(path, self._added, self._removed)
                else:
                    words = own_words(path, self._added, self._removed)
                    self._cut = self._load_rjieba(words, self._module_instance)
            return self._cut

    def _user_dict_path(self) -> Path | None:
        return locate(USER_DICTIONARY) if self._user_dict == "packaged" else self._user_dict

    def _load_query_cut(self) -> Callable[[str], list[str]]:
        if self._engine == "jieba":  # the reference cuts its queries itself
            return self._load()
        with self._lock:
            if self._query_cut is None:
                from reader.text.word_table import table_cutter

                words = own_words(self._user_dict_path(), self._added, self._removed)
                self._query_cut = table_cutter((word, freq) for word, freq, _tag in words).cut
            return self._query_cut

    @staticmethod
    def _load_jieba(
        user_dict: Path | None, added: tuple[str, ...], removed: tuple[str, ...]
    ) -> Callable[[str], list[str]]:
        import jieba

        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(_cache_dir())
        tokenizer.initialize()
        if user_dict is not None:
            with user_dict.open("rb") as words:  # jieba opens a path itself and never closes it
                tokenizer.load_userdict(words)
        for word in added:
            tokenizer.add_word(word)
        for word in removed:
            tokenizer.del_word(word)
        return lambda text: list(tokenizer.cut(text, HMM=False))

    @staticmethod
    def _load_rjieba(words: list[Word], module_instance: bool) -> Callable[[str], list[str]]:
        import rjieba

        # rjieba.cut and rjieba.add_word are the bound methods of the instance its import built.
        tokenizer: Any = rjieba if module_instance else rjieba.Jieba()
        for word, freq, tag in words:
            tokenizer.add_word(word, freq, tag)
        return lambda text: list(tokenizer.cut(text, False))

    @property
    def engine(self) -> str:
        """'rjieba' or 'jieba' once loaded, '' before."""
        return self._engine if self._cut is not None else ""

    @property
    def loaded(self) -> bool:
        """Whether jieba has been loaded (lets tests check that start-up stays cheap)."""
        return self._cut is not None

    @property
    def query_cutter_loaded(self) -> bool:
        """Whether `cut_query` has read its word list."""
        return self._query_cut is not None

    def load_query_cutter(self) -> None:
        """Read the word list `cut_query` uses now (some 30–40 ms), where waiting holds nothing up."""
        self._load_query_cut()

    def cut_query(self, text: str) -> list[str]:
        """`cut(text)`'s words, without loading rjieba: for a query's terms, a few characters
        each (reader.text.word_table; pure Python, 10–20 times slower than rjieba on bulk text)."""
        if not text:
            return []
        return self._load_query_cut()(text)

    def load(self) -> None:
        """Load the dictionary now (about half a second), where waiting holds nothing up."""
        self._load()

    def cut(self, text: str) -> list[str]:
        """jieba words of `text`, every character kept (whitespace and punctuation are words too)."""
        if not text:
            return []
        return self._load()(text)

    def cut_pieces(self, text: str) -> Iterator[list[str]]:
        """`cut(text)` a piece at a time (see `pieces`), so that a text of megabytes never has
        all its words in memory at once: a few million word strings cost hundreds of MB."""
        for piece in pieces(text):
            yield self.cut(piece)


def pieces(text: str, size: int = PIECE) -> Iterator[str]:
    """`text` in consecutive pieces of at most `size` characters, each ending right after a
    separator (a newline or a CJK sentence mark) where it has one; their words are then the whole
    text's. A run of `size` characters without one is cut where it ends (a word there may be
    cut in two: a ranking detail, as the index records the cut it used)."""
    start = 0
    while len(text) - start > size:
        end = max(text.rfind(mark, start, start + size) for mark in _SEPARATORS) + 1
        end = end if end > start else start + size
        yield text[start:end]
        start = end
    if start < len(text):
        yield text[start:]


def own_words(path: Path | None, added: Sequence[str], removed: Sequence[str]) -> list[Word]:
    """The words a segmenter adds to jieba's dictionary, in the order they are added (a word
    without a frequency gets one computed on the dictionary as it stands then): the user
    dictionary's, the archive's additions, its removals (jieba's del_word: a frequency of 0)."""
    return [
        *user_words(path),
        *((word, None, None) for word in added),
        *((word, 0, None) for word in removed),
    ]


def user_words(path: Path | None) -> list[Word]:
    """(word, frequency, tag) of each line of a jieba user dictionary, as jieba reads them.

    None: no dictionary, no words. A path that cannot be read raises OSError, as jieba does.
    """
    if path is None:
        return []
    words: list[Word] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tags = [p for p in parts[1:] if not p.isdigit()]
        words.append((parts[0], freq, tags[0] if tags else None))
    return words


@lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    """The packaged-dictionary segmenter every archive shares unless given its own.

    One instance for the process, so the dictionary is loaded once, on the first cut: the window
    opens a read-only archive for each search and must not pay the load each time.
    """
    return Segmenter(module_instance=True)


@lru_cache(maxsize=8)
def segmenter_with(added: tuple[str, ...] = (), removed: tuple[str, ...] = ()) -> Segmenter:
    """The packaged-dictionary segmenter with an archive's own words added and removed, one per
    word list for the process (the window opens an archive for every search); the default one
    when the archive changes nothing."""
    if not added and not removed:
        return default_segmenter()
    return Segmenter(added=added, removed=removed)
