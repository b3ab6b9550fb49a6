"""The main window's own parts (reader.gui.main_window composes them with the panes and features).

- commands: the window's QActions, its 文件 / 查看 menus and the toolbar, built in one place.
- navigation: which issue and article are shown (calendar day, latest, issue, article, Esc).
- history, resume, hit_steps, citations: back / forward, the last place read, F3, 复制引文.
- outside_changes, snapshot_updates, shared_folder, read_only: what other programs change, a
  published folder, and an archive the window cannot write.
- layout: fitting a small screen: calendar and bookmarks as tabs of the left column, a toolbar
  that drops its texts before it hides a button.
"""
