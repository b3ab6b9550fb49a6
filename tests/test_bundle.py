"""The standalone program (PyInstaller, bundle/) carries everything the program needs.

Building it takes a minute and needs PyInstaller, so the suite checks what the build is given:
the CLI's explicit command list, and bundle/contents.py (what the spec puts in and leaves out)
against the repository. The real build and a run of the built program are
`bash scripts/bundle.sh` and `python scripts/check_bundle.py`.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import pkgutil
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QApplication, QMessageBox

import reader.commands
from reader import cli, desktop, resources
from reader.gui import app
from reader.text.words import Segmenter

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "bundle" / "ArchiveReader.spec"


def load(path: Path, name: str) -> ModuleType:
    """A module from a file that is no package of ours (bundle/, main.py)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = load(REPO / "bundle" / "contents.py", "bundle_contents")


def test_every_command_module_is_in_the_cli_command_list() -> None:
    """A frozen build cannot find commands by scanning reader/commands: cli.COMMANDS lists them."""
    on_disk = {m.name for m in pkgutil.iter_modules(reader.commands.__path__) if not m.name.startswith("_")}
    assert on_disk == {Path(module.__file__ or "").stem for module in cli.COMMANDS}


def test_every_command_module_is_a_hidden_import_of_the_bundle() -> None:
    assert {module.__name__ for module in cli.COMMANDS} <= set(contents.HIDDEN_IMPORTS)


def test_the_bundle_puts_the_resources_where_the_frozen_locator_looks() -> None:
    assert resources.FROZEN_FOLDER == contents.FROZEN_FOLDER


