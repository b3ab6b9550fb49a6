"""`repair` brings back every row that lies on an undamaged page, whatever else is broken, and says
per table what it kept and lost (issue 21, item 3). Run as the user runs it: the real command on
a real archive file damaged the way disks damage files."""

from __future__ import annotations

from pathlib import Path

from cli_support import err_text, out_text, run_cli
from damage_support import CONTENT, cells, filled_archive, garble, page_size, pages, rows, truncate


def text(article: tuple[object, ...]) -> tuple[object, ...]:
    """An article row without its link to the record of its file (cleared when that is lost)."""
    return article[:12] + article[13:]


def repaired(path: Path) -> str:
    done = run_cli("repair", "--db", str(path))
    assert 0 == done.returncode, err_text(done)
    return out_text(done)


def test_a_damaged_interior_page_of_the_articles_loses_no_article(tmp_path: Path) -> None:
    path = filled_archive(tmp_path)
    before = {table: rows(path, table) for table in CONTENT}
    garble(path, pages(path, "articles", "internal")[0])
    said = repaired(path)
    assert before == {table: rows(path, table) for table in CONTENT}
    assert "文章：保留 180，丢失 0" in said


def test_a_damaged_leaf_of_the_articles_loses_the_rows_on_it_and_no_other(tmp_path: Path) -> None:
    path = filled_archive(tmp_path)
    before = rows(path, "articles")
    leaf = pages(path, "articles", "leaf")[3]
    on_it = cells(path, leaf)
    garble(path, leaf)
    said = repaired(path)
    after = rows(path, "articles")
    assert len(before) - on_it == len(after)
    assert all(before[rowid] == values for rowid, values in after.items())
    assert f"文章：保留 {len(after)}，丢失 约 {on_it}" in said


def test_an_archive_whose_first_page_is_garbage_comes_back_whole(tmp_path: Path) -> None:
    path = filled_archive(tmp_path)
    before = {table: rows(path, table) for table in CONTENT}
    garble(path, 1)
    repaired(path)
    assert before == {table: rows(path, table) for table in CONTENT}


def test_a_cut_short_archive_keeps_every_article_on_the_pages_before_the_cut(tmp_path: Path) -> None:
    path = filled_archive(tmp_path, issues=120)
    before = rows(path, "articles")
    assert [] == pages(path, "articles", "overflow")  # each article lies on its leaf alone
    on_leaf = {leaf: cells(path, leaf) for leaf in pages(path, "articles", "leaf")}
    truncate(path, 0.6)
    whole = path.stat().st_size // page_size(path)  # the pages still there in full
    repaired(path)
    after = rows(path, "articles")
    assert all(text(before[rowid]) == text(values) for rowid, values in after.items())
    assert sum(count for leaf, count in on_leaf.items() if leaf <= whole) <= len(after) < len(before)


def test_articles_whose_issue_rows_are_lost_come_back_with_their_issues_made_again(tmp_path: Path) -> None:
    path = filled_archive(tmp_path)
    articles, issues = rows(path, "articles"), rows(path, "issues")
    for leaf in pages(path, "issues", "leaf"):
        garble(path, leaf)
    said = repaired(path)
    assert articles == rows(path, "articles")
    keys = {rowid: values[1] for rowid, values in rows(path, "issues").items()}
    assert {rowid: values[1] for rowid, values in issues.items()} == keys
    assert "据其他记录重建" in said


def test_a_repair_that_cannot_succeed_names_the_archive_and_not_its_work_files(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite3"
    path.write_bytes("这是一份 Word 文档，不是档案。".encode() * 400)
    before = path.read_bytes()
    done = run_cli("repair", "--db", str(path))
    said = out_text(done) + err_text(done)
    assert 0 != done.returncode
    assert str(path) in said and "未能修复" in said
    assert "repairing" not in said and ".pages" not in said and "reader repair" not in said
    assert before == path.read_bytes()
    assert [path.name] == sorted(p.name for p in tmp_path.iterdir())


def test_the_report_names_each_part_of_the_archive_with_what_was_kept_and_lost(tmp_path: Path) -> None:
    path = filled_archive(tmp_path)
    garble(path, pages(path, "sources", "leaf")[0])
    said = repaired(path)
    for line in ("期次：保留 60，丢失 0", "文章：保留 180，丢失 0", "专有名词：保留 2，丢失 0"):
        assert line in said
    assert "导入文件记录：保留" in said and "无法读出的记录：导入文件记录约" in said
    assert "书签在各人自己的个人文件里，不受影响" in said and "书签：" not in said
    assert "损坏的原文件保存为" in said
