"""Known errors of the text layer: bad input that the user can act on, never a bug."""

from __future__ import annotations


class SourceError(Exception):
    """A source file that cannot be read as an issue; the message names the file and says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}：{reason}")
        self.source = source
        self.reason = reason
