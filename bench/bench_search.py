"""Search latency, exactness and index size on a synthetic archive (not a test: prints figures).

    python bench/bench_search.py --db /tmp/bench/archive.sqlite3 [--articles 100000] [--runs 5]

Builds the archive with bench/make_archive.py first when the file does not exist. For a fixed
mix of queries (classes below) it prints p50 / p95 / max latency of `search()` for the first
page of results (warm: one untimed run first, then --runs timed runs), checks every total
against a brute-force scan of the folded article text (and that every article of the first page
is one of the brute-force matches and that the word index finds no article the character index
does not), times a plain LIKE '%…%' scan of the
articles table (never of an FTS table: LIKE on FTS5 is wrong on SQLite 3.40) for the same
query and prints the ratio, and compares the size of the search index with the article text.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)

from reader.archive.bodies import body_sql
from reader.archive.db import Archive, open_archive
from reader.archive.search import search
from reader.archive.search_index import CHARS_TABLE, WORDS_TABLE, optimize_search_index
from reader.archive.search_plan.expressions import Expressions
from reader.text.fold import fold
from reader.text.query import Query, Term, parse_query

QUERIES: dict[str, tuple[str, ...]] = {
    "1 字": ("华", "区", "镇", "7", "委"),
    "2 字": ("网格", "食堂", "基层", "党建", "群众", "街道"),
    "3–4 字词": ("幸福食堂", "柳园街道", "网格员", "红色邮箱", "新时代", "志愿服务"),
    "jieba 切错的人名": ("庞庆法", "裴崇旭", "徐振鑫", "江绍华", "长江绍华", "员江绍"),
    "短语": ('"全力打通基层治理"', '"以党建为引领"', '"群众满意度"', '"督导调研 幸福食堂"'),
    "多个词": ("网格 党建 群众", "幸福食堂 老年人", "江绍华 调研 基层"),
    "排除": ("网格员 -党建", "幸福食堂 -马卫红", "街道 -社区"),
    "OR / 标题": ("幸福食堂 OR 红色邮箱", "标题:幸福食堂", "标题:江绍华 基层"),
    "数字/全角": ("2022", "２０２２", "app"),
    "无结果": ("量子计算机", "zzqx"),
    "z 记号": ("z2cg", "z20g", "z2eg", "Z2CG", "ｚ２ｃｇ"),  # how the index spells "," " " "."
}
FIELDS = ("kicker", "headline", "subtitle", "dateline", "byline", "body")
# The fields as text: the body read through reader_body (it is stored packed: reader.archive.bodies).
TEXT_COLUMNS = ", ".join(f"{body_sql()} AS body" if f == "body" else f for f in FIELDS)
LIKE_TEXT = " || char(10) || ".join(FIELDS)
PLAIN_TABLE = "bench_plain_text"


def plain_text_table(archive: Archive) -> str:
    """A temp table of every article's text fields as plain TEXT (built once per connection):
    what the LIKE baseline scans, so it reads the text as an archive without an index would
    store it, never the packed bodies (LIKE on those would be wrong and cheaper)."""
    archive.conn.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {PLAIN_TABLE} AS"
        f" SELECT id, {TEXT_COLUMNS} FROM articles ORDER BY id"
    )
    return PLAIN_TABLE


class Oracle:
    """Every article's folded fields in memory: the brute-force scan the index must equal."""

    def __init__(self, archive: Archive) -> None:
        rows = archive.conn.execute(f"SELECT id, headline, {TEXT_COLUMNS} FROM articles")
        self.docs = [(row[0], fold(row[1] or ""), [fold(v) for v in row[2:] if v]) for row in rows]

    def ids(self, query: Query) -> set[int]:
        def has(doc: tuple[int, str, list[str]], term: Term) -> bool:
            needle = term.folded
            if term.headline_only:
                return needle in doc[1]
            return any(needle in field for field in doc[2])

        return {
            doc[0]
            for doc in self.docs
            if all(any(has(doc, t) for t in g) for g in query.groups)
            and not any(has(doc, t) for t in query.excluded)
        }


def like_seconds(archive: Archive, query: Query) -> float:
    """A plain LIKE scan of the articles' text (`plain_text_table`) answering the same query
    (count of matches)."""
    table = plain_text_table(archive)
    clauses: list[str] = []
    args: list[str] = []

    def one(term: Term) -> str:
        args.append(f"%{term.text}%")
        return ("headline" if term.headline_only else f"({LIKE_TEXT})") + " LIKE ?"

    for group in query.groups:
        clauses.append("(" + " OR ".join(one(t) for t in group) + ")")
    for term in query.excluded:
        clauses.append("NOT " + one(term))
    started = time.perf_counter()
    archive.conn.execute(f"SELECT count(*) FROM {table} WHERE {' AND '.join(clauses)}", args).fetchone()
    return time.perf_counter() - started


