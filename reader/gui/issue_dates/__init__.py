"""设定报名和日期…: giving an issue its paper, date, number and page (an undated one, or one whose
masthead prints a wrong date), changing or clearing them, from the window.

Nothing is re-exported here: importing one module of the folder runs only this file besides it,
so the folder adds no import circle (tests/test_import_circles.py)."""
