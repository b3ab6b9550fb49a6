"""`python -m reader`: the command line (see reader/cli.py)."""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
