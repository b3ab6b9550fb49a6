"""The line model (reader/text/line_model.py): fitted weights that score where articles start.

The texts are invented for these tests. The model is applied as shipped (resources/) or as a
script in the repository fits it (scripts/fit_line_model.py, run as a real process).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from needs import SHARED_CORPUS, require

from reader.text.line_model import (
    MARKS,
    OPENS,
    LineModel,
    OpeningScores,
    PageFacts,
    page_features,
    shipped_model,
)
from reader.text.lines import split_lines
from reader.text.linetypes import signatures, type_lines
from reader.text.parse import explain_text, parse_text

REPO = Path(__file__).resolve().parents[1]
HOLDOUT = REPO / "tests" / "corpus_holdout"

TWO_PARAGRAPHS = """\
县城新添口袋公园

本报讯 近日，县城东关街的口袋公园建成开放，园内铺设健身步道，栽种花木。

公园面积不大，却成了周边居民饭后散步的好去处。（刘洋）
"""


def test_explain_gives_every_line_the_model_probability_that_an_article_starts_there() -> None:
    _, roles = explain_text(TWO_PARAGRAPHS, "x.txt")
    by_text = {r.text: r.confidence for r in roles}
    assert all(p is not None and 0.0 < p < 1.0 for p in by_text.values())
    headline = by_text["县城新添口袋公园"]
    second = by_text["公园面积不大，却成了周边居民饭后散步的好去处。（刘洋）"]
    assert headline is not None and second is not None
    assert headline > 0.5 > second


def test_a_text_line_the_model_says_opens_an_item_starts_an_article() -> None:
    """The model decides where the cascade has no rule: the same text, read with a model that
    sees an opening on every line and with one that sees none."""
    always, never = LineModel({}, 30.0), LineModel({}, -30.0)
    assert 1 == len(parse_text(TWO_PARAGRAPHS, "x.txt", model=never).articles)
    split = parse_text(TWO_PARAGRAPHS, "x.txt", model=always).articles
    assert ["县城新添口袋公园", ""] == [a.headline for a in split]
    assert split[1].body.startswith("公园面积不大")


def test_the_fitting_script_writes_weights_the_parser_reads(tmp_path: Path) -> None:
    out = tmp_path / "line_model.json"
    done = subprocess.run(
        [sys.executable, "scripts/fit_line_model.py", "--output", str(out), str(HOLDOUT)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == done.returncode, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["fitted_on"]) == len(list(HOLDOUT.glob("*.expected.json")))
    model = LineModel(data["weights"], data["bias"])
    _, roles = explain_text(TWO_PARAGRAPHS, "x.txt", model=model)
    assert all(r.confidence is not None for r in roles)
    assert set(shipped_model().weights) >= {"dateline", "next_dateline", "frame_mark"}


BRIEFS_TRIANGLE = """\
民生简讯

▲本报讯 6月3日，城关镇在中心广场举办消夏文艺晚会，十余支群众文艺队伍登台演出，吸引居民2000余人观看。（李娜）

▲本报讯 近日，县图书馆新增自助借还设备4台，读者借书还书不用再排队。（周伟）

▲本报讯 6月5日，县交警大队在城区主干道开展电动车违法整治行动，查处违法行为86起。（吴涛）
"""

BRIEFS_DIAMOND = """\
乡镇动态

◆石桥讯 近日，石桥镇组织农技专家进村入户，指导果农做好夏季果园管理，发放技术资料500余份。（马军）

◆北关讯 6月8日，北关镇举办农村电商培训班，60余名返乡青年学习直播带货技能。（黄倩）
"""


def test_each_marked_brief_of_a_column_is_an_untitled_article_with_its_dateline_and_credit() -> None:
    """Two shapes of the same column: ▲ items of 本报讯, ◆ items of town datelines (issue 24, 3)."""
    got = [
        (a.headline, a.dateline, a.byline, a.body[:6]) for a in parse_text(BRIEFS_TRIANGLE, "x.txt").articles
    ]
    assert [
        ("", "本报讯", "李娜", "6月3日，城"),
        ("", "本报讯", "周伟", "近日，县图书"),
        ("", "本报讯", "吴涛", "6月5日，县"),
    ] == got
    got = [(a.dateline, a.byline, a.body[:5]) for a in parse_text(BRIEFS_DIAMOND, "x.txt").articles]
    assert [("石桥讯", "马军", "近日，石桥"), ("北关讯", "黄倩", "6月8日，")] == got


def test_the_quick_answer_whether_a_line_opens_an_item_is_the_models_own() -> None:
    """`opens` skips a line's marks where they could not tip the answer; it must agree with the
    probability worked out in full on every line of the held-out pages, and of a model whose
    weights on the marks are large enough that they decide."""
    shipped = shipped_model()
    assert shipped.second is not None  # two passes are shipped; the quick bound covers the second
    eager = LineModel({**shipped.weights, **dict.fromkeys(MARKS, 3.0)}, shipped.bias)
    raised = {**dict.fromkeys(MARKS, 3.0), "first_pass": -3.0, "after_opening": 2.0, "before_opening": 2.0}
    eager_second = LineModel(
        shipped.weights, shipped.bias, LineModel({**shipped.second.weights, **raised}, 0.0)
    )
    for page in sorted(HOLDOUT.glob("*.txt")):
        lines = split_lines(page.read_text(encoding="utf-8"))
        types, _ = type_lines(lines, False)
        for model in (shipped, eager, eager_second):
            quick, full = OpeningScores(lines, types, model), OpeningScores(lines, types, model)
            assert [full.at(i) >= OPENS for i in range(len(lines))] == [
                quick.opens(i) for i in range(len(lines))
            ]


NOTICE = """\
停水通知

