"""Which files an import reads: the files named, and the text dumps inside the folders named.

A folder is often a shared one, filled by others. A symbolic link in it (or a Windows junction
over a folder) may point anywhere: another user's documents, /etc. Importing what it points at
would copy that file's text into an archive that is published to colleagues. So a folder gives
only what lies inside it: a link whose target is inside the chosen folder is followed (and that
file read once, however many links lead to it), a link that leads out of it is skipped and said
so. A file named on its own (on the command line, in the file dialog) is the user's own choice
and is read wherever it points.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".text")


@dataclass(frozen=True)
class Sources:
    """The files to import, in order, and the links left out with the reason for each."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def is_source_name(name: str) -> bool:
    """A text dump by its name: a known suffix, and not a hidden file (editors' and sync tools')."""
    return name.lower().endswith(SOURCE_SUFFIXES) and not name.startswith(".")


def find_sources(paths: list[Path]) -> Sources:
    """Files to import: given files as they are, folders searched recursively for text dumps."""
    found = Sources()
    for path in paths:
        if path.is_dir():
            _search(path, found)
        else:
            found.files.append(path)
    return found


def _real(path: Path) -> Path | None:
    """The path with every link on the way resolved; None for a link that loops or cannot be read."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        return None


def _inside(target: Path, root: Path) -> bool:
    return target == root or target.is_relative_to(root)


def _skipped(link: Path, target: Path | None) -> tuple[Path, str]:
    if target is None:
        return link, f"跳过符号链接 {link}：它指向的位置无法解析（链接循环或无权访问）"
    return link, f"跳过符号链接 {link}：指向所选文件夹之外（{target}）"


def _search(folder: Path, found: Sources) -> None:
    """Add the text dumps in `folder` and below, sorted by path, each real file once.

    A path is direct when resolving it leaves it where it is in the folder; anything else was
    reached through a link (a symlink, or a junction, which Python 3.11 does not call a link).
    Linked folders are not entered: what they hold inside `folder` is found where it lies, and a
    link to a parent would never end. A linked file is read when its real path is inside `folder`
    and no direct path or earlier link reads it already.
    """
    root = _real(folder) or folder.absolute()
    direct: dict[Path, Path] = {}
    linked: list[tuple[Path, Path]] = []

    def is_direct(path: Path, target: Path | None) -> bool:
        return target == root / path.relative_to(folder)

    for top, dirs, names in os.walk(folder):
        here = Path(top)
        entered = []
        for name in sorted(dirs):
            target = _real(here / name)
            if is_direct(here / name, target):
                entered.append(name)
            elif target is None or not _inside(target, root):
                found.skipped.append(_skipped(here / name, target))
        dirs[:] = entered
        for name in filter(is_source_name, names):
            path = here / name
            target = _real(path)
            if target is None or not _inside(target, root):
                found.skipped.append(_skipped(path, target))
            elif is_direct(path, target):
                direct[target] = path
            else:
                linked.append((path, target))
    for link, target in sorted(linked):
        if target not in direct and target.is_file():
            direct[target] = link
    found.files.extend(sorted(path for path in direct.values() if path.is_file()))
    found.skipped.sort()
