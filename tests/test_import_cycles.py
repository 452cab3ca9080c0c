"""No import circle in the house: game/, skillmap/, shared/, issuer/, authoring/.

The module graph is built from the source (``ast``) of every module, with its top-level AND
function-level imports (a function-local import used to hide the circles: it only moves the
failure to the first call). Imports under ``if TYPE_CHECKING:`` are left out: they never
run, and type checkers handle circles among them. A package's ``__init__`` being run before
its submodules is not an edge either (that is how packages work).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("game", "skillmap", "shared", "issuer", "authoring")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "node_modules" not in path.parts
    }


def _type_checking_only(tree: ast.AST) -> set[int]:
    """The nodes inside ``if TYPE_CHECKING:`` blocks (never run)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(inner) for part in node.body for inner in ast.walk(part)}
    return skipped


def _imported(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of ``modules`` that ``module`` imports, anywhere in its body."""

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str | None] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {known(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                full = f"{source}.{alias.name}"
                found.add(full if full in modules else known(source))
    return {name for name in found if name and name != module}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def module_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def test_no_import_circle() -> None:
    graph = module_graph()
    assert len(graph) > 100  # the five packages were found
    circles = _cycles(graph)
    assert circles == [], "import circles (top-level or function-level imports): " + "; ".join(
        " <-> ".join(group) for group in circles
    )


def test_a_circle_hidden_in_a_function_is_found_and_a_type_only_one_is_not(
    tmp_path: Path,
) -> None:
    """The checker itself, on a scratch package: ``a`` imports ``b`` inside a function."""
    (tmp_path / "a.py").write_text("def late():\n    from pkg import b\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("from pkg.a import late\n", encoding="utf-8")
    typed = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import late\n"
    (tmp_path / "c.py").write_text(typed, encoding="utf-8")
    (tmp_path / "d.py").write_text("from . import c\n", encoding="utf-8")
    modules = {f"pkg.{name}": tmp_path / f"{name}.py" for name in "abcd"}
    graph = {name: _imported(name, path, modules) for name, path in modules.items()}
    assert graph == {"pkg.a": {"pkg.b"}, "pkg.b": {"pkg.a"}, "pkg.c": set(), "pkg.d": {"pkg.c"}}
    assert _cycles(graph) == [["pkg.a", "pkg.b"]]
