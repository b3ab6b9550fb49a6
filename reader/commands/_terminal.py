"""What the command line writes reaches the terminal with its control characters shown, not obeyed.

Headlines, file names and the messages that quote them are other people's text: a file named
`ESC]0;…BEL` retitles the terminal window when echoed raw, other escape sequences move the
cursor or rewrite what was printed above, and the bidi overrides make a line read other than it
is. So every character a command writes passes `escape_controls` on its way out: the C0 and C1
controls (newline and tab excepted), DEL and the bidi overrides U+202A–U+202E, U+2066–U+2069
become visible escapes such as `\\x1b` and `\\u202e`. `escaped_output()` puts that filter on
stdout and stderr once, around a whole command (reader.cli.main), so no print can forget it,
argparse's own messages included.

C0 controls become `\\xNN` and the others `\\uNNNN`: `--json` output never holds a raw C0 control
(json escapes them), while a raw C1 or bidi character there comes out as a `\\uNNNN` that is
still valid JSON for the same character.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

_SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# print(…, end="\r") writes the "\r" on its own: a progress line redrawn in place (`backup`).
_REDRAW = "\r"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """`text` with every control character (but newline and tab) and bidi override escaped."""
    return _SHOWN.sub(_escape, text)


class _EscapingStream:
    """A text stream that escapes what is written to it and is otherwise the stream it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text if text == _REDRAW else escape_controls(text))

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """stdout and stderr escape control characters (see the module docstring) until the end."""
    saved = sys.stdout, sys.stderr
    if sys.stdout is not None:
        sys.stdout = cast(TextIO, _EscapingStream(sys.stdout))
    if sys.stderr is not None:
        sys.stderr = cast(TextIO, _EscapingStream(sys.stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
