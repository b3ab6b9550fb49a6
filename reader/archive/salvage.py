"""Rows out of a damaged SQLite file, read page by page without SQLite's b-tree code.

SQLite gives up on a table at the first page it cannot make sense of: "database disk image is
malformed" and no row more, though every other page of the table may be whole. This reader does
what the sqlite3 shell's `.recover` does, in pure Python, from the documented file format
(https://sqlite.org/fileformat2.html): every page is read on its own and every read is guarded,
so a bad page, a bad cell or a broken overflow chain costs what is on it and nothing else.

* `Image`: the pages of the file as bytes (read, or memory-mapped). Normally a copy SQLite's
  backup API made of the damaged file (reader.archive.repair): SQLite's pager reads the pages,
  the -wal's committed frames included, without parsing a b-tree. When SQLite cannot copy the
  file at all (its first page is garbage) the image is the raw file with its -wal laid over it
  by reader.archive.salvage_wal.
* `BTreeReader.walk(root)`: a table b-tree from its root page: leaf pages it reaches, and the
  children it could not read, with the rowid range each covered (for the estimate of what was
  lost).
* `BTreeReader.leaf(page)`: a table leaf page's cells: rowid and record values. Overflow chains
  are followed and guarded: a chain that leaves the file, loops or has the wrong length loses
  that row only.
* `orphan_leaves`: table leaf pages no root reaches (their parent was damaged) and that are not
  on the freelist: `.recover`'s lost_and_found. The caller assigns each to the table whose
  record shape (`TableShape`) fits all its cells, when exactly one does.

No SQLite connection here, no Qt: bytes in, rows out.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
TABLE_LEAF, TABLE_INTERIOR = 0x0D, 0x05
INDEX_LEAF, INDEX_INTERIOR = 0x0A, 0x02
PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
ENCODINGS = {1: "utf-8", 2: "utf-16-le", 3: "utf-16-be"}

Value = int | float | str | bytes | None
Buffer = bytes | mmap.mmap  # a file's bytes, read or memory-mapped
Row = tuple[int, tuple[Value, ...]]  # rowid, record values


class Unreadable(Exception):
    """A page, cell or record that does not hold what the format says it must."""


def varint(buf: bytes, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at `at`: (value, offset after it); Unreadable past the end."""
    value = 0
    for i in range(8):
        if at + i >= len(buf):
            raise Unreadable("varint past the end")
        byte = buf[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    if at + 8 >= len(buf):
        raise Unreadable("varint past the end")
    return (value << 8) | buf[at + 8], at + 9


def _signed64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


@dataclass(frozen=True)
class Image:
    """The pages of a database file: `page(n)` is page n (1-based), None beyond the end.

    `usable` is the page size less the bytes reserved at the end of each page (header byte 20).
    A file whose header is garbage gets the page size of its -wal or, failing that, the one under
    which most pages look like b-tree pages (see `guess_page_size`); text is UTF-8 then, as this
    program writes it.
    """

    data: Buffer
    page_size: int
    reserved: int = 0
    encoding: str = "utf-8"

    @property
    def usable(self) -> int:
        return self.page_size - self.reserved

    @property
    def page_count(self) -> int:
        return -(-len(self.data) // self.page_size)

    def page(self, number: int) -> bytes | None:
        """Page `number`, or None when the file does not hold all of it (a cut-short file's last
        page: its cells lie at its end, and what is there of them would read as wrong values)."""
        if number < 1 or number > self.page_count:
            return None
        start = (number - 1) * self.page_size
        page = bytes(self.data[start : start + self.page_size])
        return page if len(page) == self.page_size else None


def header_page_size(data: Buffer) -> int | None:
    """The page size the file header gives, or None when the header is not SQLite's."""
    if data[: len(MAGIC)] != MAGIC or len(data) < HEADER_BYTES:
        return None
    size = struct.unpack(">H", data[16:18])[0]
    size = 65536 if size == 1 else size
    return size if size in PAGE_SIZES else None


def _btree_like(data: Buffer, start: int, size: int) -> bool:
    """Whether a page of `size` bytes at `start` has a b-tree page header that fits in it."""
    header = data[start : start + 8]
    if len(header) < 8 or header[0] not in (TABLE_LEAF, TABLE_INTERIOR, INDEX_LEAF, INDEX_INTERIOR):
        return False
    cells: int = struct.unpack(">H", header[3:5])[0]
    content: int = struct.unpack(">H", header[5:7])[0] or 65536
    return 8 + 2 * cells <= content <= size


def guess_page_size(data: Buffer) -> int:
    """The page size of a file whose header is lost: the smallest under which nearly as large a
    share of pages looks like b-tree pages as under any (a multiple of the true size samples the
    same pages, a fraction of it lands mid-page)."""

    def share(size: int) -> float:
        starts = range(size, len(data), size)
        return sum(1 for start in starts if _btree_like(data, start, size)) / max(1, len(starts))

    shares = {size: share(size) for size in sorted(PAGE_SIZES)}
    best = max(shares.values())
    return next(size for size, value in shares.items() if value >= 0.75 * best) if best else 4096


def image_of(data: Buffer, page_size: int | None = None) -> Image:
    """An Image of a file's bytes, reading page size, reserved bytes and encoding from its header
    when that is sound (`page_size` is the fallback, e.g. from the -wal)."""
    size = header_page_size(data)
    if size is None:
        return Image(data, page_size or guess_page_size(data))
    reserved = data[20]
    encoding = ENCODINGS.get(struct.unpack(">I", data[56:60])[0], "utf-8")
    return Image(data, size, reserved if reserved < size - 480 else 0, encoding)


# --- records and cells -----------------------------------------------------------------------

_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _value(kind: int, body: bytes, at: int, encoding: str) -> tuple[Value, int]:
    if kind == 0:
        return None, at
    if kind in _INT_SIZES:
        size = _INT_SIZES[kind]
        if at + size > len(body):
            raise Unreadable("integer past the record")
        return int.from_bytes(body[at : at + size], "big", signed=True), at + size
    if kind == 7:
        if at + 8 > len(body):
            raise Unreadable("float past the record")
        return struct.unpack(">d", body[at : at + 8])[0], at + 8
    if kind in (8, 9):
        return kind - 8, at
    if kind in (10, 11):
        raise Unreadable("reserved serial type")
    size = (kind - 12) // 2
    if at + size > len(body):
        raise Unreadable("text or blob past the record")
    raw = body[at : at + size]
    return (raw.decode(encoding, errors="replace") if kind % 2 else bytes(raw)), at + size


def record(payload: bytes, encoding: str = "utf-8") -> tuple[Value, ...]:
    """The values of a record (header of serial types, then the values); Unreadable when the
    header or a value does not fit the payload exactly."""
    size, at = varint(payload, 0)
    if size < 1 or size > len(payload):
        raise Unreadable("record header size")
    kinds = []
    while at < size:
        kind, at = varint(payload, at)
        kinds.append(kind)
    if at != size:
        raise Unreadable("record header overruns")
    values = []
    for kind in kinds:
        value, at = _value(kind, payload, at, encoding)
        values.append(value)
    if at != len(payload):
        raise Unreadable("record length")
    return tuple(values)


@dataclass
class Leaf:
    """A table leaf page as read: its rows, how many cells it counted but could not read, and the
    overflow pages its rows use (`chains`: rowid → its overflow pages, for rows that have any)."""

    number: int
    rows: list[Row] = field(default_factory=list)
    unread: int = 0
    overflow: set[int] = field(default_factory=set)
    chains: dict[int, list[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Gap:
    """A child page a b-tree points at that could not be read, and the rowids it held: those
    above `low` up to `high` (None: unbounded); `depth` below the root (0: the root itself)."""

    page: int
    low: int | None
    high: int | None
    depth: int = 0


@dataclass
class Tree:
    """What walking one table b-tree from its root found."""

    root: int
    leaves: list[int] = field(default_factory=list)
    ends: dict[int, int | None] = field(default_factory=dict)  # leaf → highest rowid it may hold
    pages: set[int] = field(default_factory=set)  # every page of the tree, interior and leaf
    gaps: list[Gap] = field(default_factory=list)
    leaf_depth: int | None = None  # a b-tree is balanced: every leaf is this deep


def _page_kind(page: bytes, number: int) -> int:
    return page[HEADER_BYTES if number == 1 else 0]


class BTreeReader:
    """Reads table b-trees and leaf pages of one Image, every step guarded."""

    def __init__(self, image: Image) -> None:
        self.image = image
        self._limit = image.usable

    def _header(self, number: int) -> tuple[bytes, int, int, int]:
        """(page, its kind, cell count, where the cell pointers start); Unreadable when the page is
        missing or its header is not a b-tree page's."""
        page = self.image.page(number)
        if page is None:
            raise Unreadable("page beyond the end of the file")
        start = HEADER_BYTES if number == 1 else 0
        kind = page[start]
        if kind not in (TABLE_LEAF, TABLE_INTERIOR, INDEX_LEAF, INDEX_INTERIOR):
            raise Unreadable("not a b-tree page")
        cells = struct.unpack(">H", page[start + 3 : start + 5])[0]
        pointers = start + (8 if kind in (TABLE_LEAF, INDEX_LEAF) else 12)
        if pointers + 2 * cells > self._limit:
            raise Unreadable("more cells than fit the page")
        return page, kind, cells, pointers

    def _cell_offsets(self, page: bytes, cells: int, pointers: int) -> Iterator[int | None]:
        for i in range(cells):
            offset = struct.unpack(">H", page[pointers + 2 * i : pointers + 2 * i + 2])[0]
            yield offset if pointers + 2 * cells <= offset < self._limit else None

    def leaf(self, number: int) -> Leaf:
        """The rows of a table leaf page; Unreadable when it is no table leaf page at all."""
        page, kind, cells, pointers = self._header(number)
        if kind != TABLE_LEAF:
            raise Unreadable("not a table leaf page")
        leaf = Leaf(number)
        for offset in self._cell_offsets(page, cells, pointers):
            try:
                if offset is None:
                    raise Unreadable("cell pointer outside the page")
                rowid, payload, overflow = self._cell(page, offset)
                leaf.rows.append((rowid, record(payload, self.image.encoding)))
                if overflow:
                    leaf.chains[rowid] = overflow
                    leaf.overflow.update(overflow)
            except Unreadable:
                leaf.unread += 1
        return leaf

    def _cell(self, page: bytes, offset: int) -> tuple[int, bytes, list[int]]:
        size, at = varint(page, offset)
        rowid, at = varint(page, at)
        usable = self._limit
        most = usable - 35
        if size <= most:
            local = size
        else:
            least = (usable - 12) * 32 // 255 - 23
            local = least + (size - least) % (usable - 4)
            local = local if local <= most else least
        if at + local > usable or (local < size and at + local + 4 > usable):
            raise Unreadable("cell runs off the page")
        payload = page[at : at + local]
        if local == size:
            return _signed64(rowid), payload, []
        first = struct.unpack(">I", page[at + local : at + local + 4])[0]
        rest, chain = self._overflow(first, size - local)
        return _signed64(rowid), payload + rest, chain

    def _overflow(self, first: int, length: int) -> tuple[bytes, list[int]]:
        """`length` bytes from the overflow chain starting at `first`, and the chain's pages."""
        parts: list[bytes] = []
        chain: list[int] = []
        number, left = first, length
        while left > 0:
            page = self.image.page(number)
            if page is None or number in chain or number == 1:
                raise Unreadable("broken overflow chain")
            chain.append(number)
            take = min(left, self._limit - 4)
            parts.append(page[4 : 4 + take])
            left -= take
            number = struct.unpack(">I", page[:4])[0]
        if number != 0:
            raise Unreadable("overflow chain longer than its payload")
        return b"".join(parts), chain

    def walk(self, root: int) -> Tree:
        """Every leaf page of the table b-tree at `root`, and the children that were unreadable."""
        tree = Tree(root)
        stack: list[tuple[int, int | None, int | None, int]] = [(root, None, None, 0)]
        while stack:
            number, low, high, depth = stack.pop()
            try:
                if number in tree.pages:
                    raise Unreadable("a page the tree reached before")
                page, kind, cells, pointers = self._header(number)
                if kind not in (TABLE_LEAF, TABLE_INTERIOR):
                    raise Unreadable("no page of a table")
            except Unreadable:
                tree.gaps.append(Gap(number, low, high, depth))
                continue
            tree.pages.add(number)
            if kind == TABLE_LEAF:
                tree.leaves.append(number)
                tree.ends[number] = high
                tree.leaf_depth = depth if tree.leaf_depth is None else tree.leaf_depth
            else:
                children = self._children(page, cells, pointers, number, low, high)
                stack.extend((child, a, b, depth + 1) for child, a, b in reversed(children))
        return tree

    def _children(
        self,
        page: bytes,
        cells: int,
        pointers: int,
        number: int,
        low: int | None,
        high: int | None,
    ) -> list[tuple[int, int | None, int | None]]:
        """An interior page's children in rowid order, each with the rowid range it covers; a cell
        that cannot be read widens its neighbour's range instead of inventing one."""
        children: list[tuple[int, int | None, int | None]] = []
        below = low
        for offset in self._cell_offsets(page, cells, pointers):
            try:
                if offset is None or offset + 4 > self._limit:
                    raise Unreadable("cell pointer outside the page")
                child = struct.unpack(">I", page[offset : offset + 4])[0]
                key = _signed64(varint(page, offset + 4)[0])
            except Unreadable:
                continue
            children.append((child, below, key))
            below = key
        start = HEADER_BYTES if number == 1 else 0
        right = struct.unpack(">I", page[start + 8 : start + 12])[0]
        children.append((right, below, high))
        return children

    def freelist(self) -> set[int]:
        """The pages on the freelist (trunks and leaves), as far as its chain can be read."""
        header = self.image.page(1)
        if header is None or header_page_size(header) is None:
            return set()
        free: set[int] = set()
        trunk = struct.unpack(">I", header[32:36])[0]
        most = self._limit // 4 - 2
        while trunk and trunk not in free:
            page = self.image.page(trunk)
            if page is None:
                break
            free.add(trunk)
            following, count = struct.unpack(">II", page[:8])
            if count > most:
                break
            free.update(n for n in struct.unpack(f">{count}I", page[8 : 8 + 4 * count]) if n)
            trunk = following
        return free

    def table_leaves(self, numbers: Iterable[int]) -> Iterator[int]:
        """Those of `numbers` whose page starts like a table leaf page."""
        for number in numbers:
            page = self.image.page(number)
            if page is not None and _page_kind(page, number) == TABLE_LEAF:
                yield number


def orphan_leaves(reader: BTreeReader, used: set[int]) -> list[int]:
    """Table leaf pages that no walked tree reached (`used`: their pages and overflow pages) and
    that are not on the freelist: rows cut off from their table by a damaged parent."""
    free = reader.freelist()
    candidates = (n for n in range(1, reader.image.page_count + 1) if n not in used and n not in free)
    return list(reader.table_leaves(candidates))
