"""SECURITY.md's checklist points only at tests that exist."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def test_every_test_named_in_security_md_exists():
    text = (ROOT / "SECURITY.md").read_text()
    named = 0
    current = None
    for cell in re.findall(r"`([^`]*test_[^`]*)`", text):
        match = re.fullmatch(r"([\w/]+\.py)(?:::(test_\w+))?", cell)
        if match is None:
            match = re.fullmatch(r"::(test_\w+)", cell)
            assert match and current, f"cannot read {cell!r}"
            name = match.group(1)
        else:
            current = ROOT / "tests" / match.group(1)
            assert current.is_file(), f"{cell}: no such test file"
            name = match.group(2)
        if name:
            assert name in _tests_in(current), f"{cell}: no such test in {current.name}"
        named += 1
    assert named >= 40


def test_every_throttling_and_secret_test_says_which_requirement_it_covers():
    """Issue 18: SECURITY.md names the requirement of each test of the login and code
    throttling and of the encrypted secrets."""
    text = (ROOT / "SECURITY.md").read_text()
    for name in ("auth/test_rate_limit.py", "auth/test_secret_box.py"):
        for test in _tests_in(ROOT / "tests" / name):
            assert f"::{test}`" in text, f"{name}::{test} is not in SECURITY.md"
