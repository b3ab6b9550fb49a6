"""Shared pytest fixtures. Each owner keeps their fixtures in their own block below."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reader.archive.db import Archive, open_archive

# --- archive fixtures (reader/archive, CLI) ----------------------------------------------------

CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture
def corpus_files() -> list[Path]:
    """The real issues of ../shared/corpus (read in place, never copied into the repo)."""
    files = sorted(CORPUS_DIR.glob("*.txt"))
    if not files:
        pytest.skip(f"real corpus not found at {CORPUS_DIR}")
    return files


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    """Where a fresh archive file goes (not created yet)."""
    return tmp_path / "archive" / "archive.sqlite3"


@pytest.fixture
def archive(archive_path: Path) -> Iterator[Archive]:
    """A fresh, writable archive on a real SQLite file, closed after the test."""
    with open_archive(archive_path) as opened:
        yield opened


# --- end of archive fixtures -------------------------------------------------------------------



# --- read-only places (reader/archive, CLI, GUI) -----------------------------------------------


@dataclass
class ReadOnlyPlace:
    """A folder that becomes read-only for real on `lock()`.

    Put files into `source` first; after `lock()` they are seen, unwritable, at `path`. For a
    normal user `path` is `source` with its write permission removed; root ignores permission
    bits (CI runs as root), so there `path` is a read-only bind mount of `source`.
    """

    source: Path
    path: Path
    _undo: list[list[str]] = field(default_factory=list)

    def lock(self) -> None:
        if self.source == self.path:
            self.source.chmod(0o555)
        else:
            for command in (
                ["mount", "--bind", str(self.source), str(self.path)],
                ["mount", "-o", "remount,bind,ro", str(self.path)],
            ):
                done = subprocess.run(command, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    pytest.fail(f"cannot make a read-only folder here ({' '.join(command)}): {done.stderr}")
                self._undo = [["umount", str(self.path)]]
        probe = self.path / ".probe"
        try:
            probe.touch()
        except OSError:
            return
        probe.unlink()
        pytest.fail(f"{self.path} is still writable after lock()")

    def unlock(self) -> None:
        for command in self._undo:
            subprocess.run(command, capture_output=True, check=False)
        self._undo = []
        self.source.chmod(0o755)


@pytest.fixture
def read_only_place(tmp_path: Path) -> Iterator[ReadOnlyPlace]:
    """See ReadOnlyPlace; unlocked again after the test so tmp_path can be cleaned up."""
    source = tmp_path / "share"
    source.mkdir()
    if sys.platform == "win32" or os.geteuid() != 0:
        place = ReadOnlyPlace(source, source)
    else:
        view = tmp_path / "share-readonly"
        view.mkdir()
        place = ReadOnlyPlace(source, view)
    yield place
    place.unlock()
