"""A scored model of where articles start: features of a line and its neighbours, fitted weights.

The rule cascade (`linetypes`, `rules`, `parse`) grew page by page and says nothing about how
sure it is. This model looks at the same lines with the cascade's own verdicts as features
(the type `type_lines` gave a line and its neighbours) beside plain shape features (length, end
punctuation, frame marks ■ 【】, indentation, blank lines, datelines, digits, Markdown marks), and
gives each line the probability that it opens an article: a logistic regression, fitted at
development time on the labelled pages by scripts/fit_line_model.py (which can leave any page
out, so bench/bench_parser_loo.py measures it on pages it was not fitted on), shipped as plain
JSON weights in resources/line_model.json and applied here in plain Python.

Today it does not decide the split; it scores the cascade's boundaries, so `parse --explain`
can show how sure each one is (and point staff at the splits worth checking).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from reader.resources import LINE_MODEL, locate
from reader.text.lines import Line
from reader.text.page_rules import bracketed_lead, has_paragraph_indent
from reader.text.rules import PAGE_JUMP, LineType, opens_with_editors_note, trailing_credit
from reader.text.shapes import FRAME_MARK, SUBTITLE_DASH, cjk_length, ends_sentence, split_dateline

_LINE_COST = 256  # a line's features, in characters' worth of work, for cancel checks
_DIGIT = re.compile(r"\d")
_FULL_DATE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日")
_COMMA = re.compile(r"[，,；;、]")
_RULE_LINE = re.compile(r"^[一—\-－─_=＝·•.…\s]{6,}$")


@dataclass(frozen=True)
class LineModel:
    """Weights by feature name and a bias: P(opens an article) = sigmoid(bias + Σ w·x)."""

    weights: Mapping[str, float]
    bias: float

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def shipped_model() -> LineModel:
    """The weights in resources/line_model.json (MissingResource when the file is not installed)."""
    data = json.loads(locate(LINE_MODEL).read_text(encoding="utf-8"))
    return LineModel({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]))


def _own(line: Line, kind: LineType) -> dict[str, float]:
    """What the line is by itself (only the features that are set: a sparse vector)."""
    text = line.text
    n = cjk_length(text)
    feats = {
        f"type_{kind}": 1.0,
        "len_le8": float(n <= 8),
        "len_le20": float(n <= 20),
        "len_gt40": float(n > 40),
        "ends_sentence": float(ends_sentence(text)),
        "dateline": float(bool(split_dateline(text)[0])),
        "frame_mark": float(bool(FRAME_MARK.match(text))),
        "bracketed_lead": float(bracketed_lead(text) is not None),
        "subtitle_dash": float(bool(SUBTITLE_DASH.match(text))),
        "md_heading": float(line.md_level > 0),
        "bold": float(line.bold),
        "digits": float(bool(_DIGIT.search(text))),
        "month_day": float(bool(_FULL_DATE.search(text))),
        "indent": float(has_paragraph_indent(line.raw)),
        "comma": float(bool(_COMMA.search(text))),
        "rule_line": float(bool(_RULE_LINE.match(text))),
        "editors_note": float(opens_with_editors_note(text)),
        "trailing_credit": float(trailing_credit(text) is not None),
        "gap_before": float(line.gap_before > 0),
        "page_jump_before": float(line.gap_before >= PAGE_JUMP),
    }
    return {name: value for name, value in feats.items() if value}


# The features a line lends its neighbours, by the name of its own feature they repeat.
_AS_PREV = ("ends_sentence", "rule_line", "dateline", "frame_mark", "trailing_credit")
_AS_NEXT = ("dateline", "frame_mark")


def _features(own: Callable[[int], dict[str, float]], types: Sequence[LineType], i: int) -> dict[str, float]:
    """The features of line `i` from the own features of it and its neighbours (`own(j)`)."""
    count = len(types)
    feats = dict(own(i))
    if i == 0:
        feats["first_line"] = 1.0
    else:
        prev = own(i - 1)
        feats[f"prev_{types[i - 1]}"] = 1.0
        feats.update((f"prev_{name}", 1.0) for name in _AS_PREV if name in prev)
    if i + 1 < count:
        nxt = own(i + 1)
        feats[f"next_{types[i + 1]}"] = 1.0
        feats.update((f"next_{name}", 1.0) for name in _AS_NEXT if name in nxt)
        if "gap_before" in nxt:
            feats["next_gap"] = 1.0
    else:
        feats["last_line"] = 1.0
    if i + 2 < count:
        feats[f"next2_{types[i + 2]}"] = 1.0
    return feats


def line_features(lines: Sequence[Line], types: Sequence[LineType], i: int) -> dict[str, float]:
    """The features of line `i`: its own shape and type, and its neighbours' (the previous line's
    type stands in for "the previous line's role", which the cascade gives line by line)."""
    return _features(lambda j: _own(lines[j], types[j]), types, i)


class OpeningScores:
    """The model's probability that an article starts on each line, worked out when first asked.

    The parser asks only where the cascade has not already decided (a text line inside an
    article), so most lines of a page of datelined briefs are never scored; a line's own features
    are worked out once and lent to its neighbours. Linear: each line costs a few regular
    expressions at most once. `tick(cost)` is called per line scored (a cancel check).
    """

    def __init__(
        self,
        lines: Sequence[Line],
        types: Sequence[LineType],
        model: LineModel | None = None,
        tick: Callable[[int], None] | None = None,
    ) -> None:
        self.lines = lines
        self.types = list(types)  # as typed now: the rules may retype lines later
        self.model = model or shipped_model()
        self.tick = tick
        self._own: dict[int, dict[str, float]] = {}
        self._scores: dict[int, float] = {}

    def own(self, i: int) -> dict[str, float]:
        found = self._own.get(i)
        if found is None:
            found = self._own[i] = _own(self.lines[i], self.types[i])
            if len(self._own) > 4 * 4096:  # a line's features serve its neighbours only
                for old in [j for j in self._own if abs(j - i) > 2]:
                    del self._own[old]
        return found

    def at(self, i: int) -> float:
        """The probability that an article starts on line `i` (an index into `lines`)."""
        score = self._scores.get(i)
        if score is None:
            score = self._scores[i] = self.model.probability(_features(self.own, self.types, i))
            if self.tick is not None:
                self.tick(len(self.lines[i].text) + _LINE_COST)
        return score


def opening_probabilities(
    lines: Sequence[Line],
    types: Sequence[LineType],
    model: LineModel | None = None,
    tick: Callable[[int], None] | None = None,
) -> list[float]:
    """For each line, the model's probability that an article starts there; `tick(cost)` is
    called per line (a cancel check: a file of a million lines is a million lines here too)."""
    scores = OpeningScores(lines, types, model, tick)
    return [scores.at(i) for i in range(len(lines))]
