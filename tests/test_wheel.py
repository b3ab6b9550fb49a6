"""What `pip install` gives a user: the sdist and the wheel built from it carry resources/, and the
program installed from them, in a new virtual environment away from the checkout, passes its
self-test with the user dictionary in effect.

Slow (15 s to a minute, by the network: two virtual environments, a real build, PySide6
downloaded) and part of every run, CI included: a lost resource is silent everywhere else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import reader

REPO = Path(__file__).resolve().parents[1]
CONSTRAINTS = REPO / "constraints.txt"
BIN = "Scripts" if os.name == "nt" else "bin"
SHIPPED = ["userdict.txt", "archive-reader.desktop", "demo/演示报纸_2023-03-14.txt"]
SHIPPED += ["icons/archive-reader.svg"]
# What a build does not need: dot folders (.git, .venv, caches), build output, tests, benchmarks.
LEFT_OUT = shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "bench", "tests")

pytestmark = pytest.mark.slow


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a program to completion; its output, or a test failure showing it."""
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    assert 0 == done.returncode, f"{' '.join(map(str, command))}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def new_venv(path: Path, *packages: str | Path) -> Path:
    """A new virtual environment with `packages` installed at the tested versions; its bin folder."""
    run(sys.executable, "-m", "venv", path, cwd=path.parent)
    bin_dir = path / BIN
    run(bin_dir / "python", "-m", "pip", "install", "-q", "-c", CONSTRAINTS, *packages, cwd=path.parent)
    return bin_dir


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel): `python -m build` on a copy of the checkout, the wheel built from the sdist."""
    work = tmp_path_factory.mktemp("build")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=LEFT_OUT)
    tools = new_venv(work / "tools", "build")
    run(tools / "python", "-m", "build", "--outdir", work / "dist", source, cwd=work)
    (sdist,) = (work / "dist").glob("*.tar.gz")
    (wheel,) = (work / "dist").glob("*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def installed(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a new virtual environment with the wheel installed."""
    return new_venv(tmp_path_factory.mktemp("user") / "venv", built[1])


def user_env(home: Path) -> dict[str, str]:
    """A user's environment: no display, no Qt platform chosen, archive and menus under `home`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    data = home / "data"
    return {**env, "ARCHIVE_READER_DB": str(data / "archive.sqlite3"), "XDG_DATA_HOME": str(data)}


def test_the_sdist_carries_the_resources_folder(built: tuple[Path, Path]) -> None:
    with tarfile.open(built[0]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {f"resources/{name}" for name in SHIPPED} <= names


def test_the_wheel_carries_the_resources_as_package_data(built: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(built[1]) as wheel:
        names = set(wheel.namelist())
    assert {f"reader/_resources/{name}" for name in SHIPPED} <= names


def test_the_wheel_takes_its_version_from_reader(built: tuple[Path, Path]) -> None:
    assert built[1].name.startswith(f"archive_reader-{reader.__version__}-")


def test_the_installed_program_passes_its_self_test_with_its_own_resources(
    installed: Path, tmp_path: Path
) -> None:
    out = run(installed / "archive-reader", "self-test", cwd=tmp_path, env=user_env(tmp_path))
    lines = out.splitlines()
    site = next(line for line in lines if line.startswith("[正常] 程序："))
    package = Path(site.split("（", 1)[1].rstrip("）"))
    assert installed.parent in package.parents
    assert f"[正常] 用户词典：{package / '_resources' / 'userdict.txt'}（30 个词）" in lines
    assert f"[正常] 演示报纸：{package / '_resources' / 'demo'}（演示报纸_2023-03-14.txt）" in lines
    assert any(line.endswith("，区长江绍华 → 区长 / 江绍华") for line in lines)
    assert "自检通过" == lines[-1]


def test_the_installed_program_puts_itself_into_the_menu(installed: Path, tmp_path: Path) -> None:
    run(installed / "archive-reader", "install-desktop", cwd=tmp_path, env=user_env(tmp_path))
    entry = (tmp_path / "data" / "applications" / "archive-reader.desktop").read_text(encoding="utf-8")
    assert f"Exec={installed / 'archive-reader-gui'}" in entry.splitlines()
