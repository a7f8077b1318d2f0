"""Start the real server (gunicorn) on a free port: for the benches, against a scratch database,
and for the tests that must cross process boundaries (tests/gunicorn.py)."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve(env: dict[str, str], workers: int = 2, ready_path: str = "/login"):
    """Yield the gunicorn process, its `base` URL set, once `ready_path` answers."""
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
        + ["--graceful-timeout", "2", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server.base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(server.base + ready_path, timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield server
    finally:
        server.terminate()
        server.wait(timeout=15)


@contextlib.contextmanager
def gunicorn(database_url: str | None = None, workers: int = 2, prepare=("demo", "load")):
    """Yield the base URL of a gunicorn serving the app on a migrated (and prepared) database."""
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ)
        env["DATABASE_URL"] = database_url or f"sqlite:///{scratch}/bench.sqlite"
        env.setdefault("SECRET_KEY", "bench-only-secret")
        env["APP_ENV"] = "development"
        flask = [str(BIN / "flask"), "--app", "wsgi"]
        subprocess.run(
            [*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        if prepare:
            subprocess.run([*flask, *prepare], cwd=ROOT, env=env, check=True, capture_output=True)
        with serve(env, workers, ready_path="/") as server:
            yield server.base
