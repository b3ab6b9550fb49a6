"""The standalone program (PyInstaller, bundle/) carries everything the program needs.

Building it takes a minute and needs PyInstaller, so the suite checks what the build is given:
the CLI's explicit command list, and bundle/contents.py (what the spec puts in and leaves out)
against the repository. The real build and a run of the built program are
`bash scripts/bundle.sh` and `scripts/check_bundle.py`.
"""

from __future__ import annotations

import pkgutil
from pathlib import Path

import reader.commands
from reader import cli


def test_every_command_module_is_in_the_cli_command_list() -> None:
    """A frozen build cannot find commands by scanning reader/commands: cli.COMMANDS lists them."""
    on_disk = {m.name for m in pkgutil.iter_modules(reader.commands.__path__) if not m.name.startswith("_")}
    assert on_disk == {Path(module.__file__ or "").stem for module in cli.COMMANDS}
