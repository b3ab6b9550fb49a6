"""The middle pane: the chosen issue's article list or the search results, and the day notice.

Nothing is re-exported here: importing one module of the folder runs only this file besides it,
so the folder adds no import circle (tests/test_import_circles.py)."""
