"""The command line: help for every command, parse JSON, import exit status, info."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from archive_helpers import bad_files

from reader.cli import build_parser, main

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m reader ARGS` in a real process, output kept as bytes to check the encoding."""
    full_env = {**os.environ, "PYTHONIOENCODING": "ascii", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], cwd=REPO, capture_output=True, env=full_env, check=False
    )


def command_names() -> list[str]:
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(subparsers.choices)  # type: ignore[arg-type]


def test_the_archive_commands_are_registered() -> None:
    assert {"parse", "import", "info"} <= set(command_names())


@pytest.mark.parametrize("command", command_names())
def test_every_command_has_help_text(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    helps = {choice.dest: choice.help for choice in subparsers._choices_actions}  # type: ignore[attr-defined]
    assert helps.get(command)
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip()


def test_help_runs_as_a_module() -> None:
    result = run_cli("import", "--help")
    assert result.returncode == 0
    assert "--db" in result.stdout.decode("utf-8")


def test_parse_prints_utf8_json_with_chinese_unescaped(corpus_files: list[Path]) -> None:
    result = run_cli("parse", str(corpus_files[0]))
    assert result.returncode == 0, result.stderr.decode("utf-8")
    text = result.stdout.decode("utf-8")
    data = json.loads(text)
    assert corpus_files[0].name == data["source"]
    assert data["articles"]
    assert "\\u" not in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_parse_explain_lists_every_line_with_role_and_rule(tmp_path: Path) -> None:
    path = tmp_path / "issue.txt"
    path.write_text(
        "青禾镇\n\n春茶开采\n\n本报讯 清明前后，青禾镇的茶园里\n\n一片忙碌。\n\n（青禾镇宣）\n",
        encoding="utf-8",
    )
    result = run_cli("parse", "--explain", str(path))
    assert result.returncode == 0, result.stderr.decode("utf-8")
    rows = [line.split() for line in result.stdout.decode("utf-8").splitlines()]
    assert [
        ("1", "kicker", "青禾镇"),
        ("3", "headline", "春茶开采"),
        ("5", "dateline", "清明前后，青禾镇的茶园里"),
        ("7", "join", "一片忙碌。"),
        ("9", "credit", "（青禾镇宣）"),
    ] == [(r[0], r[1], r[-1]) for r in rows]
    assert ["split_dateline", "stops_mid_sentence"] == [rows[2][2], rows[3][2]]


def test_parse_of_a_bad_file_is_a_message_and_status_1(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run_cli("parse", str(path))
    assert result.returncode == 1
    assert "empty.txt" in result.stderr.decode("utf-8")
    assert result.stdout == b""


def test_import_reports_each_file_and_fails_on_bad_ones(corpus_files: list[Path], tmp_path: Path) -> None:
    bad = bad_files(tmp_path / "bad")
    db = tmp_path / "a.sqlite3"
    result = run_cli("import", *map(str, corpus_files), str(tmp_path / "bad"), "--db", str(db))
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1
    total = len(corpus_files) + len(bad)
    lines = out.splitlines()
    assert total + 1 == len(lines)
    assert lines[0].startswith(f"[1/{total}] 导入 ")
    for path in bad.values():
        assert any(line.startswith("[") and "失败：" in line and path.name in line for line in lines)
    assert f"新导入 {len(corpus_files)} 个文件" in lines[-1]
    assert f"失败 {len(bad)} 个文件" in lines[-1]


def test_import_again_is_unchanged_and_succeeds(corpus_files: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    assert main(["import", *map(str, corpus_files), "--db", str(db)]) == 0
    result = run_cli("import", *map(str, corpus_files), "--db", str(db))
    assert result.returncode == 0
    assert f"未变化 {len(corpus_files)} 个文件" in result.stdout.decode("utf-8")


def test_import_uses_the_archive_from_the_environment(corpus_files: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "env" / "archive.sqlite3"
    result = run_cli("import", str(corpus_files[0]), env={"ARCHIVE_READER_DB": str(db)})
    assert result.returncode == 0
    assert db.is_file()


def test_import_into_a_damaged_archive_is_a_message(corpus_files: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "damaged.sqlite3"
    db.write_bytes(bytes(range(256)) * 64)
    result = run_cli("import", str(corpus_files[0]), "--db", str(db))
    assert result.returncode == 1
    assert "文件已损坏或不是档案数据库" in result.stderr.decode("utf-8")
    assert b"Traceback" not in result.stderr


def test_info_lists_counts_and_undated_issues(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "无报头.txt").write_text("一则没有报头的消息\n正文第一段。\n", encoding="utf-8")
    db = tmp_path / "a.sqlite3"
    assert main(["import", str(folder), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["info", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "共 1 期" in out
    assert "未定日期的期次（1）" in out
    assert "无报头.txt" in out


def test_info_on_a_missing_archive_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "none.sqlite3"
    assert main(["info", "--db", str(db)]) == 1
    assert "档案不存在" in capsys.readouterr().err
    assert not db.exists()


def test_import_reports_a_conflict_and_resolves_it_when_asked(tmp_path: Path) -> None:
    from issue_texts import FRONT_PAGE, SECOND_PAGE, issue_text, write

    db = str(tmp_path / "a.sqlite3")
    first = write(tmp_path / "dump" / "第1版.txt", issue_text(FRONT_PAGE))
    second = write(tmp_path / "dump" / "第2版.txt", issue_text(SECOND_PAGE, page="第二版"))
    whole = write(tmp_path / "整期.txt", issue_text(FRONT_PAGE + SECOND_PAGE))
    assert 0 == run_cli("import", str(first), str(second), "--db", db).returncode
    refused = run_cli("import", str(whole), "--db", db)
    out = refused.stdout.decode("utf-8")
    assert 1 == refused.returncode
    assert "冲突，未导入 整期.txt" in out and "第1版.txt" in out and "--replace" in out
    replaced = run_cli("import", str(whole), "--replace", "--db", db)
    assert 0 == replaced.returncode, replaced.stderr.decode("utf-8")
    assert "新导入 1 个文件" in replaced.stdout.decode("utf-8")
