"""Importing issues: round trip, idempotent re-import, replacement in place, bad files in a batch."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path

import pytest
from archive_helpers import FULL_ISSUE, bad_files, make_article, make_issue

from reader.archive import queries
from reader.archive.db import Archive, open_archive
from reader.archive.importer import ImportOutcome, import_issue, import_paths
from reader.text.load import read_issue
from reader.text.model import Article
from reader.text.words import Segmenter


def stored_articles(archive: Archive, issue_id: int) -> list[Article]:
    """The issue's articles as they come back, in the shape the parser produced them."""
    records = queries.articles(archive, queries.article_ids(archive, issue_id))
    return [
        Article(
            page=r.page,
            headline=r.headline,
            body=r.body,
            kicker=r.kicker,
            subtitle=r.subtitle,
            dateline=r.dateline,
            byline=r.byline,
            kind=r.kind,  # type: ignore[arg-type]
        )
        for r in records
    ]


def test_import_round_trips_every_field(archive: Archive) -> None:
    outcome = import_issue(archive, FULL_ISSUE)
    assert (outcome.status, outcome.articles) == ("imported", 3)
    assert list(FULL_ISSUE.articles) == stored_articles(archive, outcome.issue_id)
    issue = queries.issue(archive, outcome.issue_id)
    assert (issue.publication, issue.date, issue.number, issue.page_count) == (
        "东昌时讯",
        "2022-07-05",
        1449,
        4,
    )
    assert (issue.weekday, issue.lunar, issue.date_source) == ("星期二", "农历壬寅年六月初七", "masthead")


def test_sections_are_stored_as_json(archive: Archive) -> None:
    outcome = import_issue(archive, FULL_ISSUE)
    row = archive.conn.execute("SELECT sections FROM issues WHERE id = ?", [outcome.issue_id]).fetchone()
    assert row[0] == '["网址：http://dcf.lcxw.cn"]'


def test_corpus_files_round_trip(archive: Archive, corpus_files: list[Path]) -> None:
    for path in corpus_files:
        parsed = read_issue(path)
        outcome = import_issue(archive, parsed, source_path=path)
        assert list(parsed.articles) == stored_articles(archive, outcome.issue_id)


def test_reimport_of_the_same_files_is_a_no_op(archive: Archive, corpus_files: list[Path]) -> None:
    first = import_paths(archive, corpus_files)
    keys_before = archive.conn.execute("SELECT id, key FROM articles ORDER BY id").fetchall()
    second = import_paths(archive, corpus_files)
    assert corpus_files == first.imported
    assert corpus_files == second.unchanged
    assert (second.imported, second.replaced, second.articles) == ([], [], 0)
    assert keys_before == archive.conn.execute("SELECT id, key FROM articles ORDER BY id").fetchall()


def test_reimport_of_the_same_issue_reports_unchanged_with_same_id(archive: Archive) -> None:
    first = import_issue(archive, FULL_ISSUE)
    second = import_issue(archive, FULL_ISSUE)
    assert ImportOutcome("unchanged", first.issue_id, 3, first.label) == second


def test_changed_issue_replaces_its_articles_in_place(archive: Archive) -> None:
    first = import_issue(archive, FULL_ISSUE)
    changed = replace(
        FULL_ISSUE,
        content_hash="changed",
        articles=(make_article("新加的头条"), *FULL_ISSUE.articles[:2]),
    )
    second = import_issue(archive, changed)
    assert ("replaced", first.issue_id, 3) == (second.status, second.issue_id, second.articles)
    assert list(changed.articles) == stored_articles(archive, first.issue_id)
    assert archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert archive.conn.execute("SELECT count(*) FROM issues").fetchone()[0] == 1


def test_changed_issue_keeps_the_users_date(archive: Archive) -> None:
    undated = make_issue([make_article("无日期的一期")], date=None, number=None, source="scan.txt")
    first = import_issue(archive, undated)
    queries.set_issue_date(archive, first.issue_id, "2019-10-01")
    second = import_issue(archive, replace(undated, content_hash="changed"))
    assert second.status == "replaced"
    assert queries.issue(archive, first.issue_id).user_date == "2019-10-01"


