"""Everything the command line says is Chinese, and no input makes it crash (issue 9, items 17, 18).

Usage errors, help, a query starting with "-", Ctrl-C, undecodable arguments and SQLite errors
that reach the top: each is one readable message and a meaningful exit status.
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import JULY_HEADLINE, JULY_ISSUE, REPO, build_archive, err_text, out_text, run_cli

import reader.commands.info
from reader.cli import build_parser, main
from reader.commands._parser import chinese_message
from reader.text.query import Query, parse_query

Capture = pytest.CaptureFixture[str]

# Words of argparse's English messages and help that must never reach the user.
ENGLISH = re.compile(
    r"usage|error|invalid|required|unrecognized|argument|expected|choose|allowed|ambiguous"
    r"|positional|options:|show this help|program's version",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("messages"))


def command_names() -> list[str]:
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(subparsers.choices)  # type: ignore[arg-type]


def usage_error(argv: list[str], capsys: Capture) -> str:
    """Run `argv` expecting a usage error (status 2); its stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert 2 == exit_info.value.code
    captured = capsys.readouterr()
    assert "" == captured.out
    return captured.err


def chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


# --- help ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], *([name] for name in command_names())])
def test_help_of_every_command_is_chinese_and_exits_0(command: list[str], capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert 0 == exit_info.value.code
    text = capsys.readouterr().out
    assert text.startswith(f"用法：python -m reader {' '.join(command)}".rstrip())
    description = text.split("\n\n")[1]
    assert chinese(description)
    assert ENGLISH.search(text) is None


def test_help_names_every_command_with_a_chinese_summary(capsys: Capture) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = dict(
        line.split(maxsplit=1) for line in capsys.readouterr().out.splitlines() if line.startswith("    ")
    )
    assert command_names() == sorted(listed)
    assert all(chinese(summary) for summary in listed.values())


# --- usage errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search"], "缺少必需的参数：QUERY"),
        (["search", "江", "--limit", "x"], "--limit：须是正整数，收到的是：x"),
        (["search", "江", "--limit", "0"], "--limit：须是正整数（至少为 1），收到的是：0"),
        (["search", "江", "--sort", "best"], "--sort：没有这种排序：best"),
        (["search", "江", "--from", "yesterday"], "--from：看不懂的日期：yesterday"),
        (["info", "surplus"], "无法识别的参数：surplus"),
        (["search", "江", "--limti", "3"], "无法识别的参数：--limti 3"),
        (["bogus"], "没有这个命令：'bogus'"),
        (["export", "--out", "x.pdf"], "以下参数须给出其中一个：--key --bookmarks --query"),
        (["export", "--out", "x.pdf", "--key", "k", "--bookmarks"], "--bookmarks：不能与 --key 同时使用"),
        (["export", "--out", "x.pdf", "--query"], "--query：后面须跟一个值"),
        (["export", "--key", "k"], "缺少必需的参数：--out"),
        (["import"], "缺少必需的参数：PATH"),
        (["info", "--db"], "--db：后面须跟一个值"),
    ],
)
def test_usage_errors_are_chinese(argv: list[str], message: str, capsys: Capture) -> None:
    err = usage_error(argv, capsys)
    assert err.startswith("用法：python -m reader")
    assert message in err
    assert "错误：" in err
    assert ENGLISH.search(err) is None


def test_an_english_message_argparse_may_add_later_is_never_shown() -> None:
    assert "--x：命令行参数有误" == chinese_message("argument --x: a message of a future Python")


def test_a_usage_error_about_a_command_shows_that_command_s_usage(capsys: Capture) -> None:
    err = usage_error(["info", "surplus"], capsys)
    assert err.startswith("用法：python -m reader info")
    assert "python -m reader info：错误：无法识别的参数：surplus" in err


def test_usage_errors_are_chinese_from_a_real_process() -> None:
    done = run_cli("search", "江", "--limit", "x")
    assert 2 == done.returncode
    assert "--limit：须是正整数" in err_text(done)
    assert ENGLISH.search(err_text(done)) is None


# --- a query starting with "-" ---------------------------------------------------------------


def test_a_query_starting_with_a_minus_gets_a_hint(capsys: Capture) -> None:
    err = usage_error(["search", "-党建"], capsys)
    assert "检索词以 - 开头时请写成：python -m reader search -- -党建" in err


def test_the_hint_keeps_the_other_words_and_the_options(capsys: Capture) -> None:
    err = usage_error(["search", "江绍华", "-党建", "--limit", "5"], capsys)
    assert "检索词以 - 开头时请写成：python -m reader search --limit 5 -- 江绍华 -党建" in err


def test_an_export_query_starting_with_a_minus_gets_the_equals_form(capsys: Capture) -> None:
    err = usage_error(["export", "--out", "x.pdf", "--query", "-党建"], capsys)
    assert "检索词以 - 开头时请写成：--query=-党建" in err


def test_a_mistyped_option_gets_no_query_hint(capsys: Capture) -> None:
    assert "检索词" not in usage_error(["search", "江", "--limti", "3"], capsys)


def test_a_minus_word_after_double_dash_is_searched(db: Path, capsys: Capture) -> None:
    assert 0 == main(["search", "--db", str(db), "--json", "--", "江绍华", "-开发区"])
    assert [JULY_HEADLINE] == [hit["headline"] for hit in json.loads(capsys.readouterr().out)["hits"]]


