"""The command line of the bundled program: archive-reader-cli(.exe), the same as `python -m reader`."""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
