"""The cancel scope (reader.text.cancel): one file's reading asks its own `should_cancel`, and
no other thread's or earlier scope's."""

from __future__ import annotations

import threading

import pytest

from reader.text.cancel import NEVER, cancel_scope, checkpoint, current
from reader.text.decode import decode_file
from reader.text.errors import Cancelled


def test_a_checkpoint_outside_every_scope_never_cancels() -> None:
    assert NEVER is current()
    checkpoint()


def test_the_cancelled_file_is_the_scope_s_and_the_scope_before_comes_back() -> None:
    with cancel_scope(lambda: False, "外.txt") as outer:
        with pytest.raises(Cancelled, match=r"里\.txt：已取消"), cancel_scope(lambda: True, "里.txt"):
            checkpoint()
        assert outer is current()
        checkpoint()
    assert NEVER is current()


def test_a_scope_is_its_own_thread_s() -> None:
    seen: list[str] = []
    inside, done = threading.Event(), threading.Event()

    def other() -> None:
        inside.wait(10)
        seen.append(current().source)
        checkpoint()  # the main thread's scope would cancel here
        done.set()

    worker = threading.Thread(target=other)
    worker.start()
    with cancel_scope(lambda: True, "主线程.txt"):
        inside.set()
        assert done.wait(10)
    worker.join(10)
    assert [""] == seen


def test_decoding_asks_the_scope_that_is_open() -> None:
    asked: list[str] = []
    with cancel_scope(lambda: asked.append(current().source) or False, "一期.txt"):
        assert "东昌府讯" == decode_file("东昌府讯".encode("gb18030"), "一期.txt").text
    assert asked and {"一期.txt"} == set(asked)
