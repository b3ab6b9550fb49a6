"""Looking after the archive from the window: demo removal, check and repair, backup, publishing.

Nothing is re-exported here: importing one module of the folder runs only this file besides it,
so the folder adds no import circle (tests/test_import_circles.py)."""
