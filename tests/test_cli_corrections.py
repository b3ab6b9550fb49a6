"""`python -m reader correct …`: every action through the command line on a real archive file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import err_text, run_cli
from correction_support import FIRST, ISSUE, SECOND, SPLIT_PARAGRAPH, THIRD, headlines, key_of, write_issue

from reader.archive.db import open_archive
from reader.cli import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "archive.sqlite3"
    assert 0 == main(["import", str(write_issue(tmp_path / "dump")), "--db", str(path)])
    return path


def _key(db: Path, headline: str) -> str:
    with open_archive(db, readonly=True) as archive:
        return key_of(archive, headline)


def _headlines(db: Path) -> list[str]:
    with open_archive(db, readonly=True) as archive:
        return headlines(archive)


def _correct(db: Path, *args: str) -> int:
    return main(["correct", *args, "--db", str(db)])


def test_split_merge_retitle_caption_and_undo(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _key(db, FIRST)
    assert 0 == _correct(db, "split", first, "2")
    assert [FIRST, SPLIT_PARAGRAPH, SECOND, THIRD] == _headlines(db)
    assert 0 == _correct(db, "merge", _key(db, SECOND), _key(db, THIRD))
    assert 0 == _correct(db, "retitle", first, "区领导调研幸福食堂", "--kicker", "民生实事")
    assert 0 == _correct(db, "caption", _key(db, SECOND))
    assert ["区领导调研幸福食堂", SPLIT_PARAGRAPH, SECOND] == _headlines(db)
    assert 0 == _correct(db, "undo")
    out = capsys.readouterr().out
    assert "已撤销（#4）" in out and "设为图片说明" in out
    assert 0 == _correct(db, "list")
    listed = capsys.readouterr().out
    assert (
        listed.startswith("共 3 条校订")
        and "从第2段拆分" in listed
        and "标题改为“区领导调研幸福食堂”" in listed
    )


def test_list_json_reports_each_correction_and_the_failed_ones(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == _correct(db, "split", _key(db, FIRST), "2", "--headline", "食堂是民生工程")
    assert 0 == _correct(db, "caption", _key(db, SECOND))
    edited = write_issue(
        tmp_path / "dump", write_issue(tmp_path / "x").read_text("utf-8").replace(SECOND, "晚会")
    )
    edited.write_text(edited.read_text("utf-8").replace("居民载歌载舞", "市民参加"), "utf-8")
    assert 0 == main(["import", str(edited), "--db", str(db)])
    capsys.readouterr()
    assert 0 == _correct(db, "list", "--json")
    data = json.loads(capsys.readouterr().out)
    assert ["split", "caption"] == [c["kind"] for c in data["corrections"]]
    assert {"食堂是民生工程"} <= {c["params"].get("headline") for c in data["corrections"]}
    caption = data["corrections"][1]
    assert [caption["id"]] == data["failed"]
    assert ("failed", SECOND) == (caption["status"], caption["headline"]) and SECOND in caption["reason"]
    assert 0 == _correct(db, "list")
    out = capsys.readouterr().out
    assert "未能应用的校订（1）：" in out and "原因：" in out


def test_import_replace_of_a_redated_file_carries_its_corrections_to_the_new_issue(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == _correct(db, "caption", _key(db, SECOND))
    redated = write_issue(
        tmp_path / "dump", ISSUE.replace("2022年7月5日", "2022年7月6日").replace("1449", "1450")
    )
    assert 0 != main(["import", str(redated), "--db", str(db)])  # a conflict: the date changed
    assert 0 == main(["import", str(redated), "--replace", "--db", str(db)])
    capsys.readouterr()
    assert 0 == _correct(db, "list", "--json")
    data = json.loads(capsys.readouterr().out)
    assert [("东昌时讯|2022-07-06|1450", "applied")] == [
        (c["issue_key"], c["status"]) for c in data["corrections"]
    ]
    assert [] == data["failed"]


def test_an_unknown_key_is_one_chinese_line_and_status_1(db: Path) -> None:
    done = run_cli("correct", "retitle", "feedfacecafe0000", "新标题", "--db", str(db))
    assert 1 == done.returncode
    assert "档案中没有这篇文章：feedfacecafe0000\n" == err_text(done)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("split", "{first}", "9"), "共 2 段"),
        (("merge", "{first}", "{third}"), "不是“江绍华督导调研幸福食堂”的下一篇"),
        (("retitle", "{first}"), "没有给出要修改的"),
        (("undo",), "没有可以撤销的校订"),
    ],
)
def test_a_correction_that_cannot_be_made_says_why(
    db: Path, args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = {"first": _key(db, FIRST), "third": _key(db, THIRD)}
    assert 1 == _correct(db, *(a.format(**keys) for a in args))
    assert message in capsys.readouterr().err


def test_a_missing_archive_is_named_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.sqlite3"
    assert 1 == _correct(missing, "list")
    assert f"档案不存在：{missing}" in capsys.readouterr().err
    assert not missing.exists()


@pytest.mark.parametrize("command", ["correct", "words"])
def test_a_command_without_its_action_shows_its_own_help(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 2 == main([command])
    assert capsys.readouterr().err.startswith(f"用法：python -m reader {command} ")


@pytest.mark.parametrize(
    "action",
    [["correct", a] for a in ("retitle", "split", "merge", "caption", "list", "undo")]
    + [["words", a] for a in ("add", "remove", "list", "import")],
)
def test_every_action_has_help(action: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([*action, "--help"])
    assert 0 == done.value.code
    assert "--db FILE" in capsys.readouterr().out


def test_undo_with_a_number_discards_that_correction_only(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == _correct(db, "caption", _key(db, SECOND))
    assert 0 == _correct(db, "retitle", _key(db, FIRST), "区领导调研幸福食堂")
    assert 0 == _correct(db, "undo", "#1")
    assert "已撤销（#1）" in capsys.readouterr().out
    assert 0 == _correct(db, "list", "--all")
    listed = capsys.readouterr().out
    assert listed.startswith("共 1 条校订\n  #2 ") and "已撤销（1）：\n  #1 " in listed
    assert 1 == _correct(db, "undo", "1")
    assert "这条校订已经撤销过了" in capsys.readouterr().err


def test_search_marks_a_corrected_article_as_the_window_lists_do(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == _correct(db, "retitle", _key(db, FIRST), "区领导调研幸福食堂")
    capsys.readouterr()
    assert 0 == main(["search", "古楼街道", "--db", str(db)])  # in the first and the second
    lines = [line for line in capsys.readouterr().out.splitlines() if line[:1].isdigit()]
    assert 2 == len(lines)
    titles = [line.split("  ")[0][3:] for line in lines]  # "1. TITLE  [source]  (key)"
    assert ["〔已校订〕区领导调研幸福食堂"] == [title for title in titles if "〔已校订〕" in title]
    assert ["【古楼街道】举办消夏晚会"] == [title for title in titles if "〔已校订〕" not in title]


def test_edit_corrects_a_typo_that_search_then_finds_and_original_shows_the_imported_text(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _key(db, FIRST)
    fixed = SPLIT_PARAGRAPH.replace("放心", "放心、吃得舒心")
    assert 0 == _correct(db, "edit", first, "2", fixed)
    assert "已校订" in capsys.readouterr().out
    assert 0 == main(["search", "吃得舒心", "--db", str(db)])
    assert FIRST in capsys.readouterr().out
    assert 0 == _correct(db, "original", first)
    shown = capsys.readouterr().out
    assert SPLIT_PARAGRAPH in shown and "吃得舒心" not in shown
    assert 1 == _correct(db, "edit", first, "7", "不存在的一段")
    assert "共 2 段" in capsys.readouterr().err
