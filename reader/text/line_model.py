"""A scored model of where articles start: features of a line and its neighbours, fitted weights.

The rule cascade (`linetypes`, `rules`, `parse`) grew page by page and says nothing about how
sure it is. This model looks at the same lines with the cascade's own verdicts as features
(the type `type_lines` gave a line and its neighbours) beside plain shape features (length, end
punctuation, frame marks ■ 【】, indentation, blank lines, datelines, digits, Markdown marks), and
gives each line the probability that it opens an article: a logistic regression, fitted at
development time on the labelled pages by scripts/fit_line_model.py (which can leave any page
out, so bench/bench_parser_loo.py measures it on pages it was not fitted on), shipped as plain
JSON weights in resources/line_model.json and applied here in plain Python.

It decides where the cascade has no rule: a text line inside an article that the model says
opens an item (probability OPENS or more) starts an article of its own (`parse._Reader.body`);
and it scores every line, so `parse --explain` can show how sure each boundary is (and point
staff at the splits worth checking). The parser asks line by line (`OpeningScores`): linear, and
cheap where the line's marks could not change the answer.
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
from reader.text.shapes import (
    FRAME_MARK,
    SUBTITLE_DASH,
    cjk_length,
    ends_sentence,
    is_column_label,
    names_a_column,
    split_dateline,
)

_LINE_COST = 256  # a line's features, in characters' worth of work, for cancel checks
_DIGIT = re.compile(r"\d")
_FULL_DATE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日")
_COMMA = re.compile(r"[，,；;、]")
_RULE_LINE = re.compile(r"^[一—\-－─_=＝·•.…\s]{6,}$")
# The model's probability above which a text line opens an article of its own, and its logit.
OPENS = 0.5
_OPENS_LOGIT = math.log(OPENS / (1 - OPENS))


@dataclass(frozen=True)
class LineModel:
    """Weights by feature name and a bias: P(opens an article) = sigmoid(bias + Σ w·x)."""

    weights: Mapping[str, float]
    bias: float

    def logit(self, features: Mapping[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.logit(features)))))

    def greatest_gain(self, names: Sequence[str]) -> float:
        """The most that features of `names` (each 0 or 1) can add to the logit."""
        return sum(max(0.0, self.weights.get(name, 0.0)) for name in names)


@cache
def shipped_model() -> LineModel:
    """The weights in resources/line_model.json (MissingResource when the file is not installed)."""
    data = json.loads(locate(LINE_MODEL).read_text(encoding="utf-8"))
    return LineModel({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]))


def _own(line: Line, kind: LineType) -> dict[str, float]:
    """What the line is by itself (only the features that are set: a sparse vector)."""
    return _shape(line, kind) | _marks(line)


def _shape(line: Line, kind: LineType) -> dict[str, float]:
    """The line's type, length, Markdown marks and the blank lines before it: cheap to tell."""
    n = cjk_length(line.text)
    feats = {
        f"type_{kind}": 1.0,
        "len_le8": float(n <= 8),
        "len_le20": float(n <= 20),
        "len_gt40": float(n > 40),
        "md_heading": float(line.md_level > 0),
        "bold": float(line.bold),
        "gap_before": float(line.gap_before > 0),
        "page_jump_before": float(line.gap_before >= PAGE_JUMP),
    }
    return {name: value for name, value in feats.items() if value}


# The features `_marks` tells, each by a regular expression or a rule of the cascade.
MARKS = (
    "ends_sentence",
    "dateline",
    "frame_mark",
    "bracketed_lead",
    "subtitle_dash",
    "digits",
    "month_day",
    "indent",
    "comma",
    "rule_line",
    "editors_note",
    "trailing_credit",
    "column_name",
)


def _marks(line: Line) -> dict[str, float]:
    """What the line's text says by its marks, punctuation, dates and credits."""
    text = line.text
    feats = {
        "ends_sentence": float(ends_sentence(text)),
        "dateline": float(bool(split_dateline(text)[0])),
        "frame_mark": float(bool(FRAME_MARK.match(text))),
        "bracketed_lead": float(bracketed_lead(text) is not None),
        "subtitle_dash": float(bool(SUBTITLE_DASH.match(text))),
        "digits": float(bool(_DIGIT.search(text))),
        "month_day": float(bool(_FULL_DATE.search(text))),
        "indent": float(has_paragraph_indent(line.raw)),
        "comma": float(bool(_COMMA.search(text))),
        "rule_line": float(bool(_RULE_LINE.match(text))),
        "editors_note": float(opens_with_editors_note(text)),
        "trailing_credit": float(trailing_credit(text) is not None),
        "column_name": float(_names_column(text)),
    }
    return {name: value for name, value in feats.items() if value}


def _names_column(text: str) -> bool:
    """A column's label or name (`shapes.is_column_label`, `shapes.names_a_column`)."""
    return is_column_label(text) or names_a_column(text)


# The features a line lends its neighbours, by the name of its own feature they repeat.
_AS_PREV = ("ends_sentence", "rule_line", "dateline", "frame_mark", "trailing_credit", "column_name")
_AS_NEXT = ("dateline", "frame_mark")


