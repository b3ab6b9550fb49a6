"""Colours that the window's views share, so one thing looks the same wherever it is shown.

A hit is the same yellow in the result list and in the reading pane (the eye looks for that
colour after opening a result), and a source line the same brown under a result and under an
article's headline. Printouts use their own, printer-friendly colours (reader.export.markup).
"""

from __future__ import annotations

HIT_STYLE = "background-color:#ffd54f; color:#000000;"
HIT_TAG_OPEN = f'<span style="{HIT_STYLE}">'
HIT_TAG_CLOSE = "</span>"
SOURCE_COLOUR = "#7a5c2e"
# An issue day: the calendar's marked days and the year strip's months with issues.
ISSUE_COLOUR = "#b3261e"
ISSUE_BACKGROUND = "#fbe9e7"
