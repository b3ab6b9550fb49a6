"""Staff corrections on real archive files: each kind applied, undone, and applied again after a
re-import of the same file and of an edited file; what cannot apply is listed, never lost."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue
from correction_support import (
    EDITED_ISSUE,
    EDITED_PARAGRAPH,
    FIRST,
    ISSUE,
    KINDS,
    SECOND,
    SPLIT_PARAGRAPH,
    THIRD,
    THIRD_BODY,
    caption_second,
    edit_first,
    headlines,
    import_file,
    issue_articles,
    key_of,
    merge_second,
    retitle_first,
    split_first,
    was_captioned,
    was_edited,
    was_merged,
    was_retitled,
    was_split,
    write_issue,
)

from reader.archive import bookmarks, corrections
from reader.archive.db import Archive, open_archive
from reader.archive.formatting import article_source
from reader.archive.importer import import_issue
from reader.archive.queries import article_by_key
from reader.archive.search import search
from reader.text import read_issue


@pytest.fixture
def issue_file(tmp_path: Path) -> Path:
    return write_issue(tmp_path / "dump")


@pytest.fixture
def filled(archive: Archive, issue_file: Path) -> Archive:
    import_file(archive, issue_file)
    return archive


@pytest.mark.parametrize("kind", list(KINDS))
def test_correction_applies_and_marks_the_article_corrected(filled: Archive, kind: str) -> None:
    make, applied = KINDS[kind]
    make(filled)
    assert applied(filled)
    corrected = [a for a in issue_articles(filled) if a.corrected]
    assert corrected
    assert all(article_source(a).endswith(" · 已校订") for a in corrected)
    assert [kind] == [c.kind for c in corrections.list_corrections(filled)]


@pytest.mark.parametrize("kind", list(KINDS))
def test_undo_puts_the_imported_articles_back(filled: Archive, kind: str) -> None:
    before = issue_articles(filled)
    KINDS[kind][0](filled)
    undone = corrections.undo(filled)
    assert kind == undone.kind and undone.undone_at is not None
    assert before == issue_articles(filled)
    assert [] == corrections.list_corrections(filled)


@pytest.mark.parametrize("kind", list(KINDS))
def test_correction_is_applied_again_after_reimporting_the_same_file(
    filled: Archive, tmp_path: Path, kind: str
) -> None:
    make, applied = KINDS[kind]
    make(filled)
    import_file(filled, write_issue(tmp_path / "dump"))  # the same file, same place
    assert applied(filled)
    import_file(filled, write_issue(tmp_path / "elsewhere", name="copy.txt"))  # same text, moved
    assert applied(filled)
    assert ["applied"] == [c.status for c in corrections.list_corrections(filled)]


@pytest.mark.parametrize("kind", list(KINDS))
def test_correction_is_applied_again_after_importing_an_edited_file(
    filled: Archive, tmp_path: Path, kind: str
) -> None:
    make, applied = KINDS[kind]
    make(filled)
    import_file(filled, write_issue(tmp_path / "dump", EDITED_ISSUE))
    if kind == "merge":
        assert was_merged(
            filled, THIRD_BODY.replace("首期改造主干道五条。", "首期改造主干道六条，二期改造支路。")
        )
    else:
        assert applied(filled)
    assert "六条" in "".join(a.body for a in issue_articles(filled))
    assert ["applied"] == [c.status for c in corrections.list_corrections(filled)]


def test_split_takes_an_entered_headline_and_keeps_the_paragraph(filled: Archive) -> None:
    corrections.split(filled, key_of(filled, FIRST), 2, headline="幸福食堂是民生工程")
    items = issue_articles(filled)
    assert [FIRST, "幸福食堂是民生工程", SECOND, THIRD] == [a.headline for a in items]
    assert SPLIT_PARAGRAPH == items[1].body
    assert "幸福食堂建设运营情况" in items[0].body and SPLIT_PARAGRAPH not in items[0].body


def test_the_article_a_split_made_keeps_its_key_through_reimport(filled: Archive, tmp_path: Path) -> None:
    split_first(filled)
    made = issue_articles(filled)[1].key
    import_file(filled, write_issue(tmp_path / "dump", EDITED_ISSUE))
    assert made == issue_articles(filled)[1].key


def test_search_finds_the_corrected_headline_and_not_the_old_one(filled: Archive) -> None:
    retitle_first(filled)
    assert [key_of(filled, "区领导督导调研幸福食堂")] == [h.key for h in search(filled, "标题:区领导").hits]
    assert () == search(filled, "标题:江绍华").hits
    corrections.undo(filled)
    assert 1 == len(search(filled, "标题:江绍华").hits)


def test_an_edited_paragraph_is_found_by_its_new_words_and_its_original_stays_viewable(
    filled: Archive,
) -> None:
    first = key_of(filled, FIRST)
    assert corrections.original_text(filled, first) is None  # nothing changed its text yet
    edit_first(filled)
    assert [first] == [h.key for h in search(filled, "吃得舒心").hits]
    original = corrections.original_text(filled, first)
    assert original is not None and SPLIT_PARAGRAPH in original and EDITED_PARAGRAPH not in original
    described = corrections.list_corrections(filled)[0].describe()
    assert "第2段改为" in described and "修改正文" == corrections.KIND_LABELS["edit"]
    corrections.undo(filled)
    assert () == search(filled, "吃得舒心").hits
    assert SPLIT_PARAGRAPH in issue_articles(filled)[0].body


def test_an_edit_follows_its_paragraph_when_paragraphs_are_added_above_it(
    filled: Archive, tmp_path: Path
) -> None:
    edit_first(filled)
    more = ISSUE.replace(SPLIT_PARAGRAPH, "会上通报了上半年工作。\n\n" + SPLIT_PARAGRAPH)
    import_file(filled, write_issue(tmp_path / "dump", more))
    body = issue_articles(filled)[0].body.split("\n")
    assert ["会上通报了上半年工作。", EDITED_PARAGRAPH] == body[1:3]
    gone = ISSUE.replace(SPLIT_PARAGRAPH, "江绍华强调，要把实事办实。")
    import_file(filled, write_issue(tmp_path / "dump", gone))
    failed = corrections.failed_corrections(filled)
    assert ["edit"] == [c.kind for c in failed] and "找不到要修改的段落" in failed[0].reason
    import_file(filled, write_issue(tmp_path / "dump"))
    assert was_edited(filled)


@pytest.mark.parametrize(
    ("paragraph", "text", "why"),
    [(9, "新的一段", "共 2 段"), (2, "   ", "不能改为空"), (2, SPLIT_PARAGRAPH, "没有改动")],
)
def test_an_edit_that_cannot_be_made_says_why_and_stores_nothing(
    filled: Archive, paragraph: int, text: str, why: str
) -> None:
    with pytest.raises(corrections.CorrectionError, match=why):
        corrections.edit_text(filled, key_of(filled, FIRST), paragraph, text)
    assert [] == corrections.list_corrections(filled)


def test_search_hits_say_which_articles_are_corrected(filled: Archive) -> None:
    retitle_first(filled)
    hits = search(filled, "古楼街道", sort="oldest").hits
    assert [("区领导督导调研幸福食堂", True), (SECOND, False)] == [(h.headline, h.corrected) for h in hits]
    assert [True, False] == [h.to_dict()["corrected"] for h in hits]
    corrections.undo(filled)
    assert [False, False] == [h.corrected for h in search(filled, "古楼街道").hits]


def test_a_correction_that_no_longer_applies_is_listed_with_its_reason(
    filled: Archive, tmp_path: Path
) -> None:
    split_first(filled)
    caption_second(filled)
    gone = ISSUE.replace(SPLIT_PARAGRAPH, "江绍华强调，要把实事办实。")
    import_file(filled, write_issue(tmp_path / "dump", gone))
    failed = corrections.failed_corrections(filled)
    assert ["split"] == [c.kind for c in failed]
    assert SPLIT_PARAGRAPH[:20] in failed[0].reason and "找不到" in failed[0].reason
    assert was_captioned(filled)  # the other one still applies
    assert 2 == len(corrections.list_corrections(filled))
    import_file(filled, write_issue(tmp_path / "dump"))  # the text comes back: so does the split
    assert [] == corrections.failed_corrections(filled)
    assert was_split(filled)


def test_a_correction_of_an_article_whose_headline_changed_is_kept(filled: Archive, tmp_path: Path) -> None:
    caption_second(filled)
    import_file(filled, write_issue(tmp_path / "dump", ISSUE.replace(SECOND, "古楼街道举办消夏文艺晚会")))
    # the key changed with the headline; the fingerprint (the body) still finds the article
    assert was_captioned(filled) and [] == corrections.failed_corrections(filled)
    text = ISSUE.replace(SECOND, "柳园广场晚会").replace("居民载歌载舞", "市民踊跃参加")
    import_file(filled, write_issue(tmp_path / "dump", text))
    failed = corrections.failed_corrections(filled)
    assert ["caption"] == [c.kind for c in failed]
    assert SECOND in failed[0].reason


def test_a_merge_of_articles_no_longer_adjacent_is_listed(filled: Archive, tmp_path: Path) -> None:
    merge_second(filled)
    between = ISSUE.replace(f"{THIRD}\n", f"夜市开张\n\n本报讯 古楼夜市今晚开张，摊位百余个。\n\n{THIRD}\n")
    import_file(filled, write_issue(tmp_path / "dump", between))
    failed = corrections.failed_corrections(filled)
    assert ["merge"] == [c.kind for c in failed]
    assert "已不紧接在这篇之后" in failed[0].reason
    assert THIRD in headlines(filled)


def test_bookmark_on_a_split_article_stays_on_its_first_part(filled: Archive) -> None:
    key = key_of(filled, FIRST)
    bookmarks.add(filled, key, "食堂")
    split_first(filled)
    [mark] = bookmarks.list_bookmarks(filled)
    assert (FIRST, False) == (mark.headline, mark.deleted)
    assert SPLIT_PARAGRAPH not in (_body_by_key(filled, mark.key))


def _body_by_key(archive: Archive, key: str) -> str:
    found = article_by_key(archive, key)
    assert found is not None
    return found.body


def test_bookmark_on_the_second_of_merged_articles_opens_the_merged_one(
    filled: Archive, tmp_path: Path
) -> None:
    third = key_of(filled, THIRD)
    bookmarks.add(filled, third, "路网")
    merge_second(filled)
    [mark] = bookmarks.list_bookmarks(filled)
    assert (SECOND, False, "路网") == (mark.headline, mark.deleted, mark.note)
    assert "主干道五条" in _body_by_key(filled, third)
    import_file(filled, write_issue(tmp_path / "dump", EDITED_ISSUE))
    assert "主干道六条" in _body_by_key(filled, third)
    corrections.undo(filled)
    [mark] = bookmarks.list_bookmarks(filled)
    assert (THIRD, False) == (mark.headline, mark.deleted)


def test_a_merged_article_is_bookmarked_when_either_original_was(filled: Archive) -> None:
    second, third = key_of(filled, SECOND), key_of(filled, THIRD)
    bookmarks.add(filled, third, "路网")
    assert not bookmarks.is_bookmarked(filled, second)
    merge_second(filled)
    merged = article_by_key(filled, second)
    assert merged is not None
    assert [third] == bookmarks.leading_keys(filled, second)
    assert bookmarks.is_bookmarked(filled, second) and bookmarks.is_bookmarked(filled, third)
    assert [merged.id] == [mark.article_id for mark in bookmarks.list_bookmarks(filled)]
    assert not bookmarks.is_bookmarked(filled, key_of(filled, FIRST))


def test_removing_a_merged_article_from_the_bookmarks_removes_both_originals_bookmarks(
    filled: Archive,
) -> None:
    second, third = key_of(filled, SECOND), key_of(filled, THIRD)
    bookmarks.add(filled, second, "晚会")
    bookmarks.add(filled, third, "路网")
    merge_second(filled)
    removed = bookmarks.remove_article(filled, second)
    assert [("晚会", second), ("路网", third)] == sorted((r.note, r.key) for r in removed)
    assert not bookmarks.is_bookmarked(filled, second)
    assert [] == bookmarks.list_bookmarks(filled)
    for record in removed:
        bookmarks.restore(filled, record)
    assert 2 == len(bookmarks.list_bookmarks(filled))


def test_an_unknown_key_is_a_chinese_error_naming_it(filled: Archive) -> None:
    with pytest.raises(corrections.CorrectionError, match="档案中没有这篇文章：0123abcd"):
        corrections.caption(filled, "0123abcd")


def test_split_outside_the_paragraphs_is_refused(filled: Archive) -> None:
    with pytest.raises(corrections.CorrectionError, match="共 2 段"):
        corrections.split(filled, key_of(filled, FIRST), 5)
    assert [] == corrections.list_corrections(filled)


def test_merge_with_an_article_that_is_not_the_next_is_refused(filled: Archive) -> None:
    with pytest.raises(corrections.CorrectionError, match="不是"):
        corrections.merge(filled, key_of(filled, FIRST), key_of(filled, THIRD))


def test_undo_takes_back_the_newest_correction_first(filled: Archive) -> None:
    caption_second(filled)
    retitle_first(filled)
    assert "retitle" == corrections.undo(filled).kind
    assert was_captioned(filled) and not was_retitled(filled)
    assert "caption" == corrections.undo(filled).kind
    with pytest.raises(corrections.CorrectionError, match="没有可以撤销的校订"):
        corrections.undo(filled)


def test_redo_brings_an_undone_correction_back(filled: Archive) -> None:
    split_first(filled)
    undone = corrections.undo(filled)
    corrections.redo(filled, undone.id)
    assert was_split(filled)


def test_correction_is_applied_again_when_a_better_parser_reads_the_same_file(
    filled: Archive, issue_file: Path
) -> None:
    split_first(filled)
    parsed = read_issue(issue_file)
    better = dataclasses.replace(
        parsed, articles=tuple(dataclasses.replace(a, byline=a.byline or "本报记者") for a in parsed.articles)
    )
    assert "replaced" == import_issue(filled, better, source_path=issue_file).status  # same text, new reading
    assert was_split(filled)
    assert "本报记者" == issue_articles(filled)[0].byline


def test_an_archive_from_before_corrections_takes_them_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "version4.sqlite3"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "old_archives" / "version4.sqlite3", path)
    with open_archive(path) as archive:
        assert [] == corrections.list_corrections(archive)
        key = archive.conn.execute("SELECT key FROM articles WHERE headline != '' ORDER BY id").fetchone()[0]
        corrections.retitle(archive, key, headline="校订后的标题")
    with open_archive(path, readonly=True) as archive:
        record = article_by_key(archive, key)
        assert record is not None and ("校订后的标题", True) == (record.headline, record.corrected)


@pytest.mark.parametrize(
    ("paragraphs", "headline", "head"),
    [
        (
            ["幸福食堂开张了", "本报记者 李华", "东昌府讯 昨天，街道的幸福食堂开张。", "食堂每天供应午餐。"],
            "",
            ("幸福食堂开张了", "东昌府讯", "本报记者 李华", "昨天，街道的幸福食堂开张。\n食堂每天供应午餐。"),
        ),
        (
            ["本报讯（记者 王明）近日，街道的幸福食堂开张。", "食堂每天供应午餐。"],
            "幸福食堂开张了",
            ("幸福食堂开张了", "本报讯", "记者 王明", "近日，街道的幸福食堂开张。\n食堂每天供应午餐。"),
        ),
    ],
)
def test_the_article_a_split_makes_gets_the_dateline_and_byline_it_opens_with(
    archive: Archive, paragraphs: list[str], headline: str, head: tuple[str, str, str, str]
) -> None:
    """Two articles the parser ran together: the part split off is read as the parser reads an
    article's head, so its credit and dateline are not left at the top of its body."""
    body = "\n".join(["近日，区里召开民生会议。", "会议要求各街道抓好落实。", *paragraphs])
    import_issue(archive, make_issue([make_article("区里召开民生会议", body)]))
    (first,) = issue_articles(archive)
    corrections.split(archive, first.key, 3, headline=headline)
    _, made = issue_articles(archive)
    assert head == (made.headline, made.dateline, made.byline, made.body)
