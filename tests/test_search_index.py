"""The search index's tokens: words cut by the archive's own segmenter, characters spelled
through a cache that lives with the archive and stays bounded (reader.archive.search_index)."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.archive.search import search
from reader.archive.search_index import FTS_TABLES
from reader.archive.search_tokens import (
    Tokenizer,
    _Spellings,
    char_spelling,
    decode_cuts,
    encode_token,
    pack_cuts,
    unpack_cuts,
)
from reader.text.words import Segmenter


class RecordingSegmenter(Segmenter):
    """The plain dictionary-less segmenter, remembering every text it was asked to cut: bulk
    text (`cut`) and query terms (`cut_query`) apart."""

    def __init__(self) -> None:
        super().__init__(user_dict=None)
        self.texts: list[str] = []
        self.queries: list[str] = []

    def cut(self, text: str) -> list[str]:
        self.texts.append(text)
        return super().cut(text)

    def cut_query(self, text: str) -> list[str]:
        self.queries.append(text)
        return super().cut_query(text)


def test_the_archive_cuts_index_and_query_words_with_the_segmenter_it_was_opened_with(
    archive_path: Path,
) -> None:
    segmenter = RecordingSegmenter()
    with open_archive(archive_path, segmenter=segmenter) as archive:
        import_issue(archive, make_issue([make_article("幸福食堂开张", body="红色邮箱进社区")]))
        assert {"幸福食堂开张", "红色邮箱进社区"} <= set(segmenter.texts)
        assert ["幸福食堂开张"] == [hit.headline for hit in search(archive, "邮箱").hits]
    assert {"邮箱"} == set(segmenter.queries)


def test_character_documents_spell_every_character_as_one_token() -> None:
    tokenizer = Tokenizer(Segmenter(user_dict=None))
    assert "江 绍 华 z20g a z2cg 1 " == tokenizer.char_text("江绍华 a,1")
    assert "" == tokenizer.char_text("")


def test_the_character_cache_stops_growing_at_its_limit() -> None:
    table = _Spellings(char_spelling, limit=3)
    text = "甲乙丙丁戊己庚辛壬癸 ,."
    spelled = text.translate(table)
    assert "".join(encode_token(c) + " " for c in text) == spelled
    assert 3 == len(table)
    assert spelled == text.translate(table)  # characters past the limit are spelled all the same


LONG_BODY = "区长江绍华到幸福食堂调研，察看红色邮箱进社区的情况。" * 20


def test_a_bodys_word_cut_is_stored_packed_and_a_short_headlines_as_text(archive_path: Path) -> None:
    """Issue 26: search_cuts was 0.22× the text; zlib keeps about a fifth of a body's record."""
    with open_archive(archive_path) as archive:
        import_issue(archive, make_issue([make_article("幸福食堂开张", body=LONG_BODY)]))
        headline, other = archive.conn.execute("SELECT headline, other FROM search_cuts").fetchone()
        assert isinstance(headline, str)
        assert isinstance(other, bytes)
        assert len(other) < len(unpack_cuts(other).encode("utf-8")) / 3
        assert "".join(decode_cuts(LONG_BODY, other)) == LONG_BODY


def test_a_cut_recorded_as_text_before_packing_still_removes_its_article(archive_path: Path) -> None:
    """A record written as text (index version 1) is read as such: a re-import deletes exactly
    the words it was indexed with, and the index stays sound."""
    with open_archive(archive_path) as archive:
        import_issue(archive, make_issue([make_article("幸福食堂开张", body=LONG_BODY)]))
        (stored,) = archive.conn.execute("SELECT other FROM search_cuts").fetchone()
        archive.conn.execute("UPDATE search_cuts SET other = ?", (unpack_cuts(stored),))
        import_issue(archive, make_issue([make_article("幸福食堂开张", body="新的正文，没有那些词")]))
        for table in FTS_TABLES:
            archive.conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        assert 0 == search(archive, "红色邮箱").total
        assert 1 == search(archive, "新的正文").total


def test_a_packed_cut_that_does_not_unpack_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        unpack_cuts(b"\x00 not zlib")
    assert "\x02\x01" == unpack_cuts(pack_cuts("\x02\x01"))
    long = "\x02\x01\x03" * 100
    assert long == unpack_cuts(pack_cuts(long))
