"""Decoding: the same issue in any encoding staff save parses to the same articles; bad files are refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from cli_support import JULY_ISSUE, out_text, run_cli
from corpus_support import corpus_files

from reader.archive.importer import ImportReport
from reader.gui.importing.report import report_html
from reader.text import SourceError, read_issue
from reader.text.cancel import cancel_scope
from reader.text.decode import decode_bytes, decode_file
from reader.text.errors import Cancelled

CASES = corpus_files()


def encodings(text: str) -> dict[str, bytes]:
    crlf = text.replace("\n", "\r\n")
    return {
        "utf-8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "gb18030-crlf": crlf.encode("gb18030"),
        "gbk-cr": text.replace("\n", "\r").encode("gb18030"),
        "utf-16-le-bom": text.encode("utf-16"),
        "utf-16-be-bom-crlf": codecs.BOM_UTF16_BE + crlf.encode("utf-16-be"),
    }


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_every_encoding_parses_to_the_same_issue(case: Path, tmp_path: Path) -> None:
    original = read_issue(case)
    for name, data in encodings(case.read_text(encoding="utf-8")).items():
        copy = tmp_path / name / case.name
        copy.parent.mkdir()
        copy.write_bytes(data)
        assert original == read_issue(copy), name


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "空"),
        (b"\n \r\n\t\n", "空"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "不是文本"),
        (b"%PDF-1.7\n" + bytes(range(128, 256)) * 8, "编码"),
        ("东昌时讯".encode() + b"\xff\xfe\xfa" * 3 + b"\x81\x30", "编码"),
    ],
    ids=["empty", "blank", "zip", "pdf", "undecodable"],
)
def test_bad_files_are_refused_with_the_file_named(tmp_path: Path, data: bytes, reason: str) -> None:
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        read_issue(bad)
    assert "坏文件.txt" in str(caught.value)
    assert reason in caught.value.reason


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="不存在"):
        read_issue(tmp_path / "没有.txt")


# --- encodings told apart by what the text says (issue 9, item 3) ------------------------------

SIMPLIFIED = (
    "东昌府讯 7月4日上午，区委副书记、区长江绍华带队到古楼街道、新区街道调研城市更新和老旧小区改造工作。"
    "他先后来到光岳楼周边、运河文化广场和幸福食堂，实地察看项目进展，听取有关情况汇报。\n"
    "江绍华指出，老旧小区改造是重大民生工程，也是发展工程，要坚持问需于民、问计于民，"
    "把群众最关心、最直接、最现实的利益问题解决好。要统筹推进水、电、气、暖等基础设施改造，"
    "同步完善养老、托育、停车、充电等配套服务，让居民住得更舒心、更安心。\n"
    "调研中，江绍华还详细了解了幸福食堂的运营情况。今年以来，全区已建成幸福食堂46处，"
    "累计服务老年人12.6万人次。他强调，要加强食品安全管理，丰富菜品种类，严格落实补贴政策，"
    "确保老年人吃得放心、吃得满意。区领导赵亚秋、刘兆华参加调研。（融媒体 全兴社）\n"
)
TRADITIONAL = (
    "本報訊 七月四日上午，區長帶隊到古樓街道、新區街道調研城市更新和老舊社區改造工作。"
    "他先後來到光嶽樓周邊、運河文化廣場和幸福食堂，實地察看項目進展，聽取有關情況匯報。\n"
    "區長指出，老舊社區改造是重大民生工程，也是發展工程，要堅持問需於民、問計於民，"
    "把群眾最關心、最直接、最現實的利益問題解決好。要統籌推進水、電、氣、暖等基礎設施改造，"
    "同步完善養老、托育、停車、充電等配套服務，讓居民住得更舒心、更安心。\n"
    "調研中，區長還詳細了解了幸福食堂的營運情況。今年以來，全區已建成幸福食堂四十六處，"
    "累計服務老年人十二萬人次。他強調，要加強食品安全管理，豐富菜色種類，嚴格落實補貼政策，"
    "確保老年人吃得放心、吃得滿意。（記者 王大明）\n"
)
JAPANESE = (
    "東京都は四日、市街地の再開発と古い団地の改修について、住民説明会を開いた。"
    "会場には近くに住む高齢者や子育て中の家族など約百人が集まり、担当者の説明に耳を傾けた。\n"
    "都の担当者は「水道や電気、ガスなどの設備を一体的に改修し、住みやすい町づくりを進めたい」と述べた。"
    "参加者からは、工事中の騒音や駐車場の確保について質問が相次いだ。\n"
    "説明会の後、ある女性は「年を取っても安心して暮らせる町にしてほしい」と話していた。\n"
)
KOREAN = (
    "서울시는 4일 시내 재개발과 오래된 아파트 단지의 개보수에 관한 주민 설명회를 열었다. "
    "회장에는 인근에 사는 노인과 아이를 키우는 가족 등 약 백 명이 모여 담당자의 설명에 귀를 기울였다.\n"
    "담당자는 수도와 전기, 가스 등의 설비를 일체적으로 개보수해 "
    "살기 좋은 마을 만들기를 추진하고 싶다고 말했다. "
    "참가자들은 공사 중의 소음과 주차장 확보에 대해 잇따라 질문했다.\n"
)
# A list of place names: real Chinese with few of the most frequent characters.
PLACES = (
    "东昌府区：古楼街道、柳园街道、新区街道、湖西街道、道口铺街道、阎寺街道、凤凰街道、北城街道、"
    "侯营镇、沙镇镇、堂邑镇、梁水镇镇、斗虎屯镇、郑家镇、张炉集镇、于集镇、许营镇、朱老庄镇、"
    "顾官屯镇、广平乡。茌平区：振兴街道、信发街道、温陈街道、乐平铺镇、冯官屯镇、菜屯镇、博平镇、"
    "杜郎口镇、韩屯镇、胡屯镇、肖家庄镇、贾寨镇、洪官屯镇、杨官屯乡。\n"
)
# Names with characters outside GB2312 (堃, 喆, 昇, 𠮷 from CJK extension B): real, and rare.
RARE_NAMES = SIMPLIFIED.replace("赵亚秋", "王堃、李喆").replace("刘兆华", "陈昇、𠮷田")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (SIMPLIFIED, "gb18030"),
        (SIMPLIFIED, "utf-8"),
        (SIMPLIFIED, "utf-16-le"),
        (SIMPLIFIED, "utf-16-be"),
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "gb18030"),
        (TRADITIONAL, "utf-16-le"),
        (JAPANESE, "cp932"),
        (JAPANESE, "utf-16-be"),
        (RARE_NAMES, "gb18030"),
        (PLACES, "gb18030"),
        (KOREAN, "utf-8"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else v[:4],
)
def test_a_passage_decodes_to_itself_whatever_it_was_saved_in(text: str, codec: str) -> None:
    assert text == decode_bytes(text.encode(codec), "稿件.txt")


def test_big5_text_is_read_as_big5_though_it_also_decodes_as_gb18030() -> None:
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # no error: a strict decode alone would take the garbage
    assert TRADITIONAL == decode_bytes(data, "繁体.txt")


@pytest.mark.parametrize(
    ("text", "codec"),
    # Each decodes without error as GB18030 (and EUC-JP as Big5 and Shift-JIS too), as garbage:
    # EUC-JP gives kana and rare hanzi, EUC-KR gives common hanzi but not the frequent ones.
    [(JAPANESE, "euc_jp"), (KOREAN, "euc_kr")],
    ids=["euc-jp", "euc-kr"],
)
def test_text_no_encoding_reads_plausibly_is_refused_naming_file_and_encodings(text: str, codec: str) -> None:
    with pytest.raises(SourceError) as caught:
        decode_bytes(text.encode(codec), "外文.txt")
    message = str(caught.value)
    assert message.startswith("外文.txt：无法确定文件编码")
    for tried in ("UTF-8", "GB18030", "Big5", "Shift-JIS", "UTF-16"):
        assert tried in message


@pytest.mark.parametrize(
    ("data", "label", "byte"),
    [
        (codecs.BOM_UTF8 + b"\xff", "UTF-8", 4),
        (codecs.BOM_UTF8 + "东昌".encode() + b"\xe4\xb8" + "完".encode(), "UTF-8", 10),
        (codecs.BOM_UTF16_BE + b"\xd8\x00\x00A", "UTF-16", 3),
        (codecs.BOM_UTF32_LE + b"\xff\xff\xff\xff", "UTF-32", 5),
    ],
    ids=["utf8-ff", "utf8-broken-inside", "utf16-lone-surrogate", "utf32-out-of-range"],
)
def test_a_bom_followed_by_bad_bytes_is_a_source_error_saying_where(
    data: bytes, label: str, byte: int
) -> None:
    with pytest.raises(SourceError) as caught:
        decode_bytes(data, "标记.txt")
    assert f"标记.txt：以 {label} 标记开头，但第 {byte} 字节起不是有效的 {label}" == str(caught.value)


def test_refusals_never_quote_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "乱码.txt"
    for data in (codecs.BOM_UTF8 + b"\xff" * 5000, bytes(range(0x81, 0xFF)) * 50, JAPANESE.encode("euc_jp")):
        bad.write_bytes(data)
        with pytest.raises(SourceError) as caught:
            read_issue(bad)
        assert len(str(caught.value)) < 120


# One rule for a file cut off mid-character, in every encoding (issue 21, item 9): read it without
# the incomplete last character, and say so naming where that character starts and its bytes.
CUT_CASES = [
    # (text, codec without a mark, the mark, label, bytes cut off the last character)
    (SIMPLIFIED + "江绍华", "utf-8", b"", "UTF-8", 1),
    (SIMPLIFIED + "江绍华", "utf-8", b"", "UTF-8", 2),
    (SIMPLIFIED + "江绍华", "utf-8", codecs.BOM_UTF8, "UTF-8", 1),
    (SIMPLIFIED + "江绍华", "gb18030", b"", "GB18030", 1),
    (SIMPLIFIED + "王𠮷", "gb18030", b"", "GB18030", 2),
    (TRADITIONAL + "區長", "big5", b"", "Big5", 1),
    (JAPANESE + "東京", "cp932", b"", "Shift-JIS", 1),
    (SIMPLIFIED + "江绍华", "utf-16-le", b"", "UTF-16", 1),
    (SIMPLIFIED + "江绍华", "utf-16-be", b"", "UTF-16", 1),
    (SIMPLIFIED + "王𠮷", "utf-16-be", b"", "UTF-16", 2),
    (SIMPLIFIED + "江绍华", "utf-16-le", codecs.BOM_UTF16_LE, "UTF-16", 1),
]


@pytest.mark.parametrize(
    ("text", "codec", "mark", "label", "cut"),
    CUT_CASES,
    ids=[f"{case[3]}{'-bom' if case[2] else ''}-{case[1]}-cut{case[4]}" for case in CUT_CASES],
)
def test_a_file_cut_off_mid_character_is_read_without_it_and_says_where(
    text: str, codec: str, mark: bytes, label: str, cut: int
) -> None:
    whole = mark + text.encode(codec)
    last = text[-1].encode(codec)
    decoded = decode_file(whole[:-cut], "截断.txt")
    assert text[:-1] == decoded.text
    start = len(whole) - len(last)
    shown = " ".join(f"{byte:02X}" for byte in last[:-cut])
    expected = (
        f"按 {label} 读取时，文件末尾的最后一个字符不完整（第 {start + 1} 字节起的 {shown}），"
        "已略去；文件可能在保存或复制时被截断"
    )
    assert (expected,) == decoded.notes()


def test_a_whole_file_has_no_notes() -> None:
    assert () == decode_file(SIMPLIFIED.encode("gb18030"), "完整.txt").notes()


def test_a_byte_lost_inside_the_file_is_still_refused_as_damaged() -> None:
    data = SIMPLIFIED.encode("utf-8")
    middle = len(data) * 3 // 4
    while data[middle] < 0xC0:  # the first byte of a character
        middle += 1
    damaged = data[:middle] + data[middle + 1 :]
    with pytest.raises(SourceError) as caught:
        decode_bytes(damaged, "损坏.txt")
    assert caught.value.reason.startswith(f"看起来是 UTF-8 文本，但第 {middle + 1} 字节起不是有效的 UTF-8")


def test_importing_a_cut_file_reports_the_cut_character(tmp_path: Path) -> None:
    issue = tmp_path / "截断.txt"
    whole = (JULY_ISSUE.rstrip() + "江").encode("utf-8")
    issue.write_bytes(whole[:-1])
    done = run_cli("import", str(issue), "--db", str(tmp_path / "a.sqlite3"))
    assert 0 == done.returncode
    note = (
        "    注意：截断.txt：按 UTF-8 读取时，文件末尾的最后一个字符不完整"
        f"（第 {len(whole) - 2} 字节起的 E6 B1），已略去；文件可能在保存或复制时被截断"
    )
    assert note in out_text(done).splitlines()


def test_the_window_report_lists_the_notes() -> None:
    report = ImportReport(notes=[(Path("截断.txt"), "按 UTF-8 读取时，文件末尾的最后一个字符不完整")])
    assert "<li>截断.txt：按 UTF-8 读取时，文件末尾的最后一个字符不完整</li>" in report_html(report, str)


# --- Shift-JIS and UTF-16 without a mark (issue 21, item 9) --------------------------------------


@pytest.mark.parametrize(
    "text", [TRADITIONAL, SIMPLIFIED, PLACES], ids=["traditional", "simplified", "places"]
)
def test_chinese_saved_as_shift_jis_is_read_as_shift_jis(text: str) -> None:
    # As a Japanese-locale Notepad saves it: characters that are no JIS kanji become "?".
    data = text.encode("cp932", errors="replace")
    assert data.decode("cp932") == decode_bytes(data, "日文系统.txt")


@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL, PLACES, RARE_NAMES, "东昌时讯\n幸福食堂开业\n"])
def test_gbk_text_is_not_taken_for_shift_jis(text: str) -> None:
    assert text == decode_bytes(text.encode("gb18030"), "国标.txt")


# A post copied from a phone: emoji and symbols are more than a tenth of its characters.
POST = (
    "🎉🎉东昌府区第一家幸福食堂开业啦！👍\n老人刷卡就能吃上热乎饭😋，每餐只要5元💰。\n"
    "地址📍：古楼街道光岳路12号\n电话☎️：0635-1234567\n欢迎大家转发🙏🙏\n"
)


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
@pytest.mark.parametrize("text", [POST, KOREAN], ids=["post", "korean"])
def test_utf16_without_a_mark_is_told_by_its_nul_bytes(text: str, codec: str) -> None:
    assert text == decode_bytes(text.encode(codec), "无标记.txt")


def test_a_binary_file_with_nul_bytes_is_still_refused_as_binary() -> None:
    png = (
        b"\x89PNG\r\n\x1a\n"
        + b"\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x1f" * 40
    )
    with pytest.raises(SourceError) as caught:
        decode_bytes(png, "图片.txt")
    assert "图片.txt：文件含有空字节，不是文本文件（可能是 Word、PDF、压缩包或图片）" == str(caught.value)


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-8"])
def test_a_long_file_is_decoded_a_megabyte_at_a_time_asking_whether_to_cancel(encoding: str) -> None:
    """A cancel must take effect within a fraction of a second on the largest file: decoding
    20 MB of GB18030 in one call took over a second without the question."""
    data = ("本報訊 七月四日上午，區長帶隊到古樓街道。\n" * 200_000).encode(encoding)
    asked = 0

    def count() -> bool:
        nonlocal asked
        asked += 1
        return False

    with cancel_scope(count, "x.txt"):
        decoded = decode_file(data, "x.txt")
    assert decoded.text.startswith("本報訊")
    assert asked >= len(data) // (1 << 20)
    with pytest.raises(Cancelled), cancel_scope(lambda: True, "x.txt"):
        decode_file(data, "x.txt")
