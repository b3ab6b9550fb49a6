"""Article bodies are stored packed (reader.archive.bodies, issue 26) and everything that reads
them still reads the whole text: the article, the search and its snippets, the PDF export;
plain bodies an older program wrote stay readable beside packed ones, migration 12 packs them,
and a repair reports a packed body that no longer unpacks instead of failing on it."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from cli_support import err_text, out_text, run_cli
from needs import require_tool
from PySide6.QtWidgets import QApplication
from search_support import assert_search_is_brute_force

from reader.archive import queries
from reader.archive.bodies import DAMAGED_NOTICE, DamagedBody, body_text, stored_body
from reader.archive.db import Archive, open_archive
from reader.archive.importer import import_paths
from reader.archive.migrations import MIGRATIONS
from reader.archive.records import ArticleRecord
from reader.archive.search import search
from reader.export.pdf import export_pdf
from reader.text import read_issue
from reader.text.query import Query, parse_query

PACKED_FROM = 12  # the schema version whose migration packs the bodies of an older archive


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def raw(path: Path, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Rows as the file holds them, read by plain sqlite3 (no body function)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def every_article(archive: Archive) -> list[ArticleRecord]:
    ids = [r[0] for r in archive.conn.execute("SELECT id FROM articles ORDER BY id")]
    return queries.articles(archive, ids)


def a_phrase_deep_in(body: str) -> str:
    """Eight characters from the last paragraph: found only if the whole body was read."""
    last = body.split("\n")[-1]
    return last[len(last) // 2 : len(last) // 2 + 8]


def test_a_body_keeps_its_text_packed_or_not() -> None:
    long = "区政府召开常务会议，研究部署防汛抗旱工作。" * 20
    assert isinstance(stored_body(long), bytes)
    assert long == body_text(stored_body(long))
    assert "短讯" == stored_body("短讯")  # too short to shrink: stays text
    assert "" == body_text(stored_body("")) == body_text(None)


def test_bytes_that_do_not_unpack_are_a_damaged_body() -> None:
    packed = bytearray(stored_body("区政府召开常务会议，研究部署防汛抗旱工作。" * 20))
    packed[len(packed) // 2] ^= 0xFF
    with pytest.raises(DamagedBody):
        body_text(bytes(packed))


def test_an_imported_body_is_stored_packed_and_read_searched_and_exported_whole(
    archive: Archive, corpus_files: list[Path], tmp_path: Path, qapp: QApplication
) -> None:
    require_tool("pdftotext", "poppler-utils")
    assert import_paths(archive, corpus_files).ok
    parsed = {a.headline: a.body for f in corpus_files for a in read_issue(f).articles if a.headline}
    records = every_article(archive)
    lead = max(records, key=lambda r: len(r.body))
    assert [("blob",)] == raw(archive.path, "SELECT typeof(body) FROM articles WHERE id = ?", (lead.id,))
    assert raw(archive.path, "SELECT length(body) FROM articles WHERE id = ?", (lead.id,))[0][0] < len(
        lead.body.encode("utf-8")
    )
    assert all(parsed[r.headline] == r.body for r in records if r.headline in parsed)
    phrase = a_phrase_deep_in(lead.body)
    result = search(archive, f'"{phrase}"')
    hit = next(h for h in result.hits if h.id == lead.id)
    assert phrase in "".join(p.text for p in hit.passages)
    out = tmp_path / "article.pdf"
    export_pdf([lead], out)
    text = squeeze(
        subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    )
    assert squeeze(lead.body.split("\n")[-1]) in text


def as_an_older_program_left_it(path: Path) -> None:
    """Every body plain and the schema one version back: an archive as version 11 wrote it."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.create_function("unpacked", 1, body_text, deterministic=True)
        conn.execute("UPDATE articles SET body = unpacked(body)")
        conn.execute(f"PRAGMA user_version = {PACKED_FROM - 1}")
    finally:
        conn.close()


def test_an_archive_with_plain_bodies_is_packed_when_opened_and_reads_and_searches_the_same(
    archive_path: Path, corpus_files: list[Path]
) -> None:
    with open_archive(archive_path) as archive:
        assert import_paths(archive, corpus_files).ok
        before = every_article(archive)
    as_an_older_program_left_it(archive_path)
    assert [("text",)] == raw(archive_path, "SELECT DISTINCT typeof(body) FROM articles")
    with open_archive(archive_path) as archive:
        assert len(MIGRATIONS) == archive.conn.execute("PRAGMA user_version").fetchone()[0]
        assert before == every_article(archive)
        lead = max(before, key=lambda r: len(r.body))
        query = parse_query(f'"{a_phrase_deep_in(lead.body)}"')
        assert isinstance(query, Query)
        assert_search_is_brute_force(archive, query)
    kinds = dict(raw(archive_path, "SELECT typeof(body), count(*) FROM articles GROUP BY 1"))
    assert kinds["blob"] > kinds.get("text", 0)


