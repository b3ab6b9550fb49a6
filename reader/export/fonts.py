"""Finding a font that can show Chinese, by family name, on whatever system we run on.

Never a file path: fonts live in different places on Windows and Linux, and Qt's font database
already knows them. Without a CJK font Chinese text would print as boxes (tofu), so the lookup
fails loudly instead and no PDF is written.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextLayout

from reader.export.errors import ExportError

# Best first: Linux (Noto, Source Han, WenQuanYi), then Windows, then macOS.
PREFERRED_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Serif SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "微软雅黑",
    "SimSun",
    "宋体",
    "SimHei",
    "黑体",
    "PingFang SC",
    "Heiti SC",
    "Hiragino Sans GB",
    "STSong",
    "Noto Sans SC",
    "Noto Serif SC",
)

_SC_MARKS = ("SC", "CN", "GB", "Hans")
# Families made for Simplified Chinese alone, whose names carry no mark.
_SIMPLIFIED_ONLY = (
    "WenQuanYi",
    "Microsoft YaHei",
    "微软雅黑",
    "SimSun",
    "宋体",
    "SimHei",
    "黑体",
    "DengXian",
)
# Drawn to see which font the window's Chinese really comes from.
CHINESE_SAMPLE = "报刊档案阅读器"

NO_FONT_MESSAGE = (
    "找不到中文字体，无法导出或打印（否则中文会显示成方框）。"
    "请安装 Noto Sans CJK SC（思源黑体）或 文泉驿微米黑（WenQuanYi Micro Hei）后重试；"
    "Windows 上请确认已安装 微软雅黑 或 宋体。"
)


def ensure_gui_application(platform: str = "offscreen") -> QGuiApplication:
    """The running QGuiApplication, or a new one on `platform` ("" for Qt's own choice; Qt's
    "a;b" lists are tried in order) for the CLI, the self-test and tests.

    The caller keeps the returned object alive for as long as it renders. A plain
    QCoreApplication cannot load fonts, so that is reported as a bug (RuntimeError).
    """
    existing = QCoreApplication.instance()
    if existing is None:
        program = sys.argv[0] if sys.argv and sys.argv[0] else "reader"
        return QGuiApplication([program, "-platform", platform] if platform else [program])
    if not isinstance(existing, QGuiApplication):
        raise RuntimeError("export needs a QGuiApplication, not a bare QCoreApplication")
    return existing


def is_simplified_cut(family: str) -> bool:
    """Whether a family's name marks a Simplified-Chinese cut (a JP or TC cut draws some
    characters differently), or the family is one made for Simplified Chinese only."""
    return any(mark in family for mark in _SC_MARKS) or family.startswith(_SIMPLIFIED_ONLY)


def with_simplified_chinese(font: QFont) -> QFont:
    """`font`, with a Simplified-Chinese cut as the fallback for the Chinese it cannot draw.

    Qt finds Chinese for a widget font through the system's font configuration, which on many
    Linux desktops picks the Japanese cut of Noto Sans CJK first (直, 骨, 写 then look wrong to a
    Chinese reader). Latin text keeps the system's own UI family; only when the Chinese is drawn
    in a non-Simplified cut is an installed Simplified one (found by name) put after it, or in
    place of that cut when the font names it itself.
    Unchanged when the Chinese already looks right or no Simplified cut is installed.
    """
    drawn = drawn_family(CHINESE_SAMPLE, font)
    if drawn is not None and is_simplified_cut(drawn):
        return font
    try:
        simplified = find_cjk_family()
    except ExportError:
        return font
    if not is_simplified_cut(simplified):
        return font
    shown = set(drawn.split("、")) if drawn else set()
    families = [simplified if family in shown else family for family in font.families() or [font.family()]]
    if simplified not in families:
        families.append(simplified)
    chosen = QFont(font)
    chosen.setFamilies(families)
    return chosen


def drawn_family(text: str, font: QFont) -> str | None:
    """The family Qt really draws `text` with in `font`, fallback included; None for boxes (tofu).

    Widgets do not pick a CJK font by name as the PDF export does: Qt falls back through the
    system's font configuration, which only drawing shows. Needs a QGuiApplication.
    """
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    if not runs or any(0 in run.glyphIndexes() for run in runs):
        return None
    return "、".join(dict.fromkeys(run.rawFont().familyName() for run in runs))


def _writes_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def find_cjk_family(preferences: Sequence[str] | None = None) -> str:
    """The family name of an installed font that can write Simplified Chinese.

    With `preferences` None: the first of PREFERRED_FAMILIES that is installed, else any family
    Qt says writes Simplified Chinese. With an explicit list: only those families, in order
    (so a caller or test can insist on a font). Raises ExportError(NO_FONT_MESSAGE) when none
    fits. Needs a QGuiApplication.
    """
    installed = set(QFontDatabase.families())
    candidates = list(PREFERRED_FAMILIES if preferences is None else preferences)
    for family in candidates:
        if family in installed and _writes_chinese(family):
            return family
    if preferences is None:
        # Simplified-Chinese cuts first: a JP or TC cut draws some characters differently.
        ordered = sorted(installed, key=lambda f: (not is_simplified_cut(f), f))
        for family in ordered:
            if not QFontDatabase.isPrivateFamily(family) and _writes_chinese(family):
                return family
    raise ExportError(NO_FONT_MESSAGE)
