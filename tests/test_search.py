"""Search through the real importer on a real SQLite file: folding, ranking, filters, snippets."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from corpus_support import MAILBOX_HEADLINE, VISIT_HEADLINE

from reader.archive.db import Archive, open_archive
from reader.archive.importer import import_issue, import_paths
from reader.archive.search import search
from reader.archive.search_index import FTS_TABLES
from reader.archive.search_plan import Filters, Plan
from reader.cli import main
from reader.text.model import Article
from reader.text.query import Query, parse_query
from reader.text.snippet import Passage, highlight_spans
from reader.text.words import Segmenter
from tests.search_support import brute_force, make_issue, random_archive


def ids_of(archive: Archive, query: str, **options: object) -> list[int]:
    return [hit.id for hit in search(archive, query, **options).hits]  # type: ignore[arg-type]


def headlines(archive: Archive, query: str, **options: object) -> list[str]:
    return [hit.headline for hit in search(archive, query, **options).hits]  # type: ignore[arg-type]


def one_issue(archive: Archive, *articles: Article, day: int = 0, publication: str = "东昌时讯") -> None:
    import_issue(archive, make_issue(day, articles, publication))


def test_full_width_digits_find_half_width(archive: Archive) -> None:
    one_issue(archive, Article(1, "年中总结", "2022年上半年"))
    assert ["年中总结"] == headlines(archive, "２０２２")


def test_half_width_digits_find_full_width(archive: Archive) -> None:
    one_issue(archive, Article(1, "年中总结", "２０２２年上半年"))
    assert ["年中总结"] == headlines(archive, "2022")


def test_lower_case_finds_upper_case_latin(archive: Archive) -> None:
    one_issue(archive, Article(1, "掌上办事", "下载APP即可办理"), Article(1, "别的", "无关"))
    assert ["掌上办事"] == headlines(archive, "app")


def test_single_character_term_matches(archive: Archive) -> None:
    one_issue(archive, Article(1, "甲", "有华字"), Article(1, "乙", "没有"))
    assert ["甲"] == headlines(archive, "华")


def test_name_that_jieba_cuts_wrongly_is_found(archive: Archive) -> None:
    one_issue(archive, Article(1, "会议", "区委副书记、区长江明华主持会议"))
    assert ["会议"] == headlines(archive, "江明华")


def test_term_does_not_match_across_punctuation(archive: Archive) -> None:
    one_issue(archive, Article(1, "甲", "红，色邮箱"), Article(1, "乙", "红色邮箱"))
    assert ["乙"] == headlines(archive, "红色")


def test_term_does_not_match_across_fields(archive: Archive) -> None:
    one_issue(archive, Article(1, "幸福", "食堂开业", kicker="引题"))
    assert 0 == search(archive, "幸福食堂").total


def test_quoted_phrase_matches_its_space(archive: Archive) -> None:
    one_issue(archive, Article(1, "周立新到我区 调研幸福食堂", "正文"), Article(1, "我区调研", "正文"))
    assert ["周立新到我区 调研幸福食堂"] == headlines(archive, '"我区 调研"')


@pytest.mark.parametrize("typed", ['"我区\t调研"', '"我区 调研"', '"我区\u3000调研"'])
def test_quoted_phrase_matches_a_tab_in_the_text(archive: Archive, typed: str) -> None:
    """Issue 26: the query read the tab as a space and the index kept it: nothing matched."""
    one_issue(archive, Article(1, "周立新到我区\t调研幸福食堂", "正文"), Article(1, "我区调研", "正文"))
    assert ["周立新到我区\t调研幸福食堂"] == headlines(archive, typed)
    query = parse_query(typed)
    assert isinstance(query, Query)
    assert {search(archive, typed).hits[0].id} == brute_force(archive, query)


def test_fts5_syntax_typed_as_text_is_searched_literally(archive: Archive) -> None:
    one_issue(archive, Article(1, "甲", "NEAR(a b) AND c*"), Article(1, "乙", "near a"))
    assert ["甲"] == headlines(archive, "NEAR(")
    assert ["甲"] == headlines(archive, "c*")
    assert ["甲"] == headlines(archive, '"AND"')


def test_exclusion_removes_articles(archive: Archive) -> None:
    one_issue(archive, Article(1, "甲", "网格员江绍华"), Article(1, "乙", "网格员王五"))
    assert ["乙"] == headlines(archive, "网格员 -江绍华")


def test_or_finds_either(archive: Archive) -> None:
    one_issue(archive, Article(1, "甲", "幸福食堂"), Article(1, "乙", "红色邮箱"), Article(1, "丙", "无"))
    assert {"甲", "乙"} == set(headlines(archive, "幸福食堂 OR 红色邮箱"))


def test_headline_only_term_ignores_the_body(archive: Archive) -> None:
    one_issue(archive, Article(1, "幸福食堂开业", "正文"), Article(1, "乙", "幸福食堂"))
    assert ["幸福食堂开业"] == headlines(archive, "标题:幸福食堂")


def test_malformed_input_gives_a_message_not_an_exception(archive: Archive) -> None:
    result = search(archive, '"')
    assert (0, ()) == (result.total, result.hits)
    assert result.error


def test_headline_match_ranks_above_body_match(archive: Archive) -> None:
    one_issue(archive, Article(1, "会议召开", "正文提到幸福食堂"), Article(1, "幸福食堂开业", "正文"))
    assert ["幸福食堂开业", "会议召开"] == headlines(archive, "幸福食堂")


def test_whole_word_match_ranks_above_substring_match(archive: Archive) -> None:
    one_issue(archive, Article(1, "甲", "区长江绍华主持"), Article(1, "乙", "长江边的风景"), day=5)
    one_issue(archive, Article(1, "丙", "我们看长江"), day=1)
    result = search(archive, "长江")
    # 乙 and 丙 score alike (one mention in the body), so the newer comes first; 甲 is newer
    # than 丙 but only contains 长江 inside 区长/江绍华.
    assert ["乙", "丙", "甲"] == [hit.headline for hit in result.hits]
    assert [True, True, False] == [hit.whole_word for hit in result.hits]


def test_more_mentions_rank_higher_whatever_the_length(archive: Archive) -> None:
    long_body = "今年社区开展网格化管理。" * 40 + "网格员上门服务，网格员记录诉求，网格员回访群众。"
    one_issue(archive, Article(1, "长篇", long_body), day=1)
    one_issue(archive, Article(1, "简讯", "网格员到岗。"), day=9)
    assert ["长篇", "简讯"] == headlines(archive, "网格员")


def test_long_run_of_equal_scores_pages_newest_first(archive: Archive) -> None:
    for day in range(120):
        body = "幸福食堂开门迎客，幸福食堂满座。" if day in (7, 50) else "幸福食堂开门迎客。"
        one_issue(archive, Article(1, f"第{day}天", body), day=day)
    first = headlines(archive, "幸福食堂", limit=10)
    assert ["第50天", "第7天"] + [f"第{day}天" for day in range(119, 111, -1)] == first
    second = headlines(archive, "幸福食堂", limit=10, offset=10)
    assert [f"第{day}天" for day in range(111, 101, -1)] == second


def test_newer_issue_first_on_equal_scores(archive: Archive) -> None:
    for day in (3, 9, 1):
        one_issue(archive, Article(1, f"第{day}天", "幸福食堂"), day=day)
    assert ["第9天", "第3天", "第1天"] == headlines(archive, "幸福食堂")


def test_sort_newest_and_oldest(archive: Archive) -> None:
    for day in (3, 9, 1):
        one_issue(archive, Article(1, f"第{day}天", "幸福食堂在第一版" if day == 1 else "幸福"), day=day)
    assert ["第9天", "第3天", "第1天"] == headlines(archive, "幸福", sort="newest")
    assert ["第1天", "第3天", "第9天"] == headlines(archive, "幸福", sort="oldest")


def test_unknown_sort_is_a_value_error(archive: Archive) -> None:
    with pytest.raises(ValueError):
        search(archive, "幸福", sort="random")


def test_date_filter_uses_the_users_date(archive: Archive) -> None:
    one_issue(archive, Article(1, "一月", "幸福"), day=0)
    one_issue(archive, Article(1, "二月", "幸福"), day=30)
    archive.conn.execute("UPDATE issues SET user_date = '2023-05-01' WHERE date = '2022-01-01'")
    assert ["一月"] == headlines(archive, "幸福", date_from="2023-01-01")
    assert ["二月"] == headlines(archive, "幸福", date_from="2022-02-01", date_to="2022-12-31")


def test_publication_filter(archive: Archive) -> None:
    one_issue(archive, Article(1, "时讯", "幸福"), day=0, publication="东昌时讯")
    one_issue(archive, Article(1, "开发区", "幸福"), day=1, publication="今日开发区")
    assert ["开发区"] == headlines(archive, "幸福", publication="今日开发区")


def test_total_counts_all_hits_and_offset_pages_through_them(archive: Archive) -> None:
    for day in range(6):
        one_issue(
            archive, *(Article(1, f"{day}-{n}", "幸福食堂" if n % 2 else "幸福") for n in range(5)), day=day
        )
    first = search(archive, "幸福", limit=10)
    everything = [h.id for h in search(archive, "幸福", limit=100).hits]
    assert 30 == first.total
    paged = [
        h.id for offset in range(0, 30, 10) for h in search(archive, "幸福", limit=10, offset=offset).hits
    ]
    assert everything == paged
    assert 30 == len(set(paged))


def test_reimport_leaves_no_stale_hits(archive: Archive) -> None:
    one_issue(archive, Article(1, "旧标题", "旧的内容幸福食堂"), day=2)
    replaced = make_issue(2, (Article(1, "新标题", "新的内容红色邮箱"),))
    import_issue(archive, replaced)
    assert [] == headlines(archive, "幸福食堂")
    assert [] == headlines(archive, "旧")
    assert ["新标题"] == headlines(archive, "红色邮箱")
    assert [] == headlines(archive, "标题:旧标题")  # the headline tables forgot it too
    assert ["新标题"] == headlines(archive, "标题:新标题")
    for table in FTS_TABLES:
        archive.conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def test_snippet_marks_the_original_full_width_text(archive: Archive) -> None:
    one_issue(archive, Article(1, "总结", "我们在２０２２年上半年完成了任务"))
    hit = search(archive, "2022").hits[0]
    assert "我们在【２０２２】年上半年完成了任务" == hit.snippet


def test_snippet_is_short_and_around_the_hit(archive: Archive) -> None:
    body = "前" * 300 + "幸福食堂" + "后" * 300
    one_issue(archive, Article(1, "长文", body))
    passage = search(archive, "幸福食堂").hits[0].passages[0]
    assert 60 <= len(passage.text) <= 100
    assert ["幸福食堂"] == [passage.text[s:e] for s, e in passage.spans]


def test_headline_spans_mark_headline_hits(archive: Archive) -> None:
    one_issue(archive, Article(1, "「红色邮箱」收下居民心里话", "正文"))
    hit = search(archive, "红色邮箱").hits[0]
    assert "「【红色邮箱】」收下居民心里话" == hit.headline_marked


def test_passage_html_escapes_text_and_marks_hits() -> None:
    passage = Passage("a<b>幸福&c", ((4, 6),))
    assert "a&lt;b&gt;<b>幸福</b>&amp;c" == passage.html()


def test_highlight_spans_marks_every_hit_in_the_original() -> None:
    query = parse_query("ａｐｐ 江绍华")
    assert isinstance(query, Query)
    text = "下载APP，江绍华说，app好用"
    assert ["APP", "江绍华", "app"] == [text[s:e] for s, e in highlight_spans(text, query)]


def test_search_runs_in_a_worker_thread_on_a_read_only_connection(archive_path: Path) -> None:
    with open_archive(archive_path) as writer:
        one_issue(writer, Article(1, "甲", "幸福食堂"), Article(1, "乙", "幸福食堂 马卫红"))
    found: list[int] = []

    def work() -> None:
        with open_archive(archive_path, readonly=True) as reader:
            found.append(search(reader, "幸福食堂").total)
            found.append(search(reader, "幸福食堂 -马卫红").total)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert [2, 1] == found


def test_importing_search_does_not_load_jieba() -> None:
    code = "import sys, reader.archive.search, reader.text.query; print('jieba' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "False" == output.stdout.strip()


@pytest.fixture
def corpus_archive(archive: Archive, corpus_files: list[Path]) -> Archive:
    assert import_paths(archive, corpus_files).ok
    return archive


def test_corpus_xingfu_shitang_ranks_the_inspection_visit_first(corpus_archive: Archive) -> None:
    found = headlines(corpus_archive, "幸福食堂")
    assert len(found) > 1  # the lead and another paper's item mention it more often, in the body
    assert VISIT_HEADLINE == found[0]


def test_corpus_hongse_youxiang_ranks_its_article_first(corpus_archive: Archive) -> None:
    found = headlines(corpus_archive, "红色邮箱")
    assert len(found) > 1  # a newer article mentions it in passing
    assert MAILBOX_HEADLINE == found[0]


def test_cli_prints_json_hits_and_exits_0(archive_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_archive(archive_path) as writer:
        one_issue(writer, Article(2, "幸福食堂开业", "正文幸福食堂"))
    status = main(["search", "幸福食堂", "--db", str(archive_path), "--json"])
    printed = json.loads(capsys.readouterr().out)
    hits = printed["hits"]
    assert 0 == status
    assert ("幸福食堂", 1) == (printed["query"], printed["total"])
    assert {"id", "key", "headline", "publication", "date", "page", "snippet"} <= set(hits[0])
    assert ("幸福食堂开业", "东昌时讯", "2022-01-01", 2) == (
        hits[0]["headline"],
        hits[0]["publication"],
        hits[0]["date"],
        hits[0]["page"],
    )


def test_cli_json_total_counts_beyond_the_limit(
    archive_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_archive(archive_path) as writer:
        for day in range(3):
            one_issue(writer, Article(1, f"幸福食堂第{day}期", "正文幸福食堂"), day=day)
    status = main(["search", "幸福食堂", "--db", str(archive_path), "--json", "--limit", "1"])
    printed = json.loads(capsys.readouterr().out)
    assert 0 == status
    assert (3, 1) == (printed["total"], len(printed["hits"]))
    main(["search", "幸福食堂", "--db", str(archive_path), "--limit", "1"])
    assert capsys.readouterr().out.startswith("共找到 3 篇，显示 1 篇\n")  # the text output as before


def test_cli_exits_1_without_hits(archive_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_archive(archive_path) as writer:
        one_issue(writer, Article(2, "幸福食堂开业", "正文"))
    assert 1 == main(["search", "红色邮箱", "--db", str(archive_path)])
    assert "共找到 0 篇" in capsys.readouterr().out


def test_cli_exits_2_on_a_bad_date(archive_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "幸福", "--db", str(archive_path), "--from", "yesterday"])
    assert 2 == exit_info.value.code


def test_cli_exits_2_on_an_empty_query(archive_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_archive(archive_path):
        pass
    assert 2 == main(["search", '"', "--db", str(archive_path)])
    assert "请输入" in capsys.readouterr().err


def test_cli_marks_hits_in_text_output(archive_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_archive(archive_path) as writer:
        one_issue(writer, Article(3, "标题", "这里有江绍华讲话"))
    assert 0 == main(["search", "江绍华", "--db", str(archive_path), "--sort", "newest"])
    assert "【江绍华】" in capsys.readouterr().out


def test_reimport_after_the_dictionary_changed_keeps_the_index_sound(archive_path: Path) -> None:
    with open_archive(archive_path) as archive:
        one_issue(archive, Article(1, "江绍华调研", "区长江绍华在幸福食堂"), day=4)
    plain = Segmenter(user_dict=None)  # the dictionary changed: 江绍华 is no longer a word
    with open_archive(archive_path, segmenter=plain) as archive:
        import_issue(archive, make_issue(4, (Article(1, "新标题", "红色邮箱"),)))
        assert plain.loaded
        for table in FTS_TABLES:
            archive.conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
        assert [] == headlines(archive, "江绍华")
        assert [] == headlines(archive, "标题:江绍华")
        assert ["新标题"] == headlines(archive, "红色邮箱")


@pytest.mark.parametrize("newest", [True, False])
@pytest.mark.parametrize(
    ("seed", "text"),  # from most of the archive down to a few articles; Latin, names, exclusion
    [
        (5, "的 -江绍华"),
        (5, "app"),
        (5, "江绍华"),
        (6, "网格"),
        (6, "Ｗｉ－Ｆｉ"),
        (7, "区长江绍华"),
        (7, "幸福"),
    ],
)
def test_walking_issues_by_date_orders_like_the_date_join(
    tmp_path: Path, newest: bool, seed: int, text: str
) -> None:
    """Whichever strategy the cost model picks, every page holds the same ids in the same order."""
    with random_archive(tmp_path / "a.sqlite3", seed=seed) as archive:
        archive.conn.execute("UPDATE issues SET user_date = '2022-01-05' WHERE id % 3 = 0")
        archive.conn.execute("UPDATE issues SET date = NULL WHERE id = 2")
        query = parse_query(text)
        assert isinstance(query, Query)
        plan = Plan(archive.conn, query, Filters.build(None, None, None), archive.tokenizer)
        joined = [i for i, _ in plan.joined_by_date(newest, 1000, 0)]
        assert len(joined) >= 3
        assert [i for i, _ in plan.dated_page(newest, 1000, 0, total=plan.count_all())] == joined
        for matches in (len(joined), 1):  # the first batch: sized to the share, or the whole archive
            assert joined == plan.walk_by_date(plan._accept_chars, newest, 1000, 0, matches)
            for offset, limit in ((0, 20), (7, 30), (len(joined) - 2, 20)):
                page = joined[offset : offset + limit]
                assert page == [i for i, _ in plan.joined_by_date(newest, limit, offset)]
                assert page == plan.walk_by_date(plan._accept_chars, newest, limit, offset, matches)


def test_snippet_joins_passages_with_one_ellipsis() -> None:
    from reader.text.snippet import Passage, join_passages

    first = Passage("副市长来调研幸福食堂。", ((6, 10),), leading=True, trailing=True)
    second = Passage("幸福食堂是公益项目", ((0, 4),), leading=True, trailing=True)
    joined = join_passages([first, second], lambda p: p.marked(ellipses=False))
    assert "…副市长来调研【幸福食堂】。…【幸福食堂】是公益项目…" == joined


def test_more_hits_than_sqlite_binds_in_one_statement(archive: Archive) -> None:
    """Issue 26: `search 区 --limit 260000` bound one variable a hit ("too many SQL variables")."""
    for day in range(6):
        one_issue(archive, *(Article(1, f"{day}-{n}", "幸福" * (1 + n % 3)) for n in range(100)), day=day)
    archive.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 500)
    for sort in ("relevance", "newest", "oldest"):
        result = search(archive, "幸福", sort=sort, limit=1000)
        assert 600 == result.total
        assert 600 == len({hit.id for hit in result.hits}), sort