def test_plain_bodies_beside_packed_ones_are_read_by_a_reader_as_they_are(
    archive_path: Path, corpus_files: list[Path]
) -> None:
    """Rows are read by their type: a plain body (as an older program or a short text leaves
    it) stays valid in an archive whose other bodies are packed."""
    with open_archive(archive_path) as archive:
        assert import_paths(archive, corpus_files).ok
        before = every_article(archive)
    half = [r.id for r in before][::2]
    conn = sqlite3.connect(archive_path, isolation_level=None)
    conn.create_function("unpacked", 1, body_text, deterministic=True)
    conn.executemany("UPDATE articles SET body = unpacked(body) WHERE id = ?", [(i,) for i in half])
    conn.close()
    with open_archive(archive_path, readonly=True) as reader:
        assert before == every_article(reader)
        for record in before[:6]:
            query = parse_query(f'"{a_phrase_deep_in(record.body)}"')
            if isinstance(query, Query):
                assert_search_is_brute_force(reader, query)


def test_a_packed_body_that_no_longer_unpacks_is_reported_by_repair_and_its_article_kept(
    archive_path: Path, corpus_files: list[Path]
) -> None:
    with open_archive(archive_path) as archive:
        assert import_paths(archive, corpus_files).ok
        before = every_article(archive)
    lead = max(before, key=lambda r: len(r.body))
    (stored,) = raw(archive_path, "SELECT body FROM articles WHERE id = ?", (lead.id,))[0]
    assert isinstance(stored, bytes)
    damaged = bytearray(stored)
    damaged[len(damaged) // 2] ^= 0xFF  # a flipped byte SQLite's own checks do not see
    conn = sqlite3.connect(archive_path, isolation_level=None)
    conn.execute("UPDATE articles SET body = ? WHERE id = ?", (bytes(damaged), lead.id))
    conn.close()
    done = run_cli("repair", "--force", "--db", str(archive_path))
    assert 0 == done.returncode, err_text(done)
    said = out_text(done)
    assert "正文已损坏、无法解压的：文章 1 篇" in said, said
    with open_archive(archive_path) as archive:
        after = {r.key: r for r in every_article(archive)}
        assert lead.headline == after[lead.key].headline and "" == after[lead.key].body
        assert all(after[r.key] == r for r in before if r.id != lead.id)
        word = a_phrase_deep_in(before[0].body if before[0].id != lead.id else before[1].body)
        query = parse_query(f'"{word}"')
        assert isinstance(query, Query)
        assert_search_is_brute_force(archive, query)


def damage_the_body_of(path: Path, article_id: int) -> None:
    """One byte of the article's packed body flipped, as a disk might: SQLite reads the row."""
    (stored,) = raw(path, "SELECT body FROM articles WHERE id = ?", (article_id,))[0]
    assert isinstance(stored, bytes)
    damaged = bytearray(stored)
    damaged[len(damaged) // 2] ^= 0xFF
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE articles SET body = ? WHERE id = ?", (bytes(damaged), article_id))
    conn.close()


def test_a_damaged_body_reads_as_a_notice_and_a_reimport_of_its_file_brings_it_back(
    archive_path: Path, corpus_files: list[Path]
) -> None:
    with open_archive(archive_path) as archive:
        assert import_paths(archive, corpus_files).ok
        before = every_article(archive)
    lead = max(before, key=lambda r: len(r.body))
    damage_the_body_of(archive_path, lead.id)
    (source,) = [f for f in corpus_files if lead.headline in {a.headline for a in read_issue(f).articles}]
    with open_archive(archive_path) as archive:
        shown = {r.id: r for r in every_article(archive)}
        assert DAMAGED_NOTICE == shown[lead.id].body
        assert all(shown[r.id] == r for r in before if r.id != lead.id)
        assert lead.id in {h.id for h in search(archive, f'"{a_phrase_deep_in(lead.body)}"').hits}
        assert import_paths(archive, [source]).ok
        assert lead.body == queries.article_by_key(archive, lead.key).body  # type: ignore[union-attr]