def words_outside_chars(archive: Archive, query: Query) -> int:
    """Articles the word index finds but the character index does not: must be 0.

    Ranking trusts that a word hit is a character hit; an internal token a typed word can
    spell (`z2cg` was a comma) breaks that even where the archive holds no such word.
    Exclusions only narrow the character side, so they are left out of the comparison.
    """
    plain = Query(groups=query.groups, excluded=())
    found = Expressions.of(plain, archive.tokenizer)
    return int(
        archive.conn.execute(
            f"SELECT count(*) FROM {WORDS_TABLE}(?) WHERE rowid NOT IN (SELECT rowid FROM {CHARS_TABLE}(?))",
            (found.words, found.chars),
        ).fetchone()[0]
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def sizes(archive: Archive) -> tuple[int, int, int]:
    """(index bytes, article table bytes, UTF-8 bytes of article text)."""
    index = archive.conn.execute(
        "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\'"
    ).fetchone()[0]
    table = archive.conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name = 'articles'").fetchone()[0]
    text = archive.conn.execute(
        "SELECT sum("
        + " + ".join(f"length(CAST({body_sql() if f == 'body' else f} AS BLOB))" for f in FIELDS)
        + ") FROM articles"
    ).fetchone()[0]
    return int(index or 0), int(table or 0), int(text or 0)


def run(archive: Archive, runs: int, limit: int) -> bool:
    """Print the per-query and per-class tables; True when every target is met."""
    started = time.perf_counter()
    oracle = Oracle(archive)
    print(f"文章 {len(oracle.docs)} 篇；暴力扫描的折叠文本载入 {time.perf_counter() - started:.1f} s")
    search(archive, "预热")  # loads jieba once, outside the timings
    print(f"\n{'类别':<14}{'查询':<22}{'命中':>7}{'暴力':>7}  {'p50 ms':>7}{'LIKE ms':>9}{'倍数':>7}")
    per_class: dict[str, list[float]] = {}
    ratios: list[float] = []
    like_total = search_total = 0.0
    counts_ok = True
    for name, queries in QUERIES.items():
        for text in queries:
            parsed = parse_query(text)
            assert isinstance(parsed, Query), text
            search(archive, text, limit=limit)
            times = []
            for _ in range(runs):
                result = search(archive, text, limit=limit)
                times.append(result.elapsed_ms)
            matches = oracle.ids(parsed)
            expected = len(matches)
            # The page too: every hit holds the query and the page is as full as the total allows.
            page_ok = {h.id for h in result.hits} <= matches and len(result.hits) == min(expected, limit)
            page_ok &= words_outside_chars(archive, parsed) == 0
            counts_ok &= expected == result.total and page_ok
            like_ms = like_seconds(archive, parsed) * 1000
            median = statistics.median(times)
            ratios.append(like_ms / median)
            like_total += like_ms
            search_total += median
            per_class.setdefault(name, []).extend(times)
            mark = "" if expected == result.total and page_ok else "  ✗ 不等"
            print(
                f"{name:<14}{text:<22}{result.total:>7}{expected:>7}  {median:>7.1f}{like_ms:>9.0f}"
                f"{like_ms / median:>7.0f}×{mark}"
            )
    print(f"\n{'类别':<16}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}")
    worst = 0.0
    for name, times in per_class.items():
        p95 = percentile(times, 0.95)
        worst = max(worst, p95)
        print(f"{name:<16}{statistics.median(times):>8.1f}{p95:>8.1f}{max(times):>8.1f}")
    words = per_class["2 字"] + per_class["3–4 字词"]
    index, table, text = sizes(archive)
    print(
        f"\n索引（search_* 全部 FTS 表及影子表）{index / 1e6:.1f} MB；文章正文 UTF-8 {text / 1e6:.1f} MB"
        f"（articles 表 {table / 1e6:.1f} MB）；索引/正文 = {index / text:.2f}"
    )
    checks = {
        "2–4 字词 p95 ≤ 50 ms": percentile(words, 0.95) <= 50,
        "最慢类别 p95 ≤ 150 ms": worst <= 150,
        "比 LIKE 快 ≥ 10×（每个查询）": min(ratios) >= 10,
        "命中数全部等于暴力扫描（第一页的文章都含查询词）": counts_ok,
        "索引 ≤ 3× 正文": index <= 3 * text,
    }
    print(
        f"LIKE 倍数：最小 {min(ratios):.0f}×，中位 {statistics.median(ratios):.0f}×，"
        f"合计（全部 LIKE 时间 / 全部检索中位时间）{like_total / search_total:.0f}×"
    )
    for sort in ("newest", "oldest"):
        line = []
        for text in ("区", "网格", "江绍华", "幸福食堂 -马卫红"):
            search(archive, text, sort=sort, limit=limit)
            times = [search(archive, text, sort=sort, limit=limit).elapsed_ms for _ in range(runs)]
            line.append(f"{text} {statistics.median(times):.1f} ms")
        print(f"sort={sort}（p50）：" + "，".join(line))
    for label, ok in checks.items():
        print(f"{'✓' if ok else '✗'} {label}")
    return all(checks.values())


def main() -> int:
    parser = argparse.ArgumentParser(description="检索基准：延迟、命中数核对、索引大小")
    parser.add_argument("--db", type=Path, default=Path("bench/out/archive.sqlite3"))
    parser.add_argument("--articles", type=int, default=100_000, help="档案不存在时生成的文章数")
    parser.add_argument("--runs", type=int, default=5, help="每个查询计时的次数")
    parser.add_argument("--limit", type=int, default=50, help="第一页的条数")
    parser.add_argument("--optimize", action="store_true", help="计时前合并索引段（'optimize'）")
    args = parser.parse_args()
    if not args.db.exists():
        from make_archive import make_archive

        make_archive(args.db, args.articles)
    with open_archive(args.db) as archive:
        if args.optimize:
            started = time.perf_counter()
            with archive.transaction():
                optimize_search_index(archive)
            print(f"索引合并（optimize）{time.perf_counter() - started:.1f} s")
        ok = run(archive, args.runs, args.limit)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