def test_every_resource_file_is_carried_into_the_bundle() -> None:
    """Every file of resources/ (but the __init__.py that makes it a package) at its own place."""
    folder = REPO / "resources"
    on_disk = {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name != "__init__.py" and "__pycache__" not in path.parts
    }
    carried = {
        f"{destination}/{Path(source).name}".removeprefix(f"{contents.FROZEN_FOLDER}/")
        for source, destination in contents.resource_datas(REPO)
    }
    assert on_disk == carried


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The resources laid out as PyInstaller lays out resource_datas, in a pretend frozen program."""
    for source, destination in contents.resource_datas(REPO):
        target = tmp_path.joinpath(*destination.split("/"))
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    return tmp_path


@pytest.mark.parametrize("resource", resources.ALL, ids=lambda r: r.relative)
def test_a_frozen_program_finds_every_resource_in_its_bundle(
    frozen: Path, resource: resources.Resource
) -> None:
    assert resources.locate(resource).is_relative_to(frozen / contents.FROZEN_FOLDER)


def test_a_frozen_program_cuts_with_the_user_dictionary_from_its_bundle(frozen: Path) -> None:
    assert ["区长", "江绍华"] == Segmenter().cut("区长江绍华")


def test_the_bundle_carries_the_metadata_of_the_word_cutter_self_test_names() -> None:
    segmenter = Segmenter()
    segmenter.cut("区长")
    assert segmenter.engine in contents.METADATA


def qt_modules_imported() -> set[str]:
    """The PySide6 modules (QtCore, QtGui, …) that reader/ and main.py import."""
    sources = [REPO / "main.py", *(REPO / "reader").rglob("*.py")]
    return {name for path in sources for name in re.findall(r"PySide6\.(Qt\w+)", path.read_text("utf-8"))}


def test_the_scan_for_qt_modules_finds_printing() -> None:
    """Print preview and the print dialog are QtPrintSupport, which the bundle must not drop."""
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= qt_modules_imported()


@pytest.mark.parametrize("module", sorted(qt_modules_imported()))
def test_no_qt_module_the_program_imports_is_left_out(module: str) -> None:
    assert f"PySide6.{module}" not in contents.EXCLUDES
    library = module.removeprefix("Qt")
    for name in (
        f"PySide6/{module}.abi3.so",  # Linux
        f"PySide6/Qt/lib/libQt6{library}.so.6",
        f"PySide6/{module}.pyd",  # Windows
        f"PySide6/Qt6{library}.dll",
    ):
        assert contents.keep(name), name


NEEDED = [
    # The desktop's window system, and offscreen for checks without a display.
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6\\plugins\\platforms\\qoffscreen.dll",
    # Printing and print preview (QtPrintSupport); the portal's file dialogs.
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    # The window icon (SVG) and the Windows look.
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/plugins/iconengines/qsvgicon.dll",
    "PySide6/plugins/imageformats/qico.dll",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    # Typing Chinese on Linux (input methods).
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    # Qt's own dialogs in Chinese (use_chinese), Linux and Windows layouts.
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6/translations/qtbase_zh_CN.qm",
    # What is no Qt at all.
    "resources/userdict.txt",
    "rjieba/rjieba.abi3.so",
    "libpython3.11.so.1.0",
]


@pytest.mark.parametrize("name", NEEDED)
def test_the_bundle_keeps_what_the_program_needs(name: str) -> None:
    assert contents.keep(name)


LEFT_OUT = [
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
    "PySide6/plugins/platforms/qdirect2d.dll",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt6Network.dll",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qt_zh_CN.qm",
    "PySide6\\translations\\qtbase_zh_TW.qm",
]


@pytest.mark.parametrize("name", LEFT_OUT)
def test_the_bundle_leaves_out_what_the_program_never_loads(name: str) -> None:
    assert not contents.keep(name)


def test_a_system_library_only_a_dropped_plugin_linked_to_is_left_out() -> None:
    """libcairo came with the GTK theme plugin, which is dropped; libfreetype is still linked."""
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/qt/libQt6Gui.so.6", "BINARY"),
        ("libfontconfig.so.1", "/sys/libfontconfig.so.1", "BINARY"),
        ("libfreetype.so.6", "/sys/libfreetype.so.6", "BINARY"),
        ("libcairo.so.2", "/sys/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/sys/libpixman-1.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("libz.so.1", "/sys/libz.so.1", "BINARY"),
        ("_sqlite3.pyd", "/py/_sqlite3.pyd", "EXTENSION"),
        ("SQLITE3.DLL", "/py/sqlite3.dll", "BINARY"),
        ("opengl32sw.dll", "/qt/opengl32sw.dll", "BINARY"),
    ]
    links = {
        "/qt/libqxcb.so": ["libQt6Gui.so.6", "libxcb.so.1"],
        "/qt/libQt6Gui.so.6": ["libfontconfig.so.1"],
        "/sys/libfontconfig.so.1": ["libfreetype.so.6"],
        "/sys/libcairo.so.2": ["libpixman-1.so.0", "libfreetype.so.6"],
        "/py/libpython3.11.so.1.0": ["libz.so.1"],
        "/py/_sqlite3.pyd": ["sqlite3.dll"],
    }
    unused = contents.unused_libraries(
        binaries, lambda source: links.get(source, []), ["libpython3.11.so.1.0"]
    )
    assert {"libcairo.so.2", "libpixman-1.so.0"} == unused


def test_the_spec_hands_pyinstaller_what_contents_decides() -> None:
    """The spec is run by PyInstaller only: check it reads, by name, what exists in contents.py."""
    tree = ast.parse(SPEC.read_text("utf-8"))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "contents"
    }
    wanted = {"resource_datas", "METADATA", "HIDDEN_IMPORTS", "EXCLUDES", "keep", "unused_libraries"}
    wanted |= {"GUI_NAME", "CLI_NAME", "FOLDER_NAME", "ICON_NAME"}
    assert wanted <= used
    assert {name for name in used if not hasattr(contents, name)} == set()
    scripts = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(".py")
    }
    assert {"main.py", "cli_entry.py"} <= scripts  # the window's and the command line's
    assert {s for s in scripts if not (REPO / s).is_file() and not (SPEC.parent / s).is_file()} == set()


def test_the_console_program_s_script_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "bundle" / "cli_entry.py"), "--version"],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert 0 == done.returncode, done.stderr
    assert f"python -m reader {reader.__version__}" == done.stdout.strip()


def test_the_windows_icon_is_drawn_from_the_svg_at_every_size(qapp: QApplication, tmp_path: Path) -> None:
    make_icon = load(REPO / "bundle" / "make_icon.py", "bundle_make_icon")
    icon = tmp_path / "ArchiveReader.ico"
    make_icon.make_icon(REPO / "resources" / "icons" / "archive-reader.svg", icon)
    assert (0, 1, len(make_icon.SIZES)) == struct.unpack("<HHH", icon.read_bytes()[:6])
    reader_ = QImageReader(str(icon))
    sizes = []
    for index in range(reader_.imageCount()):
        reader_.jumpToImage(index)
        image = reader_.read()
        assert image.pixelColor(image.width() // 2, image.height() // 2).alpha() > 0  # drawn, not blank
        sizes.append(image.width())
    assert list(make_icon.SIZES) == sizes


@pytest.mark.gui
def test_the_windowed_program_shows_its_self_test_in_a_message_box_without_a_console(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """ArchiveReader.exe started from Explorer has no console: sys.stdout is None."""
    from reader.gui import launch

    monkeypatch.setattr(app, "use_chinese", lambda _app: None)  # keep the shared QApplication as it is
    shown: list[tuple[QMessageBox.Icon, str]] = []

    def shown_instead(box: QMessageBox) -> int:
        shown.append((box.icon(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown_instead)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setenv("ARCHIVE_READER_DB", str(tmp_path / "archive.sqlite3"))
    assert 0 == launch.main(["--self-test"])
    ((icon, text),) = shown
    assert QMessageBox.Icon.Information == icon
    assert text.startswith("[正常] 程序：报刊档案阅读器")
    assert "自检通过" == text.splitlines()[-1]


def test_install_desktop_in_the_standalone_program_starts_its_window_program(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The console program runs install-desktop; the menu must start the window beside it."""
    suffix = ".exe" if sys.platform == "win32" else ""
    window = tmp_path / f"{contents.GUI_NAME}{suffix}"
    window.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / f"{contents.CLI_NAME}{suffix}"))
    assert window == desktop.gui_command()


def test_install_desktop_in_the_standalone_program_on_windows_names_its_window_program() -> None:
    window = Path("C:/Program Files/ArchiveReader") / f"{contents.GUI_NAME}.exe"
    shortcut = "选“发送到 → 桌面快捷方式”。"
    expected = f"Windows 上不需要这一步：要在桌面上放一个图标，请在 {window} 上点右键，{shortcut}"
    assert expected == desktop.instructions("win32", window)
