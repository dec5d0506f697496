"""calc's modules import one another without a circle (issue 24): calc.ruleset reads the compiled rules and
imports no rule kind (each item's yes/no facts are compiled into ruleset.json), so a rule kind may use a
Ruleset at run time. Imports under `if TYPE_CHECKING:` count too: a circle through them is one edit away."""

from __future__ import annotations

import ast
from pathlib import Path

CALC = Path(__file__).resolve().parent.parent / "calc"


def module_name(path: Path) -> str:
    parts = path.relative_to(CALC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def calc_imports() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in CALC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "calc":
                targets.add(node.module)
                targets |= {f"{node.module}.{alias.name}" for alias in node.names} & modules.keys()
            elif isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names if alias.name.split(".")[0] == "calc"}
        graph[name] = {target for target in targets if target in modules and target != name and target != "calc"}
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_calc_has_no_import_circle():
    assert cycle_in(calc_imports()) is None, " → ".join(cycle_in(calc_imports()) or [])


def test_the_ruleset_imports_no_rule_kind():
    assert calc_imports()["calc.ruleset"] == set()


def test_a_circle_would_be_found():
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
