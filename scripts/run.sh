#!/usr/bin/env bash
# Set up (first time only) and start Archive Reader on the default archive in the user's data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
exec .venv/bin/python main.py "$@"
