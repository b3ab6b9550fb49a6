"""Corrections when a re-import gives an issue a new key (the file now reads another date or
number): they go with the file when the importer knows the new issue takes the old one's place,
and are listed, never lost, when they cannot."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from correction_support import (
    FIRST,
    ISSUE,
    KINDS,
    SECOND,
    SPLIT_PARAGRAPH,
    caption_second,
    import_file,
    issue_articles,
    key_of,
    retitle_first,
    split_first,
    was_captioned,
    was_retitled,
    write_issue,
)

from reader.archive import corrections
from reader.archive.corrections.replay import ISSUE_GONE
from reader.archive.db import Archive
from reader.archive.importer import import_issue, import_paths
from reader.archive.queries import article_ids, articles
from reader.text import read_issue

OLD_KEY = "东昌时讯|2022-07-05|1449"
NEW_KEY = "东昌时讯|2022-07-06|1450"
# The same file with its masthead put right: another day and number, the articles unchanged.
REDATED = ISSUE.replace("2022年7月5日", "2022年7月6日").replace("星期二", "星期三").replace("1449", "1450")
# The second article rewritten as well: neither its headline (key) nor its body (fingerprint) remain.
REWRITTEN_SECOND = REDATED.replace(SECOND, "柳园广场晚会").replace("居民载歌载舞", "市民踊跃参加")
PAGE_TWO = """东昌时讯

2022年7月5日

星期二

总第1449期

社区书屋开放

