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
"""

from reader.archive.corrections.records import KIND_LABELS, Correction, CorrectionError
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
