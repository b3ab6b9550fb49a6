"""Shared pytest fixtures. Each owner keeps their fixtures in their own block below."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_support import CORPUS_DIR, MASTHEAD_FILE
from corpus_support import corpus_files as _corpus_files
from places import ReadOnlyPlace

from reader.archive.db import Archive, open_archive
from reader.archive.paths import PERSONAL_ENV_VAR
from reader.text import read_issue
from reader.text.model import ParsedIssue

# --- the user's personal file (reader.archive.personal) -----------------------------------------


@pytest.fixture(scope="session", autouse=True)
def shared_personal_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A personal file for what runs before a test's own (module fixtures that build archives
    run before function fixtures): never the user's real one."""
    path = tmp_path_factory.mktemp("personal-shared") / "personal.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PERSONAL_ENV_VAR, str(path))
        yield path


@pytest.fixture(autouse=True)
def personal_file(
    shared_personal_file: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test has a personal file (bookmarks) of its own, never the user's real one; the
    processes a test starts inherit it through the environment."""
    path = tmp_path_factory.mktemp("personal") / "personal.sqlite3"
    monkeypatch.setenv(PERSONAL_ENV_VAR, str(path))
    return path


# --- the test corpus (tests/corpus, see corpus_support) -----------------------------------------


@pytest.fixture
def corpus_files() -> list[Path]:
    """The issues of tests/corpus, read in place, in import order."""
    return _corpus_files()


@pytest.fixture
def corpus_dir() -> Path:
    """The folder of the test corpus, as a user would import it."""
    return CORPUS_DIR


@pytest.fixture(scope="session")
def masthead_issue() -> ParsedIssue:
    """The corpus's 东昌时讯 masthead issue as the parser reads it: its date, number, articles."""
    return read_issue(MASTHEAD_FILE)


# --- archive fixtures (reader/archive, CLI) ----------------------------------------------------


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
