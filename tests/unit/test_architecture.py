"""The two packages and their imports, as ARCHITECTURE.md draws them: the economics (analysis)
never imports the machinery (reporting), no module imports itself through a circle, and the
machinery's modules import each other directly, never through the package face."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from analysis.provenance import PROJECT_ROOT

SRC = PROJECT_ROOT / "src"
PACKAGES = ("analysis", "reporting")


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of the two packages it imports (anywhere in its body)."""
    modules = {_name(p): p for pkg in PACKAGES for p in (SRC / pkg).rglob("*.py")}
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    keep = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(keep + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                           for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    edges[name].add(target)
    return {m: edges[m] for m in modules}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    """The import graph, parsed once for the tests that read it."""
    return import_graph()


def test_no_module_imports_itself_through_a_circle(graph):
    assert cycles(graph) == []


def test_a_circle_is_found_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_economics_never_imports_the_machinery(graph):
    wrong = [(a, b) for a, bs in graph.items() for b in bs
             if a.startswith("analysis") and b.startswith("reporting")]
    assert wrong == []


def test_machinery_modules_import_their_siblings_directly_not_through_the_face(graph):
    wrong = [a for a, bs in graph.items()
             if a.startswith("reporting.") and "reporting" in bs]
    assert wrong == []
