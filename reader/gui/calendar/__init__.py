"""The left pane's calendar: issue days, the year strip, undated issues and missing issues drawn in.

Nothing is re-exported here: importing one module of the folder runs only this file besides it,
so the folder adds no import circle (tests/test_import_circles.py)."""
