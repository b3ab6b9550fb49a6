"""Issue 13's targets, measured side by side in one process (not a test: prints figures).

    python bench/bench_targets.py --db /work/bench/t100k.sqlite3 [--runs 5] [--p95-target 20]
        [--seed 1] [--json OUT] [--scratch DIR]

The archive is opened read-only (`open_archive(path, readonly=True)`) and never written; an
archive whose schema is older than the code is refused there: copy it, open the copy once
writable to upgrade it, and bench the copy. Scratch tables go to a separate database in a
temporary folder (deleted at the end) or in --scratch DIR (kept, and reused by the next run when
it holds the same articles; the default builds it anew, "built in the same run").

Queries. A mix by class (`FIXED`): bench_search.QUERIES where they fit, plus queries that bench
does not use (1–2 characters, names jieba cuts wrongly, phrases with punctuation or a space
inside, AND, OR, exclusion, 标题:, Latin / full-width / digits, zero hits also of common
characters, the `z<hex>g` spellings of the index's own tokens). So that the mix is not tuned to
the code, more are drawn from the archive itself at start-up with a fixed --seed (`Sampler`):
frequent 2-character words, mid-frequency 3- and 4-character words, rare names jieba cuts into
pieces, a substring across a word boundary, phrases around punctuation and spaces, headline
words, word pairs for AND / OR / exclusion, and zero-hit strings of common characters. They
are printed before the tables and marked * in them.

For every query:
* ours: `find()` for the first page (--limit, default 20) by relevance and, separately,
  newest first; warm: one untimed run each, then --runs timed runs (wall clock around the
  call), the two sorts and the trigram table interleaved run by run so that noise falls on
  all three alike; p50 / p95 per class over all timed runs of the class.
* exactness (✗ on any failure): the total against bench_search.Oracle (a brute-force scan of
  the folded text); the relevance page a subset of the oracle's matches and as full as the
  total allows; the newest-first page equal to the oracle's matches sorted newest first (date,
  undated last, issue, id: the order the README promises), so paging and date order are
  checked too; and no article matched by the word index that the character index misses
  (bench_search.words_outside_chars: the z-token case of issue 13).
* LIKE: bench_search.like_seconds, a count(*) with LIKE '%…%' over the articles' text (标题:
  terms over the headline column only), best of --like-runs (default 1) after one untimed
  scan that warms the OS cache. Ratio LIKE / ours per query; per class the ratio of the class's
  LIKE time to its time of ours (sums of the per-query medians, i.e. of the means: the slow
  queries of a class weigh most), for relevance and for newest first.
* trigram: a plain (not contentless) FTS5 table `fts5(headline, other, tokenize='trigram')` in
  the scratch database over the same folded text the index is built from (fold(headline) and
  fold(other_text(kicker, subtitle, dateline, byline, body))), rank = bm25(10, 1) (the
  headline weighted ×10 as ours), 'optimize'd after building, with the archive connection's
  cache_size and mmap_size. It serves a query when every term (excluded ones too) is at least 3
  characters after folding; AND / OR / NOT become FTS5 operators, 标题: the column filter
  `headline : "…"`. Timed per query: count(*) of the matches + the first --limit ids ORDER BY
  rank + the same hits as ours, built by reader.archive.search._hits from the archive
  connection (snippets and headline marks cost the same on both sides). Ours does more for
  its page: tiers by whole words (the jieba word index), ties broken newest first, one read
  transaction; trigram ranks by BM25 alone. ours / trigram per query and its geometric mean
  over the served queries; trigram's count is checked against the oracle too (it is exact for
  terms of ≥ 3 characters): a mismatch there is marked but is the table's, not ours.
* size: the archive file against the UTF-8 bytes of all article fields, the search_* tables
  (dbstat), and the trigram table's index (without and with its copy of the text).

The summary checks issue 13's targets: every count exact; every class ≥ 25× a LIKE scan
(relevance; newest first shown); geometric mean of ours / trigram ≤ 1.5; first page p95 over
all timed runs of all queries ≤ --p95-target ms (20 at 100k, 40 at 300k) for relevance and for
newest first; archive file ≤ --size-target × text (2.5, issue 26's target). The machine's
noise goes straight into the timings: take final figures on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)
from bench_search import QUERIES as BASE
from bench_search import Oracle, like_seconds, percentile, sizes, words_outside_chars

from reader.archive.db import Archive, open_archive
from reader.archive.queries import EFFECTIVE_DATE
from reader.archive.search import _hits, find
from reader.archive.search_index import other_columns, other_text
from reader.archive.search_request import SearchRequest
from reader.resources import USER_DICTIONARY, locate
from reader.text.fold import fold
from reader.text.query import QUOTES, Query, Term, parse_query
from reader.text.words import user_words

LIKE_TARGET = 25.0  # every class at least this many times faster than LIKE
TRIGRAM_TARGET = 1.5  # geometric mean of ours / trigram at most this
TRIGRAM_MIN = 3  # characters a term needs (after folding) for the trigram table to find it

# Fixed queries by class: bench_search's where they fit, then ones it does not use.
FIXED: dict[str, tuple[str, ...]] = {
    "1 字": (*BASE["1 字"], "的", "馆", "乡", "9", "、"),
    "2 字": (*BASE["2 字"], "服务", "开发", "老人", "项目", "会议"),
    "3–4 字词": (*BASE["3–4 字词"], "开发区", "营商环境", "商贸城", "神经末梢", "排忧解难", "常务会议"),
    "jieba 切错的人名": (*BASE["jieba 切错的人名"], "刘兆华", "谭登禄", "罗云兵", "长梅永杰", "区长赵"),
    "短语": (
        *BASE["短语"],
        "基础,创新",
        "基础，创新",
        '"参加活动。在"',
        '"督导工 业"',
        '"工作,"',
        "。在",
        '"的 "',
    ),
    "多个词": (*BASE["多个词"], "开发区 召开 会议", "社区 志愿 服务 老人", "党建 引领 基层 治理", "的 区"),
    "OR": (
        *(q for q in BASE["OR / 标题"] if " OR " in q),
        "网格 OR 社区",
        "江绍华 OR 梅永杰",
        "营商环境 OR 招商引资 OR 项目",
        "区 OR 镇",
        "幸福食堂 OR 标题:开发区",
    ),
    "排除": (*BASE["排除"], "开发区 -召开", "服务 -社区 -街道", "党建 -网格", "群众 -的", "会议 -标题:会议"),
    "标题:": (
        *(q for q in BASE["OR / 标题"] if q.startswith("标题:")),
        "标题:开发区",
        "标题:召开",
        "标题:街道 服务",
        "标题:食堂",
        "标题:区",
        "标题:会议 -开发区",
        '标题:"暖心饭"',
        "标题:开发区 标题:召开",
    ),
    "拉丁/全角/数字": (*BASE["数字/全角"], "APP", "ＡＰＰ", "2021年", "a", "5", "ok"),
    "无结果": (*BASE["无结果"], '"的的的"', "区区区", "服务服务", "开发区开发区", "标题:量子", "标题:的的"),
    "z 记号": (*BASE["z 记号"], "z", "zeg", "z3002g", "z20gz2cg", "标题:z20g", "z2cg z20g", "x2cg"),
}

SAMPLE_ARTICLES = 2000
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_PUNCT = "，,。、；：！？"


def _is_cjk(text: str) -> bool:
    return bool(_CJK.match(text))


# --- the queries drawn from the archive ---------------------------------------------------


class Sampler:
    """Queries drawn from the archive with a fixed seed: the same archive gives the same ones.

    Works on a seeded sample of SAMPLE_ARTICLES articles (folded, as the oracle holds them),
    cut by the archive's own segmenter; names are those jieba's HMM tags as persons ('nr') in
    the sample, not in the user dictionary and cut into pieces by the archive's segmenter.
    Every candidate is taken from text the archive holds, so it has hits, except the zero-hit
    strings, which the oracle confirms have none.
    """

    def __init__(self, archive: Archive, oracle: Oracle, seed: int) -> None:
        self.archive = archive
        self.oracle = oracle
        self.rng = random.Random(seed)
        docs = sorted(oracle.docs)
        self.sample = self.rng.sample(docs, min(SAMPLE_ARTICLES, len(docs)))
        self.words = Counter[str]()  # document frequency in the sample, every field
        self.headline_words = Counter[str]()
        self.chars = Counter[str]()
        self.cut: list[list[str]] = []
        for _, headline, fields in self.sample:
            text = "\n".join(fields)
            words = archive.tokenizer.words(text)
            self.cut.append(words)
            self.words.update({w for w in words if _is_cjk(w)})
            self.headline_words.update({w for w in archive.tokenizer.words(headline) if _is_cjk(w)})
            self.chars.update(c for c in text if _is_cjk(c))

    def _pick(self, candidates: Iterable[str], count: int, taken: set[str]) -> list[str]:
        pool = sorted(set(candidates) - taken)
        chosen = self.rng.sample(pool, min(count, len(pool)))
        taken.update(chosen)
        return chosen

    def _by_share(self, counter: Counter[str], length: int, low: float, high: float) -> list[str]:
        """Words of `length` characters found in between `low` and `high` of the sample."""
        n = len(self.sample)
        return [w for w, k in counter.items() if len(w) == length and low * n <= k <= high * n]

    def _frequent(self, counter: Counter[str], length: int | None, top: int) -> list[str]:
        """The `top` most frequent of `length` characters (any length: None), ties by text.

        Never `most_common`: it breaks ties by insertion order, which follows the iteration
        order of sets of strings, which changes from process to process (hash randomisation).
        """
        ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        return [w for w, _ in ranked if length is None or len(w) == length][:top]

    def names(self, count: int, taken: set[str]) -> list[str]:
        """Rare person names (the rarer half of those found) that jieba cuts into pieces."""
        import rjieba

        tagger = rjieba.Jieba()
        known = {w for w, _, _ in user_words(locate(USER_DICTIONARY))}
        found = Counter[str]()
        for _, _, fields in self.sample[:500]:
            tags = tagger.tag("\n".join(fields), True)
            found.update({w for w, t in tags if t == "nr" and len(w) == 3 and _is_cjk(w)})
        split = sorted(
            (k, w) for w, k in found.items() if w not in known and len(self.archive.tokenizer.words(w)) > 1
        )
        return self._pick([w for _, w in split[: max(count, len(split) // 2)]], count, taken)

    def across_words(self, taken: set[str]) -> list[str]:
        """A 3-character substring across a jieba word boundary (last of one word, two of the next)."""
        for _ in range(200):
            words = self.rng.choice(self.cut)
            if len(words) < 2:
                continue
            at = self.rng.randrange(len(words) - 1)
            left, right = words[at], words[at + 1]
            if len(left) >= 2 and len(right) >= 2 and _is_cjk(left + right):
                text = left[-1] + right[:2]
                if text not in taken:
                    taken.add(text)
                    return [text]
        return []

    def punctuated(self, taken: set[str]) -> list[str]:
        """Phrases around a punctuation mark in the text and around a space in a headline."""
        found: list[str] = []
        for _ in range(500):
            _, _, fields = self.rng.choice(self.sample)
            text = self.rng.choice(fields)
            marks = [i for i, c in enumerate(text) if c in _PUNCT]
            if not marks:
                continue
            at = self.rng.choice(marks)
            before, after = self.rng.randint(2, 4), self.rng.randint(1, 4)
            piece = text[max(0, at - before) : at + 1 + after]
            plain = not any(c.isspace() or c in QUOTES for c in piece)  # one term, no quotes needed
            if len(piece) > 3 and _is_cjk(piece[0] + piece[-1]) and plain and piece not in taken:
                found.append(piece)
                taken.add(piece)
                break
        for _ in range(500):
            _, headline, _ = self.rng.choice(self.sample)
            spaces = [i for i, c in enumerate(headline) if c == " "]
            if not spaces:
                continue
            at = self.rng.choice(spaces)
            piece = headline[max(0, at - 3) : at + 3]
            if piece.strip() == piece and not QUOTES & set(piece) and f'"{piece}"' not in taken:
                found.append(f'"{piece}"')
                taken.add(found[-1])
                break
        return found

    def zero_hits(self, count: int, taken: set[str]) -> list[str]:
        """Strings of 2–3 of the 40 most common characters that no article holds."""
        common = self._frequent(self.chars, None, 40)
        joined = ["\n".join(fields) for _, _, fields in self.sample]
        found: list[str] = []
        for length in (2, 3):
            for _ in range(200):
                text = "".join(self.rng.choice(common) for _ in range(length))
                if text in taken or any(text in t for t in joined):
                    continue
                if not any(text in f for _, _, fields in self.oracle.docs for f in fields):
                    found.append(text)
                    taken.add(text)
                    break
            if len(found) >= count:
                break
        return found

    def queries(self) -> dict[str, list[str]]:
        """The drawn queries by class (keys as in FIXED)."""
        taken = {q for qs in FIXED.values() for q in qs}
        freq2 = self._frequent(self.words, 2, 40)
        mid2 = self._by_share(self.words, 2, 0.01, 0.05)
        mid3 = self._by_share(self.words, 3, 0.005, 0.05)
        mid4 = self._by_share(self.words, 4, 0.005, 0.05)
        heads = self._frequent(self.headline_words, 2, 30) + self._frequent(self.headline_words, 3, 20)
        out: dict[str, list[str]] = {
            "1 字": self._pick(self._frequent(self.chars, None, 300)[100:], 1, taken),
            "2 字": self._pick(freq2, 2, taken) + self._pick(mid2, 1, taken),
            "3–4 字词": self._pick(mid3, 1, taken) + self._pick(mid4, 1, taken) + self.across_words(taken),
            "jieba 切错的人名": self.names(2, taken),
            "短语": self.punctuated(taken),
        }
        a, b, c = (self._pick(mid2 + mid3, 1, taken)[0] for _ in range(3))
        f1, f2 = self._pick(freq2, 2, taken)
        out["多个词"] = [f"{a} {f1}", f"{f1} {f2} {b}"]
        out["OR"] = [f"{b} OR {c}", f"{c} OR {f2} OR {a}"]
        out["排除"] = [f"{f1} -{f2}", f"{a} -{f1}"]
        h1, h2 = self._pick(heads, 2, taken)
        out["标题:"] = [f"标题:{h1}", f"标题:{h1} 标题:{h2}", f"标题:{h2} {f1}"]
        out["无结果"] = self.zero_hits(2, taken)
        return out


# --- the trigram table --------------------------------------------------------------------


def _article_texts(archive: Archive) -> Iterator[tuple[int, str, str]]:
    """(id, folded headline, folded other fields) of every article, as the index folds them."""
    rows = archive.conn.execute(f"SELECT id, headline, {other_columns()} FROM articles ORDER BY id")
    for row in rows:
        yield row[0], fold(row[1] or ""), fold(other_text(row[2:]))


def _source_mark(archive: Archive) -> str:
    row = archive.conn.execute("SELECT count(*), max(id), total(id) FROM articles").fetchone()
    return f"{archive.path.resolve()}:{row[0]}:{row[1]}:{row[2]}"


def build_trigram(archive: Archive, path: Path, options: str) -> tuple[sqlite3.Connection, float | None]:
    """The trigram table at `path` (reused when built from the same articles); build seconds.

    `options` are more FTS5 options for the table ("" for the plain table, e.g. "columnsize=0").
    """
    conn = sqlite3.connect(path, isolation_level=None)
    mark = f"{_source_mark(archive)}:{options}"
    made = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'bench_source'").fetchone()
    if made and conn.execute("SELECT mark FROM bench_source").fetchone() == (mark,):
        return conn, None
    conn.close()
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    started = time.perf_counter()
    conn.execute("BEGIN")
    extra = f", {options}" if options else ""
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(headline, other, tokenize='trigram'{extra})")
    conn.execute("INSERT INTO t(t, rank) VALUES ('rank', 'bm25(10.0, 1.0)')")
    batch: list[tuple[int, str, str]] = []
    for row in _article_texts(archive):
        batch.append(row)
        if len(batch) >= 2000:
            conn.executemany("INSERT INTO t(rowid, headline, other) VALUES (?, ?, ?)", batch)
            batch.clear()
    conn.executemany("INSERT INTO t(rowid, headline, other) VALUES (?, ?, ?)", batch)
    conn.execute("INSERT INTO t(t) VALUES ('optimize')")
    conn.execute("CREATE TABLE bench_source(mark TEXT)")
    conn.execute("INSERT INTO bench_source VALUES (?)", (mark,))
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    return conn, time.perf_counter() - started


def trigram_expression(query: Query) -> str | None:
    """The FTS5 expression over the trigram table, or None when a term is too short for it."""
    terms = [*query.positive_terms(), *query.excluded]
    if any(len(t.folded) < TRIGRAM_MIN for t in terms):
        return None

    def one(term: Term) -> str:
        phrase = '"' + term.folded.replace('"', '""') + '"'
        return f"(headline : {phrase})" if term.headline_only else phrase

    positive = " AND ".join("(" + " OR ".join(one(t) for t in g) + ")" for g in query.groups)
    if not query.excluded:
        return positive
    return f"({positive}) NOT ({' OR '.join(one(t) for t in query.excluded)})"


def trigram_page(
    tri: sqlite3.Connection, archive: Archive, query: Query, expression: str, limit: int
) -> tuple[int, int]:
    """What ours returns, from the trigram table: the count, the top ids by rank, their hits."""
    total = tri.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()[0]
    rows = tri.execute("SELECT rowid, rank FROM t WHERE t MATCH ? ORDER BY rank LIMIT ?", (expression, limit))
    hits = _hits(archive.conn, query, [(r[0], -r[1], False) for r in rows])
    return int(total), len(hits)


def table_bytes(conn: sqlite3.Connection, names: tuple[str, ...]) -> int:
    marks = ",".join("?" * len(names))
    row = conn.execute(f"SELECT sum(pgsize) FROM dbstat WHERE name IN ({marks})", names).fetchone()
    return int(row[0] or 0)


# --- measuring ----------------------------------------------------------------------------


@dataclass
class Measured:
    """One query's figures (times in ms)."""

    klass: str
    query: str
    sampled: bool
    total: int = 0
    expected: int = 0
    problems: list[str] = field(default_factory=list)
    relevance: list[float] = field(default_factory=list)
    newest: list[float] = field(default_factory=list)
    like: float = 0.0
    trigram: list[float] | None = None
    trigram_total: int | None = None

    @property
    def exact(self) -> bool:
        return not self.problems

    @property
    def ours(self) -> float:
        return statistics.median(self.relevance)

    @property
    def ours_newest(self) -> float:
        return statistics.median(self.newest)

    @property
    def trigram_ms(self) -> float | None:
        return statistics.median(self.trigram) if self.trigram else None


