"""What a test needs from outside the repository: skipped on a developer's machine that lacks it,
a failure in CI (the environment variable CI=true, set by .ci/run), so a green CI run cannot hide
a part that was never tested."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# The archivist's expectations for real issues, beside the checkout (only the parser scoring
# tests and the line model's leave-one-out test read it; every other test reads tests/corpus*).
SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def in_ci() -> bool:
    """True when the run is CI's: there nothing the tests need may be missing."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require(condition: object, reason: str) -> None:
    """Go on when `condition` holds; else skip (locally) or fail (CI) with `reason`.

    Works in a test, a fixture or at module level (then the whole module is skipped or fails
    to collect)."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI=true: required, never skipped)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def require_tool(name: str, package: str) -> str:
    """The path of the program `name` (from `package`), required as `require` does."""
    found = shutil.which(name)
    require(found, f"{name} not found: install {package}")
    assert found is not None
    return found
