"""The tables of staff corrections: the corrections themselves and what applying them left.

`corrections` is the record the user made: it names its article by the stable keys (issue key +
article key, with the article's imported fingerprint to find it again when an edited file gave
it another key), never by row id, and is never changed by an import. The other three tables are
derived state, rebuilt whenever an issue's corrections are lifted and replayed
(reader.archive.corrections.replay):

* `correction_originals`: an imported article row as the import wrote it, saved before the first
  correction changed or removed it, so that the issue can be put back to what the file says;
* `correction_made`: the articles a split created (they have no imported original);
* `article_aliases`: the key of an article merged into another, pointing at the merged one, so
  bookmarks and links of either half find the merged text.

The tables are made by migration 9 (reader.archive.migrations), whose SQL is frozen there.
"""

from __future__ import annotations

# Every table, the record first: what a repair copies (articles hold the corrected text, so
# the originals and the rest must come along for undo and re-import to work).
CORRECTION_TABLES = ("corrections", "correction_originals", "correction_made", "article_aliases")
# The article columns an original keeps (besides its key and issue), in this order.
ORIGINAL_COLUMNS = (
    "id",
    "source_id",
    "position",
    "page",
    "kicker",
    "headline",
    "subtitle",
    "dateline",
    "byline",
    "body",
    "kind",
    "fingerprint",
)
