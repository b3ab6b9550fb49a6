"""The window's commands as QActions, its menus and its toolbar, built in one place.

Each action exists once, so a shortcut is never bound twice (Qt would call it ambiguous). The
features (printing, backup, archive care, bookmarks) make their own actions; the window hands
them to `add_file_group` / `add_view_group` so the menu order is decided here, not by the
features reaching into the menu.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar, QWidget


@dataclass(frozen=True)
class Commands:
    """The window's own actions and its 文件 / 查看 menus (named `commands`, not `actions`:
    QWidget.actions() is Qt's list of a widget's actions)."""

    import_files: QAction
    import_folder: QAction
    quit: QAction
    find: QAction
    search_archive: QAction
    back_to_issue: QAction
    previous_hit: QAction
    next_hit: QAction
    previous: QAction
    next: QAction
    latest: QAction
    zoom_in: QAction
    zoom_out: QAction
    copy_title: QAction
    copy_article: QAction
    copy_citation: QAction
    shortcuts: QAction
    about: QAction
    export_results: QAction
    file_menu: QMenu
    view_menu: QMenu

    def add_file_group(self, actions: list[QAction], *, before_import: bool = False) -> None:
        """Put a feature's actions into 文件 as a group of their own: above 导出检索结果为PDF…
        and the import commands (`before_import`), else just above 退出."""
        menu = self.file_menu
        anchor = self.export_results if before_import else self.quit
        menu.insertActions(anchor, actions)
        menu.insertSeparator(anchor)

    def add_view_group(self, actions: list[QAction]) -> None:
        """Append a feature's actions to 查看, after a separator."""
        self.view_menu.addSeparator()
        self.view_menu.addActions(actions)


def window_action(
    window: QMainWindow, text: str, *keys: QKeySequence | QKeySequence.StandardKey | str, tip: str = ""
) -> QAction:
    """An action of the window: its shortcuts (the first is shown in menus), its tip as tooltip
    and status tip, and added to the window so the keys work wherever the focus is."""
    action = QAction(text, window)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    window.addAction(action)
    return action


def build_commands(window: QMainWindow) -> Commands:
    """Create the actions and put them into the menu bar."""
    tr = window.tr
    icons = window.style()
    menu = window.menuBar()
    actions = Commands(
        import_files=window_action(window, tr("导入文件…"), QKeySequence.StandardKey.Open),
        import_folder=window_action(window, tr("导入文件夹…"), "Ctrl+Shift+O"),
        quit=window_action(window, tr("退出"), "Ctrl+Q"),
        find=window_action(
            window,
            tr("在本文中查找…"),
            QKeySequence.StandardKey.Find,
            tip=tr("在阅读区的这篇文章中查找（Ctrl+F）"),
        ),
        search_archive=window_action(
            window, tr("检索全部报纸"), "Ctrl+K", "Ctrl+L", tip=tr("到检索框，在全部报纸中检索（Ctrl+K）")
        ),
        back_to_issue=window_action(
            window, tr("返回本期"), "Esc", tip=tr("离开检索结果，回到所选的一期（Esc）")
        ),
        previous_hit=window_action(
            window, tr("上一处"), "Shift+F3", tip=tr("文章中的上一处检索词（Shift+F3）")
        ),
        next_hit=window_action(window, tr("下一处"), "F3", tip=tr("文章中的下一处检索词（F3）")),
        previous=window_action(window, tr("上一篇"), "Alt+Up", tip=tr("上一篇文章（Alt+↑）")),
        next=window_action(window, tr("下一篇"), "Alt+Down", tip=tr("下一篇文章（Alt+↓）")),
        latest=window_action(window, tr("最新一期"), "Ctrl+Home"),
        zoom_in=window_action(window, tr("放大字号"), "Ctrl+=", "Ctrl++", tip=tr("放大字号（Ctrl+=）")),
        zoom_out=window_action(window, tr("缩小字号"), "Ctrl+-", tip=tr("缩小字号（Ctrl+-）")),
        copy_title=window_action(window, tr("复制标题"), tip=tr("复制所选文章（或正在阅读的一篇）的标题")),
        copy_article=window_action(
            window,
            tr("复制全文"),
            "Ctrl+Shift+C",
            tip=tr("复制所选文章（或正在阅读的一篇）的全文和出处（Ctrl+Shift+C）"),
        ),
        copy_citation=window_action(
            window,
            tr("复制引文"),
            "Ctrl+Alt+C",
            tip=tr("复制所选文章（或正在阅读的一篇）的 GB/T 7714 引文（Ctrl+Alt+C）"),
        ),
        shortcuts=window_action(window, tr("快捷键…")),
        about=window_action(window, tr("关于…")),
        export_results=window_action(window, tr("导出检索结果为PDF…")),
        file_menu=menu.addMenu(tr("文件(&F)")),
        view_menu=menu.addMenu(tr("查看(&V)")),
    )
    actions.previous.setIcon(icons.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
    actions.next.setIcon(icons.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
    actions.import_files.setIcon(icons.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))

    actions.export_results.setEnabled(False)  # until a search found something
    actions.previous_hit.setEnabled(False)  # until an article with hits is shown
    actions.next_hit.setEnabled(False)
    file_menu = actions.file_menu
    file_menu.addActions([actions.export_results, actions.import_files, actions.import_folder])
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    view_menu = actions.view_menu
    view_menu.addActions([actions.search_archive, actions.back_to_issue, actions.find])
    view_menu.addActions([actions.previous_hit, actions.next_hit])
    view_menu.addSeparator()
    view_menu.addActions([actions.previous, actions.next, actions.latest])
    view_menu.addSeparator()
    view_menu.addActions([actions.zoom_in, actions.zoom_out])
    view_menu.addSeparator()
    view_menu.addActions([actions.copy_title, actions.copy_article, actions.copy_citation])
    help_menu = menu.addMenu(tr("帮助(&H)"))
    help_menu.addActions([actions.shortcuts, actions.about])
    return actions


def build_toolbar(window: QMainWindow, commands: Commands, search_bar: QWidget) -> QToolBar:
    """The toolbar: the search bar, then 上一篇 / 下一篇; features append their actions later."""
    toolbar = QToolBar(window.tr("工具栏"), window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addWidget(search_bar)
    toolbar.addSeparator()
    toolbar.addActions([commands.previous, commands.next])
    window.addToolBar(toolbar)
    return toolbar
