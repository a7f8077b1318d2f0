"""The generator renders without the app: what it imports from `webapp` is the public read model,
and only its command (sites/cli.py) imports that."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_FROM_WEBAPP = {"webapp.public"}


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_sites_import_from_webapp_only_the_public_read_model():
    offending = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "sites").rglob("*.py")
        for name in _imported_modules(path)
        if name.split(".")[0] == "webapp"
        and not any(name == ok or name.startswith(ok + ".") for ok in ALLOWED_FROM_WEBAPP)
    }
    assert offending == set()
    importers = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "sites").rglob("*.py")
        if any(name.split(".")[0] == "webapp" for name in _imported_modules(path))
    }
    assert importers == {"sites/cli.py"}


def test_the_common_modules_import_nothing_of_the_app():
    imported = {
        name.split(".")[0]
        for path in (ROOT / "common").rglob("*.py")
        for name in _imported_modules(path)
    }
    assert imported and not imported & {"webapp", "sites", "flask", "sqlalchemy"}


def test_rendering_a_site_loads_no_flask():
    probe = (
        "import sys, sites.render, sites.opendata, sites.markup; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'webapp'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_builder_loads_no_flask_and_no_app():
    """`sites build` reads through the app, but what decides and renders runs without it."""
    probe = (
        "import sys, sites.builder; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in {'flask', 'flask_sqlalchemy', 'webapp'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