def _lent(line: Line) -> dict[str, float]:
    """The own features of `line` that its neighbours read (`_AS_PREV`, `_AS_NEXT`, its gap):
    what `_own` says of them, without the rest."""
    text = line.text
    feats = {
        "ends_sentence": float(ends_sentence(text)),
        "rule_line": float(bool(_RULE_LINE.match(text))),
        "dateline": float(bool(split_dateline(text)[0])),
        "frame_mark": float(bool(FRAME_MARK.match(text))),
        "trailing_credit": float(trailing_credit(text) is not None),
        "column_name": float(_names_column(text)),
        "gap_before": float(line.gap_before > 0),
    }
    return {name: value for name, value in feats.items() if value}


Features = Callable[[int], dict[str, float]]


def _features(own: Features, lent: Features, types: Sequence[LineType], i: int) -> dict[str, float]:
    """The features of line `i` from its own features (`own(i)`) and those its neighbours lend
    it (`lent(j)`: at least the features named in `_AS_PREV`, `_AS_NEXT` and the gap)."""
    count = len(types)
    feats = dict(own(i))
    if i == 0:
        feats["first_line"] = 1.0
    else:
        prev = lent(i - 1)
        feats[f"prev_{types[i - 1]}"] = 1.0
        feats.update((f"prev_{name}", 1.0) for name in _AS_PREV if name in prev)
    if i + 1 < count:
        nxt = lent(i + 1)
        feats[f"next_{types[i + 1]}"] = 1.0
        feats.update((f"next_{name}", 1.0) for name in _AS_NEXT if name in nxt)
        if "gap_before" in nxt:
            feats["next_gap"] = 1.0
    else:
        feats["last_line"] = 1.0
    if i + 2 < count:
        feats[f"next2_{types[i + 2]}"] = 1.0
    if types[i] == "heading":  # where a heading stands: the linear model cannot combine features
        before = types[i - 1] if i else ""
        feats["heading_first"] = float(before != "heading")
        feats["heading_after_text"] = float(before in ("body", "credit"))
        feats["heading_under_column"] = float("prev_column_name" in feats)
        feats = {name: value for name, value in feats.items() if value}
    return feats


def line_features(lines: Sequence[Line], types: Sequence[LineType], i: int) -> dict[str, float]:
    """The features of line `i`: its own shape and type, and its neighbours' (the previous line's
    type stands in for "the previous line's role", which the cascade gives line by line)."""
    return _features(lambda j: _own(lines[j], types[j]), lambda j: _lent(lines[j]), types, i)


class OpeningScores:
    """The model's probability that an article starts on each line, worked out when first asked.

    The parser asks only where the cascade has not already decided (a text line inside an
    article), so most lines of a page of datelined briefs are never scored; a line's features
    are worked out once, and of a neighbour only those it lends (`_lent`). Linear: each line costs
    a few regular expressions at most twice. `tick(cost)` is called per line scored (a cancel
    check).
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
        self._lent: dict[int, dict[str, float]] = {}
        self._scores: dict[int, float] = {}
        self._marks_gain = self.model.greatest_gain(MARKS)

    def opens(self, i: int) -> bool:
        """The model says an article starts on line `i`: its probability is OPENS or more.

        Told without the line's marks (`_marks`, most of the cost) where even their greatest gain
        could not bring it to OPENS: a line of text between lines of text, most lines asked.
        """
        if i not in self._scores:
            partial = _features(lambda j: _shape(self.lines[j], self.types[j]), self.lent, self.types, i)
            if self.model.logit(partial) + self._marks_gain < _OPENS_LOGIT:
                if self.tick is not None:
                    self.tick(len(self.lines[i].text) + _LINE_COST)
                return False
        return self.at(i) >= OPENS

    def own(self, i: int) -> dict[str, float]:
        found = self._own.get(i)
        if found is None:
            found = self._own[i] = _own(self.lines[i], self.types[i])
            _forget_far(self._own, i)
        return found

    def lent(self, i: int) -> dict[str, float]:
        found = self._own.get(i)
        if found is None:  # not `or`: a line may lend no feature at all ({}), and is asked again
            found = self._lent.get(i)
        if found is None:
            found = self._lent[i] = _lent(self.lines[i])
            _forget_far(self._lent, i)
        return found

    def at(self, i: int) -> float:
        """The probability that an article starts on line `i` (an index into `lines`)."""
        score = self._scores.get(i)
        if score is None:
            features = _features(self.own, self.lent, self.types, i)
            score = self._scores[i] = self.model.probability(features)
            if self.tick is not None:
                self.tick(len(self.lines[i].text) + _LINE_COST)
        return score


def _forget_far(cache: dict[int, dict[str, float]], i: int) -> None:
    """Drop the features of lines far from line `i` once `cache` is large: a line's features
    serve it and its neighbours only, and a page may have a million lines."""
    if len(cache) > 4 * 4096:
        for old in [j for j in cache if abs(j - i) > 2]:
            del cache[old]


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
