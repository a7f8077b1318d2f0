"""The processor inbox over 100,000 signals, measured through real HTTP against gunicorn.

Usage:
    .venv/bin/python bench/inbox.py                      # SQLite (a scratch file)
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/inbox.py                  # PostgreSQL (a scratch schema)
Options: --signals N (default 100000), --requests N per scenario (default 60).
Prints p50 and p95 per scenario in milliseconds. Goal (docs/performance.md): p95 <= 100 ms.
"""

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, make_url, text  # noqa: E402

from bench._database import scratch_database  # noqa: E402
from bench._server import gunicorn, percentiles, print_latencies  # noqa: E402
from bench.page_weight import Browser, csrf_token  # noqa: E402
from webapp.demo.data import SIGNALS  # noqa: E402
from webapp.models import (  # noqa: E402
    Follow,
    Reinforcement,
    Role,
    Signal,
    SignalStatus,
    StatusChange,
)
from webapp.models.signal import signal_target_group, signal_theme  # noqa: E402
from webapp.search import index_terms  # noqa: E402

PASSWORD = "bench-wachtwoord-2026"
SLUG = "benchstad"
STATUSES = [s.value for s in SignalStatus]
SCENARIOS = [
    ("first page", "/benchstad/verwerken"),
    ("status filter", "/benchstad/verwerken?status=in_progress"),
    ("theme + target group", "/benchstad/verwerken?theme=wonen&target_group=ouderen"),
    ("unhandled", "/benchstad/verwerken?unhandled=1"),
    ("search", "/benchstad/verwerken?q=wachtlijst"),
    ("search + status", "/benchstad/verwerken?q=kinderopvang&status=submitted"),
    ("most reinforced", "/benchstad/verwerken?sort=meest-versterkt"),
    ("deep page (200)", "/benchstad/verwerken?pagina=200"),
    ("htmx results", "/benchstad/verwerken?status=submitted&q=school"),
]


