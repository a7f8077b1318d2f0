"""The hashed lock holds every pinned dependency at its pinned version (supply chain)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked() -> dict[str, tuple[str, list[str]]]:
    """Package -> (version, hashes) from requirements.lock."""
    text = (ROOT / "requirements.lock").read_text()
    entries = {}
    for block in re.split(r"\n(?=\S)", text):
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", block)
        if match:
            name, version = match.groups()
            entries[_canonical(name)] = (version, re.findall(r"--hash=sha256:[0-9a-f]{64}", block))
    return entries


def test_every_pinned_dependency_is_locked_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = project["dependencies"] + project["optional-dependencies"]["dev"]
    locked = _locked()
    for pin in pins:
        name, version = pin.split("==")
        name = _canonical(name.split("[")[0])
        assert name in locked, f"{name} is missing from requirements.lock: run `make lock`"
        assert locked[name][0] == version, f"{name}: lock {locked[name][0]}, pyproject {version}"
    for name, (_, hashes) in locked.items():
        assert hashes, f"{name} has no hash in requirements.lock"


def test_make_install_requires_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--no-deps -e ." in makefile