class Bench:
    """The archive, its oracle, the trigram table and the settings of one run."""

    def __init__(
        self, archive: Archive, tri: sqlite3.Connection, runs: int, like_runs: int, limit: int
    ) -> None:
        self.archive = archive
        self.tri = tri
        self.runs = runs
        self.like_runs = like_runs
        self.limit = limit
        started = time.perf_counter()
        self.oracle = Oracle(archive)
        # The order newest first as README states it: date (undated last), issue, id.
        ordered = archive.conn.execute(
            f"SELECT a.id FROM articles a JOIN issues i ON i.id = a.issue_id"
            f" ORDER BY {EFFECTIVE_DATE} IS NULL, {EFFECTIVE_DATE} DESC, a.issue_id DESC, a.id"
        )
        self.newest_rank = {row[0]: n for n, row in enumerate(ordered)}
        self.load_seconds = time.perf_counter() - started

    def _timed_find(self, text: str, sort: str) -> tuple[float, Any]:
        request = SearchRequest(text, sort=sort, limit=self.limit)
        started = time.perf_counter()
        result = find(self.archive, request)
        return (time.perf_counter() - started) * 1000, result

    def _timed_trigram(self, parsed: Query, expression: str) -> tuple[float, int]:
        started = time.perf_counter()
        total, _ = trigram_page(self.tri, self.archive, parsed, expression, self.limit)
        return (time.perf_counter() - started) * 1000, total

    def measure(self, klass: str, text: str, sampled: bool) -> Measured:
        parsed = parse_query(text)
        assert isinstance(parsed, Query), text
        row = Measured(klass, text, sampled)
        expression = trigram_expression(parsed)
        # Warm: one untimed run of each, then the timed runs interleaved.
        _, relevance = self._timed_find(text, "relevance")
        _, newest = self._timed_find(text, "newest")
        if expression is not None:
            row.trigram = []
            _, row.trigram_total = self._timed_trigram(parsed, expression)
        for _ in range(self.runs):
            ms, relevance = self._timed_find(text, "relevance")
            row.relevance.append(ms)
            ms, newest = self._timed_find(text, "newest")
            row.newest.append(ms)
            if expression is not None and row.trigram is not None:
                ms, _ = self._timed_trigram(parsed, expression)
                row.trigram.append(ms)
        row.like = min(like_seconds(self.archive, parsed) for _ in range(self.like_runs)) * 1000
        self._check(row, parsed, relevance, newest)
        return row

    def _check(self, row: Measured, parsed: Query, relevance: Any, newest: Any) -> None:
        matches = self.oracle.ids(parsed)
        row.expected, row.total = len(matches), relevance.total
        want = min(len(matches), self.limit)
        if relevance.total != len(matches):
            row.problems.append(f"相关度总数 {relevance.total} ≠ 暴力 {len(matches)}")
        if newest.total != len(matches):
            row.problems.append(f"最新总数 {newest.total} ≠ 暴力 {len(matches)}")
        page = [h.id for h in relevance.hits]
        if not set(page) <= matches or len(set(page)) != len(page) or len(page) != want:
            outside = sorted(set(page) - matches)
            row.problems.append(f"相关度第一页 {len(page)} 篇（应 {want}），不含查询的 {outside[:5]}")
        expected_newest = sorted(matches, key=self.newest_rank.__getitem__)[: self.limit]
        got_newest = [h.id for h in newest.hits]
        if got_newest != expected_newest:
            pairs = zip(got_newest, expected_newest, strict=False)
            at = next((n for n, (a, b) in enumerate(pairs) if a != b), min(len(got_newest), want))
            row.problems.append(
                f"最新第一页第 {at + 1} 篇起不同：{got_newest[at : at + 3]} ≠ 暴力 "
                f"{expected_newest[at : at + 3]}（{len(got_newest)} / {len(expected_newest)} 篇）"
            )
        outside_chars = words_outside_chars(self.archive, parsed)
        if outside_chars:
            row.problems.append(f"词索引多出 {outside_chars} 篇字索引没有的文章")


