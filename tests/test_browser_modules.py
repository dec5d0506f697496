"""The browser code's shape (issue 24): ES modules that import each other without a circle, an engine folder
that the pages import and that imports no page, one way to mount on every page, stylesheets apart.
Read from the source files, as a reader of the code would follow the imports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts"
# import … from "./x.js";  import "./x.js";  import("./x.js")  (relative imports only: the site has no others)
IMPORT = re.compile(r"""(?:^\s*import\s(?:[^;]*?\sfrom\s)?|\bimport\()\s*["'](\.{1,2}/[^"']+\.js)["']""", re.M)


def modules() -> dict[Path, list[Path]]:
    graph = {}
    for path in sorted(SCRIPTS.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        graph[path] = [(path.parent / target).resolve() for target in IMPORT.findall(text)]
    return graph


def name(path: Path) -> str:
    return path.relative_to(SCRIPTS).as_posix()


def test_the_imports_are_read():
    """The reader above finds the imports it is meant to (else the tests below would pass on nothing)."""
    graph = modules()
    app = [name(p) for p in graph[SCRIPTS / "selfscore" / "app.js"]]
    assert "engine/client.js" in app and "mount.js" in app and "selfscore/form.js" in app
    assert [name(p) for p in graph[SCRIPTS / "calculator" / "calculator.js"]] == ["mount.js", "calculator/app.js"]


def test_every_import_names_a_file():
    missing = [
        (name(source), str(target))
        for source, targets in modules().items()
        for target in targets
        if not target.is_file()
    ]
    assert not missing


def test_no_module_imports_itself_through_others():
    graph = modules()
    cycles = []

    def visit(node: Path, path: list[Path]) -> None:
        for target in graph.get(node, []):
            if target in path:
                cycles.append(" → ".join(name(p) for p in path[path.index(target) :] + [target]))
            elif target not in done:
                visit(target, path + [target])
        done.add(node)

    done: set[Path] = set()
    for start in graph:
        if start not in done:
            visit(start, [start])
    assert not cycles


def test_the_engine_imports_no_page():
    """engine/ (worker, client, store, contract, snapshot) is shared by the self-scoring page and the
    calculators; it must not depend on either."""
    engine = SCRIPTS / "engine"
    outside = [
        (name(source), name(target))
        for source, targets in modules().items()
        if source.parent == engine
        for target in targets
        if target.parent != engine
    ]
    assert not outside


@pytest.mark.parametrize("path", sorted(SCRIPTS.rglob("*.js")), ids=name)
def test_pages_are_followed_only_through_the_mount_helpers(path):
    """Material's document$ (instant navigation) is followed in one place for modules (mount.js) and one for
    the classic scripts (site.js's window.pingluOnEveryPage)."""
    if path.name in ("mount.js", "site.js"):
        return
    assert "document$.subscribe" not in path.read_text(encoding="utf-8")


def test_stylesheets_are_not_kept_with_the_scripts():
    assert not list(SCRIPTS.rglob("*.css"))
