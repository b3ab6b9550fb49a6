@echo off
rem Set up (first time only) and run the tests on Windows.
cd /d "%~dp0\.."
if not exist .venv\Scripts\python.exe py -3 -m venv .venv || python -m venv .venv
if not exist .venv\.installed-test (
  .venv\Scripts\python -m pip install -qq --upgrade pip
  .venv\Scripts\python -m pip install -qq -c constraints.txt -e .[test] && type nul > .venv\.installed-test
)
set QT_QPA_PLATFORM=offscreen
.venv\Scripts\python -m pytest %*
