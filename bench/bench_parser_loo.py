"""Parser generalisation (not a test): every labelled page scored, and scored with itself left out.

The labelled pages are every FILE.txt with a FILE.expected.json beside it in the shared corpus
(../shared/corpus, when present), in tests/corpus and in tests/corpus_holdout, corpus_holdout2 and
corpus_holdout3 (invented pages written before the rules were changed for them). Each page is
scored by the archivist's scorer (../shared/tools/score_import.py, imported at run time, never
copied) on what `parse_text` makes of it: F1, boundaries, headlines, joins, fields, masthead,
lines kept apart (splits), coverage.

Leave one page out: a page's score counts as a measure of generalisation only when nothing the
parser uses was fitted on that page. The split itself is still made by the hand-written cascade,
whose rules were written page by page, so no honest "without this page" parser exists for the
scores above; the bench prints them and says so. The line model (reader/text/line_model.py) is
fitted, so it can be measured honestly: the second table refits it with each page left out
(scripts/fit_line_model.py `fit_passes`, both passes) and scores, line by line, where it says articles start
(probability >= 0.5) against the expectation, beside the same line-level score of the cascade's
split.

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

from reader.text.line_model import LineModel, page_probabilities  # noqa: E402
from reader.text.load import read_issue  # noqa: E402
from reader.text.parse import parse_text  # noqa: E402

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
    folders = [ROOT / "tests" / f"corpus_holdout{n}" for n in ("", "2", "3")]
    if not holdout_only:
        folders = [SHARED / "corpus", ROOT / "tests" / "corpus", *folders]
    return [t for d in folders for t in sorted(d.glob("*.txt")) if t.with_suffix(".expected.json").exists()]


def score_page(scorer: ModuleType, page: Path, model: LineModel | None = None) -> dict[str, Any]:
    """The scorer's verdict on the parser's reading of one page (parsed in this process), with
    the shipped line model or `model`."""
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    actual = parse_text(text, page.name, path=page, model=model).to_dict()
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


def load_fitter() -> ModuleType:
    """scripts/fit_line_model.py, whose `fit` and `page_examples` refit the line model."""
    spec = importlib.util.spec_from_file_location("fit_line_model", ROOT / "scripts" / "fit_line_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prf(said: set[int], truth: set[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the lines said to open an article."""
    hit = len(said & truth)
    p = hit / len(said) if said else 1.0
    r = hit / len(truth) if truth else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def cascade_openings(fitter: ModuleType, page: Path) -> set[int]:
    """The lines the cascade's articles start on, found as the expectation's are."""
    lines, _, _ = fitter.typed_lines(page.read_text(encoding="utf-8"))
    articles = [
        {"kicker": a.kicker, "headline": a.headline, "body_start": a.body[:20]}
        for a in read_issue(page).articles
    ]
    found: set[int] = fitter.openings(lines, articles)
    return found


def leave_one_out(
    pages: list[Path], fitter: ModuleType, examples: dict[Path, list[Any]], models: dict[Path, LineModel]
) -> None:
    """The line model refitted without each page (`models`): its openings and the parser's on that page."""
    print()
    print("line model alone, refitted without the page (openings: lines where an article starts),")
    print("beside the openings of the parser as shipped")
    print(f"{'page':<40} {'model P':>8} {'R':>6} {'F1':>6}   {'cascade P':>9} {'R':>6} {'F1':>6}  openings")
    totals = {"model": [0, 0, 0], "cascade": [0, 0, 0]}
    for page in pages:
        truth = {i for i, (_, y) in enumerate(examples[page]) if y}
        scores = page_probabilities(models[page], [feats for feats, _ in examples[page]])
        said = {i for i, p in enumerate(scores) if p >= 0.5}
        cascade = cascade_openings(fitter, page)
        for key, got in (("model", said), ("cascade", cascade)):
            totals[key][0] += len(got & truth)
            totals[key][1] += len(got)
            totals[key][2] += len(truth)
        m, c = prf(said, truth), prf(cascade, truth)
        name = f"{page.parent.name}/{page.stem}"[:40]
        print(f"{name:<40} {m[0]:>8.2f} {m[1]:>6.2f} {m[2]:>6.2f}   ", end="")
        print(f"{c[0]:>9.2f} {c[1]:>6.2f} {c[2]:>6.2f}  {len(truth)}")
    cells = []
    for key in ("model", "cascade"):
        hit, said_n, truth_n = totals[key]
        p, r = hit / said_n if said_n else 1.0, hit / truth_n if truth_n else 1.0
        cells.append((p, r, 2 * p * r / (p + r) if p + r else 0.0))
    (mp, mr, mf), (cp, cr, cf) = cells
    label = f"overall ({len(pages)} pages)"
    print(f"{label:<40} {mp:>8.2f} {mr:>6.2f} {mf:>6.2f}   {cp:>9.2f} {cr:>6.2f} {cf:>6.2f}")


def row(name: str, scores: dict[str, Any]) -> str:
    cells = " ".join(f"{scores[k]:>6.3f}" if k == "coverage" else f"{scores[k]:>6.2f}" for k in KEYS)
    return f"{name:<40} {cells}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--holdout-only", action="store_true", help="only tests/corpus_holdout")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    scorer = load_scorer()
    pages = labelled_pages(args.holdout_only)
    print("$ python bench/bench_parser_loo.py" + (" --holdout-only" if args.holdout_only else ""))
    fitter = load_fitter()
    examples = {page: fitter.page_examples(page) for page in pages}
    models = {page: fitter.fit_passes([examples[o] for o in pages if o != page]) for page in pages}
    for title, refit in (
        ("the parser as shipped (its model fitted on every page)", False),
        ("leave one page out: the model refitted without the page", True),
    ):
        print(f"\n{title}\n{'page':<40} " + " ".join(f"{k[:6]:>6}" for k in KEYS))
        results: dict[str, dict[str, Any]] = {}
        for page in pages:
            model = models[page] if refit else None
            results[page.name] = score_page(scorer, page, model)
            print(row(f"{page.parent.name}/{page.stem}"[:40], results[page.name]))
            if args.verbose:
                for miss in results[page.name]["misses"]:
                    print("      ", miss)
        print(row(f"overall ({len(pages)} pages)", overall(results)))
    print("(the rules of the cascade around the model were written with every page in view)")
    leave_one_out(pages, fitter, examples, models)
    return 0


if __name__ == "__main__":
    sys.exit(main())
