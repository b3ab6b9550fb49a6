"""How an article's body is stored: the one place that packs it and reads it back.

The body is most of an archive's text, and stored plain it was the largest part of the file
(issue 26: the `articles` table 1.4× the text). It is stored zlib-packed where that is smaller:

* a TEXT value is the body itself (every row an older program wrote, and bodies too short to
  shrink);
* a BLOB value is a zlib stream (RFC 1950, level 6, no preset dictionary) of the body's UTF-8.

A value is read by its type, so rows of either kind stand side by side and no row ever needs
rewriting to stay readable. The format is frozen: migration 12 (reader.archive.migrations)
packs an older archive's bodies with its own copy of `pack`, and its version bump makes an
older program refuse the archive instead of showing bytes as text. zlib's adler32 tells a
damaged packed body from a sound one (`DamagedBody`), which a plain body could not.

SQL reads the body through `reader_body(body)` (`BODY_FUNCTION`), registered on every connection
an `Archive` holds (reader.archive.handle); code that holds a stored value calls `body_text`.
Measured on a generated 100k archive: 0.32 of the bodies' bytes, 12–15 µs of CPU to unpack one
(the real corpus's less repetitive text: 0.56); bench/bench_size.py prints both.
"""

from __future__ import annotations

import sqlite3
import zlib

BODY_FUNCTION = "reader_body"
# The columns that hold a body as `stored_body` makes it (TEXT columns that may hold a BLOB: a
# repair's page reader must take both, reader.archive.salvage_tables).
PACKED_COLUMNS = frozenset({("articles", "body"), ("correction_originals", "body")})
LEVEL = 6  # level 9 packs no smaller on Chinese text (bench_size) and costs more CPU
# What SQL reads in place of a packed body that no longer unpacks (see `readable_body`).
DAMAGED_NOTICE = (
    "〔这篇文章的正文已损坏，无法读出（档案文件中保存它的字节被改动了）。"
    "重新导入这一期的文本文件即可恢复正文；python -m reader repair --force 会清理所有这样的文章。〕"
)


class DamagedBody(ValueError):
    """A packed body that does not unpack: the row was damaged on disk."""


def stored_body(text: str) -> str | bytes:
    """What the archive stores for this body: zlib-packed bytes when smaller, else the text."""
    raw = text.encode("utf-8")
    packed = zlib.compress(raw, LEVEL)
    return packed if len(packed) < len(raw) else text


def body_text(stored: object) -> str:
    """The body a stored value holds ('' for NULL). Raises DamagedBody for packed bytes that do
    not unpack to UTF-8 text."""
    if stored is None:
        return ""
    if isinstance(stored, str):
        return stored
    if not isinstance(stored, bytes):
        raise DamagedBody(f"正文的存储类型不对：{type(stored).__name__}")
    try:
        return zlib.decompress(stored).decode("utf-8")
    except (zlib.error, UnicodeDecodeError) as err:
        raise DamagedBody(f"正文已损坏，无法解压：{err}") from err


def readable_body(stored: object) -> str:
    """The body, or `DAMAGED_NOTICE` when it no longer unpacks: what every read in SQL shows.

    A flipped byte in a plain body changed one character; in a packed one it loses the whole
    body, and SQLite's own checks do not look inside values. Raising here would fail every
    statement that touches the article (the issue's page, a search whose hits include it, an
    export) with an error that names no cause; the notice says what happened and what to do,
    and a re-import, which compares the stored text with the file, writes the body anew. A
    repair finds such rows with `body_text`, which raises."""
    try:
        return body_text(stored)
    except DamagedBody:
        return DAMAGED_NOTICE


def body_sql(column: str = "body") -> str:
    """The SQL expression that reads `column` as text (an alias-qualified name like `a.body`)."""
    return f"{BODY_FUNCTION}({column})"


def register_body_function(conn: sqlite3.Connection) -> None:
    """Let SQL on this connection read bodies (`reader_body`, `readable_body`)."""
    conn.create_function(BODY_FUNCTION, 1, readable_body, deterministic=True)
