"""The parser against the archivist's expectations for real issues, read from ../shared/corpus.

Tests that read ../shared (tests/needs.py): without it they are skipped, except in CI, where they fail.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from needs import SHARED_CORPUS, require

from reader.text import read_issue
from reader.text.lines import split_lines
from reader.text.masthead import PUBLICATIONS, read_masthead
from reader.text.shapes import split_dateline

CASES = sorted(SHARED_CORPUS.glob("*.txt"))

# Cases the parser is known to miss, each with the open issue that will fix it. Strict: a case
# that starts passing fails the run, so this list cannot go stale.
KNOWN_MISSES: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _shared_corpus() -> None:
    """Without the corpus each test runs once, on no case: skipped locally, failed in CI."""
    require(CASES, f"the archivist's corpus is not at {SHARED_CORPUS}")


def cases(*, known_misses: bool) -> list:
    """The corpus cases; with `known_misses`, the listed ones as strict expected failures."""
    if not CASES:
        return [pytest.param(None, id="no-corpus")]
    params = []
    for case in CASES:
        reason = KNOWN_MISSES.get(case.stem) if known_misses else None
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case.stem, marks=marks))
    return params


def norm(text: str | None) -> str:
    """The comparison the archivist's scorer uses: width folded, spaces and frame marks dropped."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s*#■□（）()\[\]【】「」—\-]", "", text)


def names_the_paper(text: str, publication: str | None) -> bool:
    """The line is the paper's name or the pinyin of its logo, letters possibly spaced out."""
    squeezed = re.sub(r"\s+", "", text)
    return any(pub.name == publication and squeezed in (pub.name, pub.pinyin) for pub in PUBLICATIONS)


def expected(case: Path) -> dict:
    return json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", cases(known_misses=False))
def test_masthead_matches_expectation(case: Path) -> None:
    want = expected(case)["masthead"]
    issue = read_issue(case)
    got = {k: getattr(issue, k) for k in want}
    assert want == got


@pytest.mark.parametrize("case", cases(known_misses=True))
def test_articles_match_expectation(case: Path) -> None:
    want = expected(case)["articles"]
    got = read_issue(case).articles
    assert len(want) == len(got)
    for w, g in zip(want, got, strict=True):
        assert norm(w["headline"]) == norm(g.headline)
        for name in ("kicker", "subtitle", "dateline", "byline", "kind"):
            assert (name, norm(w[name])) == (name, norm(getattr(g, name)))
        body = norm(g.body)
        assert body.startswith(norm(w["body_start"])), g.headline
        assert body.endswith(norm(w["body_end"])), g.headline


@pytest.mark.parametrize("case", cases(known_misses=True))
def test_broken_paragraphs_are_joined(case: Path) -> None:
    want = expected(case)["articles"]
    got = read_issue(case).articles
    for w, g in zip(want, got, strict=True):
        paragraphs = [norm(p) for p in g.body.split("\n")]
        for piece in w.get("must_contain") or []:
            assert any(norm(piece) in p for p in paragraphs), piece


@pytest.mark.parametrize("case", cases(known_misses=False))
def test_every_source_line_lands_somewhere(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    issue = read_issue(case)
    lines = split_lines(text)
    head = read_masthead(lines)
    parts = [*issue.sections]
    for article in issue.articles:
        parts += [article.kicker, article.headline, article.subtitle, article.dateline, article.byline]
        parts += article.body.split("\n")
    everything = "\x00".join(norm(p) for p in parts)
    for line in lines[head.consumed :]:
        for piece in split_dateline(line.text):  # a dateline and its credit leave the paragraph
            assert norm(piece) in everything, f"line {line.number} lost: {line.text}"
    masthead_values = [
        str(v) for v in (issue.publication, issue.weekday, issue.lunar, issue.number, issue.page_count) if v
    ]
    for line in lines[: head.consumed]:
        text = norm(line.text)
        assert (
            any(v in text or text in v for v in masthead_values)
            or names_the_paper(line.text, issue.publication)
            or text in everything
            or re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text)
        ), f"masthead line lost: {line.text}"


@pytest.mark.parametrize("case", cases(known_misses=False))
def test_every_article_keeps_its_page_order(case: Path) -> None:
    pages = [a.page for a in read_issue(case).articles]
    assert pages == sorted(pages)
    assert all(isinstance(p, int) and p >= 1 for p in pages)


@pytest.mark.parametrize(
    "case",
    [c for c in cases(known_misses=True) if not CASES or expected(c.values[0])["masthead"]["date"] is None],
)
def test_undated_issue_gets_the_expected_year_hint(case: Path) -> None:
    issue = read_issue(case)
    want = expected(case)["date_hint"]
    assert issue.date is None
    assert want["year"] == issue.date_hint.year
    assert bool(want["reason"]) == bool(issue.date_hint.reason)
