"""The -wal file of a damaged archive, read as SQLite reads it, for when SQLite cannot.

When the archive's own header is garbage SQLite refuses the file, -wal and all; the repair then
reads the file as it lies (reader.archive.salvage) with the -wal's committed pages laid over it
here. Frames count as SQLite counts them (https://sqlite.org/fileformat2.html#walformat): the
salts of the -wal header and the running checksum, up to the last commit frame before the first
frame that fails either, so a damaged -wal counts up to its first bad frame, as in SQLite. Later
frames are not guessed at: the transaction with the bad frame is incomplete, and pages of later
ones may lean on it.
"""

from __future__ import annotations

import struct

from reader.archive.salvage import PAGE_SIZES, Image, image_of

WAL_HEADER, WAL_FRAME_HEADER = 32, 24
WAL_MAGIC = 0x377F0682


def _wal_checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def wal_pages(wal: bytes) -> tuple[int, dict[int, bytes], int]:
    """(page size, page → its newest committed version, pages in the database after the last
    commit) of a -wal file; (0, {}, 0) when it holds no valid commit.

    Frames count as SQLite counts them: salts equal to the header's and the running checksum
    right, up to the last commit frame before the first frame that fails either.
    """
    if len(wal) < WAL_HEADER:
        return 0, {}, 0
    magic, _version, size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", wal[:WAL_HEADER])
    if magic & 0xFFFFFFFE != WAL_MAGIC or size not in PAGE_SIZES:
        return 0, {}, 0
    big = bool(magic & 1)
    s0, s1 = _wal_checksum(wal[:24], 0, 0, big)
    if (s0, s1) != (c0, c1):
        return 0, {}, 0
    committed: dict[int, bytes] = {}
    pending: dict[int, bytes] = {}
    pages_after = 0
    at = WAL_HEADER
    while at + WAL_FRAME_HEADER + size <= len(wal):
        number, commit, f_salt1, f_salt2, f0, f1 = struct.unpack(">6I", wal[at : at + WAL_FRAME_HEADER])
        page = wal[at + WAL_FRAME_HEADER : at + WAL_FRAME_HEADER + size]
        s0, s1 = _wal_checksum(wal[at : at + 8] + page, s0, s1, big)
        if (f_salt1, f_salt2) != (salt1, salt2) or (s0, s1) != (f0, f1) or number == 0:
            break
        pending[number] = page
        if commit:
            committed.update(pending)
            pending.clear()
            pages_after = commit
        at += WAL_FRAME_HEADER + size
    return size, committed, pages_after


def overlay_wal(data: bytes, wal: bytes) -> Image:
    """The database as SQLite would read it: `data` with the -wal's committed pages laid over,
    as long as the database was after the last commit."""
    size, pages, count = wal_pages(wal)
    if not pages:
        return image_of(data)
    merged = bytearray(data[: count * size].ljust(count * size, b"\x00"))
    for number, page in pages.items():
        if number <= count:
            merged[(number - 1) * size : number * size] = page
    return image_of(bytes(merged), size)
