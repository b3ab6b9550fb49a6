"""The window places every feature's actions itself (printing, backup, archive care, bookmarks):
the menus and the toolbar read as they did when the features put themselves in."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from reader.gui.main_window import MainWindow


def _texts(menu: QMenu) -> list[str]:
    return [action.text() or "---" for action in menu.actions()]


def test_file_menu_groups_the_features_in_order(corpus_window: MainWindow) -> None:
    assert [
        "打印…", "打印预览…", "导出为PDF/Word…", "导出书签为剪报册…", "---",
        "导出检索结果为PDF…", "导入文件…", "导入文件夹…", "---",
        "备份档案…", "发布到共享文件夹…", "---",
        "打开共享档案…", "改回本机档案", "---",
        "删除演示报纸", "检查并修复档案…", "---",
        "专有名词词典…", "报纸名称…", "---",
        "退出",
    ] == _texts(corpus_window.commands.file_menu)  # fmt: skip


def test_view_menu_ends_with_the_bookmark_star_and_panel(corpus_window: MainWindow) -> None:
    assert [
        "检索全部报纸", "返回本期", "在本文中查找…", "上一处", "下一处", "---",
        "上一篇", "下一篇", "最新一期", "---",
        "放大字号", "缩小字号", "---",
        "复制标题", "复制全文", "复制引文", "---",
        "收藏本文", "书签", "---",
        "后退", "前进", "---",
        "阅读设置…", "全屏阅读",
    ] == _texts(corpus_window.commands.view_menu)  # fmt: skip


def test_corrections_menu_holds_undo_the_article_commands_and_the_failed_list(
    corpus_window: MainWindow,
) -> None:
    menus = [a.text() for a in corpus_window.menuBar().actions()]
    assert ["文件(&F)", "查看(&V)", "校订(&C)", "帮助(&H)"] == menus
    assert [
        "撤销校订", "重做校订", "---",
        "修改标题/引题/署名…", "从此段拆分…", "与下一篇合并", "设为图片说明", "修改正文…",
        "查看原文", "---",
        "未能应用的校订…",
    ] == _texts(corpus_window.corrections.menu)  # fmt: skip


def test_toolbar_has_search_navigation_and_bookmarks(corpus_window: MainWindow) -> None:
    actions = corpus_window.toolbar.actions()
    assert corpus_window.toolbar.widgetForAction(actions[0]) is corpus_window.search_bar
    assert ["后退", "前进", "上一篇", "下一篇", "收藏本文", "书签"] == [a.text() for a in actions[2:]]
    assert "Ctrl+B" == corpus_window.bookmarks.toggle_dock.shortcut().toString()


def test_the_bookmarks_entry_shows_and_hides_the_dock(corpus_window: MainWindow) -> None:
    dock = corpus_window.bookmarks.dock
    assert not dock.isVisible()
    corpus_window.bookmarks.toggle_dock.trigger()
    assert dock.isVisible()
    corpus_window.bookmarks.toggle_dock.trigger()
    assert not dock.isVisible()
