"""The search index's tokens: words cut by the archive's own segmenter, characters spelled
through a cache that lives with the archive and stays bounded (reader.archive.search_index)."""

from __future__ import annotations

from pathlib import Path

from archive_helpers import make_article, make_issue

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.archive.search import search
from reader.archive.search_tokens import Tokenizer, _Spellings, char_spelling, encode_token
from reader.text.words import Segmenter


class RecordingSegmenter(Segmenter):
    """The plain dictionary-less segmenter, remembering every text it was asked to cut."""

    def __init__(self) -> None:
        super().__init__(user_dict=None)
        self.texts: list[str] = []

    def cut(self, text: str) -> list[str]:
        self.texts.append(text)
        return super().cut(text)


def test_the_archive_cuts_index_and_query_words_with_the_segmenter_it_was_opened_with(
    archive_path: Path,
) -> None:
    segmenter = RecordingSegmenter()
    with open_archive(archive_path, segmenter=segmenter) as archive:
        import_issue(archive, make_issue([make_article("幸福食堂开张", body="红色邮箱进社区")]))
        assert {"幸福食堂开张", "红色邮箱进社区"} <= set(segmenter.texts)
        assert ["幸福食堂开张"] == [hit.headline for hit in search(archive, "邮箱").hits]
    assert "邮箱" in segmenter.texts


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
