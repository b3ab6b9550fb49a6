"""`search` and `export --query` read dates, publication and order the same way (issue 9, item 7)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from cli_support import AUGUST_HEADLINE, JULY_HEADLINE, build_archive, err_text, run_cli

from reader.cli import main
from reader.text.dates import ACCEPTED_FORMS

Search = Callable[..., list[str]]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The July and August issues, imported once for the module (the tests only read)."""
    return build_archive(tmp_path_factory.mktemp("filters"))


@pytest.fixture
def found_headlines(db: Path, capsys: pytest.CaptureFixture[str]) -> Search:
    """`search 江绍华 --json OPTIONS` run in this process (quicker than a process per form)."""

    def search(*options: str) -> list[str]:
        status = main(["search", "江绍华", "--db", str(db), "--json", *options])
        captured = capsys.readouterr()
        assert status in (0, 1), captured.err
        return [hit["headline"] for hit in json.loads(captured.out)["hits"]]

    return search


def exported_text(db: Path, out: Path, *options: str) -> str:
    done = run_cli("export", "--db", str(db), "--out", str(out), "--query", "江绍华", "--book", *options)
    assert 0 == done.returncode, err_text(done)
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in pypdf.PdfReader(out).pages))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2022-07-01", "2022-07-31"),
        ("2022-7-1", "2022-7-31"),
        ("2022/7/1", "2022/7/31"),
        ("2022.7.1", "2022.7.31"),
        ("20220701", "20220731"),
        ("2022年7月1日", "2022年7月31日"),
        ("2022-07", "2022-07"),
        ("2022/7", "2022年7月"),
    ],
)
def test_search_reads_every_date_form(found_headlines: Search, start: str, end: str) -> None:
    assert [JULY_HEADLINE] == found_headlines("--from", start, "--to", end)


def test_a_year_alone_covers_the_whole_year(found_headlines: Search) -> None:
    assert {JULY_HEADLINE, AUGUST_HEADLINE} == set(found_headlines("--from", "2022", "--to", "2022年"))


def test_a_month_alone_as_the_end_includes_its_last_days(found_headlines: Search) -> None:
    assert {JULY_HEADLINE, AUGUST_HEADLINE} == set(found_headlines("--to", "2022-08"))


def test_export_reads_slashed_dates_like_search(db: Path, tmp_path: Path) -> None:
    text = exported_text(db, tmp_path / "july.pdf", "--from", "2022/7/1", "--to", "2022/7/31")
    assert JULY_HEADLINE in text
    assert AUGUST_HEADLINE not in text


def test_export_reads_a_month_alone_like_search(db: Path, tmp_path: Path) -> None:
    text = exported_text(db, tmp_path / "august.pdf", "--from", "2022年8月", "--to", "2022年8月")
    assert AUGUST_HEADLINE in text
    assert JULY_HEADLINE not in text


def test_export_takes_a_publication_like_search(db: Path, tmp_path: Path, found_headlines: Search) -> None:
    text = exported_text(db, tmp_path / "kfq.pdf", "--publication", "今日开发区")
    assert [AUGUST_HEADLINE] == found_headlines("--publication", "今日开发区")
    assert AUGUST_HEADLINE in text
    assert JULY_HEADLINE not in text


@pytest.mark.parametrize(("sort", "first"), [("newest", AUGUST_HEADLINE), ("oldest", JULY_HEADLINE)])
def test_export_takes_a_sort_like_search(
    db: Path, tmp_path: Path, found_headlines: Search, sort: str, first: str
) -> None:
    text = exported_text(db, tmp_path / f"{sort}.pdf", "--sort", sort)
    second = AUGUST_HEADLINE if first == JULY_HEADLINE else JULY_HEADLINE
    assert text.index(first) < text.index(second)
    assert first == found_headlines("--sort", sort)[0]


def test_export_sorts_oldest_first_by_default(db: Path, tmp_path: Path) -> None:
    text = exported_text(db, tmp_path / "default.pdf")
    assert text.index(JULY_HEADLINE) < text.index(AUGUST_HEADLINE)


def test_the_window_s_chinese_sort_names_are_accepted(found_headlines: Search) -> None:
    assert [AUGUST_HEADLINE, JULY_HEADLINE] == found_headlines("--sort", "最新")


@pytest.mark.parametrize("command", ["search", "export"])
def test_an_unreadable_date_is_a_chinese_message_listing_the_forms(
    db: Path, tmp_path: Path, command: str
) -> None:
    args = ["--query", "江绍华", "--out", str(tmp_path / "x.pdf")] if command == "export" else ["江绍华"]
    done = run_cli(command, *args, "--db", str(db), "--from", "7月1日")
    assert 2 == done.returncode
    assert "看不懂的日期：7月1日" in err_text(done)
    assert ACCEPTED_FORMS in err_text(done)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("command", ["search", "export"])
def test_a_range_that_ends_before_it_starts_is_a_usage_error(db: Path, tmp_path: Path, command: str) -> None:
    args = ["--query", "江绍华", "--out", str(tmp_path / "x.pdf")] if command == "export" else ["江绍华"]
    done = run_cli(command, *args, "--db", str(db), "--from", "2022-08", "--to", "2022-07")
    assert 2 == done.returncode
    assert "起始日期 2022-08-01 晚于截止日期 2022-07-31" in err_text(done)


@pytest.mark.parametrize("option", [["--publication", "东昌时讯"], ["--sort", "newest"], ["--to", "2022"]])
def test_search_options_without_a_query_are_a_usage_error(
    db: Path, tmp_path: Path, option: list[str]
) -> None:
    out = tmp_path / "x.pdf"
    done = run_cli("export", "--db", str(db), "--out", str(out), "--bookmarks", *option)
    assert 2 == done.returncode
    assert f"{option[0]} 只能与 --query 一起使用" in err_text(done)
    assert not out.exists()


def test_a_range_with_nothing_in_it_says_so(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    done = run_cli("export", "--db", str(db), "--out", str(out), "--query", "江绍华", "--from", "2023")
    assert 1 == done.returncode
    assert "在所选日期或报纸范围内没有找到包含“江绍华”的文章" in err_text(done)
    assert not out.exists()
