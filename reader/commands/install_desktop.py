"""`install-desktop`: put the program into the user's applications menu (Linux), or say how elsewhere."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `install-desktop` command."""
    parser = subparsers.add_parser(
        "install-desktop",
        help="把程序加入桌面的应用程序菜单（Linux）；Windows、macOS 上说明怎么做",
        description="在用户的应用程序菜单里加入“报刊档案阅读器”（菜单项和图标写到 ~/.local/share，"
        "或 $XDG_DATA_HOME），启动的是这次安装的 archive-reader-gui。Windows、macOS 上说明该怎么做。",
    )
    parser.add_argument("--remove", action="store_true", help="从菜单中删除（删除菜单项和图标）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Install (or remove) the menu entry; 1 when this installation has no archive-reader-gui."""
    from reader import (
        desktop,  # here: cli imports every command module, and a search must not pay for this one
    )

    if args.remove:
        removed = desktop.remove()
        for path in removed:
            print(f"已删除：{path}")
        if not removed:
            print("菜单里没有报刊档案阅读器，无需删除")
        return 0
    command = desktop.gui_command()
    if not sys.platform.startswith("linux"):
        print(desktop.instructions(sys.platform, command))
        return 0
    if command is None:
        print(
            f"找不到 {desktop.GUI_COMMAND}：程序没有用 pip 安装。"
            "请先运行 bash scripts/run.sh（或 pip install .），再运行本命令。",
            file=sys.stderr,
        )
        return 1
    files = desktop.install(command)
    print(f"菜单项：{files.entry}")
    print(f"图标：{files.icon}")
    print(f"启动命令：{command}")
    print("已加入应用程序菜单（办公类）里的“报刊档案阅读器”；个别桌面要重新登录后才显示。")
    return 0
