"""Read one source file from disk into a ParsedIssue: the only place the text layer touches files."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import replace
from pathlib import Path

from reader.text.cancel import checkpoint
from reader.text.decode import decode_file
from reader.text.errors import SourceError
from reader.text.explain import LineRole
from reader.text.model import ParsedIssue
from reader.text.oserror import describe_os_error
from reader.text.parse import explain_text, parse_text

# Dumps are a few dozen kilobytes; anything far larger is not an issue of a local paper.
MAX_SOURCE_BYTES = 20 * 1024 * 1024
_CHUNK = 1 << 20
# Opening a FIFO for reading waits for a writer; non-blocking, the open returns at once and the
# fstat below refuses it. Regular files ignore the flag. (Windows has neither FIFOs nor the flag.)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_NOT_REGULAR = "不是普通文件（设备、管道或文件夹），不能导入"


def content_hash(text: str) -> str:
    """Identity of the decoded text, independent of encoding and line ends."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_source_bytes(path: Path) -> bytes:
    """The bytes of the regular file at `path`, at most MAX_SOURCE_BYTES of them.

    Devices (/dev/zero never ends), FIFOs (block until someone writes) and folders are refused
    before anything is read; the size limit applies to what is actually read, since a file may
    grow after stat or report no size at all. SourceError names the file and says why.
    """
    name = path.name
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(name, "这是一个文件夹，不是文件")
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(name, _NOT_REGULAR)
        if info.st_size > MAX_SOURCE_BYTES:
            raise SourceError(name, f"文件过大（{info.st_size // 1024 // 1024} MB），不像是一期报纸的文本")
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):  # replaced since the stat above
                raise SourceError(name, _NOT_REGULAR)
            chunks: list[bytes] = []
            total = 0
            while total <= MAX_SOURCE_BYTES:
                chunk = file.read(min(_CHUNK, MAX_SOURCE_BYTES + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                checkpoint()
    except OSError as err:
        raise SourceError(name, f"无法读取（{describe_os_error(err)}）") from err
    if total > MAX_SOURCE_BYTES:
        limit = MAX_SOURCE_BYTES // 1024 // 1024
        raise SourceError(name, f"文件过大（超过 {limit} MB），不像是一期报纸的文本")
    return b"".join(chunks)


def read_issue(path: Path, papers: frozenset[str] = frozenset()) -> ParsedIssue:
    """Parse the dump at `path`; SourceError (naming the file) for anything unreadable. `papers`:
    the names of the papers the archive holds, recognised in mastheads and folios.

    Inside a cancel scope (`with cancel_scope(should_cancel, path.name):`, reader.text.cancel)
    the file is read, decoded and parsed with checks often enough that a cancel takes effect
    within a fraction of a second on the largest file; then Cancelled.
    """
    text, digest, notes = _read_text(path)
    parsed = parse_text(text, source=path.name, path=path, digest=digest, papers=papers)
    return replace(parsed, notes=notes)


def explain_issue(path: Path, papers: frozenset[str] = frozenset()) -> tuple[ParsedIssue, list[LineRole]]:
    """`read_issue`, and every non-blank line of the dump with its role and the rule that gave it."""
    text, digest, notes = _read_text(path)
    parsed, roles = explain_text(text, source=path.name, path=path, digest=digest, papers=papers)
    return replace(parsed, notes=notes), roles


def _read_text(path: Path) -> tuple[str, str, tuple[str, ...]]:
    """The decoded text of the dump at `path`, its content hash and what decoding noticed."""
    name = path.name
    data = read_source_bytes(path)
    decoded = decode_file(data, name)
    del data  # the largest file is read, decoded and parsed at once: its bytes go first
    checkpoint()
    return decoded.text, content_hash(decoded.text), decoded.notes()
