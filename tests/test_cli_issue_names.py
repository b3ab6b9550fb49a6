"""`correct issue` and `papers` in real processes on a real archive (issue 23 defect 1, issue 24
defect 1): an undated issue named by the user is cited by those names and keeps them through a
re-import; a printed date is overridden with the printed one said; a paper renamed or merged is
shown by its new name, and files printing the old name stay under it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import build_archive, err_text, out_text, run_cli

UNDATED = (
    "区图书馆举办读书会\n\n开发区讯 7月4日，读书会在区图书馆举行，六十余名读者参加。\n\n（融媒体 某某）\n\n"
    "街道开展消防演练\n\n开发区讯 7月3日，街道组织居民开展消防演练。\n"
)
NAME = "003_5402ef8479b560aa.txt"


def ok(*args: str) -> str:
    done = run_cli(*args)
    assert 0 == done.returncode, err_text(done)
    return out_text(done)


def reimport(db: Path) -> None:
    ok("import", str(db.parent / "issues"), "--db", str(db))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_archive(tmp_path, [(NAME, UNDATED)])


def test_an_issue_named_on_the_command_line_is_cited_by_its_names_through_a_reimport(db: Path) -> None:
    said = ok(
        "correct", "issue", NAME, "--paper", "河阳视界", "--date", "2022年7月5日", "--number", "88",
        "--page", "3", "--db", str(db),
    )  # fmt: skip
    assert f"已设定 {NAME}" in said and "河阳视界 · 2022年7月5日 · 总第88期 · 第3版" in said
    (db.parent / "issues" / NAME).write_text(UNDATED.replace("六十余名", "七十余名"), "utf-8")
    reimport(db)
    found = ok("search", "读书会", "--db", str(db))
    assert "河阳视界" in found and "第3版" in found and "2022-07-05" in found
    assert "未定日期" not in ok("info", "--db", str(db))
    ok("correct", "issue", NAME, "--number", "89", "--db", str(db))  # only what is given changes
    assert "总第89期" in ok("correct", "issue", NAME, "--db", str(db))
    assert "河阳视界" in ok("search", "读书会", "--db", str(db))
    said = ok("correct", "issue", NAME, "--clear", "--db", str(db))
    assert "已清除" in said
    assert "未定日期的期次（1）" in ok("info", "--db", str(db))
    assert "河阳视界" not in ok("papers", "list", "--db", str(db))


def test_a_printed_date_is_overridden_and_the_printed_one_said(tmp_path: Path) -> None:
    db = build_archive(tmp_path)  # 东昌时讯 of 2022-07-05, 今日开发区 of 2022-08-10
    said = ok("correct", "date", "july.txt", "2022-07-06", "--db", str(db))
    assert "2022年7月6日（报头印的是 2022年7月5日）" in said
    assert "2022-07-06" in ok("search", "江绍华", "--publication", "东昌时讯", "--db", str(db))


def test_a_paper_renamed_is_shown_by_its_new_name_and_keeps_the_files_that_print_the_old(
    tmp_path: Path,
) -> None:
    db = build_archive(tmp_path)
    assert "东昌时讯：1 期" in ok("papers", "list", "--db", str(db))
    said = ok("papers", "rename", "东昌时讯", "东昌日报", "--db", str(db))
    assert "已把报纸“东昌时讯”改名为“东昌日报”" in said
    assert "东昌日报" in ok("search", "江绍华", "--db", str(db))
    july = db.parent / "issues" / "july.txt"  # edited: imported again, printing the old name
    july.write_text(july.read_text("utf-8") + "\n新闻一则\n\n东昌府讯 又一条消息。\n", "utf-8")
    reimport(db)
    listed = ok("papers", "list", "--db", str(db))
    assert "东昌日报：1 期（曾用名：东昌时讯）" in listed and "东昌时讯：" not in listed
    said = ok("papers", "merge", "今日开发区", "东昌日报", "--db", str(db))
    assert "已把“今日开发区”的 1 期并入“东昌日报”" in said
    assert "共 1 份报纸" in ok("papers", "list", "--db", str(db))


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("papers", "rename", "没有这份报", "新名"), "档案中没有名为“没有这份报”的报纸"),
        (("papers", "rename", "东昌时讯", "今日开发区"), "已有名为“今日开发区”的报纸"),
        (("papers", "merge", "东昌时讯", "东昌时讯"), "是同一份报纸"),
        (("correct", "issue", "july.txt", "--number", "0"), "须是正整数"),
        (("correct", "issue", "nosuch.txt", "--page", "2"), "档案中没有键或文件名为“nosuch.txt”的期次"),
    ],
)
def test_what_cannot_be_done_is_one_chinese_line(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    db = build_archive(tmp_path)
    done = run_cli(*args, "--db", str(db))
    assert 0 != done.returncode
    assert says in err_text(done)
