"""The desktop window (PySide6 widgets and models only; every piece of data comes from reader.archive).

Entry point: `reader.gui.app.run()`. Modules have one job each: app (bootstrap), main_window
(composition), calendar_panel, article_model, reading_pane, search_bar, search_model,
search_adapter, settings, about. Features with several parts are folders: operations (the one
way to run work off the UI thread, and the window's one writer), importing (the import and its
report), printing (print, preview, PDF export).

How records are named and cited (titles, dates, source lines) comes from
reader.archive.formatting, as for the CLI and the printouts.
"""
