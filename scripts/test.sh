#!/usr/bin/env bash
# Set up (first time only) and run the linter, the format check, the type checker on all of
# reader/ and the whole test suite, GUI tests offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy reader
exec .venv/bin/python -m pytest "$@"
