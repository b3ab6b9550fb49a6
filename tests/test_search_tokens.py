"""No text the user types can pose as punctuation in the word index (issue 13 item 1).

ASCII separators are stored as escapes `z<hex>g`; until version 5 the jieba word "z2cg" was
stored as the same token as a comma, so `z2cg` found articles holding only a comma. These
tests hold `encode_token` to its proof, search to the brute-force set for such words, and the
upgrade (migration 5) to an index equal to one built anew.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.archive.db import Archive, open_archive
from reader.archive.importer import import_issue
from reader.archive.migrations import MIGRATIONS, schema_version
from reader.archive.search_index import rebuild_search_index
from reader.archive.search_tokens import encode_token
from reader.text.fold import fold
from reader.text.model import Article
from reader.text.query import Query, parse_query
from tests.search_support import assert_search_is_brute_force, make_issue

OLD_ARCHIVES = Path(__file__).parent / "fixtures" / "old_archives"
_ESCAPE = re.compile(r"z((?:[0-9a-f]+g)+)")
PUNCTUATION = ",. ;:!?-_/()[]{}'\"#@&*+=<>|\\~`$%^"


def escape(text: str) -> str:
    """The internal spelling of text, as an escape: what a user might copy out of the index."""
    return "z" + "".join(f"{ord(c):x}g" for c in text)


def read_back(stored: str) -> str:
    """The text a token stands for, read from the token alone (as the `ascii` tokenizer stores it)."""
    match = _ESCAPE.fullmatch(stored)
    if match is None or stored == "z":
        return stored
    return "".join(chr(int(h, 16)) for h in match.group(1).split("g")[:-1])


def stored(token: str) -> str:
    """A token as FTS5's `ascii` tokenizer stores it: ASCII letters lower-cased."""
    return token.translate({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})


token_shaped = st.builds(escape, st.text(alphabet=PUNCTUATION + "z0aé中\ue000", min_size=1, max_size=3))
latin = st.text(alphabet="zZ0123456789abcdefgABCDEFG", min_size=1, max_size=8)
words = st.one_of(token_shaped, latin, st.text(min_size=1, max_size=6), st.text(PUNCTUATION, min_size=1))


@settings(max_examples=500, derandomize=True, deadline=None)
@given(word=words)
def test_every_token_reads_back_to_its_own_text_so_no_two_texts_share_one(word: str) -> None:
    token = stored(encode_token(fold(word)))
    assert read_back(token) == stored(fold(word))
    assert re.search(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]", token) is None  # kept whole


BODIES = (
    "这一篇只有英文逗号, 空格和句点. 没有别的拉丁字母串。",
    "记者zhang san陪同zoo管理员参观，代号z2cg写在门牌上，ＺＨＡＮＧ也来了。",
    "zz top乐队, 在广场演出, 观众z20g人; 票价(10)元.",
    "全角ｚ２ｃｇ与Z2EG混写，私用区\ue000z2cg\ue000字符，还有z7ag68g61g6eg67g。",
    "数字2cg和z 2cg分开写, zag与zzz, a-b_c/d。",
    "没有任何拉丁字母的一篇，只有中文标点，。",
)
REPORTED = ("z2cg", "z20g", "z2eg", "Z2CG", "ｚ２ｃｇ", "zag", "z7ag68g61g6eg67g", "zhang", "zz", "z")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    path = Path(tmp_path_factory.mktemp("tokens")) / "archive.sqlite3"
    archive = open_archive(path)
    articles = [
        Article(page=1, headline=body[:8], body=body, byline=byline)
        for body in BODIES
        for byline in ("", "融媒体 记者 甲")
    ]
    import_issue(archive, make_issue(0, articles))
    yield archive
    archive.close()


def check(archive: Archive, text: str) -> set[int]:
    """Search text; assert total and every hit equal the brute-force set; return that set."""
    parsed = parse_query(text)
    assert isinstance(parsed, Query), text
    return assert_search_is_brute_force(archive, parsed)


@pytest.mark.parametrize("text", REPORTED)
def test_words_shaped_like_internal_tokens_find_exactly_the_articles_holding_them(
    archive: Archive, text: str
) -> None:
    check(archive, text)


def test_the_reported_cases_are_tested_against_real_hits_and_real_bait(archive: Archive) -> None:
    assert len(check(archive, "z2cg")) == 4  # in 2 bodies (ｚ２ｃｇ folds to it), each with 2 bylines
    assert len(check(archive, ",")) >= 8  # ...while the comma is in more articles
    assert len(check(archive, "z20g")) == 2


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(word=words)
def test_every_hit_holds_the_query_for_any_word(archive: Archive, word: str) -> None:
    text = '"' + word.replace('"', "") + '"'
    if isinstance(parse_query(text), Query):
        check(archive, text)


def word_index(conn: sqlite3.Connection, table: str = "search_words") -> list[tuple[str, int, str, int]]:
    """Every (token, article, column, position) of a word index, read from the index itself."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.words USING fts5vocab(main, {table}, instance)")
    rows = conn.execute("SELECT term, doc, col, offset FROM temp.words ORDER BY 1, 2, 3, 4").fetchall()
    conn.execute("DROP TABLE temp.words")
    return rows


def test_a_version_4_archive_is_upgraded_to_the_index_a_new_build_makes(tmp_path: Path) -> None:
    path = tmp_path / "version4.sqlite3"
    shutil.copyfile(OLD_ARCHIVES / "version4.sqlite3", path)
    conn = sqlite3.connect(path)
    comma_only = conn.execute("SELECT id FROM articles WHERE headline LIKE '英文标点%'").fetchone()[0]
    collided = {r[0] for r in conn.execute("SELECT rowid FROM search_words('\"z2cg\"')")}
    conn.close()
    assert comma_only in collided  # what version 4 wrote: a comma is the word "z2cg"

    with open_archive(path) as archive:
        assert schema_version(archive) == len(MIGRATIONS)
        for text in (*REPORTED, ",", "zoo", "ＺＨＡＮＧ"):
            check(archive, text)
        upgraded = word_index(archive.conn)
        headlines = word_index(archive.conn, "search_headline_words")
        with archive.transaction():
            rebuild_search_index(archive, recut=False)
        assert upgraded == word_index(archive.conn)
        assert headlines == word_index(archive.conn, "search_headline_words")
        assert {(t, d, c, o) for t, d, c, o in upgraded if c == "headline"} == set(headlines)
        assert ("z7ag68g61g6eg67g", 8, "headline", 1) in upgraded  # zhang, re-spelled
