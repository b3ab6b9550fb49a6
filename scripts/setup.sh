#!/usr/bin/env bash
# Set up everything Archive Reader needs on a fresh machine, idempotently:
#   scripts/setup.sh          the app (virtual environment + packages, CJK font and Qt libraries)
#   scripts/setup.sh test     the same plus the test tools (pytest, pytest-qt, ruff, poppler-utils)
# Safe to run again: it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-app}"

# System packages (Debian/Ubuntu): a CJK font so Chinese never shows as boxes, the libraries
# Qt's platform plugins load, and for the tests poppler (pdftotext/pdffonts) to read PDFs back.
debs=(python3-venv fonts-noto-cjk libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
      libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0)
[ "$want" = test ] && debs+=(poppler-utils)
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo"
      else
        echo "提示：缺少系统软件包 ${missing[*]}；请用管理员权限运行：sudo apt-get install ${missing[*]}" >&2
        missing=()
      fi
    fi
    if [ "${#missing[@]}" -gt 0 ]; then
      echo "安装系统软件包: ${missing[*]}"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "创建虚拟环境 .venv"
  "$python" -m venv .venv
fi
extra=""
[ "$want" = test ] && extra="[test]"
# Install again only when what decides the installation changed: its content, not file times
# (a checkout or a copy can give pyproject.toml any date).
inputs=$(cat pyproject.toml setup.py constraints.txt | cksum)
stamp=".venv/.installed-$want"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$inputs" ]; then
  echo "安装 Python 软件包（第一次需要几分钟）"
  # The versions tested (constraints.txt). -qq shows errors only: setuptools' notices about how
  # an editable install works ("Please be careful with folders in your working directory…")
  # speak to package developers, not to someone starting the program.
  .venv/bin/python -m pip install -qq --upgrade pip
  .venv/bin/python -m pip install -qq -c constraints.txt -e ".$extra"
  echo "$inputs" > "$stamp"
fi
