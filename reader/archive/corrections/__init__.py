"""Staff corrections of how an issue was cut into articles, and of its text, kept through every
re-import.

A correction (retitle, split, merge, caption, edit of a paragraph's text) is a record of its
own, keyed by the stable issue and article keys (reader.archive.keys), never an edit of the
imported rows that a re-import would overwrite. Applying it changes the rows readers see and
remembers the imported originals, so the importer can lift an issue's corrections, write the
file's new reading, and replay them; one that no longer fits the text is kept and listed with
its reason (未能应用的校订), never dropped.

Modules: schema (the tables' names and columns; migration 9 made them), records (Correction,
CorrectionError), apply (one correction on the current rows), replay (lift / replay / rebuild an
issue), carry (corrections that go with a file re-imported as another issue), store (the API).

The store's functions are loaded on first use (PEP 562), as reader.text's names are: the window
and the command line import this package for its records (CorrectionError names a known error,
Correction a type), while applying a correction pulls in the byline reader and with it the
parser's shapes, some 0.1 s of CPU that a start or a search never needs (issue 26).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from reader.archive.corrections.records import KIND_LABELS, Correction, CorrectionError

if TYPE_CHECKING:
    from reader.archive.corrections.store import (
        caption,
        corrected_keys,
        edit_text,
        failed_corrections,
        list_corrections,
        merge,
        merge_next,
        original_text,
        redo,
        retitle,
        split,
        undo,
    )


def __getattr__(name: str) -> object:
    """A function of the store, imported now (a submodule is no attribute here)."""
    if name not in _STORE:
        raise AttributeError(f"module 'reader.archive.corrections' has no attribute {name!r}")
    return getattr(import_module("reader.archive.corrections.store"), name)


__all__ = [
    "KIND_LABELS",
    "Correction",
    "CorrectionError",
    "caption",
    "corrected_keys",
    "edit_text",
    "failed_corrections",
    "list_corrections",
    "merge",
    "merge_next",
    "original_text",
    "redo",
    "retitle",
    "split",
    "undo",
]

# The names the store gives (the rest of __all__ is imported above): one list, which ruff and mypy
# read as the package's exports.
_STORE = frozenset(__all__) - {"KIND_LABELS", "Correction", "CorrectionError"}
