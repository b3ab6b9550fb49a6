"""What goes into the standalone program (PyInstaller, one folder) and what stays out.

bundle/ArchiveReader.spec reads everything from here, so that tests/test_bundle.py can check
it against the repository without building (a build takes a minute and downloads PyInstaller):
every file of resources/ is carried, every CLI command module is bundled, no Qt module the
program imports is left out, the Qt plugins it needs stay in.

PyInstaller's Qt hooks collect every plugin of every Qt module in use, and every library those
plugins link to. Most are for things this program never does: embedded displays, networking,
photo formats, the GTK theme. They are dropped by name below (`keep`), with the reason beside each
group; then `unused_libraries` drops what only those plugins needed. What must stay:
the desktop platform plugins (windows; xcb and wayland on Linux) and offscreen (self-test and
tests without a display), the print support plugin (CUPS on Linux; print preview and the print
dialog go through QtPrintSupport), the SVG icon engine and image format (the window icon),
the input-method plugins (typing Chinese on Linux), the style plugins (the Windows 11 look),
and Qt's own Simplified Chinese translation (确定, 取消 in Qt's dialogs). PDF export is
QtGui's QPdfWriter and needs no plugin; fonts are the system's (Microsoft YaHei / SimSun on
Windows, Noto CJK on Linux) and are not bundled.

Pure Python, no PyInstaller import: the spec passes PyInstaller's own functions in.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath

# The folder in dist/ and the two programs in it. The window is windowed (no console on
# Windows); a windowed program cannot print to the console it was started from, so the command
# line is a second, console program in the same folder, sharing every library.
FOLDER_NAME = "ArchiveReader"
GUI_NAME = "ArchiveReader"
CLI_NAME = "archive-reader-cli"
# Built by bundle/make_icon.py from resources/icons/archive-reader.svg into build/ (Windows
# wants .ico; the SVG stays the one source of the icon).
ICON_NAME = "ArchiveReader.ico"

# Where the resources go inside the bundle: reader.resources.FROZEN_FOLDER (the test checks).
FROZEN_FOLDER = "resources"
# resources/ as setup.py ships it (folder → file patterns); resources/__init__.py only makes
# the folder an installable package and is not needed frozen.
RESOURCE_PATTERNS: dict[str, tuple[str, ...]] = {
    ".": ("*.txt", "*.desktop", "*.json", "*.md"),
    "demo": ("*.txt",),
    "icons": ("*.svg",),
}

# Distributions whose metadata the program reads at run time (importlib.metadata): self-test
# reports the word cutter's version.
METADATA = ("rjieba",)

# Every CLI command module (reader.cli.COMMANDS imports them statically, which PyInstaller
# follows; listed here as well so the bundle does not depend on how cli.py imports them), and
# each platform's platformdirs backend (the data folder: %LOCALAPPDATA% on Windows, XDG on Linux).
HIDDEN_IMPORTS = (
    "reader.commands.backup",
    "reader.commands.correct",
    "reader.commands.export",
    "reader.commands.importing",
    "reader.commands.info",
    "reader.commands.install_desktop",
    "reader.commands.papers",
    "reader.commands.parse",
    "reader.commands.publish",
    "reader.commands.repair",
    "reader.commands.search",
    "reader.commands.selftest",
    "reader.commands.timeline",
    "reader.commands.words",
    # The Word export imports python-docx (and its lxml) only when a .docx is asked for;
    # pyinstaller-hooks-contrib's hook for it collects its document templates.
    "docx",
    "platformdirs.windows",
    "platformdirs.unix",
    "platformdirs.macos",
)

# Python modules left out although something refers to them.
EXCLUDES = (
    # The reference word cutter for the tests (reader/text/words.py, engine="jieba"); the
    # program cuts with rjieba only.
    "jieba",
    # Bindings PySide6's hooks add because a Qt library links them; the program never imports
    # them (libQt6DBus itself stays: QtGui links it on Linux).
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
)

# Files PySide6's hooks collect that the program does not need, as patterns on their place in
# the bundle ("/"-separated, case-insensitive; * crosses folders), by reason.
DROPPED: dict[str, tuple[str, ...]] = {
    # Platforms for embedded devices, kiosks and remote framebuffers. The program runs on a
    # desktop (windows, xcb, wayland) or, to check itself, offscreen.
    "embedded platforms": (
        "*/plugins/platforms/*eglfs*",
        "*/plugins/platforms/*linuxfb*",
        "*/plugins/platforms/*minimal*",
        "*/plugins/platforms/*vnc*",
        "*/plugins/platforms/*vkkhrdisplay*",
        "*/plugins/platforms/*direct2d*",
        "*/plugins/egldeviceintegrations/*",
        "*/plugins/generic/*",
        "*Qt6EglFs*",
    ),
    # Everything is local: no network access at all.
    "network": ("*/plugins/tls/*", "*/plugins/networkinformation/*", "*Qt6Network*"),
    # The program shows text and one SVG icon (plus .ico on Windows); PNG is built into QtGui.
    "photo formats": (
        "*/plugins/imageformats/*qgif*",
        "*/plugins/imageformats/*qicns*",
        "*/plugins/imageformats/*qjpeg*",
        "*/plugins/imageformats/*qpdf*",
        "*/plugins/imageformats/*qtga*",
        "*/plugins/imageformats/*qtiff*",
        "*/plugins/imageformats/*qwbmp*",
        "*/plugins/imageformats/*qwebp*",
    ),
    # The GTK theme would load the desktop's GTK against the copies of cairo and pango in the
    # bundle, built for another GTK; Qt's own dialogs and the portal theme need neither.
    "GTK theme": ("*/plugins/platformthemes/*gtk3*",),
    # The compositor side of Wayland (the client side stays, for Wayland desktops).
    "Wayland compositor": ("*/plugins/wayland-graphics-integration-server/*", "*Qt6WaylandCompositor*"),
}

# Of Qt's translations, the one use_chinese (reader/gui/app.py) loads: Qt's own buttons and
# dialogs in Simplified Chinese.
TRANSLATIONS = ("qtbase_zh_CN.qm",)

# Libraries Qt opens at run time by name (no program links them), kept whatever links to them:
# Windows' software OpenGL, for a PC whose graphics driver has none.
LOADED_BY_NAME = ("opengl32sw.dll",)


def resource_datas(repo: Path) -> list[tuple[str, str]]:
    """(file, folder in the bundle) for every file of repo/resources that RESOURCE_PATTERNS ships."""
    found: list[tuple[str, str]] = []
    for folder, patterns in RESOURCE_PATTERNS.items():
        source = repo / "resources" / folder
        destination = FROZEN_FOLDER if folder == "." else f"{FROZEN_FOLDER}/{folder}"
        for pattern in patterns:
            found += [(str(path), destination) for path in sorted(source.glob(pattern)) if path.is_file()]
    return found


def _bundle_path(name: str) -> str:
    """A TOC destination compared alike on every system: "/"-separated (Windows writes "\\"), lower case."""
    return name.replace("\\", "/").lower()


def dropped_by(name: str) -> str | None:
    """The reason (a key of DROPPED, or "translations") a file at `name` in the bundle is left out."""
    path = _bundle_path(name)
    if fnmatch.fnmatchcase(path, "*/translations/*.qm"):
        kept = {t.lower() for t in TRANSLATIONS}
        return None if path.rsplit("/", 1)[-1] in kept else "translations"
    for reason, patterns in DROPPED.items():
        if any(fnmatch.fnmatchcase(path, pattern.lower()) for pattern in patterns):
            return reason
    return None


def keep(name: str) -> bool:
    """Whether the file at `name` in the bundle (a TOC entry's destination) stays in."""
    return dropped_by(name) is None


def unused_libraries(
    binaries: Iterable[tuple[str, str, str]],
    links: Callable[[str], Iterable[str]],
    loaded: Iterable[str] = (),
) -> set[str]:
    """The destinations of libraries that nothing staying in the bundle links to.

    `binaries`: PyInstaller TOC entries (destination, source, kind) once plugins are dropped.
    `links(source)`: the names of the libraries a binary links to. Only libraries at the top of
    the bundle can go: that is where PyInstaller puts what it found by following links (the
    system's libraries on Linux, such as the GTK theme's cairo and pango), and such a library is
    needed only while something that stays links to it, directly or through other libraries.
    Everything in a folder (Qt's libraries and plugins, Python's extension modules), every
    extension module, and the libraries named in `loaded` (opened by name at run time, which no
    link shows: the Python library the launcher opens, opengl32sw.dll) stay and are where the
    search starts. Names are compared case-insensitively, as Windows does.
    """
    entries = list(binaries)
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in entries:
        by_name.setdefault(PurePath(entry[0]).name.lower(), []).append(entry)
    named = {name.lower() for name in (*loaded, *LOADED_BY_NAME)}

    def stays(entry: tuple[str, str, str]) -> bool:
        path = PurePath(entry[0])
        return len(path.parts) > 1 or entry[2] == "EXTENSION" or path.name.lower() in named

    reached: set[str] = set()
    todo = [entry for entry in entries if stays(entry)]
    while todo:
        destination, source, _kind = todo.pop()
        if destination in reached:
            continue
        reached.add(destination)
        for name in links(source):
            todo += [e for e in by_name.get(PurePath(name).name.lower(), []) if e[0] not in reached]
    return {entry[0] for entry in entries if entry[0] not in reached}
