"""Parser generalisation (not a test): every labelled page scored, and scored with itself left out.

The labelled pages are every FILE.txt with a FILE.expected.json beside it in the shared corpus
(../shared/corpus, when present), in tests/corpus and in tests/corpus_holdout (invented pages
written before the rules were changed for them). Each page is scored by the archivist's scorer
(../shared/tools/score_import.py, imported at run time, never copied) on what `parse_text` makes
of it: F1, boundaries, headlines, joins, fields, masthead, lines kept apart (splits), coverage.

Leave one page out: a page's score counts as a measure of generalisation only when nothing the
parser uses was fitted on that page. Today's parser is a hand-written cascade whose rules were
written page by page, so no honest "without this page" parser exists; the bench prints the plain
scores and says so (column `loo`). When a fitted line model ships (resources/, fitted by a script
that can leave a page out), this is where its per-page refits are scored.

    python bench/bench_parser_loo.py [--holdout-only] [-v]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.text.load import read_issue  # noqa: E402

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_import.py"
KEYS = ("f1", "boundaries", "headlines", "joins", "fields", "masthead", "splits", "coverage")


def load_scorer() -> ModuleType:
    """The archivist's scorer, imported from the shared folder so both measure the same way."""
    spec = importlib.util.spec_from_file_location("score_import", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"the scorer is missing: {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled_pages(holdout_only: bool) -> list[Path]:
    """Every page with an expectation beside it, shared corpus first."""
    folders = [ROOT / "tests" / "corpus_holdout"]
    if not holdout_only:
        folders = [SHARED / "corpus", ROOT / "tests" / "corpus", *folders]
    return [t for d in folders for t in sorted(d.glob("*.txt")) if t.with_suffix(".expected.json").exists()]


def score_page(scorer: ModuleType, page: Path) -> dict[str, Any]:
    """The scorer's verdict on the parser's reading of one page (parsed in this process)."""
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    actual = read_issue(page).to_dict()
    result: dict[str, Any] = scorer.score_file(expected, actual, page.read_text(encoding="utf-8"))
    return result


def overall(results: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Weighted as the scorer weighs its overall line: by expected articles, splits by pairs."""
    total = sum(r["expected"] for r in results.values()) or 1
    out = {k: sum(r[k] * r["expected"] for r in results.values()) / total for k in KEYS[:6]}
    pairs = sum(r["splits_n"] for r in results.values())
    out["splits"] = sum(r["splits"] * r["splits_n"] for r in results.values()) / pairs if pairs else 1.0
    out["coverage"] = min((r["coverage"] for r in results.values()), default=1.0)
    return out


def row(name: str, scores: dict[str, Any], loo: str) -> str:
    cells = " ".join(f"{scores[k]:>6.3f}" if k == "coverage" else f"{scores[k]:>6.2f}" for k in KEYS)
    return f"{name:<40} {cells}  {loo}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--holdout-only", action="store_true", help="only tests/corpus_holdout")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    scorer = load_scorer()
    pages = labelled_pages(args.holdout_only)
    print("$ python bench/bench_parser_loo.py" + (" --holdout-only" if args.holdout_only else ""))
    print(f"{'page':<40} " + " ".join(f"{k[:6]:>6}" for k in KEYS) + "  loo")
    results: dict[str, dict[str, Any]] = {}
    for page in pages:
        results[page.name] = score_page(scorer, page)
        # No part of the parser is fitted: the plain score is all there is (see the docstring).
        print(row(f"{page.parent.name}/{page.stem}"[:40], results[page.name], "cascade: not separable"))
        if args.verbose:
            for miss in results[page.name]["misses"]:
                print("      ", miss)
    print(row(f"overall ({len(pages)} pages)", overall(results), ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
