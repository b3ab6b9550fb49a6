"""Test archives for the search tests, built through the real importer, and a brute-force oracle."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from pathlib import Path

from corpus_support import corpus_lines
from hypothesis import HealthCheck, settings

from reader.archive.db import Archive, open_archive
from reader.archive.importer import import_issue
from reader.archive.search import search
from reader.text.fold import fold
from reader.text.model import Article, ParsedIssue
from reader.text.query import Query, Term


def seeded(examples: int) -> settings:
    """Hypothesis settings for the search properties: derandomized so CI sees the same queries
    every run, no deadline (an archive query's time is not the property), archive fixtures."""
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def corpus_paragraphs() -> list[str]:
    """Lines of the test corpus long enough to be text (four characters or more)."""
    return [line for line in corpus_lines() if len(line) >= 4]


def make_issue(day: int, articles: Sequence[Article], publication: str = "东昌时讯") -> ParsedIssue:
    """A parsed issue dated 2022-01-01 + day, with a content hash over its articles."""
    digest = hashlib.sha256(repr(articles).encode()).hexdigest()
    date = f"2022-{1 + day // 28:02d}-{1 + day % 28:02d}"
    return ParsedIssue(
        source=f"{date}.txt",
        content_hash=digest,
        publication=publication,
        date=date,
        date_source="masthead",
        number=1000 + day,
        articles=tuple(articles),
    )


def random_archive(path: Path, seed: int, issues: int = 20, per_issue: int = 8) -> Archive:
    """An archive of corpus-paragraph articles plus folding bait (full-width digits, Latin case)."""
    rng = random.Random(seed)
    paragraphs = corpus_paragraphs()
    extras = ["２０２２年ＡＰＰ上线", "App下载 app", "区长江绍华主持", "网格员江绍华", "Ｗｉ－Ｆｉ覆盖"]
    archive = open_archive(path)
    for day in range(issues):
        articles = []
        for _ in range(per_issue):
            body = "\n".join(rng.sample(paragraphs, rng.randint(1, 4)))
            if rng.random() < 0.3:
                body += rng.choice(extras)
            headline = rng.choice(paragraphs)[: rng.randint(4, 20)]
            articles.append(
                Article(
                    page=rng.randint(1, 4),
                    headline=headline,
                    body=body,
                    kicker=rng.choice(["", "引题"]),
                    byline=rng.choice(["", "融媒体 全兴社"]),
                    dateline=rng.choice(["", "东昌府讯"]),
                )
            )
        import_issue(archive, make_issue(day, articles, rng.choice(["东昌时讯", "今日开发区"])))
    return archive


def _contains(row: Sequence[str], term: Term) -> bool:
    if term.headline_only:
        return term.folded in fold(row[0])
    return any(term.folded in fold(part) for part in row)


def brute_force(archive: Archive, query: Query) -> set[int]:
    """Every article whose folded text contains the terms (and whose byline holds the 作者:
    names): the oracle search must equal."""
    found: set[int] = set()
    rows = archive.conn.execute(
        "SELECT id, headline, kicker, subtitle, dateline, byline, reader_body(body) FROM articles"
    ).fetchall()
    for row in rows:
        fields = row[1:]
        byline = fold(fields[4])
        by_authors = all(t.folded in byline for t in query.authors) and not any(
            t.folded in byline for t in query.not_authors
        )
        if (
            by_authors
            and all(any(_contains(fields, t) for t in group) for group in query.groups)
            and not any(_contains(fields, t) for t in query.excluded)
        ):
            found.add(row[0])
    return found


def assert_search_is_brute_force(archive: Archive, query: Query) -> set[int]:
    """Search `query` for every hit: the total and the hits equal the brute-force set (returned)."""
    expected = brute_force(archive, query)
    result = search(archive, query, limit=100_000)
    assert {hit.id for hit in result.hits} == expected, query
    assert result.total == len(expected), query
    return expected
