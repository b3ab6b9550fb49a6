"""Reading a source file: only regular files, never more than the size limit, cancellable."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import reader.text.load as load
from reader.text import SourceError, read_issue
from reader.text.cancel import cancel_scope
from reader.text.errors import Cancelled

ISSUE = (
    "东昌时讯\n2022年7月5日 星期二\n总第1449期 今日4版\n\n"
    "幸福食堂开进社区\n东昌府讯 近日，古楼街道第一家幸福食堂正式开业，老人刷卡就能吃上热乎饭。\n"
    "（融媒体 全兴社）\n"
)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    with pytest.raises(SourceError) as caught:
        read_issue(fifo)
    assert "管道.txt：不是普通文件（设备、管道或文件夹），不能导入" == str(caught.value)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_is_refused_before_anything_is_read() -> None:
    with pytest.raises(SourceError, match="不是普通文件"):
        read_issue(Path("/dev/zero"))


def test_a_folder_is_refused_as_a_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="这是一个文件夹，不是文件"):
        read_issue(tmp_path)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc files are regular files of size 0")
def test_the_size_limit_applies_to_what_is_read_not_to_what_stat_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status = Path("/proc/self/status")
    assert 0 == status.stat().st_size
    monkeypatch.setattr(load, "MAX_SOURCE_BYTES", 100)
    with pytest.raises(SourceError, match="文件过大"):
        read_issue(status)


def test_a_file_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "大.txt"
    big.write_text(ISSUE, encoding="utf-8")
    monkeypatch.setattr(load, "MAX_SOURCE_BYTES", 100)
    with pytest.raises(SourceError, match=r"大\.txt：文件过大"):
        read_issue(big)


def test_os_errors_are_described_in_chinese(tmp_path: Path) -> None:
    plain = tmp_path / "文件.txt"
    plain.write_text(ISSUE, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_issue(plain / "里面.txt")
    assert "里面.txt：无法读取（路径中有一部分不是文件夹）" == str(caught.value)


def test_a_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_issue(tmp_path / "没有.txt")
    assert "没有.txt：无法读取（文件或文件夹不存在）" == str(caught.value)


def test_read_issue_stops_with_cancelled_when_asked(tmp_path: Path) -> None:
    source = tmp_path / "一期.txt"
    source.write_text(ISSUE, encoding="utf-8")
    with pytest.raises(Cancelled), cancel_scope(lambda: True, source.name):
        read_issue(source)


def test_read_issue_keeps_asking_while_it_parses_a_large_file(tmp_path: Path) -> None:
    source = tmp_path / "长.txt"
    source.write_text(ISSUE + ("正文一句话，没有句号" * 20 + "\n") * 2_000, encoding="utf-8")
    asked = 0

    def cancel_on_the_tenth_question() -> bool:
        nonlocal asked
        asked += 1
        return asked >= 10

    with pytest.raises(Cancelled), cancel_scope(cancel_on_the_tenth_question, source.name):
        read_issue(source)
    assert 10 == asked


def test_read_issue_without_cancel_reads_the_issue(tmp_path: Path) -> None:
    source = tmp_path / "2022-07-05.txt"
    source.write_text(ISSUE, encoding="utf-8")
    with cancel_scope(lambda: False, source.name):
        issue = read_issue(source)
    got = (issue.publication, issue.date, issue.number, issue.page_count)
    assert ("东昌时讯", "2022-07-05", 1449, 4) == got
