"""Text of one dump → ParsedIssue (placeholder; the real parser is being written)."""

from __future__ import annotations

from pathlib import Path

from reader.text.model import Article, ParsedIssue


def parse_text(text: str, source: str, path: Path | None = None, digest: str = "") -> ParsedIssue:
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    arts = (Article(page=1, headline=paras[0], body="\n".join(paras[1:])),) if paras else ()
    return ParsedIssue(source=source, content_hash=digest, articles=arts)
