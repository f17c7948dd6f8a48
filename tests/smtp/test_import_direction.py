"""Imports inside ``smtp/`` point one way: no module reaches itself again.

Every ``import`` and ``from ... import`` counts, at module level or inside a
function (a lazy import is still a dependency) and under ``TYPE_CHECKING``
too, so a circle cannot come back hidden in a function body.
"""

from __future__ import annotations

import ast
from pathlib import Path

SMTP = Path(__file__).resolve().parents[2] / "smtp"


def module_name(path: Path) -> str:
    parts = path.relative_to(SMTP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def dependencies() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in SMTP.rglob("*.py"):
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("smtp"):
                # "from smtp.pkg import mod" names a submodule (the dependency; a package's
                # __init__ running first is Python's doing, not a design choice) or a name
                # defined in smtp.pkg itself.
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    deps.add(sub if (SMTP.parent / sub.replace(".", "/")).with_suffix(".py").exists()
                             or (SMTP.parent / sub.replace(".", "/")).is_dir() else node.module)
            elif isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names if alias.name.startswith("smtp."))
        graph[module_name(path)] = deps
    return {name: {d for d in deps if d in graph and d != name} for name, deps in graph.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected set of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for dep in sorted(graph[node]):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_checker_finds_a_circle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_smtp_imports_point_one_way() -> None:
    graph = dependencies()
    assert "smtp.send" in graph and "smtp.context" in graph["smtp.send"]
    assert cycles(graph) == []
