"""What one import replaces: files of one issue add up, a file updates only its own earlier import,
and a file that would duplicate or replace another file's articles is a conflict (docs/architecture.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from issue_texts import FRONT_PAGE, SECOND_PAGE, THIRD_PAGE, issue_text, write

from reader.archive import bookmarks, queries
from reader.archive.db import Archive
from reader.archive.importer import import_paths


def headlines_of_issue(archive: Archive, issue_id: int) -> list[str]:
    return [r.headline for r in queries.articles(archive, queries.article_ids(archive, issue_id))]


def only_issue(archive: Archive) -> int:
    ids = [r[0] for r in archive.conn.execute("SELECT id FROM issues")]
    assert 1 == len(ids)
    return int(ids[0])


def article_count(archive: Archive) -> int:
    return int(archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0])


@pytest.fixture
def pages(tmp_path: Path) -> tuple[Path, Path]:
    """The front page and the second page of one issue, each its own file, masthead repeated."""
    first = write(tmp_path / "dump" / "第1版.txt", issue_text(FRONT_PAGE))
    second = write(tmp_path / "dump" / "第2版.txt", issue_text(SECOND_PAGE, page="第二版"))
    return first, second


def test_pages_imported_from_separate_files_add_up_to_one_issue(
    archive: Archive, pages: tuple[Path, Path]
) -> None:
    first, second = pages
    assert [first] == import_paths(archive, [first]).imported
    assert [second] == import_paths(archive, [second]).imported
    issue_id = only_issue(archive)
    want = [h for h, _ in FRONT_PAGE] + [h for h, _ in SECOND_PAGE]
    assert want == headlines_of_issue(archive, issue_id)
    assert 4 == queries.issue(archive, issue_id).article_count


def test_pages_imported_in_reverse_order_read_in_page_order(
    archive: Archive, pages: tuple[Path, Path]
) -> None:
    first, second = pages
    import_paths(archive, [second])
    import_paths(archive, [first])
    want = [h for h, _ in FRONT_PAGE] + [h for h, _ in SECOND_PAGE]
    assert want == headlines_of_issue(archive, only_issue(archive))


def test_the_same_file_from_another_folder_under_another_name_is_unchanged(
    archive: Archive, pages: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = pages
    import_paths(archive, [first, second])
    keys = archive.conn.execute("SELECT id, key FROM articles ORDER BY id").fetchall()
    copy = write(tmp_path / "elsewhere" / "头版.txt", first.read_text(encoding="utf-8"))
    report = import_paths(archive, [copy])
    assert [copy] == report.unchanged
    assert keys == archive.conn.execute("SELECT id, key FROM articles ORDER BY id").fetchall()


def test_an_edited_file_replaces_its_own_articles_and_nothing_else(
    archive: Archive, pages: tuple[Path, Path]
) -> None:
    first, second = pages
    import_paths(archive, [first, second])
    edited = first.read_text(encoding="utf-8").replace("凭卡就餐", "刷脸就餐")
    write(first, edited)
    report = import_paths(archive, [first])
    assert [first] == report.replaced
    issue_id = only_issue(archive)
    assert 4 == len(headlines_of_issue(archive, issue_id))
    bodies = [r.body for r in queries.articles(archive, queries.article_ids(archive, issue_id))]
    assert any("刷脸就餐" in body for body in bodies)
    assert not any("凭卡就餐" in body for body in bodies)


def test_an_edited_copy_under_a_new_name_replaces_the_file_it_copies(
    archive: Archive, pages: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = pages
    import_paths(archive, [first, second])
    copy = write(
        tmp_path / "fixed" / "头版-校对.txt", first.read_text(encoding="utf-8").replace("补贴", "优惠")
    )
    report = import_paths(archive, [copy])
    assert [copy] == report.replaced
    assert 4 == article_count(archive)


def test_bookmarks_and_the_users_date_survive_pages_and_edits(
    archive: Archive, pages: tuple[Path, Path]
) -> None:
    first, second = pages
    import_paths(archive, [first])
    issue_id = only_issue(archive)
    key = archive.conn.execute("SELECT key FROM articles WHERE headline = ?", [FRONT_PAGE[1][0]]).fetchone()[
        0
    ]
    bookmarks.add(archive, key, note="要写进报告")
    queries.set_issue_date(archive, issue_id, "2022-07-06")
    import_paths(archive, [second])
    write(first, first.read_text(encoding="utf-8").replace("相继完工", "全部完工"))
    assert [first] == import_paths(archive, [first]).replaced
    mark = bookmarks.get(archive, key)
    assert mark is not None and not mark.deleted and "要写进报告" == mark.note
    assert "全部完工" in queries.article(archive, mark.article_id).body  # type: ignore[arg-type]
    assert "2022-07-06" == queries.issue(archive, issue_id).user_date


def test_a_whole_issue_file_after_its_pages_is_a_conflict_and_writes_nothing(
    archive: Archive, pages: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = pages
    import_paths(archive, [first, second])
    whole = write(tmp_path / "整期.txt", issue_text(FRONT_PAGE + SECOND_PAGE))
    report = import_paths(archive, [whole])
    assert [whole] == [path for path, _ in report.conflict]
    detail = report.conflict[0][1]
    assert "第1版.txt" in detail and "第2版.txt" in detail
    assert not report.ok
    assert 4 == article_count(archive)


def test_a_conflict_resolved_by_replacing_keeps_bookmarks(
    archive: Archive, pages: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = pages
    import_paths(archive, [first, second])
    key = archive.conn.execute("SELECT key FROM articles WHERE headline = ?", [SECOND_PAGE[0][0]]).fetchone()[
        0
    ]
    bookmarks.add(archive, key)
    whole = write(tmp_path / "整期.txt", issue_text(FRONT_PAGE + SECOND_PAGE))
    report = import_paths(archive, [whole], on_conflict="replace")
    assert [whole] == report.imported
    assert 4 == article_count(archive)
    assert 1 == archive.conn.execute("SELECT count(*) FROM sources").fetchone()[0]
    mark = bookmarks.get(archive, key)
    assert mark is not None and not mark.deleted


def test_a_conflict_resolved_by_keeping_both_keeps_both(
    archive: Archive, pages: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = pages
    import_paths(archive, [first, second])
    whole = write(tmp_path / "整期.txt", issue_text(FRONT_PAGE + SECOND_PAGE))
    assert [whole] == import_paths(archive, [whole], on_conflict="keep").imported
    assert 8 == article_count(archive)
    keys = [r[0] for r in archive.conn.execute("SELECT key FROM articles")]
    assert len(set(keys)) == len(keys)


def test_undated_files_with_the_same_name_are_two_issues(archive: Archive, tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "扫描.txt", issue_text(FRONT_PAGE, date=None))
    b = write(tmp_path / "b" / "扫描.txt", issue_text(THIRD_PAGE, date=None))
    report = import_paths(archive, [a, b])
    assert [a, b] == report.imported
    assert 2 == len(queries.undated_issues(archive))
    assert 4 == article_count(archive)


def test_an_edited_undated_file_replaces_itself_and_keeps_the_users_date(
    archive: Archive, tmp_path: Path
) -> None:
    scan = write(tmp_path / "a" / "扫描.txt", issue_text(FRONT_PAGE, date=None))
    import_paths(archive, [scan])
    (undated,) = queries.undated_issues(archive)
    queries.set_issue_date(archive, undated.id, "2019-10-01")
    write(scan, scan.read_text(encoding="utf-8").replace("凭卡就餐", "刷脸就餐"))
    assert [scan] == import_paths(archive, [scan]).replaced
    assert "2019-10-01" == queries.issue(archive, undated.id).user_date
    assert 3 == article_count(archive)


def test_a_file_whose_date_changed_is_a_conflict_naming_its_earlier_issue(
    archive: Archive, pages: tuple[Path, Path]
) -> None:
    first, _ = pages
    import_paths(archive, [first])
    write(first, first.read_text(encoding="utf-8").replace("2022年7月5日", "2022年7月8日"))
    report = import_paths(archive, [first])
    assert [first] == [path for path, _ in report.conflict]
    assert "2022-07-05" in report.conflict[0][1]
    assert 3 == article_count(archive)
    assert [first] == import_paths(archive, [first], on_conflict="replace").replaced
    assert ["2022-07-08"] == queries.issue_dates(archive)


def test_same_named_files_of_two_pages_are_both_kept(archive: Archive, tmp_path: Path) -> None:
    one = write(tmp_path / "版1" / "正文.txt", issue_text(FRONT_PAGE))
    two = write(tmp_path / "版2" / "正文.txt", issue_text(SECOND_PAGE, page="第二版"))
    assert [one, two] == import_paths(archive, [one, two]).imported
    assert 4 == article_count(archive)


def test_a_page_without_masthead_joins_the_issue_of_its_folders_date(
    archive: Archive, tmp_path: Path
) -> None:
    front = write(tmp_path / "东昌时讯" / "2022-07-05" / "1.txt", issue_text(FRONT_PAGE))
    third = write(
        tmp_path / "东昌时讯" / "2022-07-05" / "3.txt", issue_text(THIRD_PAGE, date=None, page="第三版")
    )
    assert [front, third] == import_paths(archive, [front, third]).imported
    issue_id = only_issue(archive)
    assert [h for h, _ in FRONT_PAGE + THIRD_PAGE] == headlines_of_issue(archive, issue_id)
    assert 1449 == queries.issue(archive, issue_id).number


@pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="only Linux file systems take names that are no UTF-8"
)
def test_a_file_whose_name_is_not_utf8_is_imported(archive: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "gbk"
    folder.mkdir()
    name = os.fsdecode("第1版".encode("gbk") + b".txt")
    path = write(folder / name, issue_text(FRONT_PAGE))
    report = import_paths(archive, [folder])
    assert [path] == report.imported
    stored = archive.conn.execute("SELECT name FROM sources").fetchone()[0]
    assert stored.endswith(".txt") and "\ufffd" in stored
    assert [path] == import_paths(archive, [folder]).unchanged


def test_a_cancel_stops_inside_a_long_file_and_writes_nothing_of_it(archive: Archive, tmp_path: Path) -> None:
    import threading

    long_file = write(tmp_path / "long.txt", "东昌时讯\n\n2022年7月5日\n\n" + "网格员\n" * 1_500_000)
    cancel = threading.Event()
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    try:
        report = import_paths(archive, [long_file], should_cancel=cancel.is_set)
    finally:
        timer.cancel()
    assert report.cancelled
    assert [] == report.imported
    assert 0 == archive.conn.execute("SELECT count(*) FROM sources").fetchone()[0]
