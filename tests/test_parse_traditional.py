"""A page in traditional script parses as its simplified original does, and keeps its characters
(issue 24, defect 10). The traditional pages are tests/corpus issues converted character by
character with the search index's table read backwards."""

from __future__ import annotations

import pytest
from corpus_support import CORPUS_DIR

from reader.resources import FOLD_TABLE, locate
from reader.text.coverage import lost_lines
from reader.text.fold import to_simplified
from reader.text.parse import parse_text
from reader.text.script import is_traditional

FIELDS = ("kicker", "headline", "subtitle", "dateline", "byline", "body", "kind", "page")


def to_traditional(text: str) -> str:
    """Each simplified character as the first traditional one the table folds to it."""
    back: dict[int, int] = {}
    for line in locate(FOLD_TABLE).read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        if not line.startswith("#") and len(trad) == 1 and len(simp) == 1 and trad != simp:
            back.setdefault(ord(simp), ord(trad))
    return text.translate(back)


@pytest.mark.parametrize("name", ["01_dongchang_masthead.txt", "03_kaifaqu_masthead.txt"])
def test_a_page_in_traditional_script_splits_as_its_simplified_original(name: str) -> None:
    simplified = (CORPUS_DIR / name).read_text(encoding="utf-8")
    traditional = to_traditional(simplified)
    assert traditional != simplified
    want, got = parse_text(simplified, name), parse_text(traditional, name)
    head = ("publication", "date", "weekday", "number", "page_count")
    assert [getattr(want, k) for k in head] == [getattr(got, k) for k in head]
    assert len(want.articles) == len(got.articles)
    for w, g in zip(want.articles, got.articles, strict=True):
        assert [getattr(w, f) for f in FIELDS] == [
            to_simplified(v) if isinstance(v, str) else v for v in (getattr(g, f) for f in FIELDS)
        ]
        assert g.headline in traditional, "the printed characters are kept"
        assert g.body.split("\n")[0][:20] in traditional


def test_a_simplified_page_quoting_a_traditional_word_keeps_it() -> None:
    text = "合作共贏\n\n本报讯 近日，两地签署合作协议，共同谱写合作共贏新篇章。\n"
    (article,) = parse_text(text, "x.txt").articles
    assert ("合作共贏", "近日，两地签署合作协议，共同谱写合作共贏新篇章。") == (
        article.headline,
        article.body,
    )


def test_a_character_printed_two_ways_on_one_page_keeps_each_printed_form() -> None:
    """發 and 髮 both fold to 发, and 皇后's 后 is printed as such beside 之後: each comes back as
    printed, not as one form for both (the fuzzer's coverage check caught 愿 turned into 願)."""
    page = (
        "理髮店的新發展\n\n"
        "本報訊 街道理髮師傅說，頭髮要勤剪。皇后鎮發展之後，店裡來了新的學徒。\n\n"
        "皇后鎮開發新區\n\n"
        "本報記者 王明\n\n"
        "皇后鎮的開發區之後還要擴大，頭髮花白的老人也來參觀。當地發佈了新規劃。\n"
    )
    assert is_traditional(page)
    issue = parse_text(page, "x.txt")
    assert [] == lost_lines(page, issue)
    first, second = issue.articles
    assert ("理髮店的新發展", "皇后鎮開發新區") == (first.headline, second.headline)
    assert "頭髮要勤剪。皇后鎮發展之後" in first.body
    assert "頭髮花白" in second.body and "當地發佈" in second.body


def test_a_simplified_character_among_traditional_ones_stays_as_printed() -> None:
    """An OCR'd page in traditional script with a simplified 发 here and there keeps both."""
    body = "這是一個關於經濟發展的報導，各區發展迅速。" * 4 + "另一區发展也快。"
    page = f"經濟發展\n\n本報訊 {body}\n"
    (article,) = parse_text(page, "x.txt").articles
    assert body == article.body
