"""CPU per request and SQL statements per request of the giver's pages, in-process.

Usage:
    .venv/bin/python bench/page_cost.py                      # SQLite (a scratch file)
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/page_cost.py                  # PostgreSQL (a scratch schema)
Options: --signals N (default 100000), --requests N per page (default 500), --profile PAGE
(login, submit or list: print the cProfile of that page's requests, by cumulative time).

The same three pages as bench/lists.py's throughput part (the login page anonymous, the submit
page and the giver list as a logged-in giver), through the Flask test client, after a few warm
requests. CPU time (`time.process_time`) rather than wall time: on a shared machine it moves
far less with the load, so the ratios between the pages can be read when gunicorn's cannot.
"""

import argparse
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

PAGES = {"login": "/login", "submit": f"/{SLUG}/signalen/nieuw", "list": f"/{SLUG}/signalen"}
ENCODING = {"Accept-Encoding": "br, gzip"}


def measure(url: str, requests: int, profile: str | None) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench-only-secret")
    from webapp import create_app
    from webapp.extensions import db

    app = create_app({"RATELIMIT_ENABLED": False})
    statements: list[str] = []
    with app.app_context():
        event.listen(
            db.engine,
            "before_cursor_execute",
            lambda conn, cursor, statement, *args: statements.append(statement),
        )
    anonymous, giver = app.test_client(), app.test_client()
    page = giver.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    response = giver.post(
        "/login",
        data={"csrf_token": token, "email": "gever@bench.example", "password": PASSWORD},
    )
    assert response.status_code == 303, response.status_code
    clients = {"login": anonymous, "submit": giver, "list": giver}
    costs = {}
    for name, path in PAGES.items():
        client = clients[name]
        for _ in range(5):
            assert client.get(path, headers=ENCODING).status_code == 200
        statements.clear()
        client.get(path, headers=ENCODING)
        queries = sum(1 for s in statements if not s.lstrip().upper().startswith("BEGIN"))
        began = time.process_time()
        for _ in range(requests):
            client.get(path, headers=ENCODING)
        costs[name] = (time.process_time() - began) * 1000 / requests
        print(f"{name:8} {costs[name]:6.2f} ms CPU per request  {queries} statements", end="")
        print("" if name == "login" else f"  ({costs[name] / costs['login']:.2f} × login)")
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            clients[profile].get(PAGES[profile], headers=ENCODING)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)


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