def test_a_minus_query_in_equals_form_is_exported(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    done = run_cli("export", "--db", str(db), "--out", str(out), "--query=江绍华 -开发区")
    assert 0 == done.returncode, err_text(done)
    assert out.is_file()


# --- undecodable arguments -------------------------------------------------------------------


def test_lone_surrogates_in_a_query_become_replacement_characters() -> None:
    parsed = parse_query("\udcff\udcfe 江绍华")
    assert isinstance(parsed, Query)
    assert ["\ufffd\ufffd", "江绍华"] == [term.text for term in parsed.positive_terms()]


@pytest.mark.skipif(sys.platform == "win32", reason="Windows passes arguments as UTF-16, never raw bytes")
def test_a_query_of_invalid_utf8_bytes_is_searched_without_a_crash(db: Path) -> None:
    done = run_cli("search", b"\xff\xfe", "--db", str(db))
    assert (1, b"") == (done.returncode, done.stderr)
    assert "共找到 0 篇，显示 0 篇" in out_text(done)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows passes arguments as UTF-16, never raw bytes")
def test_an_export_of_invalid_utf8_bytes_prints_the_query_back(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    done = run_cli("export", "--db", str(db), "--out", str(out), "--query", b"\xff\xfe")
    assert 1 == done.returncode
    assert "没有找到包含“\ufffd\ufffd”的文章\n" == err_text(done)
    assert not out.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows passes arguments as UTF-16, never raw bytes")
@pytest.mark.parametrize("command", ["search", "export"])
def test_other_text_arguments_of_invalid_utf8_are_no_crash(db: Path, tmp_path: Path, command: str) -> None:
    out = tmp_path / "x.pdf"
    argv: list[str | bytes] = (
        ["search", "江绍华", "--publication", b"\xff"]
        if command == "search"
        else ["export", "--key", b"\xff", "--out", str(out)]
    )
    done = run_cli(*argv, "--db", str(db))
    assert 1 == done.returncode
    assert "Traceback" not in err_text(done)
    assert not out.exists()


# --- Ctrl-C ----------------------------------------------------------------------------------

# A test runner started in the background ignores SIGINT, and its children would inherit that:
# the child puts Python's own handler back, then runs `python -m reader` as usual.
_WITH_CTRL_C = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv[0] = 'reader'; runpy.run_module('reader', run_name='__main__', alter_sys=True)"
)


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGINT")
def test_ctrl_c_during_import_is_one_line_status_130_and_keeps_finished_issues(tmp_path: Path) -> None:
    july = tmp_path / "july.txt"
    july.write_text(JULY_ISSUE, encoding="utf-8")
    waiting = tmp_path / "waiting.txt"
    # A million and a half short lines take the parser many seconds: Ctrl-C lands inside this file.
    waiting.write_text("东昌时讯\n\n2022年7月6日\n\n" + "网格员\n" * 1_500_000, encoding="utf-8")
    db = tmp_path / "archive.sqlite3"
    args = [sys.executable, "-c", _WITH_CTRL_C, "import", str(july), str(waiting), "--db", str(db)]
    with subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        first = process.stdout.readline().decode("utf-8")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert first.startswith("[1/2] 导入 2022-07-05 东昌时讯")
    assert (130, "已中断；已完成的期次保留在档案中\n", b"") == (process.returncode, err.decode("utf-8"), out)
    kept = run_cli("search", "江绍华", "--db", str(db), "--json")
    assert [JULY_HEADLINE] == [hit["headline"] for hit in json.loads(kept.stdout)["hits"]]


def test_ctrl_c_in_any_command_is_one_line_and_status_130(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(reader.commands.info, "stats", interrupted)
    assert 130 == main(["info", "--db", str(db)])
    assert "已中断\n" == capsys.readouterr().err


# --- SQLite errors that reach the top --------------------------------------------------------


def test_a_damaged_search_index_is_a_message_not_a_traceback(db: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(db.read_bytes())
    with sqlite3.connect(damaged) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        index = "SELECT rootpage FROM sqlite_master WHERE name = 'search_chars_data'"
        root = conn.execute(index).fetchone()[0]
    conn.close()
    with damaged.open("r+b") as stream:
        stream.seek((root - 1) * page_size)
        stream.write(b"\xff" * page_size)
    done = run_cli("search", "江绍华", "--db", str(damaged))
    message = err_text(done)
    assert 1 == done.returncode
    assert message.startswith(f"{damaged}：文件已损坏或不是档案数据库") and message.count("\n") == 1
    assert "python -m reader repair" in message


def test_an_unknown_sqlite_error_is_a_bug_and_raises(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise sqlite3.OperationalError("no such column: nonsense")

    monkeypatch.setattr(reader.commands.info, "stats", broken)
    with pytest.raises(sqlite3.OperationalError):
        main(["info", "--db", str(db)])


def test_a_known_sqlite_error_reaching_the_top_names_the_archive(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    def locked(*_args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(reader.commands.info, "stats", locked)
    assert 1 == main(["info", "--db", str(db)])
    assert f"{db}：档案正被其他程序占用" in capsys.readouterr().err
