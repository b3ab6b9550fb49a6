"""The window's warm-up loads the word segmenter before the user types (reader.gui.search.adapter):
its tiny search is of one character, which since issue 26 cuts no words, so it must load the
segmenter outright. Checked in a fresh process, where nothing else has loaded it."""

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
    "    print('loaded' if archive.tokenizer.segmenter.loaded else 'not loaded')\n"
)


def test_the_warm_up_loads_the_segmenter(tmp_path: Path) -> None:
    db = build_archive(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", CHECK, str(db)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, env=env, check=False, timeout=120)
    answer = (done.returncode, done.stdout.decode("utf-8").strip())
    assert (0, "loaded") == answer, done.stderr.decode("utf-8")
