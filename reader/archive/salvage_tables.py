"""Which table each salvaged row belongs to, and how many rows a damaged file lost.

reader.archive.salvage reads pages; this module knows tables. The schema comes from the damaged
file's own `sqlite_master`, read by the page reader from page 1 and, when page 1 is an interior
page that was damaged, from its orphaned leaves (they have the schema's record shape). A table
whose schema row is lost is still found: its leaves are orphans, and each goes to the table whose
record shape (`TableShape`: column count, each value's type against the declared type, NOT NULL)
fits most rows on the page (`MOST`; a row that fits no table is lost alone), when exactly one
table does; the shapes are those of the damaged
file where its schema was read, else those of this program's own schema (it creates every
archive with known DDL). Root pages are not guessed from this program's schema: migrations and
index rebuilds allocate them in the order an archive's history ran, which differs between
archives.

Rows lost are estimated, never counted as if known (`estimate_lost`): the cells a readable page
header counts but that could not be read; for each unreadable page of a table's b-tree, the
rowids of the range its parent says it covered that no page gave back (rowids are handed out in
order, so a range with rows missing lost about that many; rows deleted earlier are counted too,
hence an estimate), at most as many as the fullest leaf of the table held when the page was a
leaf (a b-tree is balanced: a page as deep as the leaves was one); for an unreadable last page
(its range open at the end) with no row above it back, half the fullest leaf. The repair adds
what other tables show (e.g. word cuts of articles that did not come back).
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.archive.bodies import PACKED_COLUMNS
from reader.archive.salvage import BTreeReader, Gap, Image, Leaf, Row, Unreadable, Value, orphan_leaves

MASTER = "sqlite_master"
# A zeroed sector reads as a run of NUL characters; no text this program stores holds two in a row
# (a record of word cuts may start with one), so a text value with them came off a zeroed page.
ZEROED = "\x00\x00"
MOST = 0.75  # the share of a page's rows that must fit a table for the page to count as that table's


@dataclass(frozen=True)
class Column:
    """One column as a record holds it: `kind` is its type affinity, "rowid" for the INTEGER
    PRIMARY KEY column a record stores as NULL (the rowid holds it), or "packed" for a TEXT
    column that may hold packed bytes too (reader.archive.bodies.PACKED_COLUMNS)."""

    name: str
    kind: str
    required: bool

    def accepts(self, value: Value) -> bool:
        if self.kind == "rowid":
            return value is None
        if value is None:
            return not self.required
        if self.kind == "text":
            return isinstance(value, str) and ZEROED not in value
        if self.kind == "packed":  # a body: its text, or packed (reader.archive.bodies)
            return isinstance(value, bytes) or (isinstance(value, str) and ZEROED not in value)
        accepted: dict[str, tuple[type, ...]] = {
            "integer": (int, float),  # a value that is no whole number stays REAL
            "real": (int, float),
            "numeric": (int, float, str),
        }
        return isinstance(value, accepted.get(self.kind, (object,)))


def _affinity(declared: str) -> str:
    """SQLite's rules for a column's type affinity (https://sqlite.org/datatype3.html 3.1)."""
    text = declared.upper()
    if "INT" in text:
        return "integer"
    if any(word in text for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if "BLOB" in text or not text:
        return "blob"
    if any(word in text for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    return "numeric"


@dataclass(frozen=True)
class TableShape:
    """The columns of a rowid table, in record order."""

    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def rowid_column(self) -> str | None:
        return next((c.name for c in self.columns if c.kind == "rowid"), None)

    def fits(self, values: Sequence[Value], *, exact: bool = True) -> bool:
        """True when a record could be a row of this table. Not `exact`: a record may be short
        (written before ALTER TABLE added columns; they take their defaults)."""
        if len(values) > len(self.columns) or (exact and len(values) != len(self.columns)):
            return False
        return all(c.accepts(v) for c, v in zip(self.columns, values, strict=False))


def _kind(table: str, column: str, declared: str, is_rowid: bool) -> str:
    if is_rowid:
        return "rowid"
    return "packed" if (table, column) in PACKED_COLUMNS else _affinity(declared)


def shape_from_sql(name: str, sql: str) -> TableShape | None:
    """The shape of an ordinary rowid table from its CREATE TABLE text (SQLite itself parses it,
    in memory); None for a virtual or WITHOUT ROWID table, or text that is no such statement."""
    if "WITHOUT ROWID" in sql.upper():
        return None
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(sql)
        info = scratch.execute(
            'SELECT name, type, "notnull", pk FROM pragma_table_info(?)', (name,)
        ).fetchall()
    except sqlite3.Error:
        return None
    finally:
        scratch.close()
    if not info:
        return None
    keys = [row for row in info if row[3]]
    alias = keys[0][0] if len(keys) == 1 and str(keys[0][1]).upper() == "INTEGER" else None
    columns = tuple(
        Column(str(n), _kind(name, str(n), str(t), n == alias), bool(notnull)) for n, t, notnull, _ in info
    )
    return TableShape(name, columns)


MASTER_SHAPE = TableShape(
    MASTER,
    (
        Column("type", "text", True),
        Column("name", "text", True),
        Column("tbl_name", "text", True),
        Column("rootpage", "integer", True),
        Column("sql", "text", False),
    ),
)


@dataclass
class Salvaged:
    """The rows the page reader found for one table, in the order of `shape`'s columns, and what
    tells how many it could not read."""

    shape: TableShape
    rows: list[Row] = field(default_factory=list)
    unread: int = 0
    gaps: list[Gap] = field(default_factory=list)
    leaves: int = 0
    fullest: int = 0  # the most cells a leaf of this table held
    leaf_depth: int | None = None

    def take(self, leaf: Leaf, rows: list[Row]) -> None:
        """The leaf's `rows` that fit the table; the others count as unread."""
        self.rows.extend(rows)
        self.unread += leaf.unread + len(leaf.rows) - len(rows)
        self.leaves += 1
        self.fullest = max(self.fullest, len(leaf.rows) + leaf.unread)


@dataclass
class _Schema:
    """Table name → (root page, shape) as far as the damaged file's schema could be read."""

    roots: dict[str, int] = field(default_factory=dict)
    shapes: dict[str, TableShape] = field(default_factory=dict)

    def add(self, values: Sequence[Value]) -> None:
        kind, name, _table, root, sql = values
        if kind != "table" or not isinstance(root, int) or root < 1 or not isinstance(sql, str):
            return
        shape = shape_from_sql(str(name), sql)
        if shape is not None and shape.name not in self.roots:
            self.roots[shape.name] = root
            self.shapes[shape.name] = shape


class TableSalvage:
    """Everything the page reader can find of the wanted tables in one Image.

    `read` says, per table, up to which rowid SQLite's own scan (in rowid order) read every row,
    None when it read the whole table: leaves whose rows all lie below are walked (their pages
    are then no orphans) but not read again.
    """

    def __init__(
        self,
        image: Image,
        wanted: Iterable[str],
        known: dict[str, TableShape],
        read: dict[str, int | None] | None = None,
    ) -> None:
        self.reader = BTreeReader(image)
        self.wanted = tuple(wanted)
        self.known = known  # this program's shapes, for tables the damaged schema does not give
        self.read = read or {}
        self.schema = _Schema()
        self.used: set[int] = set()
        self.found: dict[str, Salvaged] = {}
        self.strays: list[int] = []

    def run(self) -> dict[str, Salvaged]:
        """Rows per wanted table (tables with nothing found are present and empty)."""
        master = self.reader.walk(1)
        self.used |= master.pages
        for number in master.leaves:
            self._schema_rows(number)
        self.found = {
            n: Salvaged(s) for n, s in {**self.known, **self.schema.shapes}.items() if n in self.wanted
        }
        self._walk_tables(dict(self.schema.roots))
        if master.gaps:
            self._orphan_schema_rows()
        shapes = {**self.known, **self.schema.shapes}
        self._assign(self.strays + orphan_leaves(self.reader, self.used), shapes)
        return self.found

    def _leaf(self, number: int) -> Leaf | None:
        try:
            return self.reader.leaf(number)
        except Unreadable:
            return None

    def _schema_rows(self, number: int) -> None:
        leaf = self._leaf(number)
        for _rowid, values in leaf.rows if leaf is not None else ():
            if MASTER_SHAPE.fits(values):
                self.schema.add(values)

    def _orphan_schema_rows(self) -> None:
        """Schema leaves cut off from page 1 (its interior page damaged), known by their shape;
        the tables they name are walked in turn."""
        walked = dict(self.schema.roots)
        for number in orphan_leaves(self.reader, self.used):
            leaf = self._leaf(number)
            if leaf is not None and leaf.rows and all(MASTER_SHAPE.fits(v) for _, v in leaf.rows):
                self.used.add(number)
                self._schema_rows(number)
        for name, shape in self.schema.shapes.items():
            if name not in walked and name in self.wanted and not self.found[name].rows:
                self.found[name] = Salvaged(shape)
        self._walk_tables({n: r for n, r in self.schema.roots.items() if n not in walked})

    def _walk_tables(self, roots: dict[str, int]) -> None:
        """Walk these table b-trees (derived ones too: their pages are then no orphans) and read
        the leaves of wanted tables that SQLite did not read. A leaf that does not fit its tree's
        table (a damaged parent pointing astray) joins the orphans."""
        for name, root in roots.items():
            tree = self.reader.walk(root)
            tree.pages -= self.used  # a page claimed twice stays with its first tree
            self.used |= tree.pages
            salvaged = self.found.get(name)
            if salvaged is None:
                continue
            salvaged.gaps.extend(tree.gaps)
            salvaged.leaf_depth = tree.leaf_depth
            for number in tree.leaves:
                if number in tree.pages and not self._read_by_sqlite(name, tree.ends[number]):
                    self._take(salvaged, number)

    def _read_by_sqlite(self, table: str, end: int | None) -> bool:
        if table not in self.read:
            return False
        upto = self.read[table]
        return upto is None or (end is not None and end <= upto)

    def _take(self, salvaged: Salvaged, number: int) -> None:
        """A leaf of the table's own tree: its rows that fit the table, unless most do not (then
        the damaged parent pointed astray, and the leaf joins the orphans)."""
        leaf = self._leaf(number)
        if leaf is None:
            return
        rows = [row for row in leaf.rows if salvaged.shape.fits(row[1], exact=False)]
        if len(rows) >= MOST * len(leaf.rows):
            salvaged.take(leaf, rows)
            self.used |= leaf.overflow
        else:
            self.used.discard(number)
            self.strays.append(number)

    def _assign(self, numbers: Iterable[int], shapes: dict[str, TableShape]) -> None:
        """Orphan leaves to the one table whose shape fits most of their rows (rows that do not
        fit are lost: a zeroed or garbled cell); ambiguous or unfit pages, and pages of tables not
        wanted (the search index), are left."""
        candidates = [s for s in shapes.values() if s.name != MASTER]
        for number in dict.fromkeys(numbers):
            leaf = self._leaf(number)
            if leaf is None or not leaf.rows:
                continue
            fits = {s.name: [row for row in leaf.rows if s.fits(row[1])] for s in candidates}
            fitting = [name for name, rows in fits.items() if len(rows) >= MOST * len(leaf.rows)]
            if len(fitting) == 1 and fitting[0] in self.found:
                self.found[fitting[0]].take(leaf, fits[fitting[0]])


def estimate_lost(salvaged: Salvaged, rowids: Iterable[int]) -> int:
    """How many rows of the table the damage took (see the module's docstring): `rowids` are
    those the repair kept, by any path."""
    kept = sorted(rowids)
    lost = salvaged.unread
    for gap in salvaged.gaps:
        lost += _gap_estimate(salvaged, gap, kept)
    return lost


def _gap_estimate(salvaged: Salvaged, gap: Gap, kept: list[int]) -> int:
    """Rows of one unreadable page: the rowids of its range that did not come back, no more than
    the fullest leaf held when the page was a leaf (it lay as deep as the leaves). A range open at
    the end (the newest rows) with nothing above it back: half the fullest leaf, for the last leaf
    fills from empty to full as rows are added."""
    low = gap.low if gap.low is not None else 0
    one_leaf = gap.depth == salvaged.leaf_depth and salvaged.fullest > 0
    if gap.high is not None:
        missing = max(0, gap.high - low - (bisect_right(kept, gap.high) - bisect_right(kept, low)))
    else:
        above = len(kept) - bisect_right(kept, low)
        missing = max(0, kept[-1] - low - above) if above else max(1, -(-salvaged.fullest // 2))
    return min(missing, salvaged.fullest) if one_leaf else missing
