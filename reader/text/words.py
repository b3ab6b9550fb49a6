"""jieba word segmentation for ranking, loaded on first use and never at start-up.

Words decide ranking only (whole-word matches first); what matches is decided by the
character index, because jieba cuts some names wrongly (区长江绍华 → 区 / 长江 / 绍华).
Loading jieba's dictionary takes about a second, so the GUI must not pay it when the window
opens: `Segmenter` loads on the first `cut()`. A user dictionary of local names and places
(resources/userdict.txt, jieba format: word [freq] [tag]) is read at load. jieba's cache file
goes to the user cache directory and its log output is silenced.

Cutting runs without jieba's HMM: the HMM glues unknown names onto neighbours and depends on
context, while the dictionary-only cut is deterministic, faster and makes a query term and the
same text in an article cut alike more often.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

USER_DICT = Path(__file__).resolve().parents[2] / "resources" / "userdict.txt"


def _cache_dir() -> Path:
    try:
        import platformdirs

        path = Path(platformdirs.user_cache_dir("archive-reader", appauthor=False))
        path.mkdir(parents=True, exist_ok=True)
        return path
    except (ImportError, OSError):
        return Path(tempfile.gettempdir())


class Segmenter:
    """A jieba tokenizer with the local user dictionary; thread-safe, loads once, lazily."""

    def __init__(self, user_dict: Path | None = USER_DICT) -> None:
        self._user_dict = user_dict
        self._lock = threading.Lock()
        self._tokenizer: Any = None

    def _load(self) -> Any:
        with self._lock:
            if self._tokenizer is None:
                import jieba

                logging.getLogger("jieba").setLevel(logging.ERROR)
                jieba.setLogLevel(logging.ERROR)
                tokenizer = jieba.Tokenizer()
                tokenizer.tmp_dir = str(_cache_dir())
                tokenizer.initialize()
                if self._user_dict is not None and self._user_dict.is_file():
                    tokenizer.load_userdict(str(self._user_dict))
                self._tokenizer = tokenizer
            return self._tokenizer

    @property
    def loaded(self) -> bool:
        """Whether jieba has been loaded (lets tests check that start-up stays cheap)."""
        return self._tokenizer is not None

    def cut(self, text: str) -> list[str]:
        """jieba words of `text`, every character kept (whitespace and punctuation are words too)."""
        if not text:
            return []
        return list(self._load().cut(text, HMM=False))


@lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    """The process-wide segmenter, so jieba's dictionary is loaded once and only when needed."""
    return Segmenter()
