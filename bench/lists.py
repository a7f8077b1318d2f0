"""The giver's paths and the inbox over 100,000 signals, and throughput under 8 clients.

Usage:
    .venv/bin/python bench/lists.py                      # SQLite (a scratch file)
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/lists.py                  # PostgreSQL (a scratch schema)
Options: --signals N (default 100000), --requests N per path (default 60), --seconds N of
each throughput run (default 8).

Generates the signals with bench/inbox.py's `prepare`, starts gunicorn with two workers, then
requests each path one after the other over real HTTP (p50/p95 in ms), and finally runs 8
concurrent clients on the login page, the submit page and the giver list in turn (requests per
second). Goals (issue 11): p95 <= 50 ms on every path; the submit page and the giver list at
least half the login page's requests per second.
"""

import argparse
import html
import re
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import make_url  # noqa: E402

from bench._database import scratch_database  # noqa: E402
from bench._server import gunicorn, percentiles, print_latencies  # noqa: E402
from bench.inbox import PASSWORD, SLUG, prepare  # noqa: E402
from bench.page_weight import Browser, csrf_token  # noqa: E402

CLIENTS = 8
DRAFT = {
    "title": "Maanden wachten op kinderopvang",
    "description": "Ouders vinden geen plaats in de kinderopvang en kunnen hun job niet starten.",
    "action": "check",
}


def logged_in(base: str, email: str) -> Browser:
    browser = Browser(base)
    token = csrf_token(browser, "/login")
    response, _, _ = browser.request(
        "POST", "/login", {"csrf_token": token, "email": email, "password": PASSWORD}
    )
    assert response.status == 303, response.status
    return browser


def timed(call, requests: int) -> tuple[float, float]:
    call()  # warm: the first request of a worker loads what it caches
    timings = []
    for _ in range(requests):
        began = time.perf_counter()
        call()
        timings.append((time.perf_counter() - began) * 1000)
    return percentiles(timings)


def get(browser: Browser, path: str, headers=None):
    def call():
        response, _, _ = browser.request("GET", path, headers=headers)
        assert response.status == 200, (path, response.status)

    return call


def latencies(base: str, requests: int, signals: int) -> list[tuple[str, float, float]]:
    processor = logged_in(base, "verwerker@bench.example")
    giver = logged_in(base, "gever@bench.example")
    detail = f"/{SLUG}/signalen/{max(1, signals // 2)}"
    token = csrf_token(giver, f"/{SLUG}/signalen/nieuw")

    def check():
        response, payload, _ = giver.request(
            "POST",
            f"/{SLUG}/signalen/nieuw",
            {**DRAFT, "csrf_token": token},
            headers={"HX-Request": "true", "X-CSRFToken": token},
            encoding="identity",
        )
        assert response.status == 200 and b"<h3" in payload, response.status

    def next_page(browser: Browser, path: str) -> str:
        """The address of the "next" link on a page: deep down, a cursor."""
        response, payload, _ = browser.request("GET", path, encoding="identity")
        assert response.status == 200, (path, response.status)
        found = re.search(r'<a href="([^"]+)" rel="next"', payload.decode())
        assert found, path
        return html.unescape(found.group(1))

    # Page 2,000 by number walks past 40,000 (giver list) or 50,000 (inbox) rows with OFFSET;
    # its "next" link points at page 2,001 by the cursor of the row before it.
    deep_page = 2000
    deep = {
        "giver": f"/{SLUG}/signalen?pagina={deep_page}",
        "inbox": f"/{SLUG}/verwerken?pagina={deep_page}",
        "reinforced": f"/{SLUG}/verwerken?sort=meest-versterkt&pagina={deep_page}",
    }
    paths = [
        ("inbox, first page", get(processor, f"/{SLUG}/verwerken")),
        ("giver list, first page", get(giver, f"/{SLUG}/signalen")),
        ("giver list, ?q=kinderopvang", get(giver, f"/{SLUG}/signalen?q=kinderopvang")),
        ("signal detail", get(giver, detail)),
        ("similar-signal check (htmx)", check),
        ("giver list, p. 2,001 (cursor)", get(giver, next_page(giver, deep["giver"]))),
        ("giver list, p. 2,000 (OFFSET)", get(giver, deep["giver"])),
        ("inbox, p. 2,001 (cursor)", get(processor, next_page(processor, deep["inbox"]))),
        ("inbox, p. 2,000 (OFFSET)", get(processor, deep["inbox"])),
        ("inbox reinforced, p. 2,001", get(processor, next_page(processor, deep["reinforced"]))),
    ]
    return [(name, *timed(call, requests)) for name, call in paths]


def clone(base: str, session: Browser | None) -> Browser:
    """A client of its own with the same session (logging in 8 times trips the rate limit)."""
    browser = Browser(base)
    if session is not None:
        browser.cookies.load("; ".join(f"{k}={v.value}" for k, v in session.cookies.items()))
    return browser


def throughput(base: str, path: str, session: Browser | None, seconds: float) -> float:
    browsers = [clone(base, session) for _ in range(CLIENTS)]
    done = [0] * CLIENTS
    stop = time.perf_counter() + seconds

    def client(number: int) -> None:
        while time.perf_counter() < stop:
            response, _, _ = browsers[number].request("GET", path)
            assert response.status == 200, (path, response.status)
            done[number] += 1

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - began)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=8)
    args = parser.parse_args()

    with scratch_database("lists-bench.sqlite") as (url, _):
        began = time.perf_counter()
        prepare(url, args.signals)
        print(
            f"database: {make_url(url).get_backend_name()}, {args.signals} signals generated "
            f"in {time.perf_counter() - began:.1f} s"
        )
        with gunicorn(url, workers=2, prepare=None) as base:
            rows = latencies(base, args.requests, args.signals)
            giver = logged_in(base, "gever@bench.example")
            rates = [
                ("login page", throughput(base, "/login", None, args.seconds)),
                (
                    "submit page",
                    throughput(base, f"/{SLUG}/signalen/nieuw", giver, args.seconds),
                ),
                (
                    "giver list",
                    throughput(base, f"/{SLUG}/signalen", giver, args.seconds),
                ),
            ]
    print_latencies("path", [(*row, 50) for row in rows])
    login_rate = rates[0][1]
    print(f"\n{CLIENTS} concurrent clients, 2 workers:")
    for name, rate in rates:
        share = rate / login_rate
        note = "" if name == "login page" or share >= 0.5 else "  under half the login page"
        print(f"{name:30} {rate:8.1f} req/s  ({share:.0%} of the login page){note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
