"""The desktop window (PySide6 widgets and models only; every piece of data comes from reader.archive).

Started by reader.gui.launch (arguments of main.py, archive-reader-gui and the bundle), which
calls `reader.gui.app.run()`. Modules have one job each:

- app (bootstrap: names, translation, opening the archive), launch, translations, settings;
- main_window (composition of the panes) with actions (its QActions), window_features (wiring
  bookmarks, printing and backup into it), messages (non-blocking warnings), about;
- session (the GUI thread's read-only archive), workers (running work off the UI thread);
- calendar_panel, middle_pane (article list or search results) over article_model and
  search_model, reading_pane; roles (item roles the models share), palette (shared colours);
- search_bar, search_controller, search_adapter (the window's side of reader.archive.search);
- import_dialog, archive_care (demo removal, check and repair), backup_action;
- bookmark_store, bookmarks_panel; print_export and save_path (printing and PDF export).

How records are named and cited (titles, dates, source lines) comes from
reader.archive.formatting, as for the CLI and the printouts.
"""
