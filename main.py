"""Double-click entry: start Archive Reader (报刊档案阅读器) on the default archive.

An optional argument names another archive file: `python main.py path/to/archive.sqlite3`.
`python main.py --self-test` checks the installation instead (the CLI's `self-test`).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader.gui.app import run

if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        from reader.cli import main as command_line

        sys.exit(command_line(["self-test"]))
    sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
