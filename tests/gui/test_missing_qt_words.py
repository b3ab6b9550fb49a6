"""The translator of Qt's missing words must leave every other word alone: it answered "" for
them, which Qt takes as a translation, so once the program set up its Chinese words at start
every text of its own (menus, the about box) could come out blank."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from reader.gui import app as gui_app
from reader.gui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def chinese_qt(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """Qt's words in Chinese as the program sets them up at start (the translators kept alive,
    as the program's run keeps them), taken away afterwards."""
    font, locale = qapp.font(), QLocale()
    gui_app.use_chinese(qapp)
    installed = qapp.findChildren(QTranslator)
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    qapp.setFont(font)
    QLocale.setDefault(locale)


def test_the_programs_own_words_survive_the_missing_words_translator(
    chinese_qt: list[QTranslator], corpus_window: MainWindow
) -> None:
    assert chinese_qt  # the program's translators are in place
    assert "关于 报刊档案阅读器" == QCoreApplication.translate("MainWindow", "关于 报刊档案阅读器")
    assert "查找范围(&L)：" == QCoreApplication.translate("QFileDialog", "&Look in:")
    assert "文件(&F)" == corpus_window.menuBar().actions()[0].text()
    assert "找到 2 篇" == corpus_window.tr("找到 {0} 篇").format(2)
