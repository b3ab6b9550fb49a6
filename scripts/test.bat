@echo off
rem Set up (first time only) and run what scripts/test.sh runs, on Windows: the linter, the
rem format check, the type checker on reader/ and the whole test suite, GUI tests offscreen.
rem Stops at the first step that fails.
cd /d "%~dp0\.."
if not exist .venv\Scripts\python.exe py -3 -m venv .venv || python -m venv .venv
if not exist .venv\.installed-test (
  .venv\Scripts\python -m pip install -qq --upgrade pip
  .venv\Scripts\python -m pip install -qq -c constraints.txt -e .[test] && type nul > .venv\.installed-test
)
set QT_QPA_PLATFORM=offscreen
.venv\Scripts\python -m ruff check . || exit /b 1
.venv\Scripts\python -m ruff format --check . || exit /b 1
.venv\Scripts\python -m mypy reader || exit /b 1
.venv\Scripts\python -m pytest %*
