"""Reports and the network view at scale, measured through real HTTP against gunicorn.

Usage:
    .venv/bin/python bench/reports.py                  # one municipality, 100,000 signals
    .venv/bin/python bench/reports.py --network        # 285 municipalities, 1,000,000 signals
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/reports.py [--network]  # PostgreSQL (a scratch schema)
Options: --signals N, --municipalities N, --requests N per scenario (default 30), --keep FILE
(SQLite: generate into FILE once, measure it as it is on later runs; a kept file is migrated
when the schema moved on).
Per scenario: "first" is the first request after start; "cold" are requests each made right
after a change to one signal (a status change or new feedback, through the ORM as the services
make it), so the report must be rebuilt from the refreshed summaries; "warm" are repeats with
no change in between. Prints p50 and p95 in milliseconds. Goal (docs/performance.md): p95 <= 300 ms.
"""

import argparse
import contextlib
import http.client
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, make_url, select, text  # noqa: E402

from bench._database import scratch_database  # noqa: E402
from bench._server import gunicorn, percentiles  # noqa: E402
from bench.page_weight import Browser, csrf_token  # noqa: E402
from webapp.admin.defaults import DEFAULT_TARGET_GROUPS, DEFAULT_THEMES  # noqa: E402
from webapp.models import (  # noqa: E402
    Feedback,
    Membership,
    Municipality,
    Organisation,
    Reinforcement,
    Signal,
    SignalCard,
    SignalStatus,
    Supplement,
    TargetGroup,
    Theme,
    User,
)
from webapp.models.processing import card_signal  # noqa: E402
from webapp.models.signal import signal_target_group, signal_theme  # noqa: E402
from webapp.models.user import hash_password  # noqa: E402

PASSWORD = "bench-wachtwoord-2026"
STATUSES = [s.value for s in SignalStatus]
KINDS = ["caw", "ocmw", "youth", "school", "vdab"]
MUNICIPALITY_SCENARIOS = [
    ("year (default)", "/gemeente-0/rapporten", None),
    ("quarter", "/gemeente-0/rapporten?periode=2026-k3", None),
    ("month + theme", "/gemeente-0/rapporten?periode=2026-10&thema=Wonen", None),
    ("htmx panels", "/gemeente-0/rapporten?periode=2026&doelgroep=Ouderen", "htmx"),
    ("college report", "/gemeente-0/rapporten/college?periode=2026", None),
    ("xlsx export", "/gemeente-0/rapporten/themas.xlsx?periode=2026", None),
]
NETWORK_SCENARIOS = [
    ("network year", "/netwerk?periode=2026", None),
    ("network quarter + theme", "/netwerk?periode=2026-k3&thema=Armoede", None),
    ("network htmx panels", "/netwerk?periode=2026-10", "htmx"),
    ("network card search", "/netwerk/fiches?q=wachtlijst", None),
]


def _flask(url: str, *command: str, quiet: bool = False) -> None:
    """Run `flask --app wsgi COMMAND` on this database."""
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY="bench-only-secret")
    flask = [str(Path(sys.executable).parent / "flask"), "--app", "wsgi"]
    root = Path(__file__).resolve().parent.parent
    subprocess.run([*flask, *command], cwd=root, env=env, check=True, capture_output=quiet)


def migrate(url: str) -> None:
    """The schema up to the newest migration."""
    _flask(url, "db", "upgrade", quiet=True)


