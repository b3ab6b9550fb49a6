"""Pure text: decoding dumps and parsing them into issues. No SQLite, no Qt.

The names below are loaded on first use (PEP 562): every module of reader/ imports some part
of this package (folding, queries, dates), and loading the parser with it cost each start of the
command line and the window some 0.15 s that a search or the first page never needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.text.errors import Cancelled, SourceError
    from reader.text.folders import find_sources
    from reader.text.load import read_issue
    from reader.text.model import Article, DateHint, ParsedIssue

__all__ = ["Article", "Cancelled", "DateHint", "ParsedIssue", "SourceError", "find_sources", "read_issue"]
_HOMES = {
    "Article": "model",
    "Cancelled": "errors",
    "DateHint": "model",
    "ParsedIssue": "model",
    "SourceError": "errors",
    "find_sources": "folders",
    "read_issue": "load",
}


def __getattr__(name: str) -> object:
    """The re-exported name from its module, imported now (a submodule is no attribute here)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'reader.text' has no attribute {name!r}")
    return getattr(import_module(f"reader.text.{home}"), name)
