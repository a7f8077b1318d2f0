"""The one way to start the real server (gunicorn) on a free port, for the benches and for the
tests that must cross process boundaries (tests/gunicorn.py, bench/faults.py), and the one way
the benches turn timings into p50/p95 and print them."""

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FLASK = [str(BIN / "flask"), "--app", "wsgi"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_env(database_url: str, **settings) -> dict[str, str]:
    """The environment of a server or a command on this database: this process's environment,
    development mode, a throwaway secret unless `settings` give one, then `settings`."""
    env = dict(os.environ, DATABASE_URL=database_url, APP_ENV="development")
    env.setdefault("SECRET_KEY", "bench-only-secret")
    env.update({key: str(value) for key, value in settings.items()})
    return env


def flask(env: dict[str, str], *args: str, check: bool = True) -> None:
    """Run a flask command of the app (its output kept out of the bench's)."""
    subprocess.run([*FLASK, *args], cwd=ROOT, env=env, check=check, capture_output=True)


@contextlib.contextmanager
def serve(
    env: dict[str, str], workers: int = 2, ready_path: str = "/login", timeout: int | None = None
):
    """Yield the gunicorn process, its `base` URL set, once `ready_path` answers; `timeout`:
    gunicorn's worker timeout in seconds (its default, 30, when None)."""
    port = free_port()
    arguments = ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    arguments += ["--graceful-timeout", "2"]
    if timeout is not None:
        arguments += ["--timeout", str(timeout)]
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), *arguments, "wsgi:app"],
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
        server.wait(timeout=20)


@contextlib.contextmanager
def gunicorn(database_url: str | None = None, workers: int = 2, prepare=("demo", "load")):
    """Yield the base URL of a gunicorn serving the app on a migrated (and prepared) database."""
    with tempfile.TemporaryDirectory() as scratch:
        env = app_env(database_url or f"sqlite:///{scratch}/bench.sqlite")
        flask(env, "db", "upgrade")
        if prepare:
            flask(env, *prepare)
        with serve(env, workers, ready_path="/") as server:
            yield server.base


def percentiles(timings: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (the nearest rank) of some timings."""
    timings = sorted(timings)
    return statistics.median(timings), timings[max(0, round(0.95 * len(timings)) - 1)]


def print_latencies(label: str, rows, width: int = 30) -> None:
    """A line per path, (name, p50, p95, goal) in ms: flagged when the p95 is over its goal."""
    print(f"{label:{width}} {'p50 ms':>8} {'p95 ms':>8}")
    for name, p50, p95, goal in rows:
        print(f"{name:{width}} {p50:8.1f} {p95:8.1f}{'' if p95 <= goal else f'  over {goal} ms'}")
