"""Bytes of a text dump → one str with "\n" newlines, whatever the encoding it was saved in.

Staff save dumps from Word, Notepad and WPS: UTF-8 with or without BOM, UTF-16 with BOM,
GB18030/GBK, with CRLF or bare CR line ends. Each must decode to the same text so that the same
issue parses to the same articles and is recognised as unchanged on re-import.
"""

from __future__ import annotations

import codecs
import re

from reader.text.errors import SourceError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab/newline/form feed do not occur in real text dumps.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def normalise_newlines(text: str) -> str:
    """CRLF and bare CR become LF; a stray BOM and trailing white space at the end go."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def detect_encoding(data: bytes) -> str | None:
    """The codec that reads `data` as text, or None when no supported encoding does."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    for codec in ("utf-8", "gb18030"):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec
    return None


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a dump, or raise SourceError naming `source` and saying what is wrong with it."""
    if not data.strip():
        raise SourceError(source, "文件是空的，没有可导入的内容")
    codec = detect_encoding(data)
    if codec not in ("utf-16", "utf-32") and b"\x00" in data:
        raise SourceError(source, "文件含有空字节，不是文本文件（可能是 Word、PDF、压缩包或图片）")
    if codec is None:
        raise SourceError(source, "无法识别文件编码（支持 UTF-8、UTF-16、GB18030/GBK）")
    text = normalise_newlines(data.decode(codec))
    controls = len(_BINARY_CONTROLS.findall(text))
    if controls > max(2, len(text) // 1000):
        raise SourceError(source, "文件含有大量控制字符，不是文本文件")
    if not text.strip():
        raise SourceError(source, "文件是空的，没有可导入的内容")
    return text
