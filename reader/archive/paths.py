"""Where the program keeps files by default: the user's data folder (platformdirs).

The archive ($ARCHIVE_READER_DB overrides it) and the user's personal file ($ARCHIVE_READER_PERSONAL):
bookmarks and notes belong to the person, not to the archive, so they live beside the user's
own things even when the archive is a colleague's published copy on a share.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ArchiveReader"
ENV_VAR = "ARCHIVE_READER_DB"
PERSONAL_ENV_VAR = "ARCHIVE_READER_PERSONAL"


def user_data_folder() -> Path:
    """<user data dir>/ArchiveReader (Linux ~/.local/share/ArchiveReader, Windows
    %LOCALAPPDATA%\\ArchiveReader\\ArchiveReader)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_NAME))


def _override(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def default_archive_path() -> Path:
    """$ARCHIVE_READER_DB if set, else <user data dir>/ArchiveReader/archive.sqlite3."""
    return _override(ENV_VAR) or user_data_folder() / "archive.sqlite3"


def personal_path() -> Path:
    """The user's personal file (bookmarks, notes): $ARCHIVE_READER_PERSONAL if set, else
    <user data dir>/ArchiveReader/personal.sqlite3. One per user, for every archive they open."""
    return _override(PERSONAL_ENV_VAR) or user_data_folder() / "personal.sqlite3"
