"""The import structure the design asks for, read from the source (every import statement,
also those inside functions): the engine stays free of HTTP and of the pipeline, the
pipeline never reaches into the server (but for the CLI entry point), and no two parts of
the code import each other."""

from __future__ import annotations

import ast
from pathlib import Path

from kg import config

ROOT = config.PROJECT_ROOT


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Absolute names of the modules a file imports."""
    names = set()
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def sources(package: str) -> dict[str, set[str]]:
    return {module_name(path): imports_of(path)
            for path in sorted((ROOT / package).rglob("*.py")) if "vendor" not in path.parts}


def part(module: str) -> str:
    """The part a module belongs to: a subpackage (server.engine) or a top-level module
    (server.app)."""
    return ".".join(module.split(".")[:2])


def within(names: set[str], *roots: str) -> set[str]:
    return {name for name in names if name.split(".")[0] in roots}


def test_the_engine_imports_neither_flask_nor_the_pipeline() -> None:
    offending = {module: sorted(within(names, "flask", "werkzeug", "kg"))
                 for module, names in sources("server").items()
                 if module.startswith("server.engine")}
    assert {module: names for module, names in offending.items() if names} == {}
    assert "server.engine.worker" in offending  # the walk did see the engine


def test_the_pipeline_imports_the_server_only_from_the_cli() -> None:
    offending = {module for module, names in sources("kg").items()
                 if within(names, "server") and module != "kg.cli"}
    assert offending == set()


def test_no_two_parts_import_each_other() -> None:
    modules = {**sources("kg"), **sources("server")}
    known = {part(module) for module in modules}
    edges: dict[str, set[str]] = {}
    for module, names in modules.items():
        for name in names:
            if part(name) in known and part(name) != part(module):
                edges.setdefault(part(module), set()).add(part(name))
    assert "server.engine" in edges["server.services"]  # the walk did see the server
    assert find_cycle(edges) is None


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the directed graph as a list of nodes, or None."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        trail.append(node)
        for successor in sorted(edges.get(node, ())):
            if state.get(successor) == "open":
                return trail[trail.index(successor):] + [successor]
            if successor not in state and (cycle := visit(successor)):
                return cycle
        state[node] = "done"
        trail.pop()
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}}) is None


def test_no_two_modules_import_each_other() -> None:
    """Within a part too: an import inside a function can hide a circle, not end it. A
    module's own package ("from kg.extract import projects" in kg.extract.pipeline) is the
    way to its siblings, not an import of the package's face."""
    modules = {**sources("kg"), **sources("server")}
    edges = {module: {name for name in names
                      if name in modules and not module.startswith(name + ".")
                      and name != module}
             for module, names in modules.items()}
    assert "kg.ingest.inputs" in edges["kg.extract.seam"]  # the walk did see the modules
    assert find_cycle(edges) is None
