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
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from reader.resources import LINE_MODEL, locate
from reader.text.cancel import current
from reader.text.lines import Line
from reader.text.page_rules import (
    bracketed_lead,
    has_paragraph_indent,
    headline_level,
    opens_item,
    speaker_of,
)
from reader.text.rules import PAGE_JUMP, LineType, opens_with_editors_note, trailing_credit
from reader.text.shapes import (
    FRAME_MARK,
    SENTENCE_END,
    SUBTITLE_DASH,
    cjk_length,
    credit_of,
    ends_sentence,
    is_column_label,
    names_a_column,
    names_a_place,
    reads_as_kicker,
    split_dateline,
)

_LINE_COST = 256  # a line's features, in characters' worth of work, for cancel checks
_DIGIT = re.compile(r"\d")
_FULL_DATE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日")
_COMMA = re.compile(r"[，,；;、]")
_RULE_LINE = re.compile(r"^[一—\-－─_=＝·•.…\s]{6,}$")
# Short names joined by middle dots (公告·启事, 河阳日报·副刊): a page's or a column's banner.
_DOTTED_BANNER = re.compile(r"^[\u4e00-\u9fff\w]{1,8}(?:\s*[·•]\s*[\u4e00-\u9fff\w]{1,8})+$")
# The model's probability above which a text line the cascade would add to the open article
# opens one of its own instead, and its logit: the model overrules the cascade only when fairly
# sure (at 0.5 a short line under a sub-heading, 具体做法是：, split Markdown articles in two).
OPENS = 0.7
_OPENS_LOGIT = math.log(OPENS / (1 - OPENS))


