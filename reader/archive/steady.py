"""Reading an archive that someone else may rewrite while it is read.

An ordinary connection needs none of this: SQLite's locks give every read transaction one
consistent snapshot. An archive in a place this program cannot write (a read-only share, a
colleague's folder) is opened immutable, or `mode=ro` when a -wal lies beside it
(reader.archive.db.connect_reader). An immutable connection takes no locks and trusts its page
cache, and a `mode=ro` one cannot take the -wal's locks properly there: if the file is rewritten under it (a
colleague imports, or runs VACUUM), a read may mix old and new pages, fail as "malformed", find
an id gone, or return wrong rows without any error. The file's stamp (size, time, inode of the
archive and its -wal, by stat alone) tells when that may have happened: a read is used only when
the stamp was the same before and after it; otherwise the connection is opened anew and the read
runs again. A change inside one tick of the file system's clock that keeps the size is not seen:
an archive shared with writers belongs in the published, never-rewritten form instead.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from reader.archive.db import reopen
from reader.archive.errors import ArchiveError
from reader.archive.handle import Archive

T = TypeVar("T")

# Seconds to wait before each further try: a colleague's import rewrites the file in bursts.
PAUSES = (0.0, 0.1, 0.3, 0.6, 1.0)


def read_steadily(archive: Archive, work: Callable[[Archive], T]) -> T:
    """`work(archive)`, run again on a fresh connection while the file changed under it.

    Errors of a read the file did not change under are the read's own and are raised as they
    are. Raises ArchiveError ("changing") when the file kept changing through every try.
    """
    for pause in PAUSES:
        if pause:  # sleep(0) still yields the processor: 18 of them cost 0.25 s of a start under load
            time.sleep(pause)
        if archive.changed_on_disk():
            reopen(archive)
        try:
            result = work(archive)
        except (sqlite3.DatabaseError, ArchiveError, LookupError):
            if not archive.changed_on_disk():
                raise
            continue
        if not archive.changed_on_disk():
            return result
    raise ArchiveError(archive.path, "changing")
