"""Where an import's CPU time goes, per character of article text (a benchmark, not a test).

Generates N issues (bench/generate.py) and measures, in CPU seconds of this process (the machine
is shared, so wall time says little):

* parse: reading and parsing every file (reader.text.load.read_issue);
* write: storing the parsed issues (reader.archive.importer.import_issue: placement, rows, index,
  one transaction an issue), and the whole `import_paths` (parse + write) for comparison;
* the same write with every body stored plain, as before issue 26 packed them (the packing
  swapped out in this process only: issue_writer.stored_body), alternated with the packed write
  twice, and packing alone (reader.archive.bodies.stored_body on every body);
* the index's parts, one at a time, each in a database of its own with one commit per issue as
  the import does: folding, the character and word documents (jieba), then the insert into each
  FTS table and into search_cuts.

    python bench/bench_import_cost.py [--issues 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import generate  # bench/ is sys.path[0] when run as a script

from reader.archive import issue_writer
from reader.archive.bodies import stored_body
from reader.archive.db import open_archive
from reader.archive.importer import import_issue, import_paths
from reader.archive.search_index import CUTS_TABLE, FTS_TABLES, other_text
from reader.archive.search_tokens import Tokenizer, pack_cuts
from reader.text.fold import fold
from reader.text.folders import find_sources
from reader.text.load import read_issue
from reader.text.model import ParsedIssue
from reader.text.words import Segmenter

Issue = list[tuple[str, str]]  # (headline, other) of each article, folded


def cpu(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def line(label: str, seconds: float, chars: int) -> None:
    print(
        f"{label:<34} {seconds:7.2f} CPU s  {seconds / chars * 1e9:7.0f} ns/char"
        f"  {chars / seconds / 1e6:6.2f} M/s"
    )


def index_parts(issues: list[Issue], chars: int, workdir: Path) -> None:
    """Folding, documents and each table's inserts, one commit per issue."""
    tokenizer = Tokenizer(Segmenter())
    tokenizer.words("预热")  # load jieba outside the measurement
    texts = [[(h, o) for h, o in issue] for issue in issues]
    line("  fold", cpu(lambda: [fold(h) + fold(o) for issue in texts for h, o in issue]), chars)
    chars_docs: list[list[tuple[str, str]]] = []
    line(
        "  character documents",
        cpu(
            lambda: chars_docs.extend(
                [[(tokenizer.char_text(h), tokenizer.char_text(o)) for h, o in i] for i in texts]
            )
        ),
        chars,
    )
    word_docs: list[list[tuple[tuple[str, str], tuple[str, str]]]] = []
    line(
        "  word documents (jieba)",
        cpu(
            lambda: word_docs.extend(
                [[(tokenizer.word_document(h), tokenizer.word_document(o)) for h, o in i] for i in texts]
            )
        ),
        chars,
    )
    per_table: dict[str, list[list[tuple[str, str]]]] = {
        FTS_TABLES[0]: chars_docs,
        FTS_TABLES[1]: [[(h[0], o[0]) for h, o in issue] for issue in word_docs],
        FTS_TABLES[2]: [[(h, "") for h, _o in issue] for issue in chars_docs],
        FTS_TABLES[3]: [[(h[0], "") for h, _o in issue] for issue in word_docs],
        CUTS_TABLE: [[(h[1], o[1]) for h, o in issue] for issue in word_docs],  # packed at the insert
    }
    for table, docs in per_table.items():
        conn = sqlite3.connect(workdir / f"{table}.sqlite3", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        if table == CUTS_TABLE:
            conn.execute(f"CREATE TABLE {table}(rowid INTEGER PRIMARY KEY, headline TEXT, other TEXT)")
        else:
            conn.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5("
                "headline, other, content='', columnsize=0, tokenize='ascii')"
            )

        def insert(conn: sqlite3.Connection = conn, table: str = table, docs: list = docs) -> None:
            rowid = 0
            for issue in docs:
                conn.execute("BEGIN")
                if table == CUTS_TABLE:  # as search_index stores them: zlib-packed when that pays
                    issue = [(pack_cuts(h), pack_cuts(o)) for h, o in issue]
                rows = [(rowid + n, h, o) for n, (h, o) in enumerate(issue)]
                rowid += len(issue)
                conn.executemany(f"INSERT INTO {table}(rowid, headline, other) VALUES (?, ?, ?)", rows)
                conn.execute("COMMIT")

        line(f"  insert {table}", cpu(insert), chars)
        conn.close()


def packed_plain(parsed: list[ParsedIssue], chars: int, workdir: Path) -> None:
    """The write with bodies packed and plain, alternated (the machine's noise falls on both)."""
    spent = {"packed": 0.0, "plain": 0.0}
    for round_ in range(2):
        for kind in ("plain", "packed") if round_ else ("packed", "plain"):
            issue_writer.stored_body = stored_body if kind == "packed" else str  # type: ignore[assignment]
            try:
                with open_archive(workdir / f"{kind}{round_}.sqlite3") as archive:
                    archive.tokenizer.words("预热")
                    spent[kind] += cpu(lambda archive=archive: [import_issue(archive, p) for p in parsed])
            finally:
                issue_writer.stored_body = stored_body  # type: ignore[assignment]
    line("write, bodies packed (2 runs)", spent["packed"], 2 * chars)
    line("write, bodies plain (2 runs)", spent["plain"], 2 * chars)
    print(f"{'  packed / plain':<34} {spent['packed'] / spent['plain']:7.3f}")
    bodies = [a.body for p in parsed for a in p.articles]
    line("  packing alone (stored_body)", cpu(lambda: [stored_body(b) for b in bodies]), chars)


def run(issues: int, seed: int, workdir: Path) -> None:
    source = workdir / "issues"
    generate(source, issues, seed)
    files = find_sources([source]).files
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    parsed: list[ParsedIssue] = []
    print(f"{issues} issues, {chars:,} characters in the files")
    line("parse", cpu(lambda: parsed.extend(read_issue(p) for p in files)), chars)
    with open_archive(workdir / "write.sqlite3") as archive:
        archive.tokenizer.words("预热")
        line("write (import_issue)", cpu(lambda: [import_issue(archive, p) for p in parsed]), chars)
    packed_plain(parsed, chars, workdir)
    with open_archive(workdir / "import.sqlite3") as archive:
        archive.tokenizer.words("预热")
        line("import_paths (parse + write)", cpu(lambda: import_paths(archive, [source])), chars)
    folded = [
        [
            (fold(a.headline), fold(other_text((a.kicker, a.subtitle, a.dateline, a.byline, a.body))))
            for a in p.articles
        ]
        for p in parsed
    ]
    index_parts(folded, chars, workdir)


def main() -> None:
    parser = argparse.ArgumentParser(description="导入耗时分解：解析、写入与各索引每字的 CPU 时间")
    parser.add_argument("--issues", type=int, default=300, help="期数（默认 300）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_import_cost_") as tmp:
        run(args.issues, args.seed, Path(tmp))


if __name__ == "__main__":
    main()
