"""The package layout: subpackages by stage and no import circles (issue 16)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "eventwire"
STAGES = ["ingest", "nlp", "actors", "quotes", "events", "timeplace", "stories", "store",
          "evaluate", "batch", "cli", "api", "web"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(tree: ast.AST) -> list[ast.ImportFrom | ast.Import]:
    """Every import statement, at any depth, except those under `if TYPE_CHECKING:`."""
    found: list[ast.ImportFrom | ast.Import] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if _type_checking(child):
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            stack.append(child)
    return found


def _with_parents(name: str) -> list[str]:
    """Importing eventwire.a.b runs eventwire.a and eventwire.a.b.

    The root package is left out: it is the public facade (it imports
    records and errors, and the pipeline only lazily, when asked for).
    """
    parts = name.split(".")
    return [".".join(parts[:k]) for k in range(2, len(parts) + 1)] if len(parts) > 1 else [name]


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = package.split(".")
                if node.level:
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                targets = [target] + [f"{target}.{a.name}" for a in node.names]
            own = set(_with_parents(name))  # a module's own packages are already being imported
            for target in targets:
                for step in _with_parents(target):
                    if step in modules and step not in own:
                        graph[name].add(step)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle, if there is any (depth-first search)."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_layout_has_no_import_circle():
    graph = _graph()
    assert len(graph) > 40
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_layout_cycle_finder_sees_a_circle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("stage", STAGES)
def test_layout_stage_is_a_package_naming_its_entry_point(stage):
    init = PACKAGE / stage / "__init__.py"
    assert init.exists()
    tree = ast.parse(init.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{stage}/__init__.py has no docstring"
    names = [n for n in tree.body if isinstance(n, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)]
    assert names, f"{stage}/__init__.py does not name its entry point in __all__"


def test_layout_top_level_is_records_and_shell_glue_only():
    flat = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert flat == ["__init__", "__main__", "bench", "datafiles", "errors", "exports", "pipeline",
                    "records", "service", "settings"]


def test_layout_public_api_still_imports():
    import eventwire
    from eventwire import Actor, Article, Event, Quote, Reading, Skip, geocode, process, resolve_date

    assert callable(process) and callable(resolve_date) and callable(geocode)
    assert {Actor, Article, Event, Quote, Reading, Skip} <= {getattr(eventwire, n) for n in eventwire.__all__
                                                            if n[0].isupper()}
