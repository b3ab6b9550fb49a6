"""Corrections that go with their file when a re-import reads it as another issue.

Corrections name their issue by its key (publication, date and number, reader.archive.keys),
fixed when the issue is made. When a file is imported again and now reads as another issue (its
date or number was put right in the file, or a better parser reads them), the importer knows the
new issue takes the old one's place only when it replaced the file's earlier import: the same
text read anew, or the user chose 用新文件替换 (`--replace`) after the conflict report. The
articles then keep their keys (the importer reuses them), and `follow_file` gives each correction
whose article came along the new issue's key, for the replay that follows.

A correction whose article did not come along keeps the old issue's key. When the old issue is
gone it is listed as failed with a reason that names the issue the file now reads as; when the
old issue comes back (the file imported again as it was), it applies again by itself. Moving it
anyway would be unsafe: the importer takes a file for an earlier version of another by name and
one shared article, so the old issue may be another day's page; kept under its key a correction
loses nothing, moved to a wrong issue it would never find its own again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.archive.corrections.apply import find_article
from reader.archive.corrections.records import CORRECTION_COLUMNS, correction_from_row
from reader.archive.corrections.replay import ISSUE_GONE

if TYPE_CHECKING:
    from reader.archive.handle import Archive


def left_behind(new_issue: str) -> str:
    """Why a correction of an issue that is gone did not go with its file to `new_issue`."""
    return f"{ISSUE_GONE}：它的文件重新导入后读作“{new_issue}”，其中没有这篇文章"


def follow_file(archive: Archive, old_key: str, new_issue_id: int, new_label: str) -> list[int]:
    """Give the corrections of issue `old_key` whose article is now in issue `new_issue_id`, and
    no longer in the old issue, the new issue's key; returns their ids, oldest first.

    Call inside the import's transaction, with both issues lifted (imported rows only), before
    the replay. Undone corrections move too, so 重做 still finds its issue. A correction of an
    article that a split made goes where that split went. One whose old issue is gone and whose
    article is in neither is marked failed with `left_behind(new_label)` as its reason.
    """
    conn = archive.conn
    new_key = str(conn.execute("SELECT key FROM issues WHERE id = ?", (new_issue_id,)).fetchone()[0])
    found = conn.execute("SELECT id FROM issues WHERE key = ?", (old_key,)).fetchone()
    old_id = None if found is None else int(found[0])
    rows = conn.execute(
        f"SELECT {CORRECTION_COLUMNS} FROM corrections WHERE issue_key = ? ORDER BY id", (old_key,)
    ).fetchall()
    moved: list[int] = []
    went: set[str] = set()  # keys of articles made by splits that moved
    stayed: set[str] = set()  # … and by splits that stayed
    for row in rows:
        correction = correction_from_row(row)
        key, fingerprint = correction.article_key, correction.fingerprint
        if key in went or key in stayed:
            follows = key in went
        elif old_id is not None and find_article(conn, old_id, key, fingerprint) is not None:
            follows = False
        else:
            follows = find_article(conn, new_issue_id, key, fingerprint) is not None
        if correction.kind == "split":
            (went if follows else stayed).add(str(correction.params.get("new_key", "")))
        if follows:
            moved.append(correction.id)
        elif old_id is None:
            conn.execute(
                "UPDATE corrections SET status = 'failed', reason = ? WHERE id = ?",
                (left_behind(new_label), correction.id),
            )
    conn.executemany(
        "UPDATE corrections SET issue_key = ? WHERE id = ?", [(new_key, ident) for ident in moved]
    )
    return moved
