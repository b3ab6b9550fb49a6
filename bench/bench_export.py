"""Export benchmark (not a test): seconds to write an N-article clippings book as PDF.

Builds a synthetic archive with bench/make_archive.py (unless --db names one that exists), takes
its first N articles in issue order and times reader.export.pdf.export_pdf — two-pass layout,
painting and writing — best and median of --repeat runs. Prints pages, file size and the font.

    python bench/bench_export.py [--articles 100] [--repeat 3] [--db FILE] [--out FILE.pdf]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apart  # noqa: F401  (bench/ is sys.path[0]; the user's personal file stays untouched)
from make_archive import make_archive  # bench/ is sys.path[0] when run as a script

from reader.archive.db import open_archive
from reader.archive.queries import articles
from reader.archive.records import ArticleRecord
from reader.export.fonts import ensure_gui_application
from reader.export.pdf import export_pdf


def first_articles(db_path: Path, count: int) -> list[ArticleRecord]:
    """The archive's first `count` articles by issue and position (a typical mixed book)."""
    with open_archive(db_path, readonly=True) as archive:
        rows = archive.conn.execute("SELECT id FROM articles ORDER BY issue_id, position LIMIT ?", [count])
        return articles(archive, [r[0] for r in rows])


def run(db_path: Path, count: int, repeat: int, out: Path) -> None:
    if not db_path.exists():
        make_archive(db_path, count)
    records = first_articles(db_path, count)
    chars = sum(len(r.body) + len(r.headline) for r in records)
    app = ensure_gui_application()  # noqa: F841 -- fonts need it alive
    timings: list[float] = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = export_pdf(records, out, title="基准测试剪报册")
        timings.append(time.perf_counter() - started)
    assert result is not None
    size = out.stat().st_size / 1e6
    print(f"文章 {len(records)} 篇，{chars} 字 → {result.pages} 页，{size:.1f} MB，字体 {result.font_family}")
    print(f"导出剪报册：最快 {min(timings):.2f} s，中位 {statistics.median(timings):.2f} s（{repeat} 次）")


def main() -> None:
    parser = argparse.ArgumentParser(description="剪报册 PDF 导出基准测试")
    parser.add_argument("--articles", type=int, default=100, help="剪报册的文章数（默认 100）")
    parser.add_argument("--repeat", type=int, default=3, help="重复次数（默认 3）")
    parser.add_argument("--db", type=Path, default=None, help="已有的档案（默认：临时生成合成档案）")
    parser.add_argument("--out", type=Path, default=None, help="输出 PDF（默认：临时文件）")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_export_") as tmp:
        db = args.db or Path(tmp) / "archive.sqlite3"
        out = args.out or Path(tmp) / "book.pdf"
        run(db, args.articles, args.repeat, out)


if __name__ == "__main__":
    main()