本报讯 7月4日，柳园社区书屋正式开放，藏书三千余册，居民可免费借阅。
"""


@pytest.fixture
def issue_file(tmp_path: Path) -> Path:
    return write_issue(tmp_path / "dump")


@pytest.fixture
def filled(archive: Archive, issue_file: Path) -> Archive:
    import_file(archive, issue_file)
    return archive


def _replace_with(archive: Archive, path: Path) -> None:
    """Import `path` choosing 用新文件替换 (`--replace`), as the user does after the conflict."""
    report = import_paths(archive, [path], on_conflict="replace")
    assert report.ok and [path] == report.replaced, (report.failed, report.conflict)


def _issue_keys(archive: Archive) -> list[str]:
    return [r[0] for r in archive.conn.execute("SELECT key FROM issues ORDER BY key")]


def _headlines_of(archive: Archive, issue_key: str) -> list[str]:
    issue_id = archive.conn.execute("SELECT id FROM issues WHERE key = ?", (issue_key,)).fetchone()[0]
    return [a.headline for a in articles(archive, article_ids(archive, issue_id))]


@pytest.mark.parametrize("kind", list(KINDS))
def test_corrections_go_with_a_replaced_file_that_now_reads_as_another_issue(
    filled: Archive, issue_file: Path, kind: str
) -> None:
    make, applied = KINDS[kind]
    make(filled)
    conflict = import_paths(filled, [write_issue(issue_file.parent, REDATED)])
    assert [issue_file] == [path for path, _detail in conflict.conflict]  # the importer asks first
    assert [OLD_KEY] == _issue_keys(filled) and applied(filled)
    _replace_with(filled, issue_file)
    assert [NEW_KEY] == _issue_keys(filled)
    assert applied(filled)
    assert [(NEW_KEY, "applied")] == [(c.issue_key, c.status) for c in corrections.list_corrections(filled)]


def test_corrections_go_with_the_same_text_read_as_another_issue(filled: Archive, issue_file: Path) -> None:
    retitle_first(filled)
    caption_second(filled)
    parsed = read_issue(issue_file)
    better = dataclasses.replace(parsed, date="2022-07-06", weekday="星期三", number=1450)
    assert "replaced" == import_issue(filled, better, source_path=issue_file).status  # no conflict
    assert [NEW_KEY] == _issue_keys(filled)
    assert was_retitled(filled) and was_captioned(filled)
    assert [] == corrections.failed_corrections(filled)


def test_an_undone_correction_goes_with_the_file_and_can_be_redone(filled: Archive, issue_file: Path) -> None:
    retitle_first(filled)
    undone = corrections.undo(filled)
    _replace_with(filled, write_issue(issue_file.parent, REDATED))
    assert not was_retitled(filled)
    corrections.redo(filled, undone.id)
    assert was_retitled(filled)


def test_a_correction_of_the_article_a_split_made_goes_where_the_split_went(
    filled: Archive, issue_file: Path
) -> None:
    split_first(filled)
    corrections.retitle(filled, key_of(filled, SPLIT_PARAGRAPH), headline="食堂是民生工程")
    _replace_with(filled, write_issue(issue_file.parent, REDATED))
    assert [FIRST, "食堂是民生工程", SECOND] == _headlines_of(filled, NEW_KEY)[:3]
    assert [NEW_KEY, NEW_KEY] == [c.issue_key for c in corrections.list_corrections(filled)]
    assert [] == corrections.failed_corrections(filled)


def test_a_correction_whose_article_did_not_come_along_is_listed_and_applies_when_the_issue_returns(
    filled: Archive, issue_file: Path
) -> None:
    retitle_first(filled)
    caption_second(filled)
    _replace_with(filled, write_issue(issue_file.parent, REWRITTEN_SECOND))
    assert was_retitled(filled) and "news" == issue_articles(filled)[1].kind
    listed = {c.kind: c for c in corrections.list_corrections(filled)}
    assert (NEW_KEY, "applied") == (listed["retitle"].issue_key, listed["retitle"].status)
    [failed] = corrections.failed_corrections(filled)
    assert ("caption", OLD_KEY) == (failed.kind, failed.issue_key)  # kept under the old issue's key
    assert failed.reason.startswith(ISSUE_GONE) and "2022-07-06 东昌时讯 第1450期" in failed.reason
    _replace_with(filled, write_issue(issue_file.parent))  # the file as it was: the old issue is back
    assert [OLD_KEY] == _issue_keys(filled)
    assert was_retitled(filled) and was_captioned(filled)
    assert [] == corrections.failed_corrections(filled)


def test_kept_both_the_old_issue_keeps_its_corrections(filled: Archive, issue_file: Path) -> None:
    retitle_first(filled)
    redated = write_issue(issue_file.parent, REDATED)
    report = import_paths(filled, [redated], on_conflict="keep")
    assert report.ok and [redated] == report.imported
    assert [OLD_KEY, NEW_KEY] == _issue_keys(filled)
    assert "区领导督导调研幸福食堂" == _headlines_of(filled, OLD_KEY)[0]
    assert FIRST == _headlines_of(filled, NEW_KEY)[0]
    assert [(OLD_KEY, "applied")] == [(c.issue_key, c.status) for c in corrections.list_corrections(filled)]


def test_only_the_corrections_of_the_moved_file_go_when_the_old_issue_keeps_other_files(
    filled: Archive, issue_file: Path
) -> None:
    page_two = write_issue(issue_file.parent, PAGE_TWO, name="20220705-2.txt")
    import_file(filled, page_two)
    assert {FIRST, SECOND, "社区书屋开放"} < set(_headlines_of(filled, OLD_KEY))
    caption_second(filled)
    corrections.retitle(filled, key_of(filled, "社区书屋开放"), headline="柳园社区书屋开放")
    _replace_with(filled, write_issue(issue_file.parent, REDATED))  # the first file moves on
    assert [OLD_KEY, NEW_KEY] == _issue_keys(filled)
    assert ["柳园社区书屋开放"] == _headlines_of(filled, OLD_KEY)
    listed = {c.kind: (c.issue_key, c.status) for c in corrections.list_corrections(filled)}
    assert {"caption": (NEW_KEY, "applied"), "retitle": (OLD_KEY, "applied")} == listed