# --- printing -----------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """`text` left-aligned in `width` terminal columns (CJK characters take two)."""
    return text + " " * max(0, width - _width(text))


def rpad(text: str, width: int) -> str:
    return " " * max(0, width - _width(text)) + text


# Column titles and widths of the two tables (text columns left-aligned, figures right).
QUERY_COLUMNS = (
    ("类别", 18),
    ("查询", 26),
    ("命中", 7),
    ("暴力", 7),
    ("相关ms", 8),
    ("最新ms", 8),
    ("LIKE ms", 8),
    ("LIKE倍", 8),
    ("三元ms", 8),
    ("我们/三元", 11),
)
CLASS_COLUMNS = (
    ("类别", 18),
    ("个数", 5),
    ("相关p50", 9),
    ("p95", 7),
    ("最新p50", 9),
    ("p95", 7),
    ("LIKE倍", 8),
    ("(最新)", 8),
    ("(最小)", 8),
    ("三元组", 8),
    ("几何均值", 10),
)


def header(columns: tuple[tuple[str, int], ...], left: int) -> str:
    """The titles of a table whose first `left` columns are text."""
    return "".join((pad if n < left else rpad)(title, width) for n, (title, width) in enumerate(columns))


def geomean(values: list[float]) -> float:
    return math.exp(statistics.fmean(math.log(max(v, 1e-9)) for v in values)) if values else math.nan


