"""Run the built standalone program and report what a user would meet (a check, not a test).

    python scripts/check_bundle.py [--dist dist/ArchiveReader] [--drop-caches]

After `bash scripts/bundle.sh` (Windows: scripts\\bundle.bat, which runs this too). Any Python 3.10+
runs it: it uses nothing but the standard library and the built programs. It checks, with the
user's folders (home, data, settings, cache) redirected into a temporary folder:

* `ArchiveReader --self-test` offscreen: every line of the self-test passes (printed in full);
  on Windows `archive-reader-cli self-test`, because the windowed ArchiveReader.exe shows its
  report in a message box when it has no console;
* the window offscreen on a new archive: it starts, imports the demo issue and keeps running;
* the window on a real X display (Linux, when Xvfb and xwininfo are installed): the time from
  starting the program to its main window being mapped, which is what a user waits for;
* `archive-reader-cli`: --version, import, search, export of a PDF (checked to be a PDF), and on
  Linux install-desktop (the menu entry must start the bundled window program);
* nothing was written into the program folder (it may be read-only under Program Files);
* the size of the folder.

--drop-caches (Linux, as root) empties the page cache before each timed start, so the first
timing of each is a cold start (from disk); the second is always warm. Without it both are
warm. Timings are figures to read, never pass/fail. Status 1 when any check fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXE = ".exe" if sys.platform == "win32" else ""
TIMEOUT = 120  # seconds; a program that takes longer is stuck
WINDOW_CLASS = '("ArchiveReader" "ArchiveReader")'


class CheckFailed(Exception):
    """A check of the built program failed; the message says which and shows its output."""


def user_environment(home: Path, **extra: str) -> dict[str, str]:
    """This environment with the user's folders moved into `home` and no archive chosen.

    On Windows platformdirs asks the shell for %LOCALAPPDATA%, which no variable redirects: the
    self-test's default archive is then the real one (only looked at, never created).
    """
    chosen = ("ARCHIVE_READER_DB", "QT_QPA_PLATFORM", "DISPLAY")
    env = {k: v for k, v in os.environ.items() if k not in chosen}
    folders = {
        "HOME": home,
        "USERPROFILE": home,
        "XDG_DATA_HOME": home / "data",
        "XDG_CONFIG_HOME": home / "config",
        "XDG_CACHE_HOME": home / "cache",
        "APPDATA": home / "AppData" / "Roaming",
        "LOCALAPPDATA": home / "AppData" / "Local",
    }
    for path in folders.values():
        path.mkdir(parents=True, exist_ok=True)
    return {**env, **{k: str(v) for k, v in folders.items()}, **extra}


def run(command: list[str], env: dict[str, str], expect: int = 0) -> tuple[str, float]:
    """Run a program to completion: (its output, seconds taken); CheckFailed on another status."""
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, capture_output=True, encoding="utf-8", errors="replace", timeout=TIMEOUT
    )
    took = time.perf_counter() - started
    if done.returncode != expect:
        raise CheckFailed(f"{' '.join(command)}：状态 {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stdout, took


def drop_caches() -> bool:
    """Empty Linux's page cache (root only), so the next start reads everything from disk."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def timed_twice(label: str, measure: Callable[[], float], cold: bool) -> str:
    """`measure` run twice, the first after emptying the cache when `cold`; one report line."""
    dropped = drop_caches() if cold else False
    first = measure()
    second = measure()
    kind = "冷启动（已清空页缓存）" if dropped else "热缓存"
    return f"{label}：{kind} {first:.2f} 秒，再次 {second:.2f} 秒"


