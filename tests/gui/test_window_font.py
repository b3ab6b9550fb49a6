"""Chinese in the window is drawn in a Simplified-Chinese cut, as the self-test asks: many Linux
desktops fall back to the Japanese cut of Noto Sans CJK, where 直, 骨 and 写 are drawn the
Japanese way."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from reader.export.fonts import (
    CHINESE_SAMPLE,
    drawn_family,
    find_cjk_family,
    is_simplified_cut,
    with_simplified_chinese,
)
from reader.gui import app as gui_app

pytestmark = pytest.mark.gui


@pytest.fixture
def simplified_installed(qapp: QApplication) -> str:
    family = find_cjk_family()
    if not is_simplified_cut(family):
        pytest.skip("no Simplified-Chinese font on this machine (scripts/setup.sh installs one)")
    return family


def test_the_application_font_draws_chinese_in_a_simplified_cut(
    qtbot: QtBot, qapp: QApplication, simplified_installed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = qapp.font()
    monkeypatch.setattr(gui_app, "qt_translator", lambda _app: None)  # only the font is at stake here
    try:
        gui_app.use_chinese(qapp)
        label = QLabel(CHINESE_SAMPLE)
        qtbot.addWidget(label)
        family = drawn_family(CHINESE_SAMPLE, label.font())
        assert family is not None and is_simplified_cut(family)
        assert (
            label.font().families()[0] == (original.families() or [original.family()])[0]
        )  # Latin as before
        label.grab()
    finally:
        qapp.setFont(original)


def test_a_font_that_names_the_japanese_cut_gets_the_simplified_one_instead(
    simplified_installed: str,
) -> None:
    if "Noto Sans CJK JP" not in QFontDatabase.families():
        pytest.skip("the Japanese cut is not installed here")
    japanese = QFont("Noto Sans CJK JP")
    assert "Noto Sans CJK JP" == drawn_family(CHINESE_SAMPLE, japanese)
    chosen = with_simplified_chinese(japanese)
    assert simplified_installed == drawn_family(CHINESE_SAMPLE, chosen)


def test_a_font_that_already_draws_simplified_chinese_is_left_alone(simplified_installed: str) -> None:
    font = QFont(simplified_installed)
    assert with_simplified_chinese(font) is font
