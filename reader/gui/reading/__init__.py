"""The reading pane, its find bar (Ctrl+F) and the reading comfort settings (font, spacing, F11).

Nothing is re-exported here: importing one module of the folder runs only this file besides it,
so the folder adds no import circle (tests/test_import_circles.py)."""
