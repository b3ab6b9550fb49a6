"""Double-click entry: start Archive Reader (报刊档案阅读器) on the default archive.

`python main.py [archive.sqlite3 | --self-test | --help]`; reader.gui.launch reads the arguments
(the same for the console script archive-reader-gui and the bundled ArchiveReader(.exe), whose
script this is: bundle/ArchiveReader.spec).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader.gui.launch import main

if __name__ == "__main__":
    sys.exit(main())