def print_query(row: Measured) -> None:
    tri = row.trigram_ms
    tri_cols = f"{tri:>8.1f}{row.ours / tri:>11.2f}" if tri is not None else f"{'—':>8}{'':>11}"
    tri_mark = ""
    if row.trigram_total is not None and row.trigram_total != row.expected:
        tri_mark = f"  ✗ 三元组 {row.trigram_total}"
    print(
        pad(row.klass, 18)
        + pad(row.query + (" *" if row.sampled else ""), 26)
        + f"{row.total:>7}{row.expected:>7}{row.ours:>8.1f}{row.ours_newest:>8.1f}{row.like:>8.0f}"
        + f"{row.like / row.ours:>7.0f}×"
        + tri_cols
        + ("" if row.exact else "  ✗ " + "；".join(row.problems))
        + tri_mark,
        flush=True,
    )


def class_figures(rows: list[Measured]) -> dict[str, Any]:
    relevance = [t for r in rows for t in r.relevance]
    newest = [t for r in rows for t in r.newest]
    served = [r for r in rows if r.trigram_ms is not None]
    like = sum(r.like for r in rows)
    return {
        "queries": len(rows),
        "relevance_p50": statistics.median(relevance),
        "relevance_p95": percentile(relevance, 0.95),
        "newest_p50": statistics.median(newest),
        "newest_p95": percentile(newest, 0.95),
        "like_ratio": like / sum(r.ours for r in rows),
        "like_ratio_newest": like / sum(r.ours_newest for r in rows),
        "like_ratio_min": min(r.like / r.ours for r in rows),
        "trigram_served": len(served),
        "trigram_geomean": geomean([r.ours / r.trigram_ms for r in served if r.trigram_ms]),
    }


