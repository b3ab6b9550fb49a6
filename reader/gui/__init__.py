"""The desktop window (PySide6 widgets and models only; every piece of data comes from reader.archive).

Entry point: `reader.gui.launch.main()` (main.py, the console script, the bundle), which starts
`reader.gui.app.run()`. Laid out by feature (docs/window-feature.md):

- at the root, the start and the window's frame: launch (arguments), app (bootstrap), main_window
  (the wiring board), session (the read connection), settings, translations, dictionary; and the
  small shared vocabulary every feature uses: messages, plain, metrics, palette, roles,
  line_breaks, save_path.
- window/: the window's own commands, menus, navigation, history, layout and outside changes.
- one folder per feature: search/, calendar/, middle/ (article list or results), reading/,
  bookmarks/, corrections/, importing/, issue_dates/, printing/, care/ (demo, check and repair,
  backup, publish), help/; operations/ is the background work, the one writer and the
  ChangeBus every operation announces its changes on (docs/window-feature.md).

How records are named and cited (titles, dates, source lines) comes from
reader.archive.formatting, as for the CLI and the printouts.
"""
