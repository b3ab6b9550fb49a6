"""Searching the archive from the window: the search bar and its history, the controller that runs
results as you type, the result model, the keyword timeline and what the window says about a search.

Nothing is re-exported here: importing one module of the folder runs only this file besides it,
so the folder adds no import circle (tests/test_import_circles.py)."""
