"""The main window's own parts (reader.gui.main_window composes them with the panes and features).

- commands: the window's QActions, its 文件 / 查看 menus and the toolbar, built in one place.
- navigation: which issue and article are shown (calendar day, latest, issue, article, Esc).
- import_commands: 导入文件… / 导入文件夹… / drops, refusing on a read-only archive, the report.
- search_status: what a search shows (hit count, heading, status bar, 导出检索结果为PDF…).
- layout: fitting a small screen: calendar and bookmarks as tabs of the left column, a toolbar
  that drops its texts before it hides a button.
"""
