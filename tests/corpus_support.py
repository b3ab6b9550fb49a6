"""The issues in tests/corpus: invented news written for these tests, in the shapes of real dumps.

    01_dongchang_masthead.txt  东昌时讯 2023-06-13, 总第1501期: a masthead; a lead with kicker,
                               subtitle and a paragraph cut by a column break; bylines after the
                               body, before it, and both; an untitled photo; a 时政简讯 column;
                               pages 1 and 2.
    02_dongchang_markdown.txt  东昌时讯 2023-07-04: a Markdown dump (# masthead, ## headlines,
                               ### subtitle, **bold** sub-heads and credits).
    03_kaifaqu_masthead.txt    今日开发区 2023-06-16.
    04_kaifaqu_undated.txt     no masthead; the text (新中国成立70周年) suggests 2019.

江绍华 (whom jieba cuts wrongly in 区长江绍华) appears in both papers; 幸福食堂 in three issues,
in one headline only. The names below are what tests look for by name; tests/test_corpus.py
checks that the parser reads the files that way.
"""

from __future__ import annotations

from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
MASTHEAD_FILE = CORPUS_DIR / "01_dongchang_masthead.txt"

# In MASTHEAD_FILE (page 1 unless said otherwise).
LEAD_HEADLINE = "我区老年助餐服务实现城乡全覆盖"
VISIT_HEADLINE = "周立新到我区 调研幸福食堂运营"  # the one headline with 幸福食堂
VISIT_SENTENCE = "副区长孙明远陪同。"
APPROVAL_HEADLINE = "帮办代办跑出审批“加速度”"  # page 2, byline above the body
MAILBOX_HEADLINE = "「红色邮箱」收下居民心里话"  # page 2, bylines above and below, the one with 红色邮箱


def corpus_files() -> list[Path]:
    """The corpus files in the order tests import them."""
    files = sorted(CORPUS_DIR.glob("*.txt"))
    assert files, f"the test corpus is missing from {CORPUS_DIR}"
    return files


def corpus_lines() -> list[str]:
    """Every non-blank line of the corpus, stripped."""
    return [
        line.strip()
        for path in corpus_files()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
