"""The keyword timeline counts exactly what the search finds, per month or year."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_support import corpus_files
from hypothesis import given
from hypothesis import strategies as st

from reader.archive.db import Archive, open_archive
from reader.archive.importer import import_issue, import_paths
from reader.archive.queries import set_issue_date, undated_issues
from reader.archive.timeline import PeriodCount, choose_by, period_range, timeline
from reader.cli import main
from reader.text.model import Article
from reader.text.query import Query, parse_query
from tests.search_support import brute_force, make_issue, random_archive, seeded


@pytest.fixture(scope="module")
def months_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """Issues over three months (random_archive dates day n as 2022-01-01 + n, 28 days a month)."""
    path = Path(tmp_path_factory.mktemp("timeline")) / "archive.sqlite3"
    archive = random_archive(path, seed=5, issues=70, per_issue=5)
    yield archive
    archive.close()


def brute_force_months(archive: Archive, query: Query, publication: str | None = None) -> dict[str, int]:
    """Per month, the articles the brute-force oracle finds (of `publication` if given)."""
    ids = brute_force(archive, query)
    rows = archive.conn.execute(
        "SELECT a.id, substr(COALESCE(i.user_date, i.date), 1, 7), p.name FROM articles a"
        " JOIN issues i ON i.id = a.issue_id LEFT JOIN publications p ON p.id = i.publication_id"
    )
    return dict(Counter(m for i, m, p in rows if i in ids and publication in (None, p)))


def _words(archive: Archive) -> list[str]:
    rows = archive.conn.execute("SELECT reader_body(body) FROM articles ORDER BY id").fetchall()
    return [r[0] for r in rows if r[0]]


def _query(texts: list[str], seed: int) -> str:
    """A query of 1–2 substrings and maybe an exclusion; a quarter of them all 标题:, which reads
    the headline postings instead of the full index."""
    rng = random.Random(seed)
    field = "标题:" if rng.random() < 0.25 else ""
    parts = []
    for _ in range(rng.randint(1, 2)):
        text = rng.choice(texts)
        size = rng.randint(1, 3)
        start = rng.randrange(max(1, len(text) - size))
        parts.append(field + '"' + text[start : start + size].replace('"', "") + '"')
    if rng.random() < 0.3:
        parts.append("-" + field + rng.choice("的区会"))
    return " ".join(parts)


@seeded(60)
@given(seed=st.integers(0, 10**9), by_publication=st.booleans())
def test_counts_per_month_equal_a_brute_force_count(
    months_archive: Archive, seed: int, by_publication: bool
) -> None:
    query_text = _query(_words(months_archive), seed)
    parsed = parse_query(query_text)
    assert isinstance(parsed, Query)
    publication = "东昌时讯" if by_publication else None
    result = timeline(months_archive, parsed, publication=publication, by="month")
    counted = {p.period: p.count for p in result.periods if p.count}
    assert brute_force_months(months_archive, parsed, publication) == counted


def test_counts_per_year_add_up_the_months(months_archive: Archive) -> None:
    by_month = timeline(months_archive, "区", by="month")
    by_year = timeline(months_archive, "区", by="year")
    assert by_year.periods == (PeriodCount("2022", sum(p.count for p in by_month.periods)),)


def test_months_without_a_match_are_listed_with_zero(archive: Archive) -> None:
    import_issue(archive, make_issue(0, [Article(1, "幸福食堂开业", "正文")]))  # 2022-01
    import_issue(archive, make_issue(60, [Article(1, "幸福食堂满月", "正文")]))  # 2022-03
    result = timeline(archive, "幸福食堂")
    assert result.by == "month"
    assert result.periods == (PeriodCount("2022-01", 1), PeriodCount("2022-02", 0), PeriodCount("2022-03", 1))


def test_a_span_of_more_than_five_years_is_counted_per_year() -> None:
    assert choose_by("2018-01", "2022-12") == "month"
    assert choose_by("2018-01", "2023-01") == "year"


def test_period_range_covers_the_whole_month_or_year() -> None:
    assert period_range("2022-02") == ("2022-02-01", "2022-02-28")
    assert period_range("2022-12") == ("2022-12-01", "2022-12-31")
    assert period_range("2022") == ("2022-01-01", "2022-12-31")


def test_an_empty_query_is_a_message(archive: Archive) -> None:
    assert timeline(archive, "  ").error


def test_undated_matches_are_counted_apart_until_given_a_date(archive_path: Path) -> None:
    with open_archive(archive_path) as archive:
        import_paths(archive, corpus_files())
        result = timeline(archive, "共享菜园")  # only in 04_kaifaqu_undated.txt, undated
        assert result.undated >= 1
        (issue,) = undated_issues(archive)
        set_issue_date(archive, issue.id, "2019-10-01")
        dated = timeline(archive, "共享菜园")
        assert dated.undated == 0
        assert any(p.period == "2019-10" and p.count for p in dated.periods)


def test_cli_json_counts_the_undated_matches(archive_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 26: the JSON left out the undated hits the text output counts (未定日期)."""
    with open_archive(archive_path) as archive:
        import_paths(archive, corpus_files())
        expected = timeline(archive, "开发区")  # in dated issues and in 04_kaifaqu_undated.txt
    assert main(["timeline", "开发区", "--db", str(archive_path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert expected.undated == printed["undated"] >= 1
    assert printed["periods"]
    dated = sum(period["count"] for period in printed["periods"])
    assert expected.total == printed["total"] == printed["undated"] + dated


def test_cli_prints_json_periods(archive_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_archive(archive_path) as archive:
        import_paths(archive, corpus_files())
    assert main(["timeline", "幸福食堂", "--db", str(archive_path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert "month" == printed["by"]
    assert "2023-06" == printed["periods"][0]["period"]
    assert main(["timeline", "幸福食堂", "--db", str(archive_path), "--by", "year"]) == 0
    assert "2023年" in capsys.readouterr().out
