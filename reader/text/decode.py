"""Bytes of a text dump → one str with "\n" newlines, whatever the encoding it was saved in.

Staff save dumps from Word, Notepad and WPS: UTF-8 with or without BOM, UTF-16 with or without
BOM, GB18030/GBK, now and then Big5 or Shift-JIS, with CRLF or bare CR line ends. Each must decode
to the same text so that the same issue parses to the same articles and is recognised as
unchanged on re-import; a file whose encoding cannot be told is refused (see `encoding`), never
imported as garbage.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.text.cancel import checkpoint
from reader.text.encoding import Decoded, decode_text
from reader.text.errors import SourceError

# Control characters other than tab/newline/form feed do not occur in real text dumps.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def normalise_newlines(text: str) -> str:
    """CRLF and bare CR become LF; a stray BOM goes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def decode_bytes(data: bytes, source: str) -> str:
    """The dump's text with "\n" newlines and no byte-order mark (see `decode_file`)."""
    return decode_file(data, source).text


def decode_file(data: bytes, source: str) -> Decoded:
    """The dump's text with "\n" newlines and no byte-order mark, and what reading it noticed.

    Raises SourceError naming `source` and saying what is wrong when there is no text to take: an
    empty (or blank) file, an encoding that cannot be told (reader.text.encoding), or binary
    data (more control characters than a text dump has). A file cut off mid-character is read
    without that character, and `Decoded.notes()` says so. The cancel scope open
    (reader.text.cancel) is asked between the candidate encodings and between the steps (each
    well under a second on the largest file accepted); Cancelled when it says so.
    """
    if not data.strip():
        raise SourceError(source, "文件是空的，没有可导入的内容")
    decoded = decode_text(data, source)
    checkpoint()
    text = normalise_newlines(decoded.text)
    checkpoint()
    controls = len(_BINARY_CONTROLS.findall(text))
    if controls > max(2, len(text) // 1000):
        raise SourceError(source, "文件含有大量控制字符，不是文本文件")
    if not text.strip():
        raise SourceError(source, "文件是空的，没有可导入的内容")
    return replace(decoded, text=text)
