"""What the window remembers between runs, in a bare QSettings().

`app.run()` sets organization and application name before anything else, so QSettings() finds
the same store everywhere without passing it around. Key names live here and nowhere else.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings

DEFAULT_FONT_PT = 13
MIN_FONT_PT = 8
MAX_FONT_PT = 32
DEFAULT_LINE_SPACING = 160  # per cent of the font's line height, in the reading pane
MIN_LINE_SPACING = 100
MAX_LINE_SPACING = 300


class Settings:
    """Typed access to the stored values; missing or garbled values fall back to defaults."""

    def __init__(self) -> None:
        self._store = QSettings()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _int(self, key: str, default: int | None) -> int | None:
        value = self._store.value(key)
        try:
            return int(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    @property
    def font_pt(self) -> int:
        """Reading-pane font size in points, within sane limits."""
        value = self._int("reading/font_pt", DEFAULT_FONT_PT) or DEFAULT_FONT_PT
        return max(MIN_FONT_PT, min(MAX_FONT_PT, value))

    @font_pt.setter
    def font_pt(self, value: int) -> None:
        self._store.setValue("reading/font_pt", int(value))

    @property
    def line_spacing(self) -> int:
        """Reading-pane line spacing in per cent, within sane limits."""
        value = self._int("reading/line_spacing", DEFAULT_LINE_SPACING) or DEFAULT_LINE_SPACING
        return max(MIN_LINE_SPACING, min(MAX_LINE_SPACING, value))

    @line_spacing.setter
    def line_spacing(self, value: int) -> None:
        self._store.setValue("reading/line_spacing", int(value))

    @property
    def reading_family(self) -> str:
        """The font family chosen for reading; '' for the program's own choice."""
        value = self._store.value("reading/family", "")
        return value if isinstance(value, str) else ""

    @reading_family.setter
    def reading_family(self, value: str) -> None:
        self._store.setValue("reading/family", value)

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    @property
    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter_state.setter
    def splitter_state(self, value: QByteArray) -> None:
        self._store.setValue("window/splitter", value)

    @property
    def last_import_dir(self) -> str:
        value = self._store.value("import/last_dir", "")
        return value if isinstance(value, str) else ""

    @last_import_dir.setter
    def last_import_dir(self, value: str) -> None:
        self._store.setValue("import/last_dir", value)

    @property
    def last_backup_dir(self) -> str:
        """The folder of the last backup, offered again for the next one."""
        value = self._store.value("backup/last_dir", "")
        return value if isinstance(value, str) else ""

    @last_backup_dir.setter
    def last_backup_dir(self, value: str) -> None:
        self._store.setValue("backup/last_dir", value)

    @property
    def last_publish_dir(self) -> str:
        """The shared folder of the last publish, offered again for the next one."""
        value = self._store.value("publish/last_dir", "")
        return value if isinstance(value, str) else ""

    @last_publish_dir.setter
    def last_publish_dir(self, value: str) -> None:
        self._store.setValue("publish/last_dir", value)

    @property
    def shared_folder(self) -> str:
        """The published folder this user reads instead of their own archive ("" for none)."""
        value = self._store.value("archive/shared_folder", "")
        return value if isinstance(value, str) else ""

    @shared_folder.setter
    def shared_folder(self, value: str) -> None:
        if value:
            self._store.setValue("archive/shared_folder", value)
        else:
            self._store.remove("archive/shared_folder")

    @property
    def recent_searches(self) -> list[str]:
        """The user's recent queries, newest first (stored as JSON: QSettings turns a list of
        one string into that string in some formats)."""
        value = self._store.value("search/recent", "[]")
        try:
            items = json.loads(value) if isinstance(value, str) else []
        except ValueError:
            return []
        return [item for item in items if isinstance(item, str)] if isinstance(items, list) else []

    @recent_searches.setter
    def recent_searches(self, value: list[str]) -> None:
        self._store.setValue("search/recent", json.dumps(list(value), ensure_ascii=False))

    def sync(self) -> None:
        self._store.sync()
