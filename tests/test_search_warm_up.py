"""The window's warm-up reads the word list queries are cut with before the user types
(reader.gui.search.adapter): its tiny search is of one character, which cuts no words, so it must
read the list outright; rjieba stays unloaded (issue 26: 35–58 MB). Checked in a fresh process,
where nothing else has loaded either."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_support import REPO, build_archive

CHECK = (
    "import sys\n"
    "from pathlib import Path\n"
    "from reader.archive.db import open_archive\n"
    "from reader.gui.search.adapter import warm_up\n"
    "warm_up(Path(sys.argv[1]))\n"
    "with open_archive(Path(sys.argv[1]), readonly=True) as archive:\n"
    "    segmenter = archive.tokenizer.segmenter\n"
    "    print(segmenter.query_cutter_loaded, segmenter.loaded, 'rjieba' in sys.modules)\n"
)


def test_the_warm_up_reads_the_word_list_and_not_rjieba(tmp_path: Path) -> None:
    db = build_archive(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", CHECK, str(db)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, env=env, check=False, timeout=120)
    answer = (done.returncode, done.stdout.decode("utf-8").strip())
    assert (0, "True False False") == answer, done.stderr.decode("utf-8")
