"""Which encoding a dump was saved in, judged by whether the decoded text looks like real text.

GB18030 decodes almost any byte sequence, and so, often, do Big5 and Shift-JIS: a strict decode
that succeeds proves nothing. A Big5 file read as GB18030 comes out as kana, Greek, box drawing
and rare hanzi in place of common characters. So every legacy candidate is decoded and judged by
the share of its non-ASCII characters that are common for that encoding (GB2312 hanzi or
Big5 level-1 hanzi for Chinese, kana and JIS kanji for Shift-JIS, CJK punctuation and
full-width forms for all); the most plausible wins, and a file no candidate reads plausibly is
refused rather than imported as garbage. UTF-8 and byte-order marks are their own evidence, and
so is the place of the NUL bytes in UTF-16 without a mark.

Shift-JIS is read for Japanese text and for Chinese text saved in it: an old Japanese-locale
Windows saves Chinese in CP932, and what survives (half the GB2312 hanzi, three quarters of the
500 most frequent, nearly all of a traditional text; the rest become "?" on saving) is JIS kanji
of both levels. GB bytes read as Shift-JIS give half-width katakana, which no text is made of, so
GB18030 text is not taken for it.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

from reader.text.cancel import checkpoint
from reader.text.errors import SourceError


def _decoded_pairs(leads: range, trails: tuple[range, ...], codec: str, last: int = 0xFFFF) -> frozenset[str]:
    """The characters `codec` gives for the two-byte codes lead × trail (up to `last`)."""
    found: set[str] = set()
    for lead in leads:
        for trail_range in trails:
            for trail in trail_range:
                if (lead << 8 | trail) > last:
                    continue
                try:
                    found.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    continue
    return frozenset(found)


_GB_TRAILS = (range(0xA1, 0xFF),)
_BIG5_TRAILS = (range(0x40, 0x7F), range(0xA1, 0xFF))
_SJIS_TRAILS = (range(0x40, 0x7F), range(0x80, 0xFD))

CharacterSet = Literal["chinese", "japanese", "any"]


@cache
def _common_characters() -> dict[CharacterSet, frozenset[str]]:
    """The characters each kind of text is mostly made of; built on first use (some 16,000
    decodes, ~16 ms), not at import: every command and the window's start import this module."""
    # Punctuation, symbols and full-width forms every CJK text uses: GB2312 rows 1-3 and Big5's
    # first symbol row, plus the CJK symbols block and full-width ASCII.
    shared = (
        _decoded_pairs(range(0xA1, 0xA4), _GB_TRAILS, "gb2312")
        | _decoded_pairs(range(0xA1, 0xA2), _BIG5_TRAILS, "cp950")
        | frozenset(map(chr, range(0x3000, 0x3040)))
        | frozenset(map(chr, range(0xFF01, 0xFF5F)))
        | frozenset("·×÷°±‧—–‘’“”…‰※℃№")
    )
    # GB2312 levels 1 and 2, and Big5 level 1: the hanzi of ordinary simplified or traditional text.
    hanzi = _decoded_pairs(range(0xB0, 0xF8), _GB_TRAILS, "gb2312") | _decoded_pairs(
        range(0xA4, 0xC7), _BIG5_TRAILS, "cp950", last=0xC67E
    )
    # Kana (not the half-width forms: those are what GB bytes become in Shift-JIS) and the JIS
    # kanji of both levels: Chinese text saved in Shift-JIS (by a Japanese-locale Windows) keeps
    # the hanzi that are also kanji, many of them, traditional forms above all, on level 2.
    japanese = frozenset(map(chr, range(0x3041, 0x3100))) | _decoded_pairs(
        range(0x88, 0xEB), _SJIS_TRAILS, "cp932", last=0xEAA4
    )
    return {"chinese": shared | hanzi, "japanese": shared | japanese, "any": shared | hanzi | japanese}


# The 500 most frequent hanzi (by the word frequencies of jieba's dictionary): half or more of
# the hanzi of any Chinese text, simplified or traditional, and under a tenth of the hanzi that
# Korean (EUC-KR) bytes become in GB18030 or Big5, which are common hanzi, just not frequent ones.
_FREQUENT = frozenset(
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可"
    "过天作分方用多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所"
    "如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城"
    "十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向治因立数样身情入原问把路被并利石老教万知"
    "级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领"
    "队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边"
    "据集联古广完质阳难增历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑"
    "革该持始英克士尔让拉思根格造较际亲单朝红型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃"
    "观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源息语股铁断派速怎需片爱律纪支早况病境证编"
)
_FREQUENT_SHARE = 0.12  # a Chinese reading with fewer of its hanzi among them is garbage
_FREQUENT_EVIDENCE = 100  # hanzi needed before the share says anything


@dataclass(frozen=True)
class _Candidate:
    codec: str
    label: str
    common: CharacterSet
    chinese: bool = True  # its hanzi must also include frequent ones

    def plausibility(self, text: str) -> float | None:
        """`plausibility` of `text` read with this codec."""
        return plausibility(text, _common_characters()[self.common], self.chinese)


