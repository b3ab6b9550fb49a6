"""The desktop window (PySide6 widgets and models only; every piece of data comes from reader.archive).

Entry point: `reader.gui.app.run()`. Modules and folders have one job each: app (bootstrap),
main_window (composition of the parts below), window/ (the window's commands and menus, issue
navigation, import commands, search status), bookmarks/ (store, model, panel, star),
importing/ (the import and its report), printing/ (print, preview, PDF), operations/
(background work and the one writer), calendar_panel (with year_strip), middle_pane (with
day_notice), article_model, reading_pane, search_bar, search_model, search_controller,
search_adapter, filter_notice, backup_action, archive_care, session (the read connection),
settings, metrics (widths in characters), messages, about.

How records are named and cited (titles, dates, source lines) comes from
reader.archive.formatting, as for the CLI and the printouts.
"""
