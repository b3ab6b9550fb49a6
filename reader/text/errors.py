"""Known errors of the text layer: bad input that the user can act on, never a bug."""

from __future__ import annotations


class SourceError(Exception):
    """A source file that cannot be read as an issue; the message names the file and says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}：{reason}")
        self.source = source
        self.reason = reason


class Cancelled(Exception):
    """The caller's `should_cancel()` said stop while a file was being read or parsed
    (reader.text.cancel).

    Not a SourceError: the file is not at fault, and a batch that is cancelled reports it as
    cancelled, not as a failed file.
    """

    def __init__(self, source: str = "") -> None:
        super().__init__(f"{source}：已取消" if source else "已取消")
        self.source = source