# In order of preference: a later candidate must read the file clearly better to win.
_LEGACY: tuple[_Candidate, ...] = (
    _Candidate("gb18030", "GB18030", "chinese"),
    _Candidate("cp950", "Big5", "chinese"),
    _Candidate("cp932", "Shift-JIS", "japanese", chinese=False),
)
_UTF16: tuple[_Candidate, ...] = (
    _Candidate("utf-16-le", "UTF-16", "any"),
    _Candidate("utf-16-be", "UTF-16", "any"),
)
TRIED = "UTF-8、GB18030、Big5、Shift-JIS、UTF-16"

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# A real text may hold a few odd characters (a rare name, a 造字 in the private-use area); a
# wrong guess turns a large share of them odd. Allowed: 1 + this share of the non-ASCII ones.
_UNCOMMON_SHARE = 0.1
_MARGIN = 0.05  # how much more plausible a later candidate must be to beat an earlier one
_EVIDENCE = 16  # non-ASCII characters read plausibly before damage that say which encoding it was
_DECODE_STEP = 1 << 20  # bytes decoded between two cancel checks
_SAMPLE = 1 << 17  # characters judged from each of the start, middle and end of a long text
_NUL_SKEW = 3  # UTF-16 has this many times more NUL bytes at one parity of offset than the other


def _sample(text: str) -> str:
    """The text, or for a long one three slices of it: judging is then bounded in time."""
    if len(text) <= 3 * _SAMPLE:
        return text
    middle = len(text) // 2
    return text[:_SAMPLE] + text[middle : middle + _SAMPLE] + text[-_SAMPLE:]


def plausibility(text: str, common: frozenset[str], chinese: bool = True) -> float | None:
    """Share of the non-ASCII, non-space characters that are in `common` (1.0 when there are none).

    None when too many are uncommon for `text` to be what its encoding made of a real text, or
    (`chinese`) when its hanzi, though common, are not the ones Chinese uses most.
    """
    odd = [ch for ch in _sample(text) if ch > "\x7f" and not ch.isspace()]
    if not odd:
        return 1.0
    uncommon = sum(ch not in common for ch in odd)
    if uncommon > 1 + _UNCOMMON_SHARE * len(odd):
        return None
    if chinese:
        hanzi = [ch for ch in odd if "\u4e00" <= ch <= "\u9fff"]
        frequent = sum(ch in _FREQUENT for ch in hanzi)
        if len(hanzi) >= _FREQUENT_EVIDENCE and frequent < _FREQUENT_SHARE * len(hanzi):
            return None
    return 1 - uncommon / len(odd)


def _junk(text: str) -> bool:
    """Unassigned or private-use characters in bulk: bytes that were never text in this encoding."""
    odd = [ch for ch in _sample(text) if ch > "\x7f"]
    bad = sum(unicodedata.category(ch) in ("Cn", "Co", "Cs") for ch in odd)
    return bad > 1 + _UNCOMMON_SHARE * len(odd)


@dataclass(frozen=True)
class Decoded:
    """A file's text in the encoding it was saved in, and what was left out of it.

    A file cut off mid-character (a copy or a download stopped short, a save that ran out of
    room) is read like any other file, whatever its encoding: all of it but the incomplete last
    character, whose bytes and place `notes` name for the import report.
    """

    text: str
    label: str  # the encoding, as the user knows it (UTF-8, GB18030, Big5, Shift-JIS, UTF-16…)
    cut: bytes = b""  # the incomplete character at the end, left out
    cut_at: int = 0  # where in the file it starts (0-based)

    def notes(self) -> tuple[str, ...]:
        """What the user should be told about reading the file (nothing, for a whole file)."""
        if not self.cut:
            return ()
        shown = " ".join(f"{byte:02X}" for byte in self.cut)
        return (
            f"按 {self.label} 读取时，文件末尾的最后一个字符不完整（第 {self.cut_at + 1} 字节起的 {shown}），"
            "已略去；文件可能在保存或复制时被截断",
        )


def _lenient(data: bytes, codec: str, label: str, offset: int = 0) -> Decoded | None:
    """`data` read strictly in `codec` but for an incomplete character at its very end; None when
    any other byte is invalid. `offset` is where `data` starts in the file (after a mark).

    Read a megabyte at a time with a cancel checkpoint between: a 20 MB file in GB18030 took over
    a second to decode in one call, without a cancel check."""
    decoder = codecs.getincrementaldecoder(codec)()
    parts: list[str] = []
    try:
        for start in range(0, len(data), _DECODE_STEP):
            parts.append(decoder.decode(data[start : start + _DECODE_STEP], final=False))
            checkpoint()
    except UnicodeDecodeError:
        return None
    cut = bytes(decoder.getstate()[0])
    return Decoded("".join(parts), label, cut, offset + len(data) - len(cut))