@dataclass(frozen=True)
class LineModel:
    """Weights by feature name and a bias: P(opens an article) = sigmoid(bias + Σ w·x).

    `second`: the weights of a second pass, which reads a line's features again beside what the
    first pass (these weights) said of it and of its neighbours (`second_pass_features`): one
    head opens one article, so a line right under a line the first pass takes for an opening
    rarely opens one too, and a kicker over a line it takes for an opening opens it instead.
    None: one pass."""

    weights: Mapping[str, float]
    bias: float
    second: LineModel | None = None

    def logit(self, features: Mapping[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        return _sigmoid(self.logit(features))


def _sigmoid(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


def model_from_json(data: Mapping[str, object]) -> LineModel:
    """A model from its JSON form (resources/line_model.json: bias, weights, optional second)."""
    weights = data["weights"]
    assert isinstance(weights, dict)
    second = data.get("second")
    return LineModel(
        {str(k): float(v) for k, v in weights.items()},
        float(str(data["bias"])),
        model_from_json(second) if isinstance(second, dict) else None,
    )


def model_to_json(model: LineModel) -> dict[str, object]:
    """`model_from_json`'s inverse, weights rounded to four places."""
    data: dict[str, object] = {
        "bias": round(model.bias, 4),
        "weights": {name: round(value, 4) for name, value in sorted(model.weights.items())},
    }
    if model.second is not None:
        data["second"] = model_to_json(model.second)
    return data


@cache
def shipped_model() -> LineModel:
    """The weights in resources/line_model.json (MissingResource when the file is not installed)."""
    return model_from_json(json.loads(locate(LINE_MODEL).read_text(encoding="utf-8")))


_FIRST_SCALE = 6.0  # a first-pass logit enters the second pass clipped to ±6 and scaled to ±1


def _neighbours(
    feats: dict[str, float], own: float, before: float | None, after: float | None
) -> dict[str, float]:
    """The second pass's features of a line: its own (`feats`), its first-pass logit `own`, and
    whether the first pass takes the line before (`before`) and after it (`after`, their logits;
    None at the page's ends) for openings, alone and for a heading."""
    out = dict(feats)
    out["first_pass"] = max(-_FIRST_SCALE, min(_FIRST_SCALE, own)) / _FIRST_SCALE
    heading = "type_heading" in feats
    if before is not None and before > 0:
        out["after_opening"] = 1.0
        if heading:
            out["heading_under_opening"] = 1.0
    if after is not None and after > 0:
        out["before_opening"] = 1.0
        if heading:
            out["heading_over_opening"] = 1.0
    return out


# The second pass's own features, which `OpeningScores.opens` bounds by their weights.
_SECOND_ONLY = ("after_opening", "heading_under_opening", "before_opening", "heading_over_opening")


def second_pass_features(page: Sequence[dict[str, float]], first: Sequence[float]) -> list[dict[str, float]]:
    """Every line's second-pass features from its features (`page`) and the first pass's logits
    (`first`), as scripts/fit_line_model.py fits the second pass."""
    n = len(page)
    return [
        _neighbours(feats, first[i], first[i - 1] if i else None, first[i + 1] if i + 1 < n else None)
        for i, feats in enumerate(page)
    ]


def page_probabilities(model: LineModel, page: Sequence[dict[str, float]]) -> list[float]:
    """The probability that an article starts on each line of a page, from its lines' features
    (`page_features`), by both passes when the model has two."""
    first = [model.logit(feats) for feats in page]
    if model.second is None:
        return [_sigmoid(x) for x in first]
    return [model.second.probability(f) for f in second_pass_features(page, first)]


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


def _ends_quoted_term(text: str) -> bool:
    """The line ends with a closing quote that closes a term, not a sentence (古镇夜游点亮“夜经济”,
    “圆服务”撬动“圆融入”): `shapes.ends_sentence` takes any closing quote for a sentence's end, which
    a headline quoting a phrase is not."""
    stripped = text.rstrip()
    return len(stripped) > 1 and stripped[-1] in "”’」』\"'" and stripped[-2] not in SENTENCE_END


def _names_column(text: str) -> bool:
    """A column's label or name (`shapes.is_column_label`, `shapes.names_a_column`)."""
    return is_column_label(text) or names_a_column(text)


# What a line's text says by its marks, punctuation, dates and credits, each told by a regular
# expression or by a rule of the cascade (the rules as features): one test per feature, the one
# place `line_features` and the quick bound of `OpeningScores.opens` both read.
MARK_TESTS: dict[str, Callable[[Line], bool]] = {
    "ends_sentence": lambda line: ends_sentence(line.text) and not _ends_quoted_term(line.text),
    "ends_quoted_term": lambda line: _ends_quoted_term(line.text),
    "dateline": lambda line: bool(split_dateline(line.text)[0]),
    "frame_mark": lambda line: bool(FRAME_MARK.match(line.text)),
    "bracketed_lead": lambda line: bracketed_lead(line.text) is not None,
    "subtitle_dash": lambda line: bool(SUBTITLE_DASH.match(line.text)),
    "digits": lambda line: bool(_DIGIT.search(line.text)),
    "month_day": lambda line: bool(_FULL_DATE.search(line.text)),
    "indent": lambda line: has_paragraph_indent(line.raw),
    "comma": lambda line: bool(_COMMA.search(line.text)),
    "rule_line": lambda line: bool(_RULE_LINE.match(line.text)),
    "editors_note": lambda line: opens_with_editors_note(line.text),
    "trailing_credit": lambda line: trailing_credit(line.text) is not None,
    "column_name": lambda line: _names_column(line.text),
    "reads_as_kicker": lambda line: reads_as_kicker(line.text),
    "speaker": lambda line: bool(speaker_of(line.text)),
    "opens_item": lambda line: opens_item(line.text),
    "credit_shape": lambda line: credit_of(line.text) is not None,
    "names_place": lambda line: names_a_place(line.text),
    "dotted_banner": lambda line: bool(_DOTTED_BANNER.match(line.text)),
}
MARKS = tuple(MARK_TESTS)
# The marks a line lends the line after it (as prev_NAME) and the line before it (as next_NAME).
_AS_PREV = (
    "ends_sentence",
    "rule_line",
    "dateline",
    "frame_mark",
    "trailing_credit",
    "column_name",
    "reads_as_kicker",
    "credit_shape",
    "names_place",
    "dotted_banner",
)
_AS_NEXT = ("dateline", "frame_mark", "credit_shape", "speaker", "opens_item")


def _marks(line: Line) -> dict[str, float]:
    """The marks of `MARK_TESTS` the line has."""
    return {name: 1.0 for name, test in MARK_TESTS.items() if test(line)}


def _context(types: Sequence[LineType], i: int, feats: dict[str, float]) -> None:
    """Add to `feats` where line `i` stands: first or last, its neighbours' types (the previous
    line's type stands in for "the previous line's role", which the cascade gives line by line)."""
    count = len(types)
    if i == 0:
        feats["first_line"] = 1.0
    else:
        feats[f"prev_{types[i - 1]}"] = 1.0
    if i + 1 < count:
        feats[f"next_{types[i + 1]}"] = 1.0
    else:
        feats["last_line"] = 1.0
    if i + 2 < count:
        feats[f"next2_{types[i + 2]}"] = 1.0


def _lent(lines: Sequence[Line], i: int, mark: Callable[[int, str], bool], feats: dict[str, float]) -> None:
    """Add to `feats` the marks line `i`'s neighbours lend it (`mark(j, name)`: line j has it)."""
    if i > 0:
        feats.update((f"prev_{name}", 1.0) for name in _AS_PREV if mark(i - 1, name))
    if i + 1 < len(lines):
        feats.update((f"next_{name}", 1.0) for name in _AS_NEXT if mark(i + 1, name))
        if lines[i + 1].gap_before > 0:
            feats["next_gap"] = 1.0


_SHORT_HEAD = 6  # the longest a column's name or a banner over a headline is, most often
_RUN_LOOK = 6  # how far a heading's run is followed each way (a head has a few lines)


def is_dense(lines: Sequence[Line]) -> bool:
    """The page sets no line apart by a blank line (an OCR dump, a hard-wrapped text): there a
    head is known by its shape and place, never by the space before it."""
    return not any(line.gap_before for line in lines)


class PageFacts:
    """What the model reads of the whole page, each worked out once and only when first needed
    (a page may have a million lines): whether it is dense (`is_dense`), the Markdown level its
    headlines have, and the lines the cascade reads as a notice's signature."""

    def __init__(self, lines: Sequence[Line], signed: Collection[int] = ()) -> None:
        self.lines = lines
        self.signed = signed  # line numbers (`linetypes.signatures`)

    @cached_property
    def dense(self) -> bool:
        return is_dense(self.lines)

    @cached_property
    def headline_level(self) -> int:
        """The Markdown level of the page's headlines (`lines.headline_level`)."""
        return headline_level(self.lines)


def _page(line: Line, facts: PageFacts, feats: dict[str, float]) -> None:
    """Add to `feats` what the page says of the line: a notice's signature (the cascade's rule,
    `linetypes.signatures`), a Markdown heading at, above or below the level of the page's headlines."""
    if line.number in facts.signed:
        feats["signature"] = 1.0
    if line.md_level:
        level = facts.headline_level
        side = "at" if line.md_level == level else "above" if line.md_level < level else "below"
        feats[f"md_{side}_headline_level"] = 1.0


def _heading(
    lines: Sequence[Line],
    types: Sequence[LineType],
    i: int,
    feats: dict[str, float],
    facts: PageFacts,
    mark: Callable[[int, str], bool],
) -> None:
    """Where a heading stands in its run of heading lines (the linear model cannot combine
    features): first of the run, how long the run is, what stands before the run and after it
    (a head over a dateline or a byline opens an article; a run between lines of text is more
    often a sub-heading or verse), under a column's name; and the roles the cascade's head rules
    give it (`_head_roles`)."""
    if types[i] != "heading":
        return
    start = i
    while start > 0 and i - start < _RUN_LOOK and types[start - 1] == "heading":
        start -= 1
    end = i + 1
    while end < len(types) and end - i < _RUN_LOOK and types[end] == "heading":
        end += 1
    before = types[start - 1] if start else "start"
    after = types[end] if end < len(types) else "end"
    if start == i:
        feats["heading_first"] = 1.0
        feats[f"head_after_{before}"] = 1.0
    else:
        feats[f"head_line_{min(i - start, 2) + 1}"] = 1.0
    _head_roles(lines, i, start, end, feats, mark)
    feats[f"head_run_{min(end - start, 4)}"] = 1.0
    feats[f"head_over_{after}"] = 1.0
    if before in ("body", "credit"):
        feats["heading_after_text"] = 1.0
    if before == "credit" and start >= 2 and types[start - 2] == "heading":
        feats["heading_after_byline"] = 1.0  # a credit under a head is its byline: text follows
    if "prev_column_name" in feats:
        feats["heading_under_column"] = 1.0
    if facts.dense:
        feats["heading_on_dense_page"] = 1.0


def _head_roles(
    lines: Sequence[Line],
    i: int,
    start: int,
    end: int,
    feats: dict[str, float],
    mark: Callable[[int, str], bool],
) -> None:
    """The roles the cascade's head rules (`parse.assign_roles`, `parse.titles_list`) give heading
    line `i` of the run [start, end): the first of several lines that reads as a kicker (the
    article opens there), the line under such a kicker (the headline, which opens nothing), a
    line under a headline (a subtitle), a line over a ——subtitle (the headline), a title set
    apart over lines printed one under another (a box's or a list's title)."""

    def kicker_at(j: int) -> bool:
        return mark(j, "reads_as_kicker") and not mark(j, "column_name")

    if start == i:
        if end - start > 1 and kicker_at(i):
            feats["kicker_over_head"] = 1.0
        if end > i + 2 and lines[i + 1].gap_before and not lines[i + 2].gap_before:
            feats["title_over_rows"] = 1.0
    elif i - start == 1 and kicker_at(start):
        feats["under_kicker"] = 1.0
    else:  # under a headline (a subtitle), or under a banner or a column's short name
        feats["under_short_head" if cjk_length(lines[i - 1].text) <= _SHORT_HEAD else "under_head"] = 1.0
    if i + 1 < end and mark(i + 1, "subtitle_dash"):
        feats["over_dash_subtitle"] = 1.0


# A dateline or a frame mark on a line of text right after text: the next item of a column of
# briefs (the same marks under a headline open no article: the headline did).
_AFTER_TEXT = {"dateline": "dateline_after_text", "frame_mark": "frame_after_text"}


def _after_text(types: Sequence[LineType], i: int, feats: dict[str, float]) -> None:
    """Add the features of `_AFTER_TEXT` line `i` has."""
    if types[i] != "heading" and i and types[i - 1] in ("body", "credit"):
        feats.update((both, 1.0) for mark, both in _AFTER_TEXT.items() if mark in feats)


def page_features(
    lines: Sequence[Line], types: Sequence[LineType], facts: PageFacts | None = None
) -> list[dict[str, float]]:
    """The features of every line (`OpeningScores.features`), as scripts/fit_line_model.py fits
    them: the same code as the parser's, so the model is applied to what it was fitted on."""
    scores = OpeningScores(lines, types, LineModel({}, 0.0), facts=facts)
    return [scores.features(i) for i in range(len(lines))]


class OpeningScores:
    """The model's probability that an article starts on each line, worked out when first asked.

    The parser asks only where the cascade has not already decided (a text line inside an
    article). `opens` answers most lines without their marks: from the line's shape and its
    neighbours' types it has an upper bound on the logit, and tells the marks that could raise
    it (regular expressions, most of the cost) one by one, the one that could raise it most
    first, until the bound falls below OPENS or none is left (then the line is scored in full).
    Each mark of a line is told at most once. Linear; the cancel scope (reader.text.cancel) is
    ticked per line answered.
    """

    def __init__(
        self,
        lines: Sequence[Line],
        types: Sequence[LineType],
        model: LineModel | None = None,
        facts: PageFacts | None = None,
    ) -> None:
        self.lines = lines
        self.types = list(types)  # as typed now: the rules may retype lines later
        self.model = model or shipped_model()
        self.tick = current().tick
        self.facts = facts or PageFacts(lines)
        self._marks: dict[int, dict[str, bool]] = {}
        self._scores: dict[int, float] = {}
        self._first: dict[int, float] = {}
        self._features: dict[int, dict[str, float]] = {}
        # The weights that decide: the second pass's when there is one.
        self._deciding = self.model.second or self.model
        self._raising, self._raise_all = _raising(self._deciding.weights)
        # With two passes, what a mark can add to the first pass too (its verdict enters the second).
        first, self._first_raise = _raising(self.model.weights) if self.model.second else ([], 0.0)
        self._first_gain = {(offset, name): gain for gain, offset, name in first}
        second = {(offset, name): gain for gain, offset, name in self._raising}
        # Each mark once, by what it can add to the second pass, most first.
        self._raising = sorted(((second.get(k, 0.0), *k) for k in {*second, *self._first_gain}), reverse=True)
        self._second_only = sum(max(0.0, self._deciding.weights.get(name, 0.0)) for name in _SECOND_ONLY)

    def mark(self, j: int, name: str) -> bool:
        """Line `j` has the mark `name` (told once, remembered)."""
        told = self._marks.get(j)
        if told is None:
            told = self._marks[j] = {}
            _forget_far(self._marks, j)
        found = told.get(name)
        if found is None:
            found = told[name] = MARK_TESTS[name](self.lines[j])
        return found

    def opens(self, i: int) -> bool:
        """The model says an article starts on line `i`: its probability is OPENS or more."""
        if i not in self._scores and self.types[i] != "heading":
            feats = _shape(self.lines[i], self.types[i])
            _page(self.lines[i], self.facts, feats)
            _context(self.types, i, feats)
            if i + 1 < len(self.lines) and self.lines[i + 1].gap_before > 0:
                feats["next_gap"] = 1.0
            rest = self._deciding.logit(feats) + self._raise_all  # the bound, the first pass aside
            first = self.model.logit(feats) + self._first_raise  # the first pass's own bound
            bound = rest + self._first_pass_gain(first)
            for gain, offset, name in self._raising:
                if bound < _OPENS_LOGIT:
                    break
                j = i + offset
                if not (0 <= j < len(self.lines) and self.mark(j, name)):
                    rest -= gain
                    first -= self._first_gain.get((offset, name), 0.0)
                    bound = rest + self._first_pass_gain(first)
            if bound < _OPENS_LOGIT or not self._neighbours_could_open(i):
                self.tick(len(self.lines[i].text) + _LINE_COST)
                return False
        return self.at(i) >= OPENS

    def _neighbours_could_open(self, i: int) -> bool:
        """With two passes: line `i`'s second-pass logit could reach OPENS, whatever the first
        pass says of its neighbours (the most they can add, `_second_only`), told from its own
        features before its neighbours' are worked out."""
        second = self.model.second
        if second is None:
            return True
        feats = self.features(i)
        own = self._first.get(i)
        if own is None:
            own = self._first[i] = self.model.logit(feats)
        return second.logit(_neighbours(feats, own, None, None)) + self._second_only >= _OPENS_LOGIT

    def _first_pass_gain(self, first: float) -> float:
        """The most the first pass's verdict and its neighbours' can add to the second pass's
        logit of a line whose first-pass logit is at most `first` (0 with one pass)."""
        if self.model.second is None:
            return 0.0
        weight = self._deciding.weights.get("first_pass", 0.0)
        if weight < 0:
            return -weight + self._second_only
        return weight * max(-_FIRST_SCALE, min(_FIRST_SCALE, first)) / _FIRST_SCALE + self._second_only

    def at(self, i: int) -> float:
        """The probability that an article starts on line `i` (an index into `lines`)."""
        score = self._scores.get(i)
        if score is None:
            feats = self.features(i)
            if self.model.second is None:
                score = self.model.probability(feats)
            else:
                before = self.first(i - 1) if i else None
                after = self.first(i + 1) if i + 1 < len(self.lines) else None
                own = self._first.get(i)
                if own is None:
                    own = self._first[i] = self.model.logit(feats)
                score = self.model.second.probability(_neighbours(feats, own, before, after))
            self._scores[i] = score
            self.tick(len(self.lines[i].text) + _LINE_COST)
        return score

    def first(self, i: int) -> float:
        """The first pass's logit for line `i` (worked out once)."""
        logit = self._first.get(i)
        if logit is None:
            logit = self._first[i] = self.model.logit(self.features(i))
            self.tick(len(self.lines[i].text) + _LINE_COST)
        return logit

    def features(self, i: int) -> dict[str, float]:
        """The features of line `i`: its own shape, type and marks, what the page says of it, its
        neighbours' types and the marks they lend it, its place in a run of headings (a sparse
        vector: only the features that are set). Kept while the parser is near the line: with two
        passes a line's features serve it and its neighbours."""
        feats = self._features.get(i)
        if feats is None:
            feats = self._features[i] = self._features_of(i)
            _forget_far(self._features, i)
        return feats

    def _features_of(self, i: int) -> dict[str, float]:
        line = self.lines[i]
        feats = _shape(line, self.types[i])
        feats.update((name, 1.0) for name in MARKS if self.mark(i, name))
        _page(line, self.facts, feats)
        _context(self.types, i, feats)
        _lent(self.lines, i, self.mark, feats)
        _heading(self.lines, self.types, i, feats, self.facts, self.mark)
        _after_text(self.types, i, feats)
        return feats


def _raising(weights: Mapping[str, float]) -> tuple[list[tuple[float, int, str]], float]:
    """The marks that can raise a line's logit under `weights`, by how much, most first (gain,
    offset of the line that has the mark, name), and all they can add together."""
    raising = [
        (weights.get(name, 0.0) + max(0.0, weights.get(_AFTER_TEXT.get(name, ""), 0.0)), 0, name)
        for name in MARKS
    ]
    raising += [(weights.get(f"prev_{name}", 0.0), -1, name) for name in _AS_PREV]
    raising += [(weights.get(f"next_{name}", 0.0), 1, name) for name in _AS_NEXT]
    found = sorted((r for r in raising if r[0] > 0), reverse=True)
    return found, sum(gain for gain, _, _ in found)


def _forget_far(cache: dict[int, Any], i: int) -> None:
    """Drop what is known of lines far from line `i` (their marks, their features) once `cache` is
    large: it serves a line and its neighbours only, and a page may have a million lines."""
    if len(cache) > 4 * 4096:
        for old in [j for j in cache if abs(j - i) > 2]:
            del cache[old]


def opening_probabilities(
    lines: Sequence[Line],
    types: Sequence[LineType],
    model: LineModel | None = None,
) -> list[float]:
    """For each line, the model's probability that an article starts there; the cancel scope is
    ticked per line (a file of a million lines is a million lines here too)."""
    scores = OpeningScores(lines, types, model)
    return [scores.at(i) for i in range(len(lines))]
