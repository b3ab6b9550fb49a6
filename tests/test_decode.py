"""Decoding: the same issue in any encoding staff save parses to the same articles; bad files are refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.text import SourceError, read_issue

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CASES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


def encodings(text: str) -> dict[str, bytes]:
    crlf = text.replace("\n", "\r\n")
    return {
        "utf-8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "gb18030-crlf": crlf.encode("gb18030"),
        "gbk-cr": text.replace("\n", "\r").encode("gb18030"),
        "utf-16-le-bom": text.encode("utf-16"),
        "utf-16-be-bom-crlf": codecs.BOM_UTF16_BE + crlf.encode("utf-16-be"),
    }


@pytest.mark.skipif(not CASES, reason=f"corpus not found at {CORPUS}")
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_every_encoding_parses_to_the_same_issue(case: Path, tmp_path: Path) -> None:
    original = read_issue(case)
    for name, data in encodings(case.read_text(encoding="utf-8")).items():
        copy = tmp_path / name / case.name
        copy.parent.mkdir()
        copy.write_bytes(data)
        assert original == read_issue(copy), name


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "空"),
        (b"\n \r\n\t\n", "空"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "不是文本"),
        (b"%PDF-1.7\n" + bytes(range(128, 256)) * 8, "编码"),
        ("东昌时讯".encode() + b"\xff\xfe\xfa" * 3 + b"\x81\x30", "编码"),
    ],
    ids=["empty", "blank", "zip", "pdf", "undecodable"],
)
def test_bad_files_are_refused_with_the_file_named(tmp_path: Path, data: bytes, reason: str) -> None:
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        read_issue(bad)
    assert "坏文件.txt" in str(caught.value)
    assert reason in caught.value.reason


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="不存在"):
        read_issue(tmp_path / "没有.txt")
