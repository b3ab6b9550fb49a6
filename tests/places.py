"""Places on disk that tests need for real: a folder nothing can be created in."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest


@dataclass
class ReadOnlyPlace:
    """A folder that becomes read-only for real on `lock()`.

    Put files into `source` first; after `lock()` they are seen, unwritable, at `path`. For a
    normal user `path` is `source` with its write permission removed; root ignores permission
    bits (CI runs as root), so there `path` is a read-only bind mount of `source`.
    """

    source: Path
    path: Path
    _undo: list[list[str]] = field(default_factory=list)

    def lock(self) -> None:
        if self.source == self.path:
            self.source.chmod(0o555)
        else:
            for command in (
                ["mount", "--bind", str(self.source), str(self.path)],
                ["mount", "-o", "remount,bind,ro", str(self.path)],
            ):
                done = subprocess.run(command, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    pytest.fail(f"cannot make a read-only folder here ({' '.join(command)}): {done.stderr}")
                self._undo = [["umount", str(self.path)]]
        probe = self.path / ".probe"
        try:
            probe.touch()
        except OSError:
            return
        probe.unlink()
        pytest.fail(f"{self.path} is still writable after lock()")

    def unlock(self) -> None:
        for command in self._undo:
            subprocess.run(command, capture_output=True, check=False)
        self._undo = []
        self.source.chmod(0o755)
