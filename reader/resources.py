"""The files that ship with the program, found in one place: user dictionary, demo issue, icon, menu entry.

They live in resources/ at the top of the repository. Each way of running the program finds them
differently, and this module is the only one that knows how:

* a frozen build (PyInstaller) carries them in its bundle, at sys._MEIPASS/resources;
* a source checkout (`python main.py`, `python -m reader` in the repository, an editable
  install) uses the resources/ folder beside the `reader` package, recognised by the
  pyproject.toml next to it, so a checkout always reads its own files and not another copy's;
* an installed wheel or sdist has them as the package `reader._resources` (setup.py maps
  resources/ onto it), read through importlib.resources as qutebrowser's utils/resources.py does.

A file that is not where it should be means a broken installation, never something to work
around: `locate` raises MissingResource with a Chinese message naming what is missing and where
it was looked for. Pure Python (no Qt, no SQLite), so reader.text can use it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "reader._resources"
# The folder name of the resources inside a frozen bundle (the bundle's spec must use it).
FROZEN_FOLDER = "resources"
REINSTALL = "安装不完整，请重新安装报刊档案阅读器"


class MissingResource(Exception):
    """A file or folder that ships with the program is missing: the installation is broken.

    No OSError: its message is the whole story (what is missing, where, what to do), which a
    generic "文件或文件夹不存在" would hide.
    """


@dataclass(frozen=True)
class Resource:
    """One thing in resources/: its place there ("/"-separated) and what users call it."""

    relative: str
    label: str
    folder: bool = False


USER_DICTIONARY = Resource("userdict.txt", "用户词典")
DEMO = Resource("demo", "演示报纸", folder=True)
ICON = Resource("icons/archive-reader.svg", "程序图标")
DESKTOP_ENTRY = Resource("archive-reader.desktop", "菜单项模板")
FOLD_TABLE = Resource("t2s_chars.txt", "繁简字对照表")
LINE_MODEL = Resource("line_model.json", "分篇模型权重")
GUIDE = Resource("guide.md", "使用说明")
WORD_LIST = Resource("jieba_words.txt", "分词词表")
ALL = (USER_DICTIONARY, DEMO, ICON, DESKTOP_ENTRY, FOLD_TABLE, LINE_MODEL, GUIDE, WORD_LIST)


def is_frozen() -> bool:
    """True in the standalone program PyInstaller built (bundle/ArchiveReader.spec): the one
    test for it, so every frozen-build branch asks the same question."""
    return bool(getattr(sys, "frozen", False))


def resources_root() -> Path:
    """The folder holding the resources for the way the program runs (see the module docstring).

    Raises MissingResource when an installed program has no resources package at all.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if is_frozen() and bundle is not None:
        return Path(bundle) / FROZEN_FOLDER
    # The one place that looks beside the package: a checkout has resources/ next to reader/.
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources").is_dir():
        return checkout / "resources"
    import importlib.resources  # here: only an installed package needs it (with tempfile, ~15 ms)

    try:
        found = importlib.resources.files(PACKAGE)
    except ModuleNotFoundError:
        raise MissingResource(f"找不到程序附带的资源（{PACKAGE}）：{REINSTALL}") from None
    if not isinstance(found, Path):  # inside a zip file: nothing here can use that
        raise MissingResource(f"程序附带的资源不在普通文件夹里（{found}）：{REINSTALL}")
    return found


def locate(resource: Resource) -> Path:
    """The path of `resource`; MissingResource (a Chinese sentence naming it) when it is not there.

    A folder must hold at least one file: an empty demo folder is as missing as none.
    """
    path = resources_root().joinpath(*resource.relative.split("/"))
    if resource.folder:
        present = path.is_dir() and any(child.is_file() for child in path.iterdir())
    else:
        present = path.is_file()
    if not present:
        raise MissingResource(f"找不到{resource.label}：{path}（{REINSTALL}）")
    return path