def folder_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file in `folder`: (size, modification time), to tell whether anything was written.

    A symbolic link (PyInstaller links libraries on Linux) counts as its own small size.
    """
    state: dict[str, tuple[int, int]] = {}
    for path in folder.rglob("*"):
        if path.is_file() or path.is_symlink():
            status = path.lstat()
            state[str(path.relative_to(folder))] = (status.st_size, status.st_mtime_ns)
    return state


def articles_in(db: Path) -> int:
    """How many articles a (possibly still open) archive holds; 0 while it is not there yet."""
    if not db.is_file():
        return 0
    try:
        with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def window_offscreen(gui: Path, work: Path) -> float:
    """Start the window offscreen on a new archive; seconds until the demo issue is in it.

    The demo is imported by the window once it is shown, so this covers opening the archive,
    building and showing the window, and the first write. The program must still be running.
    """
    home = Path(tempfile.mkdtemp(dir=work))
    db = home / "archive.sqlite3"
    env = user_environment(home, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    process = subprocess.Popen([str(gui), str(db)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        while articles_in(db) == 0:
            if process.poll() is not None:
                output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
                raise CheckFailed(f"窗口（offscreen）退出了，状态 {process.returncode}：\n{output}")
            if time.perf_counter() - started > TIMEOUT:
                raise CheckFailed(f"窗口（offscreen）{TIMEOUT} 秒内没有导入演示报纸")
            time.sleep(0.02)
        took = time.perf_counter() - started
        time.sleep(1)
        if process.poll() is not None:
            raise CheckFailed(f"窗口（offscreen）导入演示报纸后退出了，状态 {process.returncode}")
    finally:
        stop(process)
    return took


def x_display() -> tuple[subprocess.Popen[bytes], str] | None:
    """A virtual X display (Xvfb) and its name; None where there is none to start."""
    if not sys.platform.startswith("linux") or not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        return None
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as reply:
        number = reply.readline().strip()
    if not number:
        stop(server)
        return None
    return server, f":{number}"


def main_window_mapped(display: str) -> bool:
    """Whether the program's main window (not a 1×1 helper) is mapped on `display`."""
    env = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
    for line in tree.splitlines():
        if WINDOW_CLASS not in line:
            continue
        window = line.split()[0]
        info = subprocess.run(["xwininfo", "-id", window], env=env, capture_output=True, text=True).stdout
        width = next((int(x.split(":")[1]) for x in info.splitlines() if x.strip().startswith("Width:")), 0)
        if "IsViewable" in info and width > 100:
            return True
    return False


def window_on_display(gui: Path, work: Path, display: str) -> float:
    """Start the window on a real X display on a new archive; seconds until it is mapped."""
    home = Path(tempfile.mkdtemp(dir=work))
    env = user_environment(home, DISPLAY=display)
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(gui), str(home / "archive.sqlite3")], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        while not main_window_mapped(display):
            if process.poll() is not None:
                output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
                raise CheckFailed(f"窗口（{display}）退出了，状态 {process.returncode}：\n{output}")
            if time.perf_counter() - started > TIMEOUT:
                raise CheckFailed(f"窗口（{display}）{TIMEOUT} 秒内没有出现")
            time.sleep(0.01)
        return time.perf_counter() - started
    finally:
        stop(process)


def self_test(command: list[str], work: Path) -> tuple[str, float]:
    """The self-test offscreen; its output and seconds. Every check must pass."""
    home = Path(tempfile.mkdtemp(dir=work))
    output, took = run(command, user_environment(home, QT_QPA_PLATFORM="offscreen"))
    lines = output.splitlines()
    if not lines or lines[-1] != "自检通过":
        raise CheckFailed(f"自检没有通过：\n{output}")
    archive = next((line for line in lines if "默认档案" in line), "")
    if sys.platform != "win32" and str(home) not in archive:
        raise CheckFailed(f"默认档案不在用户数据目录（{home}）里：{archive}")
    return output, took


