"""帮助: 关于, the user guide (F1) and the list of keyboard shortcuts.

Nothing is re-exported here: importing one module of the folder runs only this file besides it,
so the folder adds no import circle (tests/test_import_circles.py)."""