def prepare(url: str, places: int, signals: int) -> None:
    """Schema by migration, then every row by bulk insert (the CLI would take minutes), then
    the report summaries."""
    migrate(url)
    engine = create_engine(url)
    rng = random.Random(11)
    now = datetime(2026, 11, 28, 12, tzinfo=UTC)
    password = hash_password(PASSWORD)
    with engine.begin() as db:
        db.execute(
            insert(Municipality.__table__),
            [
                {
                    "id": i + 1,
                    "slug": f"gemeente-{i}",
                    "name": f"Gemeente {i}",
                    "privacy_version": "1",
                    "suppression_threshold": 5,
                    "created_at": now,
                }
                for i in range(places)
            ],
        )
        themes, groups, organisations = {}, {}, {}
        theme_rows, group_rows, org_rows = [], [], []
        for place in range(1, places + 1):
            for position, (slug, name) in enumerate(DEFAULT_THEMES):
                theme_rows.append(
                    {
                        "id": len(theme_rows) + 1,
                        "municipality_id": place,
                        "slug": slug,
                        "name": name,
                        "position": position,
                    }
                )
                themes.setdefault(place, []).append(len(theme_rows))
            for position, (slug, name) in enumerate(DEFAULT_TARGET_GROUPS):
                group_rows.append(
                    {
                        "id": len(group_rows) + 1,
                        "municipality_id": place,
                        "slug": slug,
                        "name": name,
                        "position": position,
                    }
                )
                groups.setdefault(place, []).append(len(group_rows))
            for kind in KINDS:
                org_rows.append(
                    {
                        "id": len(org_rows) + 1,
                        "municipality_id": place,
                        "name": f"{kind} {place}",
                        "kind": kind,
                        "created_at": now,
                    }
                )
                organisations.setdefault(place, []).append(len(org_rows))
        db.execute(insert(Theme.__table__), theme_rows)
        db.execute(insert(TargetGroup.__table__), group_rows)
        db.execute(insert(Organisation.__table__), org_rows)
        users = [
            {
                "id": 1,
                "email": "verwerker@bench.example",
                "name": "Verwerker",
                "role": "head_processor",
            },
            {"id": 2, "email": "schepen@bench.example", "name": "Schepen", "role": "alderman"},
            {"id": 3, "email": "netwerk@bench.example", "name": "Netwerk", "role": "network"},
        ] + [
            {"id": 3 + n, "email": f"gever{n}@bench.example", "name": f"Gever {n}", "role": "giver"}
            for n in range(1, 201)
        ]
        db.execute(
            insert(User.__table__),
            [
                {
                    "id": u["id"],
                    "email": u["email"],
                    "name": u["name"],
                    "password_hash": password,
                    "active": True,
                    "session_generation": 0,
                    "created_at": now,
                }
                for u in users
            ],
        )
        db.execute(
            insert(Membership.__table__),
            [
                {
                    "user_id": u["id"],
                    "municipality_id": None if u["role"] == "network" else 1,
                    "role": u["role"],
                    "notify": "none",
                    "created_at": now,
                }
                for u in users
            ],
        )
        givers = [u["id"] for u in users[3:]]
        per_place = [signals // places + (1 if i < signals % places else 0) for i in range(places)]
        next_id, card_id = 0, 0
        for place, count in enumerate(per_place, start=1):
            for offset in range(0, count, 20_000):
                rows, links_t, links_g, reinf, supp, feedback, cards, linked = (
                    [] for _ in range(8)
                )
                for _ in range(offset, min(offset + 20_000, count)):
                    next_id += 1
                    created = now - timedelta(minutes=rng.randint(1, 60 * 24 * 700))
                    n_reinforce = rng.choice((0, 0, 0, 1, 2))
                    rows.append(
                        {
                            "id": next_id,
                            "municipality_id": place,
                            "reference": f"{next_id:08X}"[:4] + "-" + f"{next_id:08X}"[4:],
                            "title": f"Signaal {next_id} over wachtlijsten",
                            "description": "Tekst.",
                            "status": rng.choice(STATUSES),
                            "submitted_by_id": rng.choice(givers),
                            "organisation_id": rng.choice(organisations[place] + [None]),
                            "idempotency_key": f"b{next_id}",
                            "reinforcement_count": n_reinforce,
                            "created_at": created,
                            "updated_at": created,
                        }
                    )
                    for theme in rng.sample(themes[place], rng.choice((1, 1, 2))):
                        links_t.append({"signal_id": next_id, "theme_id": theme})
                    links_g.append(
                        {"signal_id": next_id, "target_group_id": rng.choice(groups[place])}
                    )
                    for user in rng.sample(givers, n_reinforce):
                        reinf.append(
                            {
                                "signal_id": next_id,
                                "user_id": user,
                                "created_at": created + timedelta(days=rng.randint(0, 30)),
                            }
                        )
                    if rng.random() < 0.2:
                        supp.append(
                            {
                                "signal_id": next_id,
                                "user_id": rng.choice(givers),
                                "body": "Aanvulling.",
                                "idempotency_key": "s",
                                "created_at": created + timedelta(days=rng.randint(0, 30)),
                            }
                        )
                    if rng.random() < 0.4:
                        feedback.append(
                            {
                                "signal_id": next_id,
                                "body": "Terugkoppeling.",
                                "created_at": created + timedelta(hours=rng.randint(1, 900)),
                            }
                        )
                    if rng.random() < 0.02:
                        card_id += 1
                        cards.append(
                            {
                                "id": card_id,
                                "municipality_id": place,
                                "title": f"Fiche {card_id} over wachtlijsten",
                                "summary": "",
                                "public_status": "exploring",
                                "published": True,
                                "published_at": created,
                                "created_at": created,
                                "updated_at": created,
                            }
                        )
                    if card_id and cards and rng.random() < 0.3:
                        linked.append({"card_id": cards[-1]["id"], "signal_id": next_id})
                db.execute(insert(Signal.__table__), rows)
                db.execute(insert(signal_theme), links_t)
                db.execute(insert(signal_target_group), links_g)
                for table, batch in (
                    (Reinforcement, reinf),
                    (Supplement, supp),
                    (Feedback, feedback),
                    (SignalCard, cards),
                ):
                    if batch:
                        db.execute(insert(table.__table__), batch)
                if linked:
                    db.execute(insert(card_signal), linked)
        if db.dialect.name == "sqlite":
            db.execute(text("ANALYZE"))
        else:
            for table in (
                "municipality",
                "theme",
                "target_group",
                "organisation",
                "user_account",
                "membership",
                "signal_card",
            ):
                db.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        assert db.execute(select(Signal.id).limit(1)).first()
    # Statistics first, as a database in use has them (autovacuum): without them PostgreSQL
    # plans the rebuild's lookups by signal id badly.
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    # The bulk inserts bypassed the ORM, so no signal was marked stale: build every summary.
    began = time.perf_counter()
    _flask(url, "reports", "rebuild")
    print(f"report summaries rebuilt in {time.perf_counter() - began:.1f} s")
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()


@contextlib.contextmanager
def _database(keep: str | None):
    """(database URL, whether to generate it): a scratch database, or a kept SQLite file."""
    if keep is None:
        with scratch_database("reports-bench.sqlite") as (url, _):
            yield url, True
        return
    if os.environ.get("BENCH_DATABASE_URL"):
        raise SystemExit("--keep keeps a SQLite file; a PostgreSQL scratch schema is dropped")
    path = Path(keep).resolve()
    yield f"sqlite:///{path}", not path.exists()


class Changer:
    """Changes one signal of 2026 of the scenario's municipalities before each cold request,
    in this process through the ORM, as the services do: the change marks its signal stale
    and bumps the municipality's generation in its own transaction."""

    def __init__(self, url: str, municipality_ids: list[int]):
        from webapp import create_app

        self.app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-only-secret"})
        self.municipality_ids = municipality_ids
        self.rng = random.Random(5)
        self.count = 0

    def change(self) -> None:
        from webapp.extensions import db

        with self.app.app_context():
            # One of the first 500 signals of 2026 (fewer in a small municipality).
            candidates = db.session.scalars(
                select(Signal.id)
                .where(
                    Signal.municipality_id == self.rng.choice(self.municipality_ids),
                    Signal.created_at >= datetime(2026, 1, 1, tzinfo=UTC),
                )
                .order_by(Signal.id)
                .limit(500)
            ).all()
            signal = db.session.get(Signal, self.rng.choice(candidates))
            if self.count % 2:
                db.session.add(
                    Feedback(signal=signal, body="Terugkoppeling.", created_at=datetime.now(UTC))
                )
            else:
                signal.status = self.rng.choice([s for s in STATUSES if s != signal.status])
            db.session.commit()
            db.session.remove()
        self.count += 1


class _PatientConnection(http.client.HTTPConnection):
    """The first request of a report over a million signals may take longer than the
    10 seconds that bench.page_weight.Browser allows."""

    def __init__(self, host, port=None, timeout=None, **kwargs):
        super().__init__(host, port, timeout=900, **kwargs)


def measure(base: str, email: str, scenarios, requests: int, changer: Changer):
    browser = Browser(base)
    token = csrf_token(browser, "/login")
    browser.request("POST", "/login", {"csrf_token": token, "email": email, "password": PASSWORD})
    results = []

    def timed(path, headers) -> float:
        began = time.perf_counter()
        response, _, _ = browser.request("GET", path, headers=headers)
        assert response.status == 200, (path, response.status)
        return (time.perf_counter() - began) * 1000

    for name, path, kind in scenarios:
        headers = {"HX-Request": "true"} if kind == "htmx" else None
        first = timed(path, headers)
        cold = []
        for _ in range(requests):
            changer.change()
            cold.append(timed(path, headers))
        warm = [timed(path, headers) for _ in range(requests)]
        results.append((name, first, *percentiles(cold), *percentiles(warm)))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--network", action="store_true")
    parser.add_argument("--signals", type=int)
    parser.add_argument("--municipalities", type=int)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument(
        "--keep",
        metavar="FILE",
        help="SQLite only: generate into FILE when it does not exist, else measure FILE as it is",
    )
    args = parser.parse_args()
    places = args.municipalities or (285 if args.network else 1)
    signals = args.signals or (1_000_000 if args.network else 100_000)

    http.client.HTTPConnection = _PatientConnection  # for Browser, in this process only
    os.environ.setdefault("GUNICORN_CMD_ARGS", "--timeout 900")
    with _database(args.keep) as (url, generate):
        began = time.perf_counter()
        if generate:
            prepare(url, places, signals)
        else:
            migrate(url)
        print(
            f"database: {make_url(url).get_backend_name()}, {signals} signals in {places} "
            f"municipalities {'generated' if generate else 'kept'} in "
            f"{time.perf_counter() - began:.1f} s"
        )
        changer = Changer(url, list(range(1, places + 1)) if args.network else [1])
        with gunicorn(url, workers=2, prepare=None) as base:
            if args.network:
                results = measure(
                    base, "netwerk@bench.example", NETWORK_SCENARIOS, args.requests, changer
                )
            else:
                results = measure(
                    base, "verwerker@bench.example", MUNICIPALITY_SCENARIOS, args.requests, changer
                )
                results += [
                    (f"alderman: {name}", *figures)
                    for name, *figures in measure(
                        base,
                        "schepen@bench.example",
                        MUNICIPALITY_SCENARIOS[:2],
                        args.requests,
                        changer,
                    )
                ]
    # "first": the first request after start; "cold": right after a change, the report is
    # rebuilt from the refreshed summaries; "warm": reused until the data changes
    # (webapp/reports/cache.py).
    print(
        f"{'scenario':28} {'first':>8} {'cold p50':>9} {'cold p95':>9} "
        f"{'warm p50':>9} {'warm p95':>9}   (ms)"
    )
    for name, first, cold50, cold95, warm50, warm95 in results:
        flag = "" if max(cold95, warm95) <= 300 else "  over 300 ms"
        print(
            f"{name:28} {first:8.1f} {cold50:9.1f} {cold95:9.1f} {warm50:9.1f} {warm95:9.1f}{flag}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