def command_line(cli: Path, work: Path) -> list[str]:
    """The console program: version, import of the shipped demo, a search, a PDF export."""
    home = Path(tempfile.mkdtemp(dir=work))
    env = user_environment(home)
    db = home / "cli.sqlite3"
    pdf = home / "春耕.pdf"
    demo = cli.parent / "_internal" / "resources" / "demo"
    version, _ = run([str(cli), "--version"], env)
    imported, _ = run([str(cli), "import", str(demo), "--db", str(db)], env)
    found, _ = run([str(cli), "search", "春耕", "--db", str(db)], env)
    run([str(cli), "export", "--query", "春耕", "--out", str(pdf), "--db", str(db)], env)
    if not found.strip():
        raise CheckFailed("search 春耕 没有找到演示报纸里的文章")
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
        raise CheckFailed(f"export 没有写出 PDF：{pdf}")
    menu = "（只在 Linux 上）"
    if sys.platform.startswith("linux"):
        run([str(cli), "install-desktop"], env)
        entry = home / "data" / "applications" / "archive-reader.desktop"
        window = str(cli.with_name(f"ArchiveReader{EXE}"))
        if f"Exec={window}" not in entry.read_text("utf-8").splitlines():
            raise CheckFailed(f"install-desktop 写的菜单项没有启动 {window}：{entry}")
        menu = f"菜单项启动 {window}"
    return [
        f"版本：{version.strip()}",
        f"导入演示报纸：{imported.strip().splitlines()[-1] if imported.strip() else '（无输出）'}",
        f"检索“春耕”：{len(found.strip().splitlines())} 行结果",
        f"导出 PDF：{pdf.stat().st_size // 1024} KB",
        f"install-desktop：{menu}",
    ]


def check(gui: Path, cli: Path, work: Path, cold: bool) -> list[str]:
    """Every check in turn (the self-test's output printed); the report's lines. CheckFailed."""
    report: list[str] = []
    display = x_display()
    if display is not None:
        server, name = display
        try:
            appears = partial(window_on_display, gui, work, name)
            report.append(timed_twice("窗口出现（Xvfb，xcb）", appears, cold))
        finally:
            stop(server)
    else:
        report.append("窗口出现：没有 Xvfb 和 xwininfo，未测")
    starts = partial(window_offscreen, gui, work)
    report.append(timed_twice("窗口打开并导入演示报纸（offscreen）", starts, cold))

    command = [str(cli), "self-test"] if sys.platform == "win32" else [str(gui), "--self-test"]
    label = " ".join([Path(command[0]).name, *command[1:]])
    printed: list[str] = []

    def checked() -> float:
        output, took = self_test(command, work)
        if not printed:
            printed.append(output)
            print(f"$ {label}   （QT_QPA_PLATFORM=offscreen）\n{output}", end="")
        return took

    report.append(timed_twice(label, checked, cold))
    return report + command_line(cli, work)


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--dist", type=Path, default=REPO / "dist" / "ArchiveReader", help="the built folder")
    parser.add_argument("--drop-caches", action="store_true", help="time cold starts (Linux, root)")
    args = parser.parse_args()
    folder: Path = args.dist.resolve()
    gui, cli = folder / f"ArchiveReader{EXE}", folder / f"archive-reader-cli{EXE}"
    for program in (gui, cli):
        if not program.is_file():
            print(f"找不到 {program}：请先运行 bash scripts/bundle.sh", file=sys.stderr)
            return 1
    before = folder_state(folder)
    with tempfile.TemporaryDirectory(prefix="archive-reader-bundle-") as work:
        try:
            report = check(gui, cli, Path(work), args.drop_caches)
        except (CheckFailed, subprocess.TimeoutExpired) as failure:
            print(f"打包检查未通过：{failure}", file=sys.stderr)
            return 1
    after = folder_state(folder)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    size = sum(size for size, _mtime in after.values())
    print()
    for line in report:
        print(line)
    print(f"程序文件夹：{folder}，{len(after)} 个文件，{size / 2**20:.1f} MiB")
    if changed:
        print(f"打包检查未通过：程序文件夹里有文件被写入或新建：{'、'.join(changed[:10])}", file=sys.stderr)
        return 1
    print("程序文件夹未被写入")
    print("打包检查通过")
    return 0


if __name__ == "__main__":
    sys.exit(main())
