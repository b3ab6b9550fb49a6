"""Known errors of the text layer: bad input that the user can act on, never a bug."""

from __future__ import annotations

from collections.abc import Callable


class SourceError(Exception):
    """A source file that cannot be read as an issue; the message names the file and says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}：{reason}")
        self.source = source
        self.reason = reason


class Cancelled(Exception):
    """The caller's `should_cancel()` said stop while a file was being read or parsed.

    Not a SourceError: the file is not at fault, and a batch that is cancelled reports it as
    cancelled, not as a failed file.
    """

    def __init__(self, source: str = "") -> None:
        super().__init__(f"{source}：已取消" if source else "已取消")
        self.source = source


class CancelCheck:
    """Asks `should_cancel()` once per `every` units of work (characters, lines) done.

    Long loops call `tick(work)` after each step; asking at most every `every` units keeps the
    question cheap while a cancel still takes effect within a fraction of a second.
    """

    def __init__(
        self, should_cancel: Callable[[], bool] | None, source: str = "", every: int = 1 << 15
    ) -> None:
        self.should_cancel = should_cancel
        self.source = source
        self.every = every
        self._left = every

    def tick(self, work: int = 1) -> None:
        """Count `work` done; raise Cancelled when it is time to ask and the answer is yes."""
        if self.should_cancel is None:
            return
        self._left -= work
        if self._left <= 0:
            self._left = self.every
            self.now()

    def now(self) -> None:
        """Ask at once (between steps that each take a while)."""
        if self.should_cancel is not None and self.should_cancel():
            raise Cancelled(self.source)
