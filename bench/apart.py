"""Benchmarks keep away from the user's own personal file (bookmarks, notes, last place).

Every archive connection attaches the personal file (reader.archive.personal), so a benchmark run
as the developer would have upgraded and written the developer's own
~/.local/share/ArchiveReader/personal.sqlite3. Importing this module points
$ARCHIVE_READER_PERSONAL at a fresh temporary file unless the caller chose one; child processes
(the soak's window and command lines) inherit it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reader.archive.paths import PERSONAL_ENV_VAR

if not os.environ.get(PERSONAL_ENV_VAR):
    os.environ[PERSONAL_ENV_VAR] = str(Path(tempfile.mkdtemp(prefix="bench-personal-")) / "personal.sqlite3")