def test_article_keeps_its_key_when_articles_are_added_before_it(archive: Archive) -> None:
    first = import_issue(archive, FULL_ISSUE)
    old = {r.headline: r.key for r in queries.articles(archive, queries.article_ids(archive, first.issue_id))}
    changed = replace(
        FULL_ISSUE, content_hash="changed", articles=(make_article("插在前面"), *FULL_ISSUE.articles)
    )
    import_issue(archive, changed)
    new = {r.headline: r.key for r in queries.articles(archive, queries.article_ids(archive, first.issue_id))}
    assert old.items() <= new.items()


def encodings_tree(tmp_path: Path, source: Path) -> dict[str, Path]:
    """The same file, same name, saved as UTF-8, GB18030 with CRLF, and UTF-16."""
    text = source.read_text(encoding="utf-8")
    variants = {
        "utf8": text.encode("utf-8"),
        "gb18030": text.replace("\n", "\r\n").encode("gb18030"),
        "utf16": text.encode("utf-16"),
    }
    paths = {}
    for name, data in variants.items():
        path = tmp_path / name / source.name
        path.parent.mkdir()
        path.write_bytes(data)
        paths[name] = path
    return paths


def test_same_issue_in_other_encodings_is_unchanged(
    archive: Archive, corpus_files: list[Path], tmp_path: Path
) -> None:
    paths = encodings_tree(tmp_path, corpus_files[0])
    assert import_issue(archive, read_issue(paths["utf8"])).status == "imported"
    assert import_issue(archive, read_issue(paths["gb18030"])).status == "unchanged"
    assert import_issue(archive, read_issue(paths["utf16"])).status == "unchanged"


def test_batch_goes_on_past_bad_files(archive: Archive, corpus_files: list[Path], tmp_path: Path) -> None:
    bad = bad_files(tmp_path / "bad")
    report = import_paths(archive, [*corpus_files, tmp_path / "bad"])
    assert corpus_files == report.imported
    failed = dict(report.failed)
    assert set(bad.values()) == set(failed)
    for path in bad.values():
        assert path.name in failed[path]
    assert "空" in failed[bad["empty"]]
    assert not report.ok


def test_progress_reports_every_file_and_cancel_stops_between_files(
    archive: Archive, corpus_files: list[Path]
) -> None:
    seen: list[tuple[int, int, Path]] = []
    report = import_paths(
        archive,
        corpus_files,
        progress=lambda i, n, path, result: seen.append((i, n, path)),
        should_cancel=lambda: len(seen) >= 1,
    )
    assert [(1, len(corpus_files), corpus_files[0])] == seen
    assert report.cancelled
    assert [corpus_files[0]] == report.imported


@pytest.mark.parametrize("date", ["2022-13-01", "7/5/2022", "昨天"])
def test_user_date_must_be_a_real_iso_date(archive: Archive, date: str) -> None:
    outcome = import_issue(archive, FULL_ISSUE)
    with pytest.raises(ValueError):
        queries.set_issue_date(archive, outcome.issue_id, date)


def test_a_parser_defect_on_one_file_fails_that_file_only(
    archive: Archive, corpus_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.archive.importer as importer

    broken = corpus_files[0]

    def read_or_trip(path: Path, **options):  # type: ignore[no-untyped-def]
        if path == broken:
            raise IndexError("list index out of range")
        return read_issue(path, **options)

    monkeypatch.setattr(importer, "read_issue", read_or_trip)
    report = import_paths(archive, corpus_files)
    assert [broken] == [path for path, _ in report.failed]
    assert broken.name in report.failed[0][1] and "程序缺陷" in report.failed[0][1]
    assert len(corpus_files) - 1 == len(report.imported)


def test_the_word_cutter_is_loaded_before_the_first_write_lock(archive_path: Path, corpus_dir: Path) -> None:
    """Loading the dictionary inside the first file's BEGIN IMMEDIATE held the write lock for
    as long as the load took, and a bookmark clicked in the window meanwhile was refused as
    busy (seen by the soak test)."""
    loaded_at_lock: list[bool] = []
    with open_archive(archive_path, segmenter=Segmenter()) as archive:
        begin = archive.transaction

        def watched() -> AbstractContextManager[sqlite3.Connection]:
            loaded_at_lock.append(archive.tokenizer.segmenter.loaded)
            return begin()

        archive.transaction = watched  # type: ignore[method-assign]
        assert import_paths(archive, [corpus_dir]).ok
    assert loaded_at_lock and all(loaded_at_lock)
