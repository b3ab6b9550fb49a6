#!/usr/bin/env bash
# Build the standalone program, dist/ArchiveReader/ (one folder, no Python needed to run it),
# then run it once to check it (scripts/check_bundle.py; arguments such as --drop-caches go to
# it). Windows: scripts\bundle.bat.
#   dist/ArchiveReader/ArchiveReader        the window; --self-test checks the installation
#   dist/ArchiveReader/archive-reader-cli   the command line (python -m reader)
# The build environment is .venv-bundle (the tested versions of constraints.txt plus
# PyInstaller), set up on first use and again when pyproject.toml, setup.py or constraints.txt
# change. Python must be built with its shared library (python.org, Debian's python3, pyenv
# with PYTHON_CONFIGURE_OPTS=--enable-shared); PyInstaller says so when it is not.
# A bundle runs on systems with the build machine's glibc or newer: build on the oldest Linux
# it must run on.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
venv=.venv-bundle
if [ ! -x "$venv/bin/python" ]; then
  echo "创建打包用的虚拟环境 $venv"
  "$python" -m venv "$venv"
fi
inputs=$(cat pyproject.toml setup.py constraints.txt | cksum)
stamp="$venv/.installed"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$inputs" ]; then
  echo "安装打包所需的 Python 软件包"
  "$venv/bin/python" -m pip install -qq --upgrade pip
  "$venv/bin/python" -m pip install -qq -c constraints.txt -e . pyinstaller
  echo "$inputs" > "$stamp"
fi
"$venv/bin/python" bundle/make_icon.py build/ArchiveReader.ico >/dev/null
"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller bundle/ArchiveReader.spec
"$venv/bin/python" scripts/check_bundle.py "$@"
