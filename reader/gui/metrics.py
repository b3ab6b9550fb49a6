"""Widths in characters: the panes say how many characters they must show, never pixels, so a
bigger font or another screen keeps the same readable line."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF

CJK_SAMPLE = "报刊档案阅读器东昌时讯第版期年月日标题批注"  # common characters of the archive's text


def average_cjk_width(font: QFont) -> float:
    """Width of an average Chinese character in `font`, in pixels."""
    return QFontMetricsF(font).horizontalAdvance(CJK_SAMPLE) / len(CJK_SAMPLE)


def chars_width(font: QFont, chars: float) -> int:
    """Pixels that `chars` Chinese characters of `font` take, rounded up."""
    return int(chars * average_cjk_width(font)) + 1
