@echo off
rem Build the standalone program on Windows: dist\ArchiveReader\ (one folder, no Python needed),
rem then run it once to check it. ArchiveReader.exe is the window (no console window; --self-test
rem shows its report in a message box), archive-reader-cli.exe the command line. Needs Python 3.10
rem or newer from python.org (py -3). Same spec as Linux: bundle\ArchiveReader.spec.
setlocal
cd /d "%~dp0\.."
if not exist .venv-bundle\Scripts\python.exe py -3 -m venv .venv-bundle || python -m venv .venv-bundle
if not exist .venv-bundle\.installed (
  .venv-bundle\Scripts\python -m pip install -qq --upgrade pip
  .venv-bundle\Scripts\python -m pip install -qq -c constraints.txt -e . pyinstaller && type nul > .venv-bundle\.installed
)
.venv-bundle\Scripts\python bundle\make_icon.py build\ArchiveReader.ico || exit /b 1
.venv-bundle\Scripts\python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller bundle\ArchiveReader.spec || exit /b 1
.venv-bundle\Scripts\python scripts\check_bundle.py %*
