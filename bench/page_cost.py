"""CPU per request and SQL statements per request of the giver's pages, in-process.

Usage:
    .venv/bin/python bench/page_cost.py                      # SQLite (a scratch file)
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/page_cost.py                  # PostgreSQL (a scratch schema)
Options: --signals N (default 100000), --requests N per page (default 500), --profile PAGE
(login, submit, list or inbox: print the cProfile of that page's requests, by cumulative time).

The same three pages as bench/lists.py's throughput part (the login page anonymous, the submit
page and the giver list as a logged-in giver), and the processor's inbox, through the Flask test
client, after a few warm requests. CPU time (`time.process_time`) rather than wall time: on a
shared machine it moves far less with the load, so the ratios between the pages can be read
when gunicorn's cannot. On PostgreSQL, also the CPU time of the server processes that ran the
statements (read from /proc: a server on this machine).
"""

import argparse
import contextlib
import cProfile
import os
import pstats
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, make_url  # noqa: E402

from bench._database import scratch_database  # noqa: E402
from bench.inbox import PASSWORD, SLUG, prepare  # noqa: E402

PAGES = {
    "login": "/login",
    "submit": f"/{SLUG}/signalen/nieuw",
    "list": f"/{SLUG}/signalen",
    "inbox": f"/{SLUG}/verwerken",
}
ENCODING = {"Accept-Encoding": "br, gzip"}


def measure(url: str, requests: int, profile: str | None) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench-only-secret")
    from webapp import create_app
    from webapp.extensions import db

    app = create_app({"RATELIMIT_ENABLED": False})
    statements: list[str] = []
    backends: set[int] = set()

    def note(conn, cursor, statement, *args):
        statements.append(statement)
        info = getattr(conn.connection.dbapi_connection, "info", None)
        if info is not None:  # psycopg: the server process that runs this statement
            backends.add(info.backend_pid)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", note)
    anonymous = app.test_client()
    giver, processor = _signed_in(app, "gever"), _signed_in(app, "verwerker")
    clients = {"login": anonymous, "submit": giver, "list": giver, "inbox": processor}
    costs = {}
    for name, path in PAGES.items():
        client = clients[name]
        for _ in range(5):
            assert client.get(path, headers=ENCODING).status_code == 200
        statements.clear()
        client.get(path, headers=ENCODING)
        queries = sum(1 for s in statements if not s.lstrip().upper().startswith("BEGIN"))
        server_began = _server_cpu(backends)
        began = time.process_time()
        for _ in range(requests):
            client.get(path, headers=ENCODING)
        costs[name] = (time.process_time() - began) * 1000 / requests
        server = (_server_cpu(backends) - server_began) * 1000 / requests
        print(f"{name:8} {costs[name]:6.2f} ms CPU per request  {queries} statements", end="")
        print("" if name == "login" else f"  ({costs[name] / costs['login']:.2f} × login)", end="")
        print(f"  + {server:.2f} ms in the database server" if backends else "")
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            clients[profile].get(PAGES[profile], headers=ENCODING)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)


def _signed_in(app, local: str):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    response = client.post(
        "/login",
        data={"csrf_token": token, "email": f"{local}@bench.example", "password": PASSWORD},
    )
    assert response.status_code == 303, response.status_code
    return client


def _server_cpu(backends: set[int]) -> float:
    """Seconds of CPU the database server processes of this run have used, read from /proc
    (a server on this machine); 0 for SQLite, which runs inside the app's own process."""
    ticks = 0
    for pid in backends:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--profile", choices=sorted(PAGES))
    args = parser.parse_args()

    with scratch_database("page-cost.sqlite") as (url, _):
        prepare(url, args.signals)
        print(f"database: {make_url(url).get_backend_name()}, {args.signals} signals")
        measure(url, args.requests, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
