"""报纸名称…: renaming a paper or merging two spellings of one, from the window.

Nothing is re-exported here: importing one module of the folder runs only this file besides it,
so the folder adds no import circle (tests/test_import_circles.py)."""
