@echo off
rem Set up (first time only) and start Archive Reader on Windows.
cd /d "%~dp0\.."
if not exist .venv\Scripts\python.exe py -3 -m venv .venv || python -m venv .venv
if not exist .venv\.installed-app (
  .venv\Scripts\python -m pip install -qq --upgrade pip
  .venv\Scripts\python -m pip install -qq -c constraints.txt -e . && type nul > .venv\.installed-app
)
.venv\Scripts\pythonw.exe main.py %*
