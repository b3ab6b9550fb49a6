"""Read one source file from disk into a ParsedIssue: the only place the text layer touches files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.text.decode import decode_bytes
from reader.text.errors import SourceError
from reader.text.model import ParsedIssue
from reader.text.parse import parse_text

# Dumps are a few dozen kilobytes; anything far larger is not an issue of a local paper.
MAX_SOURCE_BYTES = 20 * 1024 * 1024
SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def content_hash(text: str) -> str:
    """Identity of the decoded text, independent of encoding and line ends."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_issue(path: Path) -> ParsedIssue:
    """Parse the dump at `path`; SourceError (naming the file) for anything unreadable."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(name, f"文件过大（{size // 1024 // 1024} MB），不像是一期报纸的文本")
        data = path.read_bytes()
    except PermissionError as err:
        raise SourceError(name, "没有读取权限") from err
    except IsADirectoryError as err:
        raise SourceError(name, "这是一个文件夹，不是文件") from err
    except FileNotFoundError as err:
        raise SourceError(name, "文件不存在") from err
    except OSError as err:
        raise SourceError(name, f"无法读取（{err.strerror or err}）") from err
    text = decode_bytes(data, name)
    return parse_text(text, source=name, path=path, digest=content_hash(text))


def find_sources(paths: list[Path]) -> list[Path]:
    """Files to import: given files as they are, folders searched recursively for text dumps."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return found
