"""Fit the line model (reader/text/line_model.py) on the labelled pages; write resources/line_model.json.

A labelled page is FILE.txt with FILE.expected.json beside it (the archivist's format, see
../shared/tools/score_import.py). Each line after the masthead is an example: its features
(`line_model.page_features`) and whether an expected article starts on it (its kicker, else its
headline, else the line of its first words). The model is an L2-regularised logistic regression
fitted by Newton's method in plain Python: a few hundred lines and a few dozen features need no
numerical library, so fitting adds no dependency. `fit_passes` fits both passes (the second over
each line's features and the first pass's verdicts on it and its neighbours, from first passes
fitted without the line's page); it is what bench/bench_parser_loo.py calls to refit with one
page left out.

    python scripts/fit_line_model.py [--output FILE] [FOLDER_OR_TXT ...]
    # default: ../shared/corpus tests/corpus_holdout tests/corpus_holdout2 tests/corpus_holdout3
    #          → resources/line_model.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.text.fold import to_simplified  # noqa: E402
from reader.text.line_model import (  # noqa: E402
    LineModel,
    PageFacts,
    model_to_json,
    page_features,
    second_pass_features,
)
from reader.text.lines import Line, split_lines  # noqa: E402
from reader.text.linetypes import signatures, type_lines  # noqa: E402
from reader.text.masthead import read_masthead  # noqa: E402
from reader.text.rules import LineType  # noqa: E402
from reader.text.script import simplified_reading  # noqa: E402

DEFAULT_PAGES = (
    ROOT.parent / "shared" / "corpus",
    ROOT / "tests" / "corpus_holdout",
    ROOT / "tests" / "corpus_holdout2",
    ROOT / "tests" / "corpus_holdout3",
)
OUTPUT = ROOT / "resources" / "line_model.json"
L2 = 0.3  # the penalty on the weights, chosen by leaving each page out (bench/bench_parser_loo.py)
FOLDS = 5  # the second pass is fitted on first-pass scores of pages the first pass was not fitted on
OPENING_WEIGHT = 1.0  # how much more an opening counts than a line that opens nothing: 2 or 4 gained
# the model alone little (F1 0.79 → 0.80) and made it sure of openings it should doubt (a signature)
Example = tuple[dict[str, float], int]


def norm(text: str | None) -> str:
    """The archivist's scorer's comparison: width folded, spaces, Markdown and frame marks dropped."""
    text = to_simplified(unicodedata.normalize("NFKC", text or ""))  # as the parser reads (below)
    return re.sub(r"[\s*#■□（）()\[\]【】「」—\-]", "", text)


def typed_lines(text: str) -> tuple[list[Line], list[LineType], PageFacts]:
    """The lines after the masthead, the type the cascade gives each and what the model reads of
    the page, as the parser sees them (a page in traditional script read in simplified
    characters, `script.simplified_reading`; the types before the signatures are retyped)."""
    lines = split_lines(simplified_reading(text)[0])
    rest = lines[read_masthead(lines).consumed :]
    markdown = any(line.md_level for line in rest)
    types, typed_by = type_lines(rest, markdown)
    signed = signatures(rest, list(types), list(typed_by))
    return rest, types, PageFacts(rest, signed)


def openings(lines: Sequence[Line], articles: Sequence[dict[str, str]]) -> set[int]:
    """The indexes of the lines the articles start on, found in order: kicker, else headline,
    else the first words of the body (an untitled brief)."""
    found: set[int] = set()
    pos = 0
    for article in articles:
        keys = [norm(article.get(k))[:12] for k in ("kicker", "headline", "body_start")]
        for key in (k for k in keys if k):
            j = next((j for j in range(pos, len(lines)) if key in norm(lines[j].text)), -1)
            if j >= 0:
                found.add(j)
                pos = j + 1
                break
    return found


def page_examples(txt: Path) -> list[Example]:
    """Every line of a labelled page after its masthead, with its features and label."""
    expected = json.loads(txt.with_suffix(".expected.json").read_text(encoding="utf-8"))
    lines, types, facts = typed_lines(txt.read_text(encoding="utf-8"))
    starts = openings(lines, expected["articles"])
    return [(feats, int(i in starts)) for i, feats in enumerate(page_features(lines, types, facts))]


def labelled_pages(paths: Sequence[Path]) -> list[Path]:
    """The .txt files with an expectation beside them, in the given folders or as given."""
    txts = [t for p in paths for t in (sorted(p.glob("*.txt")) if p.is_dir() else [p])]
    return [t for t in txts if t.with_suffix(".expected.json").exists()]


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the Hessian is positive definite under L2)."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            if factor:
                for c in range(col, n + 1):
                    a[r][c] -= factor * a[col][c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        out[r] = (a[r][n] - sum(a[r][c] * out[c] for c in range(r + 1, n))) / a[r][r]
    return out


def fit(
    examples: Sequence[Example], iterations: int = 12, l2: float = L2, opening_weight: float = OPENING_WEIGHT
) -> LineModel:
    """L2-regularised logistic regression by Newton's method; the bias is not penalised. An
    opening counts `opening_weight` times: a page has a few openings among many lines, and
    unweighted the fit learns mostly that a line opens nothing."""
    names = sorted({name for feats, _ in examples for name in feats})
    index = {name: k + 1 for k, name in enumerate(names)}  # 0 is the bias
    rows = [([(0, 1.0)] + [(index[n], v) for n, v in feats.items()], y) for feats, y in examples]
    w = [0.0] * (len(names) + 1)
    for _ in range(iterations):
        grad = [l2 * wk if k else 0.0 for k, wk in enumerate(w)]
        hess = [[(l2 if r == c and r else 0.0) for c in range(len(w))] for r in range(len(w))]
        for active, y in rows:
            p = LineModel({}, sum(w[k] * v for k, v in active)).probability({})
            weight = opening_weight if y else 1.0
            for k, v in active:
                grad[k] += weight * (p - y) * v
                for k2, v2 in active:
                    hess[k][k2] += weight * p * (1 - p) * v * v2
        hess[0][0] += 1e-6
        step = _solve(hess, grad)
        w = [wk - sk for wk, sk in zip(w, step, strict=True)]
    return LineModel({name: w[index[name]] for name in names}, w[0])


def fit_passes(pages: Sequence[Sequence[Example]], l2: float = L2) -> LineModel:
    """Both passes (`line_model.LineModel.second`): the first on every page's lines; the second on
    the same lines beside the first pass's logits, each page's logits from a first pass fitted
    without it (FOLDS folds of pages), so the second pass learns how far to trust the first on
    pages it has not seen, as it will be used, not on pages it has learnt by heart."""
    first = fit([ex for page in pages for ex in page], l2=l2)
    held: dict[int, list[float]] = {}
    for fold in range(FOLDS):
        inner = [k for k in range(len(pages)) if k % FOLDS == fold]
        if not inner:
            continue
        model = fit([ex for k, page in enumerate(pages) if k not in inner for ex in page], l2=l2)
        for k in inner:
            held[k] = [model.logit(feats) for feats, _ in pages[k]]
    second = [
        (feats, y)
        for k, page in enumerate(pages)
        for feats, (_, y) in zip(second_pass_features([f for f, _ in page], held[k]), page, strict=True)
    ]
    return LineModel(first.weights, first.bias, fit(second, l2=l2))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=list(DEFAULT_PAGES))
    ap.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write the weights ({OUTPUT})")
    args = ap.parse_args()
    pages = labelled_pages(args.paths)
    if not pages:
        print("no FILE.txt with FILE.expected.json found", file=sys.stderr)
        return 2
    model = fit_passes([page_examples(page) for page in pages])
    data = {
        "about": "P(an article starts on the line) = sigmoid(bias + sum of weights of the line's "
        "features), by the weights of `second` over the line's features and what the first pass "
        "(bias, weights) said of it and its neighbours; fitted by scripts/fit_line_model.py, "
        "applied by reader/text/line_model.py",
        "fitted_on": [page.name for page in pages],
        **model_to_json(model),
    }
    args.output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    second = len(model.second.weights) if model.second else 0
    print(f"{args.output}: {len(model.weights)} + {second} weights from {len(pages)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
