"""Bookmarks on real SQLite files built from the test corpus: re-import, restart, moved file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus_support import APPROVAL_HEADLINE, MAILBOX_HEADLINE, MASTHEAD_FILE, VISIT_HEADLINE, VISIT_SENTENCE

from reader.archive import bookmarks
from reader.archive.db import Archive, open_archive
from reader.archive.importer import import_paths
from reader.archive.queries import article_by_key
from reader.archive.search import search
from reader.text.model import ParsedIssue

HEADLINE = VISIT_HEADLINE
HEADLINE_LINE = f"{VISIT_HEADLINE}\n"
BODY_OLD = VISIT_SENTENCE
BODY_NEW = VISIT_SENTENCE.replace("陪同", "一同调研")


@pytest.fixture
def issue_text() -> str:
    """The corpus issue's text, read in place."""
    return MASTHEAD_FILE.read_text(encoding="utf-8")


@pytest.fixture
def filled(archive: Archive) -> Archive:
    """The fresh archive with the corpus issue imported."""
    assert import_paths(archive, [MASTHEAD_FILE]).ok
    return archive


def _key_of(archive: Archive, headline: str) -> str:
    hit = search(archive, f'标题:"{headline.split()[0]}"').hits[0]
    return hit.key


def _reimport(archive: Archive, tmp_path: Path, text: str) -> None:
    """Import an edited copy of the issue (same masthead, so the same issue is replaced)."""
    edited = tmp_path / "edited" / "000.txt"
    edited.parent.mkdir(exist_ok=True)
    edited.write_text(text, encoding="utf-8")
    report = import_paths(archive, [edited])
    assert [edited] == report.replaced


def test_add_then_remove(filled: Archive) -> None:
    key = _key_of(filled, HEADLINE)
    assert key == bookmarks.add(filled, key).key
    assert bookmarks.is_bookmarked(filled, key)
    removed = bookmarks.remove(filled, key)
    assert removed is not None and key == removed.key
    assert not bookmarks.is_bookmarked(filled, key)
    assert [] == bookmarks.list_bookmarks(filled)
    assert bookmarks.remove(filled, key) is None


def test_bookmark_lists_article_fields(filled: Archive, masthead_issue: ParsedIssue) -> None:
    key = _key_of(filled, HEADLINE)
    bookmarks.add(filled, key, note="写报告用")
    [record] = bookmarks.list_bookmarks(filled)
    article = article_by_key(filled, key)
    assert article is not None
    assert (key, "写报告用", HEADLINE, "东昌时讯", masthead_issue.date, article.id) == (
        record.key,
        record.note,
        record.headline,
        record.publication,
        record.date,
        record.article_id,
    )


def test_bookmarks_are_listed_in_the_order_they_were_added(filled: Archive) -> None:
    keys = [_key_of(filled, h) for h in (HEADLINE, APPROVAL_HEADLINE, MAILBOX_HEADLINE)]
    for key in (keys[2], keys[0], keys[1]):
        bookmarks.add(filled, key)
    assert [keys[2], keys[0], keys[1]] == [b.key for b in bookmarks.list_bookmarks(filled)]


def test_adding_an_unknown_key_raises_a_bookmark_error_in_chinese(filled: Archive) -> None:
    with pytest.raises(bookmarks.BookmarkError) as raised:
        bookmarks.add(filled, "no-such-key")
    assert "no-such-key" == raised.value.key
    assert "档案中已没有这篇文章或这个书签（可能刚被重新导入）" == str(raised.value)


def test_a_note_for_a_bookmark_that_is_gone_raises_a_bookmark_error(filled: Archive) -> None:
    key = _key_of(filled, HEADLINE)
    with pytest.raises(bookmarks.BookmarkError) as raised:
        bookmarks.set_note(filled, key, "批注")
    assert key == raised.value.key


def test_set_note_replaces_the_note(filled: Archive) -> None:
    key = _key_of(filled, HEADLINE)
    bookmarks.add(filled, key, note="旧")
    bookmarks.set_note(filled, key, "新的批注")
    assert "新的批注" == bookmarks.list_bookmarks(filled)[0].note


def test_remove_then_restore_undoes_the_removal(filled: Archive) -> None:
    key = _key_of(filled, HEADLINE)
    bookmarks.add(filled, key, note="留着")
    before = bookmarks.list_bookmarks(filled)
    removed = bookmarks.remove(filled, key)
    assert removed is not None
    assert [] == bookmarks.list_bookmarks(filled)
    bookmarks.restore(filled, removed)
    assert before == bookmarks.list_bookmarks(filled)


def test_reimport_with_changed_text_keeps_bookmark_and_note(
    filled: Archive, tmp_path: Path, issue_text: str
) -> None:
    key = _key_of(filled, HEADLINE)
    bookmarks.add(filled, key, note="幸福食堂")
    old = article_by_key(filled, key)
    assert old is not None and BODY_OLD in old.body
    _reimport(filled, tmp_path, issue_text.replace(BODY_OLD, BODY_NEW))
    new = article_by_key(filled, key)
    assert new is not None and BODY_NEW in new.body
    [record] = bookmarks.list_bookmarks(filled)
    assert (new.id, "幸福食堂") == (record.article_id, record.note)


def test_bookmark_of_article_removed_by_reimport_shows_as_deleted(
    filled: Archive, tmp_path: Path, issue_text: str
) -> None:
    key = _key_of(filled, HEADLINE)
    bookmarks.add(filled, key, note="还要")
    assert HEADLINE_LINE in issue_text
    _reimport(filled, tmp_path, issue_text.replace(HEADLINE_LINE, "副市长调研老年助餐工作\n"))
    assert article_by_key(filled, key) is None
    [record] = bookmarks.list_bookmarks(filled)
    assert (key, HEADLINE, "还要", None, True) == (
        record.key,
        record.headline,
        record.note,
        record.article_id,
        record.deleted,
    )


def test_bookmarks_survive_restart(archive_path: Path) -> None:
    with open_archive(archive_path) as first:
        import_paths(first, [MASTHEAD_FILE])
        key = _key_of(first, HEADLINE)
        bookmarks.add(first, key, note="重启之后")
        expected = bookmarks.list_bookmarks(first)
    with open_archive(archive_path, readonly=True) as again:
        assert expected == bookmarks.list_bookmarks(again)


def test_bookmarks_survive_moving_the_archive_file(archive_path: Path, tmp_path: Path) -> None:
    with open_archive(archive_path) as first:
        import_paths(first, [MASTHEAD_FILE])
        key = _key_of(first, HEADLINE)
        bookmarks.add(first, key, note="搬家")
        expected = bookmarks.list_bookmarks(first)
    moved = tmp_path / "elsewhere" / "moved.sqlite3"
    moved.parent.mkdir()
    shutil.move(archive_path, moved)
    with open_archive(moved) as again:
        assert expected == bookmarks.list_bookmarks(again)
        assert bookmarks.is_bookmarked(again, key)
