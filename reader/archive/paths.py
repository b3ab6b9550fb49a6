"""Where the archive lives by default: the user's data folder, or $ARCHIVE_READER_DB."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ArchiveReader"
ENV_VAR = "ARCHIVE_READER_DB"


def default_archive_path() -> Path:
    """$ARCHIVE_READER_DB if set, else <user data dir>/ArchiveReader/archive.sqlite3."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_NAME)) / "archive.sqlite3"