def prepare(database_url: str, count: int) -> None:
    """Create the municipality and its users with the CLI, then bulk-insert the signals."""
    import subprocess

    env = dict(os.environ, DATABASE_URL=database_url, SECRET_KEY="bench-only-secret")
    flask = [str(Path(sys.executable).parent / "flask"), "--app", "wsgi"]
    root = Path(__file__).resolve().parent.parent
    subprocess.run([*flask, "db", "upgrade"], cwd=root, env=env, check=True, capture_output=True)
    subprocess.run(
        [*flask, "municipalities", "create", "--slug", SLUG, "--name", "Benchstad"],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    for local, role in (("verwerker", Role.HEAD_PROCESSOR), ("gever", Role.GIVER)):
        subprocess.run(
            [
                *flask,
                "users",
                "create",
                "--email",
                f"{local}@bench.example",
                "--name",
                local,
                "--municipality",
                SLUG,
                "--role",
                role.value,
                "--organisation",
                "CAW Bench",
                "--password",
                PASSWORD,
            ],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )
    engine = create_engine(database_url)
    rng = random.Random(7)
    with engine.begin() as connection:
        municipality_id = connection.execute(
            text("SELECT id FROM municipality WHERE slug = :slug"), {"slug": SLUG}
        ).scalar_one()
        themes = dict(
            connection.execute(
                text("SELECT slug, id FROM theme WHERE municipality_id = :m"),
                {"m": municipality_id},
            ).all()
        )
        groups = dict(
            connection.execute(
                text("SELECT slug, id FROM target_group WHERE municipality_id = :m"),
                {"m": municipality_id},
            ).all()
        )
        users = [row[0] for row in connection.execute(text("SELECT id FROM user_account"))]
        organisation_id = connection.execute(text("SELECT id FROM organisation")).scalar_one()
        start = connection.execute(text("SELECT coalesce(max(id), 0) FROM signal")).scalar_one()
        now = datetime.now(UTC)
        batch = 5000
        for offset in range(0, count, batch):
            signals, history, links_t, links_g, reinforcements, follows = [], [], [], [], [], []
            for number in range(offset, min(offset + batch, count)):
                signal_id = start + number + 1
                item = SIGNALS[number % len(SIGNALS)]
                created = now - timedelta(minutes=rng.randint(1, 60 * 24 * 700))
                status = rng.choice(STATUSES)
                n_reinforce = rng.choice((0, 0, 0, 1, 2))
                signals.append(
                    {
                        "id": signal_id,
                        "municipality_id": municipality_id,
                        "reference": f"{signal_id:08X}"[:4] + "-" + f"{signal_id:08X}"[4:],
                        "title": f"{item['title']} ({number})",
                        "description": item["description"],
                        "tried": item["tried"],
                        "ideas": item["ideas"],
                        "status": status,
                        "submitted_by_id": rng.choice(users),
                        "organisation_id": organisation_id,
                        "idempotency_key": f"bench-{signal_id}",
                        # What the app's flush would store (webapp/search.py); a bulk insert
                        # passes the ORM by.
                        "search_text": index_terms(
                            f"{item['title']} ({number})", item["description"]
                        ),
                        "reinforcement_count": n_reinforce,
                        "created_at": created,
                        "updated_at": created,
                    }
                )
                history.append(
                    {"signal_id": signal_id, "to_status": "submitted", "created_at": created}
                )
                if status != "submitted":
                    history.append(
                        {
                            "signal_id": signal_id,
                            "from_status": "submitted",
                            "to_status": status,
                            "created_at": created,
                        }
                    )
                for slug in item["themes"]:
                    links_t.append({"signal_id": signal_id, "theme_id": themes[slug]})
                for slug in item["target_groups"]:
                    links_g.append({"signal_id": signal_id, "target_group_id": groups[slug]})
                for user_id in rng.sample(users, min(n_reinforce, len(users))):
                    reinforcements.append(
                        {"signal_id": signal_id, "user_id": user_id, "created_at": created}
                    )
                if rng.random() < 0.3:
                    follows.append(
                        {
                            "signal_id": signal_id,
                            "user_id": rng.choice(users),
                            "created_at": created,
                        }
                    )
            connection.execute(insert(Signal.__table__), signals)
            connection.execute(insert(StatusChange.__table__), history)
            connection.execute(insert(signal_theme), links_t)
            connection.execute(insert(signal_target_group), links_g)
            if reinforcements:
                connection.execute(insert(Reinforcement.__table__), reinforcements)
            if follows:
                connection.execute(insert(Follow.__table__), follows)
        if connection.dialect.name == "sqlite":
            connection.execute(text("ANALYZE"))
    if engine.dialect.name == "postgresql":
        # What autovacuum does after a bulk load in production: statistics, and the visibility
        # map that lets the counts per status be answered from the index alone.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def measure(base: str, requests: int) -> list[tuple[str, float, float]]:
    browser = Browser(base)
    token = csrf_token(browser, "/login")
    browser.request(
        "POST",
        "/login",
        {"csrf_token": token, "email": "verwerker@bench.example", "password": PASSWORD},
    )
    results = []
    for name, path in SCENARIOS:
        headers = {"HX-Request": "true"} if name.startswith("htmx") else None
        response, _, _ = browser.request("GET", path, headers=headers)
        assert response.status == 200, (path, response.status)
        timings = []
        for _ in range(requests):
            began = time.perf_counter()
            browser.request("GET", path, headers=headers)
            timings.append((time.perf_counter() - began) * 1000)
        results.append((name, *percentiles(timings)))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()

    with scratch_database("inbox-bench.sqlite") as (url, _):
        began = time.perf_counter()
        prepare(url, args.signals)
        print(
            f"database: {make_url(url).get_backend_name()}, {args.signals} signals generated "
            f"in {time.perf_counter() - began:.1f} s"
        )
        with gunicorn(url, workers=2, prepare=None) as base:
            results = measure(base, args.requests)
    print_latencies("scenario", [(*result, 100) for result in results], width=24)
    return 0


if __name__ == "__main__":
    sys.exit(main())
