"""Double-click entry: start Archive Reader (报刊档案阅读器) on the default archive.

An optional argument names another archive file: `python main.py path/to/archive.sqlite3`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader.gui.app import run

if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