def run(args: argparse.Namespace, archive: Archive, scratch: Path) -> dict[str, Any]:
    articles = int(archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    print(f"档案 {args.db}：{articles} 篇文章；SQLite {sqlite3.sqlite_version}；每个查询计时 {args.runs} 次")
    tri, built = build_trigram(archive, scratch / "trigram.sqlite3", args.trigram_options)
    for pragma in ("cache_size", "mmap_size"):
        value = archive.conn.execute(f"PRAGMA {pragma}").fetchone()[0]
        tri.execute(f"PRAGMA {pragma} = {int(value)}")
    how = f"建表 {built:.0f} s" if built is not None else "沿用 --scratch 中已建好的表"
    kind = f"另加选项 {args.trigram_options}" if args.trigram_options else "普通 FTS5 表，非 contentless"
    print(f"三元组对照表（{kind}；rank = bm25(10, 1)，已 optimize）：{how}")
    bench = Bench(archive, tri, args.runs, args.like_runs, args.limit)
    print(f"暴力扫描的折叠文本与日期顺序载入 {bench.load_seconds:.1f} s")
    started = time.perf_counter()
    drawn = Sampler(archive, bench.oracle, args.seed).queries()
    print(f"从档案抽样的查询（seed {args.seed}，{time.perf_counter() - started:.1f} s）：")
    for klass, queries in drawn.items():
        print(f"  {klass}：{'  '.join(queries) if queries else '（无）'}")

    find(archive, SearchRequest("预热"))  # loads jieba once, outside the timings
    like_seconds(archive, Query(((Term("预热"),),)))  # brings the articles table into the OS cache
    print("\n" + header(QUERY_COLUMNS, 2))
    rows: list[Measured] = []
    for klass, fixed in FIXED.items():
        for text, sampled in [*((q, False) for q in fixed), *((q, True) for q in drawn.get(klass, ()))]:
            row = bench.measure(klass, text, sampled)
            rows.append(row)
            print_query(row)

    by_class = {k: class_figures([r for r in rows if r.klass == k]) for k in FIXED}
    print_classes(by_class)
    overall = overall_figures(rows, args.limit)
    sizes_found = size_figures(archive, tri)
    targets = check_targets(args, rows, by_class, overall, sizes_found)
    return {
        "db": str(args.db),
        "articles": articles,
        "runs": args.runs,
        "limit": args.limit,
        "seed": args.seed,
        "sqlite": sqlite3.sqlite_version,
        "trigram_build_s": built,
        "trigram_options": args.trigram_options,
        "sampled": drawn,
        "queries": [asdict(r) | {"exact": r.exact} for r in rows],
        "classes": by_class,
        "overall": overall,
        "sizes": sizes_found,
        "targets": targets,
    }


def print_classes(by_class: dict[str, dict[str, Any]]) -> None:
    print("\n" + header(CLASS_COLUMNS, 1))
    for klass, f in by_class.items():
        geo = f"{f['trigram_geomean']:>10.2f}" if f["trigram_served"] else f"{'—':>10}"
        print(
            pad(klass, 18)
            + f"{f['queries']:>5}{f['relevance_p50']:>9.1f}{f['relevance_p95']:>7.1f}"
            + f"{f['newest_p50']:>9.1f}{f['newest_p95']:>7.1f}"
            + f"{f['like_ratio']:>7.0f}×{f['like_ratio_newest']:>7.0f}×{f['like_ratio_min']:>7.0f}×"
            + f"{f['trigram_served']:>8}{geo}"
        )


def overall_figures(rows: list[Measured], limit: int) -> dict[str, Any]:
    """p50 / p95 over every timed run of every query; ours / trigram over the served queries."""
    relevance = [t for r in rows for t in r.relevance]
    newest = [t for r in rows for t in r.newest]
    served = [r for r in rows if r.trigram_ms]
    ratios = {r.query: r.ours / (r.trigram_ms or math.nan) for r in served}
    figures = {
        "relevance_p50": statistics.median(relevance),
        "relevance_p95": percentile(relevance, 0.95),
        "newest_p50": statistics.median(newest),
        "newest_p95": percentile(newest, 0.95),
        "trigram_served": len(served),
        "trigram_geomean": geomean(list(ratios.values())),
        "trigram_median": statistics.median(ratios.values()) if ratios else math.nan,
    }
    worst = sorted(ratios.items(), key=lambda item: item[1], reverse=True)[:5]
    print(
        f"\n第一页（{limit} 篇）全部查询：相关度 p50 {figures['relevance_p50']:.1f} ms，"
        f"p95 {figures['relevance_p95']:.1f} ms；最新 p50 {figures['newest_p50']:.1f} ms，"
        f"p95 {figures['newest_p95']:.1f} ms"
    )
    print(
        f"我们/三元组：{len(served)} 个三元组能回答的查询，几何均值 {figures['trigram_geomean']:.2f}，"
        f"中位 {figures['trigram_median']:.2f}；比值最大的："
        + "，".join(f"{query} {ratio:.1f}" for query, ratio in worst)
    )
    return figures


def size_figures(archive: Archive, tri: sqlite3.Connection) -> dict[str, int]:
    """The archive file, its search_* tables and the trigram table against the article text."""
    index, _, text = sizes(archive)
    found = {
        "db_file": archive.path.stat().st_size,
        "search_tables": index,
        "text_utf8": text,
        "trigram_index": table_bytes(tri, ("t_data", "t_idx", "t_docsize", "t_config")),
        "trigram_content": table_bytes(tri, ("t_content",)),
    }
    db, trigram = found["db_file"], found["trigram_index"]
    print(
        f"大小：档案文件 {db / 1e6:.1f} MB = {db / text:.2f}× 正文（全部字段 UTF-8 {text / 1e6:.1f} MB）；"
        f"search_* 表 {index / 1e6:.1f} MB = {index / text:.2f}×；"
        f"三元组索引 {trigram / 1e6:.1f} MB = {trigram / text:.2f}×"
        f"（连同它的正文副本 {(trigram + found['trigram_content']) / 1e6:.1f} MB）"
    )
    return found


def check_targets(
    args: argparse.Namespace,
    rows: list[Measured],
    by_class: dict[str, dict[str, Any]],
    overall: dict[str, Any],
    size: dict[str, int],
) -> dict[str, bool]:
    """Print the mismatches and issue 13's targets, ✓ or ✗ each; the targets by label."""
    limit = args.p95_target
    over = [k for k, f in by_class.items() if max(f["relevance_p95"], f["newest_p95"]) > limit]
    if over:
        print(f"p95 超过 {limit:g} ms 的类别：{'、'.join(over)}")
    tri_wrong = [r for r in rows if r.trigram_total is not None and r.trigram_total != r.expected]
    wrong = "、".join(f"{r.query} {r.trigram_total}≠{r.expected}" for r in tri_wrong)
    print(f"三元组表自检（命中数 = 暴力扫描）：{'✗ ' + wrong if wrong else '✓'}")
    mismatched = [r for r in rows if not r.exact]
    for r in mismatched:
        print(f"✗ 不等：{r.klass} {r.query}：{'；'.join(r.problems)}")
    slow = [k for k, f in by_class.items() if f["like_ratio"] < LIKE_TARGET]
    geo, rel, new = overall["trigram_geomean"], overall["relevance_p95"], overall["newest_p95"]
    ratio = size["db_file"] / size["text_utf8"]
    targets = {
        "命中数全部等于暴力扫描（第一页都含查询，最新顺序一致，词索引 ⊆ 字索引）": not mismatched,
        f"每个类别比 LIKE 快 ≥ {LIKE_TARGET:.0f}×（相关度）"
        + (f"：未达 {'、'.join(slow)}" if slow else ""): not slow,
        f"三元组表几何均值 ≤ {TRIGRAM_TARGET}（{geo:.2f}）": geo <= TRIGRAM_TARGET,
        f"第一页 p95 ≤ {limit:g} ms，相关度（{rel:.1f}）": rel <= limit,
        f"第一页 p95 ≤ {limit:g} ms，最新（{new:.1f}）": new <= limit,
        f"档案 ≤ {args.size_target:g}× 正文（{ratio:.2f}×）": ratio <= args.size_target,
    }
    print()
    for label, ok in targets.items():
        print(f"{'✓' if ok else '✗'} {label}")
    return targets


def main() -> int:
    parser = argparse.ArgumentParser(description="issue 13 的目标：与 LIKE、三元组表同场比较，核对命中数")
    parser.add_argument("--db", type=Path, required=True, help="档案（只读打开，不会被修改）")
    parser.add_argument("--runs", type=int, default=5, help="每个查询计时的次数（另有一次不计时的预热）")
    parser.add_argument("--like-runs", type=int, default=1, help="LIKE 扫描计时的次数（取最快）")
    parser.add_argument("--limit", type=int, default=20, help="第一页的条数")
    parser.add_argument("--seed", type=int, default=1, help="从档案抽样查询的随机种子")
    parser.add_argument("--p95-target", type=float, default=20.0, help="第一页 p95 的目标（ms；300k 用 40）")
    parser.add_argument("--size-target", type=float, default=2.5, help="档案文件/正文 的上限")
    parser.add_argument("--scratch", type=Path, help="三元组表所在目录（保留，下次同一档案时沿用）")
    parser.add_argument(
        "--trigram-options",
        default="",
        help="三元组表另加的 FTS5 选项（默认无）；如 \"content='', columnsize=0\""
        "（与我们的索引同样不存行长度；单加 columnsize=0 而有内容时 bm25() 要逐行重新分词，反而极慢）",
    )
    parser.add_argument("--json", type=Path, help="把全部数字写入此 JSON 文件")
    args = parser.parse_args()
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="bench-targets-"))
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        with open_archive(args.db, readonly=True) as archive:
            report = run(args, archive, scratch)
    finally:
        if args.scratch is None:
            shutil.rmtree(scratch, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if all(report["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
