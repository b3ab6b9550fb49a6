"""What a start of the command line imports (issues 25 and 26): opening an archive and running a
search loads neither sqlite-utils, nor rjieba (queries are cut from a word list), nor the parser,
nor any of Qt, nor what only other commands need. Checked in a real process by the modules it
holds after the command ran."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import REPO, build_archive

HEAVY_PACKAGES = {"sqlite_utils", "rjieba", "jieba", "PySide6"}
# What other commands need: the parser (its line shapes and masthead patterns too: some 60 ms to
# compile), corrections (with the byline reader), the importer, repair, publishing, the desktop menu.
OTHER_COMMANDS = {
    "reader.text.parse",
    "reader.text.shapes",
    "reader.text.masthead",
    "reader.text.bylines",
    "reader.archive.corrections.store",
    "reader.archive.importer",
    "reader.archive.repair",
    "reader.archive.publish",
    "reader.archive.gaps",
    "reader.desktop",
}
REPORT = (
    "import sys\n"
    "from reader.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {names} or m in {others})\n"
    "print('LOADED', ' '.join(heavy))\n"
)


def loaded_after(*args: str) -> tuple[str, set[str]]:
    """The command's output and the heavy modules its process held when it ended."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = REPORT.format(names=HEAVY_PACKAGES, others=OTHER_COMMANDS)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, env=env, check=True, timeout=120
    )
    out = done.stdout.decode("utf-8")
    head, _, tail = out.rpartition("LOADED")
    return head, set(tail.split())


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("startup"))


QUERIES = [
    ["幸福食堂", "--sort", "newest"],
    ["幸福食堂", "--sort", "oldest"],
    ["食", "--limit", "1"],
    ["幸福食堂"],  # ranked: cut into words
]


@pytest.mark.parametrize("query", QUERIES)
def test_a_search_loads_nothing_heavy(archive: Path, query: list[str]) -> None:
    """A ranked search of a longer term cuts it into words too, from the compact word list
    (reader.text.word_table), not with rjieba (issue 26: 0.5 s of every such call)."""
    out, loaded = loaded_after("search", "--db", str(archive), *query)
    assert "共找到 1 篇" in out and "总第1449期" in out
    assert set() == loaded