因管网维修，3月15日8时至18时城东片区停水，请居民提前储水。

特此通知。

县自来水公司
2024年3月14日

遗失声明

李明遗失工作证一本，声明作废。
"""


def test_a_notices_signature_stays_with_its_notice_whatever_the_model_says() -> None:
    """The cascade's rule holds a notice's signature (`signature_block`): a model sure that every
    text line opens an article must not cut the issuer and the date off into an article of their
    own (with the shipped model they close the notice)."""
    always = LineModel({}, 30.0)
    bodies = [a.body for a in parse_text(NOTICE, "x.txt", model=always).articles]
    assert ["特此通知。\n县自来水公司\n2024年3月14日"] == [b for b in bodies if "县自来水公司" in b]
    found = parse_text(NOTICE, "x.txt").articles
    assert ["停水通知", "遗失声明"] == [a.headline for a in found]
    assert found[0].body.endswith("特此通知。\n县自来水公司\n2024年3月14日")


def _fitter() -> ModuleType:
    """scripts/fit_line_model.py, loaded as bench/bench_parser_loo.py loads it."""
    spec = importlib.util.spec_from_file_location("fit_line_model", REPO / "scripts" / "fit_line_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_model_fitted_without_a_page_finds_where_its_articles_start_under_kickers_and_banners() -> None:
    """Leave one page out: refitted on every other labelled page, the model alone says where the
    articles of a front page (a kicker of two phrases, a place's name as kicker) and of an
    interview page (a headline under a column's short name, over a ——subtitle) start. The
    features that carry it are the cascade's head rules (`line_model._head_roles`); with the
    shape features alone the model took the headline under the kicker for the opening."""
    # Fitted on every labelled page, the archivist's among them: without those (a fresh clone
    # without ../shared) the model has too few front pages to find the place-name kicker of 20.
    require(list(SHARED_CORPUS.glob("*.expected.json")), f"the archivist's corpus is not at {SHARED_CORPUS}")
    fitter = _fitter()
    pages = fitter.labelled_pages(list(fitter.DEFAULT_PAGES))
    examples = {page.name: fitter.page_examples(page) for page in pages}
    for name in ("20_front_page_heads.txt", "21_interview_library.txt"):
        model = fitter.fit([ex for other, exs in examples.items() if other != name for ex in exs])
        said = [i for i, (feats, _) in enumerate(examples[name]) if model.probability(feats) >= 0.5]
        assert [i for i, (_, y) in enumerate(examples[name]) if y] == said, name


def test_the_head_rules_and_the_page_give_the_lines_their_features() -> None:
    """A kicker over its headline, the headline under it, a headline over its ——subtitle, a
    notice's signature (`linetypes.signatures`) and a Markdown headline at the page's level."""
    text = "城南街道\n“小网格”撬动基层“大治理”\n\n本报讯 近日，城南街道划分网格86个。\n\n"
    text += "把每一本书送到读者手中\n——访县图书馆馆长赵明\n\n记者 许静\n\n"
    text += "遗失声明\n\n张三遗失身份证一张，声明作废。\n\n本报编辑部\n2024年6月5日\n"
    lines = split_lines(text)
    types, typed_by = type_lines(lines, False)
    signed = signatures(lines, list(types), list(typed_by))
    feats = {
        line.text: f
        for line, f in zip(lines, page_features(lines, types, PageFacts(lines, signed)), strict=True)
    }
    assert "kicker_over_head" in feats["城南街道"]
    assert "under_kicker" in feats["“小网格”撬动基层“大治理”"]
    assert "over_dash_subtitle" in feats["把每一本书送到读者手中"]
    assert "signature" in feats["本报编辑部"] and "signature" in feats["2024年6月5日"]
    markdown = split_lines("# 文旅周刊\n\n## 红叶映层林\n\n正文。\n\n## 古镇夜游\n\n正文。\n")
    md_types, _ = type_lines(markdown, True)
    md_feats = {line.text: f for line, f in zip(markdown, page_features(markdown, md_types), strict=True)}
    assert "md_above_headline_level" in md_feats["文旅周刊"]
    assert "md_at_headline_level" in md_feats["红叶映层林"] and "md_at_headline_level" in md_feats["古镇夜游"]
