"""No import cycles in webapp/, sites/ and common/: none at module level, and none closed by an
import inside a function body (the usual way to hide one).

The graph is read from the source with `ast`, so the test sees every module whether or not
anything imports it. `from package import name` counts as importing `package.name` where that is
a module, else `package`; imports under `if TYPE_CHECKING:` do not run and do not count.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("webapp", "sites", "common")

# Imports inside a function that close a cycle, each with the reason it must stay there. Empty:
# `create_app` importing the blueprints, or the CLI importing its commands, closes none.
FUNCTION_IMPORTS_ALLOWED: dict[tuple[str, str], str] = {}


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module's dotted name, with its file and whether it is a package's `__init__`."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            modules[".".join(parts)] = (path, is_package)
    return modules


MODULES = _modules()


def _known(name: str) -> str | None:
    """The longest prefix of a dotted name that is one of our modules."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(node, ast.Import):
        found = {_known(alias.name) for alias in node.names}
    else:
        base = node.module or ""
        if node.level:
            package = module if is_package else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        found = {
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else _known(base)
            for alias in node.names
        }
    return found - {None, module}


def _is_type_checking(test: ast.expr) -> bool:
    return ast.unparse(test) in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}


def _imports(module: str) -> tuple[set[str], list[tuple[str, int]]]:
    """What a module imports when it is loaded, and what its functions import when called (with
    the line)."""
    path, is_package = MODULES[module]
    at_load: set[str] = set()
    in_functions: list[tuple[str, int]] = []

    def visit(statements: list[ast.stmt], in_function: bool) -> None:
        for node in statements:
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _targets(module, is_package, node):
                    if in_function:
                        in_functions.append((target, node.lineno))
                    else:
                        at_load.add(target)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(node.body, True)
            elif isinstance(node, ast.If) and _is_type_checking(node.test):
                visit(node.orelse, in_function)
            else:
                for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                    block = getattr(node, field, None)
                    if isinstance(block, list):
                        visit(block, in_function)

    visit(ast.parse(path.read_text(), str(path)).body, False)
    return at_load, in_functions


GRAPH: dict[str, set[str]] = {}
FUNCTION_IMPORTS: dict[str, list[tuple[str, int]]] = {}
for _name in MODULES:
    GRAPH[_name], FUNCTION_IMPORTS[_name] = _imports(_name)


def _path(graph: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """A chain of module-level imports from start to goal, if there is one."""
    came_from = {start: start}
    todo = [start]
    while todo:
        current = todo.pop()
        if current == goal:
            chain = [goal]
            while chain[-1] != start:
                chain.append(came_from[chain[-1]])
            return chain[::-1]
        for target in sorted(graph[current]):
            if target not in came_from:
                came_from[target] = current
                todo.append(target)
    return None


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per module-level import that lies on one."""
    return [
        [module, *chain]
        for module, targets in sorted(graph.items())
        for target in sorted(targets)
        if (chain := _path(graph, target, module))
    ]


def test_the_graph_holds_every_package():
    assert {"webapp", "webapp.access", "sites.builder", "common.markdown"} <= set(MODULES)
    assert "webapp.access.roles" in GRAPH["webapp.access.partners"]
    assert "webapp.admin.blueprint" in GRAPH["webapp.admin.privacy"]


def test_no_module_level_import_cycle():
    cycles = [" -> ".join(cycle) for cycle in _cycles(GRAPH)]
    assert cycles == []


def test_no_function_body_import_closes_a_cycle():
    closing = [
        f"{module}:{line} imports {target}, which imports it back: {' -> '.join(chain)}"
        for module, imports in sorted(FUNCTION_IMPORTS.items())
        for target, line in imports
        if (module, target) not in FUNCTION_IMPORTS_ALLOWED
        and (chain := _path(GRAPH, target, module))
    ]
    assert closing == []


def test_the_cycle_finder_sees_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c", "a"], ["b", "c", "a", "b"], ["c", "a", "b", "c"]]
