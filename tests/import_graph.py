"""The imports between the modules of a package, read from the source with ast (nothing is run).

Three kinds of import, kept apart: module-level ones run when the module is imported, so a
circle among them makes the import order matter and ties every module of the circle to every
other; lazy ones (inside a function) run when the function does; type-only ones (under
`if TYPE_CHECKING:`) never run. `circles` finds the strongly connected parts of a graph.

Run as a script to print the circles of reader/: `python tests/import_graph.py`.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

Graph = dict[str, set[str]]
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Imports:
    """The edges of a package by kind: module name → the package's modules it imports."""

    eager: Graph = field(default_factory=dict)
    lazy: Graph = field(default_factory=dict)
    typing: Graph = field(default_factory=dict)


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module of the package under `package_dir`, by dotted name (a package by its own)."""
    base = package_dir.parent
    names: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(base).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(nodes: Iterable[ast.stmt], kind: str) -> Iterator[tuple[str, ast.Import | ast.ImportFrom]]:
    """Each import statement with its kind: module-level ("eager") statements include those in
    top-level if/try/with blocks; anything inside a function or class body's function is lazy."""
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield kind, node
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    yield "lazy", inner
        elif isinstance(node, ast.If) and _is_type_checking(node):
            yield from _walk(node.body, "typing")
            yield from _walk(node.orelse, kind)
        elif isinstance(node, ast.If | ast.Try | ast.With | ast.ClassDef):
            for block in ("body", "orelse", "finalbody", "handlers"):
                for child in getattr(node, block, []):
                    inner_nodes = child.body if isinstance(child, ast.ExceptHandler) else [child]
                    yield from _walk(inner_nodes, kind)


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules a statement imports: the module named, each submodule taken from
    it, and the packages above them (their __init__ runs first) that the importer is not in."""
    if isinstance(node, ast.Import):
        named = {alias.name for alias in node.names}
    else:
        source = _absolute(node, module, is_package)
        named = {f"{source}.{a.name}" if f"{source}.{a.name}" in known else source for a in node.names}
    mine = set(_ancestors(module)) | ({module} if is_package else set())
    found: set[str] = set()
    for name in named:
        for target in (name, *_ancestors(name)):
            if target in known and target not in mine and target != module:
                found.add(target)
    return found


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:n]) for n in range(len(parts) - 1, 0, -1)]


def read_imports(package_dir: Path) -> Imports:
    """The import graph of the package under `package_dir` (edges within the package only)."""
    names = module_names(package_dir)
    known = set(names)
    imports = Imports()
    for name, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        for graph in (imports.eager, imports.lazy, imports.typing):
            graph.setdefault(name, set())
        for kind, node in _walk(tree.body, "eager"):
            getattr(imports, kind)[name] |= _targets(node, name, is_package, known)
    return imports


def circles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan), each sorted, in name order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            part: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph) + 100))
    try:
        for node in sorted(graph):
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(found)


def one_cycle(graph: Mapping[str, set[str]], part: list[str]) -> list[str]:
    """A shortest way round from the first module of a circle back to it, for the message."""
    start, members = part[0], set(part)
    paths = {start: [start]}
    queue = [start]
    for node in queue:
        for succ in sorted(graph.get(node, set()) & members):
            if succ == start:
                return [*paths[node], start]
            if succ not in paths:
                paths[succ] = [*paths[node], succ]
                queue.append(succ)
    return part


def describe(graph: Mapping[str, set[str]]) -> list[str]:
    """One line per circle: its modules, then one way round it."""
    return [f"{len(part)} modules {part}: {' → '.join(one_cycle(graph, part))}" for part in circles(graph)]


def reached(graph: Mapping[str, set[str]], start: str) -> set[str]:
    """Every module importing `start` imports too, directly or through others."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for succ in graph[todo.pop()] - seen:
            seen.add(succ)
            todo.append(succ)
    return seen


def module_level(imports: Imports) -> Graph:
    """Module-level imports, those under `if TYPE_CHECKING:` included (they are at module level
    and a type on the wrong side of a circle is the same knot)."""
    return {name: imports.eager[name] | imports.typing[name] for name in imports.eager}


def eager_and_lazy(imports: Imports) -> Graph:
    """Every import, lazy ones included: the circles a function's import closes."""
    return {name: imports.eager[name] | imports.typing[name] | imports.lazy[name] for name in imports.eager}


if __name__ == "__main__":
    found = read_imports(ROOT / "reader")
    views = (("run at import", found.eager), ("module-level", module_level(found)))
    for title, graph in (*views, ("module-level + lazy", eager_and_lazy(found))):
        lines = describe(graph)
        print(f"{title}: {len(lines)} circles")
        for line in lines:
            print("  " + line)
