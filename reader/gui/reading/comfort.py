"""Reading comfort: the reading pane's font and line spacing (阅读设置…) and full-screen
reading (F11), remembered between runs.

Staff read long articles on screens of every size; the size (Ctrl+= / Ctrl+-) was the only
choice. The dialog shows its choices on the article at once and takes them back on 取消; the
full-screen state is part of the window geometry the window already saves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QMainWindow,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.gui.reading.pane import ReadingPane
from reader.gui.settings import DEFAULT_LINE_SPACING, MAX_LINE_SPACING, MIN_LINE_SPACING, Settings
from reader.gui.window.commands import window_action


class ReadingStyleDialog(QDialog):
    """阅读设置: a font family (or the program's own) and a line spacing, tried on the pane live."""

    def __init__(self, pane: ReadingPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingStyleDialog")
        self.setWindowTitle(self.tr("阅读设置"))
        self._pane = pane
        self._before = (pane.reading_family(), pane.line_spacing)
        self.own_font = QCheckBox(self.tr("使用程序默认的中文字体"), self)
        self.own_font.setObjectName("ownFont")
        self.family = QFontComboBox(self)
        self.family.setObjectName("fontFamily")
        self.family.setWritingSystem(QFontDatabase.WritingSystem.SimplifiedChinese)
        if self._before[0]:
            self.family.setCurrentFont(QFont(self._before[0]))
        self.own_font.setChecked(not self._before[0])
        self.family.setEnabled(bool(self._before[0]))
        self.spacing = QSpinBox(self)
        self.spacing.setObjectName("lineSpacing")
        self.spacing.setRange(MIN_LINE_SPACING, MAX_LINE_SPACING)
        self.spacing.setSingleStep(10)
        self.spacing.setSuffix(" %")
        self.spacing.setValue(self._before[1])
        form = QFormLayout()
        form.addRow(self.own_font)
        form.addRow(self.tr("字体："), self.family)
        form.addRow(self.tr("行距："), self.spacing)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.setText(self.tr("恢复默认"))
        defaults.clicked.connect(self._defaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.own_font.toggled.connect(lambda own: self.family.setEnabled(not own))
        self.own_font.toggled.connect(self._try)
        self.family.currentFontChanged.connect(self._try)
        self.spacing.valueChanged.connect(self._try)

    def chosen(self) -> tuple[str, int]:
        """(font family or '' for the program's own, line spacing in per cent)."""
        family = "" if self.own_font.isChecked() else self.family.currentFont().family()
        return family, self.spacing.value()

    def _try(self) -> None:
        self._pane.set_reading_style(*self.chosen())

    def _defaults(self) -> None:
        self.own_font.setChecked(True)
        self.spacing.setValue(DEFAULT_LINE_SPACING)

    def reject(self) -> None:
        self._pane.set_reading_style(*self._before)  # 取消 takes back what was tried
        super().reject()


class ReadingComfort(QObject):
    """阅读设置… and 全屏阅读 (F11) for `window`'s reading pane; applies the stored choice at once."""

    def __init__(self, window: QMainWindow, pane: ReadingPane, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._pane = pane
        self._settings = settings
        self.style_action = QAction(self.tr("阅读设置…"), window)
        self.style_action.triggered.connect(self.ask_style)
        self.full_screen_action = window_action(
            window,
            self.tr("全屏阅读"),
            QKeySequence(Qt.Key.Key_F11),
            tip=self.tr("全屏阅读（F11，再按一次退出）"),
        )  # a window's action: F11 works with the menu bar hidden too
        self.full_screen_action.setCheckable(True)
        self.full_screen_action.toggled.connect(self._full_screen)
        window.installEventFilter(self)  # the window's own events only: its state changes
        pane.set_reading_style(settings.reading_family, settings.line_spacing)

    def actions(self) -> list[QAction]:
        return [self.style_action, self.full_screen_action]

    def ask_style(self) -> None:
        dialog = ReadingStyleDialog(self._pane, self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.accepted.connect(lambda: self._keep(*dialog.chosen()))
        dialog.open()

    def _keep(self, family: str, line_spacing: int) -> None:
        self._settings.reading_family = family
        self._settings.line_spacing = line_spacing

    def _full_screen(self, on: bool) -> None:
        state = self._window.windowState()
        if on:
            self._window.setWindowState(state | Qt.WindowState.WindowFullScreen)
        else:
            self._window.setWindowState(state & ~Qt.WindowState.WindowFullScreen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window went in or out of full screen by other means (restored geometry, the
        window manager): the check mark follows."""
        if watched is self._window and event.type() == QEvent.Type.WindowStateChange:
            full = bool(self._window.windowState() & Qt.WindowState.WindowFullScreen)
            if full != self.full_screen_action.isChecked():
                self.full_screen_action.blockSignals(True)
                self.full_screen_action.setChecked(full)
                self.full_screen_action.blockSignals(False)
        return super().eventFilter(watched, event)
