"""Write N synthetic issues as text dumps, in the shapes of the real corpus, for benchmarks.

The text is the real corpus's paragraphs and headlines reshuffled (read from ../shared/corpus at
run time, never copied into the repo), so the character mix, paragraph lengths and the parser's
work per issue resemble real issues. Two layouts, like the corpus: plain text with a masthead
(000/003) and Markdown (001). Deterministic for a given --seed.

    python bench/generate.py --issues 1000 --out bench/out/issues [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ARTICLES_PER_ISSUE = 10
TOPIC_STRAYS = 0.1  # share of a topical article's sentences taken from anywhere in the corpus
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = (dt.date(2024, 12, 31) - FIRST_DAY).days + 1
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
PAPERS = (("东昌时讯", "DONGCHANGSHIXUN", "东昌府讯"), ("今日开发区", "JINRIKAIFAQU", "开发区讯"))
NAMES = ("全兴社", "裴崇旭", "徐振鑫", "郭龙君", "张三", "李静", "王海燕", "陈静", "刘洋", "赵亚楠")
_MARKUP = re.compile(r"^#+\s*|\*\*|<[^>]*>|\[([^\]]*)\]\([^)]*\)")
_MASTHEAD = re.compile(r"星期|总第|今日\s*\d|网址|农历|^\d{4}年|^[A-Z]+$|投稿|^融媒体|^□|\d+月\d+日")
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]")
_DATELINE = re.compile(r"^\S{2,5}讯\s*(\([^)]*\)|（[^）]*）)?\s*")


@dataclass(frozen=True)
class Material:
    """Sentences and headlines harvested from the corpus.

    `topics` holds the sentences of each corpus article. With `topical`, a synthetic article
    keeps to one topic (one corpus article's sentences, a few strays from elsewhere), so a word
    occurs in the share of articles a real archive has for it; without it every article mixes
    the whole corpus, and words like 网格 end up in half of all articles.
    """

    sentences: tuple[str, ...]
    headlines: tuple[str, ...]
    topics: tuple[tuple[str, ...], ...] = ()
    topical: bool = False

    def paragraph(self, rng: random.Random, topic: tuple[str, ...] = ()) -> str:
        """A new paragraph of 2–5 corpus sentences, so paragraphs do not repeat verbatim."""
        count = rng.randint(2, 5)
        if not topic:
            return "".join(rng.sample(self.sentences, count))
        stray = TOPIC_STRAYS
        return "".join(rng.choice(self.sentences if rng.random() < stray else topic) for _ in range(count))

    def topic(self, rng: random.Random) -> tuple[str, ...]:
        """The sentences one synthetic article draws on (empty: the whole corpus)."""
        return rng.choice(self.topics) if self.topical and self.topics else ()

    def headline(self, rng: random.Random) -> str:
        """A corpus headline, or two halves of different ones joined as the paper does."""
        first = rng.choice(self.headlines)
        halves = [h for h in (rng.choice(self.headlines).split(" ")) if h]
        if " " in first and rng.random() < 0.7:
            return f"{first.split(' ')[0]} {halves[-1]}"
        return first


def _topics(files: list[Path]) -> tuple[tuple[str, ...], ...]:
    """The sentences of each corpus article, as the real parser splits the issues."""
    from reader.text import read_issue

    topics: list[tuple[str, ...]] = []
    for path in files:
        for article in read_issue(path).articles:
            found = tuple(s for s in _SENTENCE.findall(article.body.replace("\n", "")) if len(s) > 8)
            if len(found) >= 2:
                topics.append(found)
    return tuple(topics)


def load_material(corpus: Path = CORPUS_DIR, topical: bool = False) -> Material:
    """Sentences of body paragraphs (long lines ending in 。) and short headline-like lines."""
    sentences: list[str] = []
    headlines: list[str] = []
    files = sorted(corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"找不到语料：{corpus}/*.txt")
    for path in files:
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = _MARKUP.sub(r"\1", raw.strip()).strip()
            if len(line) >= 40 and line.endswith("。"):
                sentences.extend(s for s in _SENTENCE.findall(_DATELINE.sub("", line)) if len(s) > 8)
            elif 6 <= len(line) <= 26 and not line.endswith(("。", "）", ")")) and not _MASTHEAD.search(line):
                headlines.append(line)
    return Material(tuple(sentences), tuple(headlines), _topics(files) if topical else (), topical)


def _byline(rng: random.Random) -> str:
    names = rng.sample(NAMES, rng.choice((1, 1, 2)))
    return " ".join(names)


def _article(rng: random.Random, material: Material, dateline: str, markdown: bool) -> list[str]:
    """Lines of one article: headline, maybe a byline under it, dateline + paragraphs."""
    lines = [("## " if markdown else "") + material.headline(rng)]
    style = rng.choice(("end", "under", "none") if not markdown else ("bold", "end", "none"))
    if style == "under":
        lines.append(f"融媒体 {_byline(rng)}")
    topic = material.topic(rng)
    paragraphs = [material.paragraph(rng, topic) for _ in range(rng.randint(2, 6))]
    lead = f"**{dateline}**" if markdown else dateline
    paragraphs[0] = f"{lead} {paragraphs[0]}"
    lines.extend(paragraphs)
    if style == "end":
        lines.append(f"（融媒体 {_byline(rng)}）")
    elif style == "bold":
        lines.append(f"**融媒体中心 {_byline(rng)}**")
    return lines


def issue_text(index: int, seed: int, material: Material) -> tuple[str, str]:
    """File name and text of issue number `index` (the same for the same seed and index)."""
    rng = random.Random(f"{seed}-{index}")
    name, latin, dateline = rng.choice(PAPERS)
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    number = 1000 + index
    pages = rng.choice((4, 4, 8))
    markdown = rng.random() < 0.4
    date_line = f"{day.year}年{day.month}月{day.day}日"
    if markdown:
        head = [f"# {name}", date_line, WEEKDAYS[day.weekday()], f"总第 {number} 期", f"今日 {pages} 版"]
    else:
        head = [latin, name, date_line, WEEKDAYS[day.weekday()], f"总第{number}期", f"今日{pages}版"]
    head.append("网址：<http://dcf.lcxw.cn> 投稿邮箱：dcsx2005@sina.com")
    body: list[str] = []
    for _ in range(rng.randint(ARTICLES_PER_ISSUE - 3, ARTICLES_PER_ISSUE + 3)):
        body.extend(_article(rng, material, dateline, markdown))
    text = "\n\n".join(["", *head, *body]) + "\n"
    return f"{index:06d}_{rng.getrandbits(64):016x}.txt", text


def generate(out: Path, issues: int, seed: int = 1, start: int = 0, material: Material | None = None) -> int:
    """Write issues start … start+issues-1 into `out`; returns the UTF-8 bytes written."""
    material = material or load_material()
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for index in range(start, start + issues):
        name, text = issue_text(index, seed, material)
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        written += len(data)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="生成用于基准测试的合成报纸文本")
    parser.add_argument("--issues", type=int, required=True, help="期数")
    parser.add_argument("--out", type=Path, required=True, help="输出文件夹")
    parser.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同内容）")
    parser.add_argument(
        "--topical", action="store_true", help="每篇文章只取语料中一篇文章的句子（词频更接近真实档案）"
    )
    args = parser.parse_args()
    size = generate(args.out, args.issues, args.seed, material=load_material(topical=args.topical))
    print(f"{args.issues} 期，{size / 1e6:.1f} MB → {args.out}")


if __name__ == "__main__":
    main()
