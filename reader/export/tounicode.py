"""Make text copied out of our PDFs real Chinese characters, not look-alike radicals.

CJK fonts such as Noto Sans CJK draw 月 and the Kangxi radical ⽉ (or 马 and ⻢) with one glyph.
Qt's PDF writer maps each glyph back to the lowest code point that uses it, so copying,
searching or extracting text from the PDF yields radicals (⽉, ⻢, ⻚ …) instead of the
characters on the page. We rewrite those entries of the ToUnicode maps to the unified
ideograph that shares the glyph in that font. The maps Qt writes are uncompressed and a code
point is always four hex digits, so the fix replaces bytes in place and no offset moves.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtGui import QFont, QRawFont

RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement + Kangxi Radicals
IDEOGRAPHS = range(0x4E00, 0xA000)  # CJK Unified Ideographs

_TOUNICODE_REF = re.compile(rb"/ToUnicode (\d+) 0 R")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")
_ARRAY = re.compile(rb"\[[^\]]*\]")


def radical_map(family: str) -> dict[int, int]:
    """Radical code point → the ideograph drawn with the same glyph in `family` (or NFKC's)."""
    raw = QRawFont.fromFont(QFont(family))
    mapping: dict[int, int] = {}
    if raw.isValid():
        ideographs = "".join(chr(c) for c in IDEOGRAPHS)
        by_glyph: dict[int, int] = {}
        for char, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs), strict=False):
            if glyph:
                by_glyph.setdefault(glyph, ord(char))
        radicals = "".join(chr(c) for c in RADICALS)
        for char, glyph in zip(radicals, raw.glyphIndexesForString(radicals), strict=False):
            if glyph and glyph in by_glyph:
                mapping[ord(char)] = by_glyph[glyph]
    for code in RADICALS:
        folded = unicodedata.normalize("NFKC", chr(code))
        if code not in mapping and len(folded) == 1 and ord(folded) in IDEOGRAPHS:
            mapping[code] = ord(folded)
    return mapping


def _fix_cmap(cmap: bytes, mapping: dict[int, int]) -> bytes:
    def swap(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16)
        return b"<%04X>" % mapping[code] if code in mapping else match.group(0)

    out: list[bytes] = []
    for line in cmap.split(b"\n"):
        tokens = _HEX4.findall(line)
        if b"[" in line:  # <first> <last> [<u> <u> …]: each array entry is a code point
            line = _ARRAY.sub(lambda m: _HEX4.sub(swap, m.group(0)), line)
        elif len(tokens) == 2 or (len(tokens) == 3 and tokens[0] == tokens[1]):
            # bfchar <cid> <u>, or a one-glyph range <cid> <cid> <u>: the last token is the code point
            head, _, tail = line.rpartition(b"<")
            line = head + _HEX4.sub(swap, b"<" + tail)
        out.append(line)
    return b"\n".join(out)


def fix_tounicode(pdf: bytes, mapping: dict[int, int]) -> bytes:
    """`pdf` with radicals in its (uncompressed) ToUnicode maps replaced; same length, same offsets."""
    if not mapping:
        return pdf
    data = bytearray(pdf)
    for number in sorted(set(_TOUNICODE_REF.findall(pdf))):
        header = re.search(rb"\n" + number + rb" 0 obj\s*<<([^>]*)>>\s*stream\r?\n", pdf)
        if header is None or b"/Filter" in header.group(1):
            continue  # compressed or unexpected: leave it alone rather than break the file
        start = header.end()
        end = pdf.find(b"endstream", start)
        if end < 0:
            continue
        fixed = _fix_cmap(pdf[start:end], mapping)
        if len(fixed) == end - start:
            data[start:end] = fixed
    return bytes(data)