def _decode_marked(data: bytes, bom: bytes, codec: str, label: str, source: str) -> Decoded:
    """Text after a byte-order mark, which must be valid in the encoding the mark names."""
    decoded = _lenient(data[len(bom) :], codec, label, len(bom))
    if decoded is None:
        try:
            data[len(bom) :].decode(codec)
        except UnicodeDecodeError as err:
            where = len(bom) + err.start + 1
            raise SourceError(source, f"以 {label} 标记开头，但第 {where} 字节起不是有效的 {label}") from None
    assert decoded is not None
    if label != "UTF-8" and _junk(decoded.text):  # UTF-8 is its own proof; UTF-16 takes almost any bytes
        raise SourceError(source, f"以 {label} 标记开头，但内容不像是文本")
    return decoded


def _best(data: bytes, candidates: tuple[_Candidate, ...]) -> Decoded | None:
    """The most plausible decoding among `candidates`; earlier ones win unless clearly beaten."""
    best: tuple[float, Decoded] | None = None
    for candidate in candidates:
        checkpoint()
        decoded = _lenient(data, candidate.codec, candidate.label)
        if decoded is None:
            continue
        score = candidate.plausibility(decoded.text)
        if score is None:
            continue
        if best is None or score > best[0] + _MARGIN:
            best = (score, decoded)
    return best[1] if best else None


def _utf16_order(data: bytes) -> str | None:
    """The byte order of UTF-16 without a mark, told by where its NUL bytes fall; None if unclear.

    ASCII characters (each line's newline at least) are 00 xx in big-endian and xx 00 in
    little-endian UTF-16, so a UTF-16 text has its NUL bytes at even offsets, or at odd ones, a
    few CJK characters (一 is 4E 00) aside; a binary file has them at both.
    """
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if even > _NUL_SKEW * odd:
        return "utf-16-be"
    if odd > _NUL_SKEW * even:
        return "utf-16-le"
    return None


def _decode_nul(data: bytes, source: str) -> Decoded:
    """Data with NUL bytes, which among text encodings only UTF-16 gives (to ASCII characters).

    Once the NULs give the byte order, any script reads (UTF-16 holds them all): the text need
    only be no junk. Without a clear order both are judged as other encodings are. Anything
    else is a binary file.
    """
    codec = _utf16_order(data)
    if codec is not None:
        decoded = _lenient(data, codec, "UTF-16")
        if decoded is not None and not _junk(decoded.text):
            return decoded
    decoded = _best(data, _UTF16)
    if decoded is None:
        raise SourceError(source, "文件含有空字节，不是文本文件（可能是 Word、PDF、压缩包或图片）")
    return decoded


def _damage(data: bytes) -> str | None:
    """Why a file that reads plausibly up to some byte, and not after it, is refused.

    A dump with a byte lost or garbled inside is still recognisably UTF-8 or GB18030 up to the
    damage: saying so (and where) helps the user more than "no encoding fits". None when no
    encoding reads at least the first half, with EVIDENCE non-ASCII characters, plausibly.
    """
    candidates = (_Candidate("utf-8", "UTF-8", "any", chinese=False), *_LEGACY)
    best: tuple[int, str] | None = None
    for candidate in candidates:
        try:
            data.decode(candidate.codec)
        except UnicodeDecodeError as err:
            prefix = data[: err.start].decode(candidate.codec, errors="replace")
            if err.start < len(data) // 2 or (best is not None and err.start <= best[0]):
                continue  # bad bytes early on say nothing of what the rest was
            evidence = sum(ch > "\x7f" for ch in prefix) >= _EVIDENCE
            if evidence and candidate.plausibility(prefix) is not None:
                best = (err.start, candidate.label)
    if best is None:
        return None
    where, label = best
    return f"看起来是 {label} 文本，但第 {where + 1} 字节起不是有效的 {label}（文件可能已损坏或不完整）"


def decode_text(data: bytes, source: str) -> Decoded:
    """`data` as text in the encoding it was saved in; SourceError when that cannot be told.

    Byte-order mark → that encoding (bad bytes after it are an error). NUL bytes → UTF-16 without
    a mark (`_decode_nul`). Otherwise UTF-8 if valid; else the most plausible of GB18030, Big5,
    Shift-JIS and UTF-16 without a mark. In every encoding an incomplete last character is
    left out and said (`Decoded.notes`); damage anywhere else is an error. Never returns text that
    only decodes by accident. A cancel (reader.text.cancel) is asked between candidates and
    between the megabytes of each.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _decode_marked(data, bom, codec, label, source)
    if b"\x00" in data:
        return _decode_nul(data, source)
    decoded = _lenient(data, "utf-8", "UTF-8") or _best(data, _LEGACY + _UTF16)
    if decoded is None:
        raise SourceError(source, _damage(data) or f"无法确定文件编码（已尝试 {TRIED}），不像是中文文本")
    return decoded
