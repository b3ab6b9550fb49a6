"""Compare index designs for exact substring search (not a test: prints figures).

    python bench/bench_index_designs.py --db ARCHIVE [--articles 100000]

Copies the articles of an archive into a scratch database and builds, over the same folded text:
  unigram  one token per character, a term = phrase of its characters (what reader uses),
           with columnsize=0: no per-row sizes, so bm25() needs no lookup per row
  unigram+sizes  the same with FTS5's default per-row sizes (BM25 with length normalisation)
  bigram   overlapping character pairs, plus a detail=none unigram table for 1-character terms
  trigram  FTS5's trigram tokenizer (terms of 1–2 characters cannot be matched with it)
and prints build time, index size against the text, and the time to count the matches and
rank them by BM25 for a few terms.
"""

from __future__ import annotations

import argparse
import itertools
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)

from reader.archive.bodies import register_body_function
from reader.archive.search_tokens import Tokenizer, char_tokens
from reader.text.fold import fold
from reader.text.words import Segmenter

# The character index's documents as the archive spells them (no words are cut here).
char_text = Tokenizer(Segmenter(user_dict=None)).char_text

TERMS = ("区", "华", "网格", "基层", "食堂", "幸福食堂", "江绍华", "柳园街道", "基层社会治理", "2022")


def _bigram_text(folded: str) -> str:
    tokens = char_tokens(folded)
    return " ".join(a + b for a, b in itertools.pairwise(tokens))


DESIGNS: dict[str, tuple[str, Callable[[str], str]]] = {
    "unigram": ("columnsize=0, tokenize='ascii'", char_text),
    "unigram+sizes": ("tokenize='ascii'", char_text),
    "bigram": ("tokenize='ascii'", _bigram_text),
    "trigram": ("tokenize='trigram'", fold),
}


def _phrase(design: str, term: str) -> tuple[str, str]:
    folded = fold(term)
    tokens = char_tokens(folded)
    if design.startswith("unigram"):
        return "fts", '"' + " ".join(tokens) + '"'
    if design == "bigram":
        if len(tokens) == 1:
            return "fts1", f'"{tokens[0]}"'
        return "fts", '"' + " ".join(a + b for a, b in itertools.pairwise(tokens)) + '"'
    return "fts", '"' + folded.replace('"', '""') + '"'


def build(design: str, rows: list[tuple[int, str, str]], path: Path) -> sqlite3.Connection:
    options, spell = DESIGNS[design]
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE VIRTUAL TABLE fts USING fts5(headline, other, content='', {options})")
    started = time.perf_counter()
    conn.executemany(
        "INSERT INTO fts(rowid, headline, other) VALUES (?, ?, ?)",
        [(i, spell(fold(h)), spell(fold(o))) for i, h, o in rows],
    )
    if design == "bigram":
        conn.execute(
            "CREATE VIRTUAL TABLE fts1 USING fts5(headline, other, content='', "
            "tokenize='ascii', detail='none')"
        )
        conn.executemany(
            "INSERT INTO fts1(rowid, headline, other) VALUES (?, ?, ?)",
            [(i, char_text(fold(h)), char_text(fold(o))) for i, h, o in rows],
        )
        conn.execute("INSERT INTO fts1(fts1) VALUES ('optimize')")
    conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    conn.commit()
    print(f"{design}: built in {time.perf_counter() - started:.0f} s")
    return conn


def main() -> None:
    parser = argparse.ArgumentParser(description="index designs for substring search")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--terms", nargs="+", default=list(TERMS), help="terms to time (default: TERMS)")
    args = parser.parse_args()
    source = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    register_body_function(source)
    rows = source.execute(
        "SELECT id, headline, kicker || char(10) || subtitle || char(10) || dateline || char(10) ||"
        " byline || char(10) || reader_body(body) FROM articles ORDER BY id LIMIT ?",
        (args.articles,),
    ).fetchall()
    text = sum(len(h.encode()) + len(o.encode()) for _, h, o in rows)
    print(f"{len(rows)} articles, {text / 1e6:.1f} MB of text (UTF-8)")
    with tempfile.TemporaryDirectory() as tmp:
        for design in DESIGNS:
            conn = build(design, rows, Path(tmp) / f"{design}.db")
            size = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'fts%'").fetchone()[0]
            line = [f"{design:<8} index {size / 1e6:6.1f} MB = {size / text:.2f}× text |"]
            for term in args.terms:
                table, match = _phrase(design, term)
                best = float("inf")
                for _ in range(3):
                    started = time.perf_counter()
                    count = conn.execute(
                        f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (match,)
                    ).fetchone()[0]
                    conn.execute(
                        f"SELECT rowid FROM {table} WHERE {table} MATCH ? "
                        f"ORDER BY bm25({table}, 10, 1) LIMIT 50",
                        (match,),
                    ).fetchall()
                    best = min(best, time.perf_counter() - started)
                line.append(f"{term} {count}/{best * 1000:.0f}ms")
            print(" ".join(line), flush=True)
            conn.close()


if __name__ == "__main__":
    main()
