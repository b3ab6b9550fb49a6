"""Known export errors: what the user can act on, with a complete Chinese message."""

from __future__ import annotations


class ExportError(Exception):
    """No CJK font, nothing to export, an unwritable output file; `str()` is for the user."""


class ExportCancelled(ExportError):
    """The user cancelled a long export; no file was written."""

    def __init__(self) -> None:
        super().__init__("导出已取消，未写入文件")
