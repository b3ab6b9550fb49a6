"""No circles among the module-level imports of reader/ (tests/import_graph.py reads them with ast).

A circle ties every module in it to every other and makes the import order matter: the archive's
opening once imported the whole schema history through one (issue 25). Imports under
`if TYPE_CHECKING:` count as module-level here: they run for mypy, and a type that lives on the
wrong side of a circle is the same knot. Imports inside functions (lazy) are checked apart and
may close a circle only where the function says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from import_graph import ROOT, circles, describe, eager_and_lazy, module_level, reached, read_imports

# Circles known and owned elsewhere, taken out as they are broken; none is left (issue 25 ended
# the window's two: archive care and the window, the app and its launcher).
KNOWN: list[list[str]] = []
KNOWN_LAZY: list[list[str]] = []


def test_reader_has_no_circle_among_module_level_imports() -> None:
    graph = module_level(read_imports(ROOT / "reader"))
    new = [part for part in circles(graph) if part not in KNOWN]
    assert [] == new, "\n".join(describe({n: graph[n] for part in new for n in part}))


def test_lazy_imports_close_no_circle_but_the_known_ones() -> None:
    found = read_imports(ROOT / "reader")
    graph = eager_and_lazy(found)
    new = [part for part in circles(graph) if part not in KNOWN + KNOWN_LAZY]
    assert [] == new, "\n".join(describe({n: graph[n] for part in new for n in part}))


LIVE_CODE = {
    "reader.archive.search_index",
    "reader.archive.demo",
    "reader.archive.sources",
    "reader.archive.dictionary",
    "reader.archive.importer",
    "reader.archive.corrections",
}


def test_the_migrations_reach_no_live_code_that_keeps_changing() -> None:
    graph = module_level(read_imports(ROOT / "reader"))
    assert set() == reached(graph, "reader.archive.migrations") & LIVE_CODE


def test_the_archive_handle_imports_nothing_that_works_on_the_archive() -> None:
    graph = module_level(read_imports(ROOT / "reader"))
    opening = {"reader.archive.db", "reader.archive.migrations", "reader.archive.queries"}
    assert set() == reached(graph, "reader.archive.handle") & (LIVE_CODE | opening)


def write_package(root: Path, modules: dict[str, str]) -> Path:
    package = root / "pkg"
    for name, source in modules.items():
        path = package / (name.replace(".", "/") + ".py")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return package


def test_the_check_finds_a_circle_through_a_type_only_import(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "__init__": "",
            "a": "from pkg.b import thing\n",
            "b": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import other\n",
            "c": "def late():\n    from pkg import a\n",
        },
    )
    assert [["pkg.a", "pkg.b"]] == circles(module_level(read_imports(package)))
    assert ["2 modules ['pkg.a', 'pkg.b']: pkg.a → pkg.b → pkg.a"] == describe(
        module_level(read_imports(package))
    )


def test_a_lazy_import_is_no_module_level_edge(tmp_path: Path) -> None:
    package = write_package(
        tmp_path, {"__init__": "", "a": "import pkg.b\n", "b": "def late():\n    from . import a\n"}
    )
    found = read_imports(package)
    assert [] == circles(module_level(read_imports(package)))
    assert [["pkg.a", "pkg.b"]] == circles(eager_and_lazy(found))


@pytest.mark.parametrize(
    "statement", ["from pkg.sub import mod", "from .sub import mod", "import pkg.sub.mod"]
)
def test_importing_a_submodule_also_runs_its_package(tmp_path: Path, statement: str) -> None:
    package = write_package(
        tmp_path, {"__init__": "", "sub.__init__": "from pkg.sub.mod import x\n", "sub.mod": "x = 1\n"}
    )
    (package / "other.py").write_text(statement + "\n", encoding="utf-8")
    assert {"pkg.sub", "pkg.sub.mod"} == read_imports(package).eager["pkg.other"]
