"""Item data roles that more than one of the window's models answer.

The middle pane reads the article id of whichever list is in front with one role; the article
list, the search results and the bookmarks must all answer that same role, so it is defined here
once rather than as equal numbers in each model.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
