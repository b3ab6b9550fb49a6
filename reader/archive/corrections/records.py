"""What a correction is, as stored and as listed; the error a correction that cannot be made raises."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["retitle", "split", "merge", "caption", "edit"]
KINDS: tuple[Kind, ...] = ("retitle", "split", "merge", "caption", "edit")
KIND_LABELS: dict[str, str] = {
    "retitle": "修改标题",
    "split": "拆分",
    "merge": "合并",
    "caption": "设为图片说明",
    "edit": "修改正文",
}
# The article parts 修改标题/引题/署名… may change, with their Chinese names.
EDITABLE_FIELDS: dict[str, str] = {
    "kicker": "引题",
    "headline": "标题",
    "subtitle": "副题",
    "byline": "署名",
}


class CorrectionError(ValueError):
    """A correction that cannot be made or undone; `str()` is the Chinese message to show as is."""


@dataclass(frozen=True)
class Correction:
    """One stored correction.

    `article_key` names the corrected article (for a merge, the first of the two); `headline` is
    that article's headline when the correction was made, so a correction that no longer applies
    can still say what it was about. `params` holds what the kind needs (see
    reader.archive.corrections.apply). `status` is 'applied' or 'failed' (with `reason`) as of
    the last time the issue was imported or corrected; `undone_at` is set once it is undone.
    """

    id: int
    kind: str
    issue_key: str
    article_key: str
    fingerprint: str | None
    headline: str
    params: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""
    undone_at: str | None = None
    status: str = "applied"
    reason: str = ""

    @property
    def applied(self) -> bool:
        """True when the correction is in effect (not undone, and it applied)."""
        return self.undone_at is None and self.status == "applied"

    def describe(self) -> str:
        """One Chinese line saying what the correction does, for lists and the undo menu."""
        name = f"“{self.headline}”" if self.headline else f"文章 {self.article_key}"
        p = self.params
        if self.kind == "retitle":
            changes = "，".join(
                f"{EDITABLE_FIELDS.get(k, k)}改为“{v}”" for k, v in p.get("fields", {}).items()
            )
            return f"{name}：{changes}"
        if self.kind == "split":
            head = f"，新文章标题“{p['headline']}”" if p.get("headline") else "，该段作新文章标题"
            return f"{name}：从第{p.get('paragraph')}段拆分{head}"
        if self.kind == "merge":
            return f"{name}：与下一篇“{p.get('next_headline', '')}”合并"
        if self.kind == "caption":
            return f"{name}：设为图片说明"
        if self.kind == "edit":
            return f"{name}：第{p.get('paragraph')}段改为“{_short(str(p.get('new', '')))}”"
        return f"{name}：{self.kind}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form `correct list --json` prints."""
        return {
            "id": self.id,
            "kind": self.kind,
            "label": KIND_LABELS.get(self.kind, self.kind),
            "issue_key": self.issue_key,
            "article_key": self.article_key,
            "headline": self.headline,
            "params": self.params,
            "description": self.describe(),
            "created_at": self.created_at,
            "undone": self.undone_at is not None,
            "status": self.status,
            "reason": self.reason,
        }


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


CORRECTION_COLUMNS = (
    "id, kind, issue_key, article_key, fingerprint, headline, params, created_at, undone_at, status, reason"
)


def correction_from_row(row: tuple[Any, ...]) -> Correction:
    """A Correction from a row of CORRECTION_COLUMNS."""
    values = list(row)
    values[6] = json.loads(values[6] or "{}")
    return Correction(*values)
