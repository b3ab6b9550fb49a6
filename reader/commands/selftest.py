"""`self-test`: is everything the program needs here? One Chinese line per check; status 1 naming what is not.

What a user runs when something looks wrong (the README says so), and what a helper asks for
first: Python and Qt, the Qt platform plugin, Qt's Chinese translation, the Chinese fonts of
the window and of PDFs, the files that ship with the program (user dictionary, demo issue),
the word cutter with the user dictionary in effect, and the default archive. A check that
fails names what is missing and the others still run; notes (a read-only archive, a Japanese
cut of the window font) do not fail.

Without a display it checks with Qt's offscreen plugin; with one it tries the display's plugin
first and reports when Qt had to fall back to offscreen (the window could not open). Also
`python main.py --self-test`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import reader
from reader.archive.files import write_blocker
from reader.archive.paths import default_archive_path, personal_path
from reader.archive.snapshots import newest_snapshot
from reader.resources import DEMO, REINSTALL, USER_DICTIONARY, WORD_LIST, MissingResource, locate
from reader.text.words import Segmenter, user_words

SAMPLE = "区长江绍华"  # jieba alone cuts it 区 / 长江 / 绍华; the user dictionary keeps 江绍华 whole
NAME = "江绍华"
WINDOW_SAMPLE = "报刊档案阅读器"
OK, NOTE, FAILED = "正常", "注意", "失败"


@dataclass(frozen=True)
class Check:
    """One line of the report: what was checked, how it went, what was found."""

    name: str
    status: str
    detail: str

    def line(self) -> str:
        return f"[{self.status}] {self.name}：{self.detail}"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `self-test` command."""
    parser = subparsers.add_parser(
        "self-test",
        help="自检：检查 Python、Qt、中文字体、用户词典、演示报纸、分词和默认档案",
        description="检查程序运行所需的一切，每项一行；有缺失时说明缺什么，并以状态 1 退出。"
        "程序看起来不对劲时请先运行它。",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print one line per check and the verdict; 1 when anything failed."""
    checks = run_checks()
    for check in checks:
        print(check.line())
    failed = [check.name for check in checks if check.status == FAILED]
    if failed:
        print(f"自检未通过：{'、'.join(failed)}")
        return 1
    print("自检通过")
    return 0


def run_checks() -> list[Check]:
    """Every check in report order; an unexpected error in one is its failure, not the end."""
    checks = [_program(), _python()]
    qt = _guarded("Qt", _qt)
    checks.append(qt)
    if qt.status == FAILED:
        skipped = ("Qt 平台插件", "Qt 翻译", "窗口字体", "PDF 字体")
        checks += [Check(name, FAILED, "未检查（没有 Qt）") for name in skipped]
    else:
        checks += _qt_checks()
    checks += [
        _guarded("用户词典", _user_dictionary),
        _guarded("演示报纸", _demo),
        _guarded("分词", _cutter),
        _guarded("检索切词", _query_cutter),
        _guarded("默认档案", _archive),
        _guarded("个人文件", _personal),
    ]
    return checks


def _guarded(name: str, check: Callable[[], Check]) -> Check:
    try:
        return check()
    except Exception as err:  # a diagnosis reports every problem and goes on
        return Check(name, FAILED, f"检查时出错：{type(err).__name__}: {err}")


def _program() -> Check:
    return Check("程序", OK, f"报刊档案阅读器 {reader.__version__}（{Path(reader.__file__).parent}）")


def _python() -> Check:
    import platform  # here, not at the top: every start of the command line imports this module

    return Check("Python", OK, f"{platform.python_version()}（{sys.executable}）")


def _qt() -> Check:
    try:
        import PySide6
        from PySide6.QtCore import qVersion
    except ImportError as err:
        return Check("Qt", FAILED, f"无法加载 PySide6（{err}），请重新安装")
    return Check("Qt", OK, f"Qt {qVersion()}，PySide6 {PySide6.__version__}")


def _qt_checks() -> list[Check]:
    """Platform plugin, window font, PDF font: all need the one QGuiApplication made here."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    from reader.export.errors import ExportError
    from reader.export.fonts import (
        drawn_family,
        ensure_gui_application,
        find_cjk_family,
        is_simplified_cut,
        with_simplified_chinese,
    )

    existing = QCoreApplication.instance()
    wanted, why = ("", "") if existing is not None else _platform_choice(os.environ)
    try:
        app = ensure_gui_application(wanted)  # noqa: F841 -- kept alive while the fonts are looked at
    except RuntimeError:
        return [Check("Qt 平台插件", FAILED, "已有一个不带图形的 QCoreApplication，无法检查字体")]
    got = QGuiApplication.platformName()
    if wanted and got == "offscreen" and not wanted.startswith("offscreen"):
        plugin = Check(
            "Qt 平台插件",
            FAILED,
            f"offscreen：显示器的插件（{wanted.rsplit(';', 1)[0]}）无法加载，窗口打不开；"
            "原因见 Qt 输出的 qt.qpa 提示（常见的是连不上显示器，或缺少 libxcb-cursor0 等系统库）",
        )
    else:
        plugin = Check("Qt 平台插件", OK, got + (f"（{why}）" if why else ""))
    translation = _guarded("Qt 翻译", _translation)

    # The font the window sets up (reader.gui.app.use_chinese), asked the same way.
    family = drawn_family(WINDOW_SAMPLE, with_simplified_chinese(QGuiApplication.font()))
    if family is None:
        window = Check(
            "窗口字体", FAILED, "没有能显示中文的字体，窗口里的中文会是方框；请安装 Noto Sans CJK SC"
        )
    elif not is_simplified_cut(family):
        window = Check("窗口字体", NOTE, f"{family}（不是简体中文字形，个别字的写法会不同）")
    else:
        window = Check("窗口字体", OK, family)
    try:
        pdf = Check("PDF 字体", OK, find_cjk_family())
    except ExportError as err:
        pdf = Check("PDF 字体", FAILED, str(err))
    return [plugin, translation, window, pdf]


def _translation() -> Check:
    """Qt's own buttons and dialogs (确定, 取消, 打印) in Chinese need Qt's qtbase_zh_CN.qm.

    The window's own lookup (reader.gui.translations): Qt's translations folder, which a bundle
    must carry with Qt (bundle/contents.py).
    """
    from reader.gui.translations import qt_translator, translations_folder

    translator = qt_translator()
    if translator is not None:
        return Check("Qt 翻译", OK, translator.filePath())
    folder = translations_folder()
    missing = f"找不到 Qt 的中文翻译 qtbase_zh_CN.qm（{folder}），对话框的按钮会是英文；{REINSTALL}"
    return Check("Qt 翻译", FAILED, missing)


def _platform_choice(environ: Mapping[str, str]) -> tuple[str, str]:
    """The platform plugin(s) to ask Qt for ("" for Qt's own choice) and why, as a note.

    QT_QPA_PLATFORM, when set, is the user's choice. On Linux without a display only offscreen
    can work; with one, the display's plugin is tried and offscreen after it, so that a plugin
    that cannot load is reported instead of Qt aborting the check.
    """
    if environ.get("QT_QPA_PLATFORM"):
        return "", "由 QT_QPA_PLATFORM 指定"
    if not sys.platform.startswith("linux"):
        return "", ""
    if environ.get("WAYLAND_DISPLAY"):
        return "wayland;xcb;offscreen", ""
    if environ.get("DISPLAY"):
        return "xcb;offscreen", ""
    return "offscreen", "没有显示器，用 offscreen 检查"


def _user_dictionary() -> Check:
    try:
        path = locate(USER_DICTIONARY)
    except MissingResource as err:
        return Check("用户词典", FAILED, str(err))
    return Check("用户词典", OK, f"{path}（{len(user_words(path))} 个词）")


def _demo() -> Check:
    try:
        path = locate(DEMO)
    except MissingResource as err:
        return Check("演示报纸", FAILED, str(err))
    files = sorted(child.name for child in path.iterdir() if child.is_file())
    return Check("演示报纸", OK, f"{path}（{'、'.join(files)}）")


def _cutter() -> Check:
    """The cutter the program uses, and its cut of SAMPLE: the user dictionary must be in effect."""
    segmenter = Segmenter()
    try:
        words = segmenter.cut(SAMPLE)
    except MissingResource:
        words = Segmenter(user_dict=None).cut(SAMPLE)
        return Check("分词", FAILED, f"没有用户词典：{SAMPLE} → {' / '.join(words)}（{NAME}被切开）")
    except ImportError as err:
        return Check("分词", FAILED, f"无法加载分词程序（{err}），请重新安装")
    from importlib import metadata  # here: every start of the command line imports this module

    engine = f"{segmenter.engine} {metadata.version(segmenter.engine)}"
    cut = f"{SAMPLE} → {' / '.join(words)}"
    if NAME not in words:
        return Check("分词", FAILED, f"{engine}，{cut}（用户词典没有生效：{NAME}被切开）")
    return Check("分词", OK, f"{engine}，{cut}")


def _query_cutter() -> Check:
    """The word list a query's terms are cut with (reader.text.word_table): found, and cutting
    SAMPLE as the program's cutter does; a list that disagreed would rank whole words wrongly."""
    try:
        path = locate(WORD_LIST)
        segmenter = Segmenter()
        words, expected = segmenter.cut_query(SAMPLE), segmenter.cut(SAMPLE)
    except MissingResource as err:
        return Check("检索切词", FAILED, str(err))
    cut = f"{SAMPLE} → {' / '.join(words)}"
    if words != expected:
        return Check(
            "检索切词", FAILED, f"{path}：{cut}，与分词程序的 {' / '.join(expected)} 不同，请重新安装"
        )
    return Check("检索切词", OK, f"{path}，{cut}")


def _archive() -> Check:
    """A read-only archive can still be read and searched (a note); one that cannot be made fails."""
    path = default_archive_path()
    if path.is_dir() and (newest := newest_snapshot(path)) is not None:
        return Check("默认档案", OK, f"{path}（档案员发布的共享文件夹，只读；最新版本 {newest.path.name}）")
    blocker = write_blocker(path)
    if not path.exists():
        if blocker is not None:
            return Check("默认档案", FAILED, f"{path}（尚未建立，也无法建立：{blocker}）")
        return Check("默认档案", OK, f"{path}（尚未建立，第一次启动时建立；可写）")
    if blocker is not None:
        return Check("默认档案", NOTE, f"{path}（不可写：{blocker}；只能阅读和检索）")
    return Check("默认档案", OK, f"{path}（可写）")


def _personal() -> Check:
    """Bookmarks need the personal file: one that cannot be made turns them off (a note)."""
    path = personal_path()
    blocker = write_blocker(path)
    state = "已建立" if path.exists() else "尚未建立，第一次收藏时建立"
    if blocker is not None:
        return Check("个人文件", NOTE, f"{path}（{state}；不可写：{blocker}；不能收藏）")
    return Check("个人文件", OK, f"{path}（书签和批注；{state}；可写）")
