"""Build state, kept in the output directory (the generator never writes to the database).

`<out>/.state/<slug>.json` remembers, per built site, the fingerprint of what it was built from,
the app's stale-marker generation it saw, and its headline figures for the overview site. All of
it is public: the snapshot that the fingerprint hashes has small counts suppressed already.
"""

import fcntl
import hashlib
import json
import os
from contextlib import contextmanager
from pathlib import Path

import mkdocs

STATE_DIR = ".state"
LOCK_FILE = ".lock"
PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
# What a site's pages depend on besides its data: the generator, the shared pure modules it
# renders with, and the public read model that makes the snapshots.
CODE = (PACKAGE_DIR, ROOT / "common", ROOT / "webapp" / "public")


def code_digest() -> str:
    """Changes whenever the generator, its theme or mkdocs change: every site is rebuilt then."""
    hasher = hashlib.sha256(mkdocs.__version__.encode())
    paths = sorted(p for root in CODE for p in ([root] if root.is_file() else root.rglob("*")))
    for path in paths:
        if path.is_file() and path.suffix in {".py", ".html", ".css"}:
            hasher.update(str(path.relative_to(ROOT)).encode() + b"\0")
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def fingerprint(data, *digests: str) -> str:
    hasher = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode())
    for digest in digests:
        hasher.update(digest.encode())
    return hasher.hexdigest()


class BuildState:
    """The state files of one output directory."""

    def __init__(self, out: Path):
        self.out = out
        self.dir = out / STATE_DIR

    def path(self, slug: str) -> Path:
        return self.dir / f"{slug}.json"

    def read(self, slug: str) -> dict | None:
        try:
            return json.loads(self.path(slug).read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def read_all(self) -> dict[str, dict]:
        states = {}
        if self.dir.is_dir():
            for path in sorted(self.dir.glob("*.json")):
                state = self.read(path.stem)
                if state is not None:
                    states[path.stem] = state
        return states

    def write(self, slug: str, state: dict) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        temporary = self.dir / f".{slug}.json.tmp"
        temporary.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.path(slug))

    def forget(self, slug: str) -> None:
        self.path(slug).unlink(missing_ok=True)


@contextmanager
def locked(out: Path, on_wait=None):
    """One build at a time per output directory; a second one waits for the first."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
