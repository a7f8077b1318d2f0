"""The paths no other bench covers, at the size of a big city after a few years.

Usage:
    .venv/bin/python bench/scale.py                      # SQLite (a scratch file)
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/scale.py                  # PostgreSQL (a scratch schema)
Options: --signals N (default 100000), --requests N per page (default 30).

One municipality gets 100,000 signals (bench/inbox.py's `prepare`), 5,000 people, 2,000
invitations, 30 partner organisations (one agreement with 50 versions), 2,000 join requests,
200,000 audit entries, 2,000 cards, actions and meetings, and a giver with 2,000 signals,
reinforcements, supplements and follows; all by bulk insert. Gunicorn (2 workers) serves it and
each page is requested one after the other (p50/p95 in ms); then the commands run as
subprocesses (seconds and peak memory): the digest, the mail worker against a local SMTP server
with 5,000 mails waiting (mails/s), and the purge (dry run, then for real).

Goals (docs/performance.md): pages p95 <= 100 ms, 50 ms for the lists givers use; exports within
2 s; purge and digest bounded in memory.
"""

import argparse
import contextlib
import random
import re
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller  # noqa: E402
from sqlalchemy import create_engine, delete, insert, make_url, text, update  # noqa: E402

from bench._database import scratch_database  # noqa: E402
from bench._server import FLASK, app_env, free_port, percentiles, serve  # noqa: E402
from bench.inbox import SLUG, prepare  # noqa: E402
from bench.lists import logged_in  # noqa: E402
from webapp.audit import ACTION_LABELS  # noqa: E402
from webapp.models import (  # noqa: E402
    Action,
    Agreement,
    AgreementVersion,
    AuditEntry,
    Follow,
    Invitation,
    JoinRequest,
    Meeting,
    Membership,
    Organisation,
    OutboxMail,
    Reinforcement,
    Signal,
    SignalCard,
    StatusChange,
    Supplement,
    User,
    UserEngagement,
)

PEOPLE = 5_000
INVITATIONS = 2_000
ORGANISATIONS = 30
VERSIONS = 50
JOIN_REQUESTS = 2_000
AUDIT_ENTRIES = 200_000
LIST_ITEMS = 2_000
GIVER_ITEMS = 2_000  # the giver's signals, and as many reinforcements, supplements, follows
DIGEST_PROCESSORS = 300
WAITING_MAILS = 5_000
ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = (
    "De organisatie zet signaalverwerkers in die signalen van de eigen medewerkers lezen, "
    "bundelen en met de gemeente bespreken. Ze volgen de afspraken over persoonsgegevens. "
)


def _bulk(connection, table, rows, batch=5_000):
    for start in range(0, len(rows), batch):
        connection.execute(insert(table), rows[start : start + batch])


def enlarge(url: str) -> dict:
    """Everything beyond the signals, by bulk insert; returns the ids the pages need."""
    engine = create_engine(url)
    rng = random.Random(13)
    now = datetime.now(UTC)
    long_ago = now - timedelta(days=4 * 365)
    with engine.begin() as db:
        municipality = db.execute(
            text("SELECT id FROM municipality WHERE slug = :s"), {"s": SLUG}
        ).scalar_one()
        head = db.execute(
            text("SELECT id FROM user_account WHERE email = 'verwerker@bench.example'")
        ).scalar_one()
        giver = db.execute(
            text("SELECT id FROM user_account WHERE email = 'gever@bench.example'")
        ).scalar_one()
        first_user = db.execute(text("SELECT max(id) FROM user_account")).scalar_one() + 1
        first_org = db.execute(text("SELECT max(id) FROM organisation")).scalar_one() + 1
        organisations = list(range(first_org, first_org + ORGANISATIONS))
        _bulk(
            db,
            Organisation.__table__,
            [
                {
                    "id": org,
                    "municipality_id": municipality,
                    "name": f"Partner {org:03d}",
                    "kind": "caw",
                    "created_at": long_ago,
                }
                for org in organisations
            ],
        )
        people = list(range(first_user, first_user + PEOPLE))
        _bulk(
            db,
            User.__table__,
            [
                {
                    "id": person,
                    "email": f"persoon{person}@bench.example",
                    "name": f"Persoon {person:05d}",
                    "organisation_id": rng.choice(organisations),
                    "created_at": long_ago,
                    # One in ten never came back: the purge erases those accounts.
                    "last_login_at": None if person % 10 == 0 else now - timedelta(days=3),
                }
                for person in people
            ],
        )
        processors = set(people[:DIGEST_PROCESSORS])
        _bulk(
            db,
            Membership.__table__,
            [
                {
                    "user_id": person,
                    "municipality_id": municipality,
                    "role": "processor" if person in processors else "giver",
                    "notify": "digest",
                    "created_at": long_ago,
                }
                for person in people
            ],
        )
        _bulk(
            db,
            UserEngagement.__table__,
            [
                {"user_id": person, "municipality_id": municipality, "kind": "contact"}
                for person in people[::5]
            ],
        )
        _bulk(
            db,
            Invitation.__table__,
            [
                {
                    "municipality_id": municipality,
                    "email": f"genodigde{n}@bench.example",
                    "role": "giver",
                    "token_hash": f"{n:064x}",
                    "invited_by_id": head,
                    "organisation_id": rng.choice(organisations),
                    "expires_at": now + timedelta(days=rng.randint(-300, 14)),
                    "used_at": now if n % 3 == 0 else None,
                    "created_at": now - timedelta(minutes=n),
                }
                for n in range(INVITATIONS)
            ],
        )
        first_agreement = (
            db.execute(text("SELECT coalesce(max(id), 0) FROM agreement")).scalar_one() + 1
        )
        agreements = list(range(first_agreement, first_agreement + ORGANISATIONS))
        _bulk(
            db,
            Agreement.__table__,
            [
                {
                    "id": agreement,
                    "municipality_id": municipality,
                    "organisation_id": org,
                    "engagement": 1,
                    "status": "active",
                    "title": f"Samenwerking {org}",
                    "body": PARAGRAPH * 20,
                    "version": VERSIONS if agreement == first_agreement else 1,
                }
                for agreement, org in zip(agreements, organisations, strict=True)
            ],
        )
        _bulk(
            db,
            AgreementVersion.__table__,
            [
                {
                    "agreement_id": first_agreement,
                    "number": number,
                    "title": f"Samenwerking, versie {number}",
                    "body": "\n\n".join(
                        PARAGRAPH
                        + (f"Afspraak {k} herzien in versie {number}." if k < number else "")
                        for k in range(40)
                    ),
                    "status": "active",
                    "engagement": 1,
                    "author_id": people[number],  # each version another author
                    "created_at": long_ago + timedelta(days=number),
                }
                for number in range(1, VERSIONS + 1)
            ],
        )
        _bulk(
            db,
            JoinRequest.__table__,
            [
                {
                    "municipality_id": municipality,
                    "idempotency_key": f"bench-join-{n}",
                    "organisation_name": f"Vereniging {n}",
                    "contact_name": f"Contact {n}",
                    "contact_email": f"contact{n}@bench.example",
                    "message": "Wij willen graag meedoen.",
                    "status": "pending" if n % 20 == 0 else "declined",
                    "decided_by_id": None if n % 20 == 0 else head,
                    "decided_at": None if n % 20 == 0 else now - timedelta(hours=n),
                    "created_at": now - timedelta(hours=n),
                }
                for n in range(JOIN_REQUESTS)
            ],
        )
        codes = sorted(ACTION_LABELS)
        actors = [head, *people[:20]]
        _bulk(
            db,
            AuditEntry.__table__,
            [
                {
                    "municipality_id": municipality,
                    "actor_id": actors[n % len(actors)],
                    "action": codes[n % len(codes)],
                    "subject_type": "signal",
                    "subject_id": n + 1,
                    "summary": f"Status van signaal {n + 1} gewijzigd.",
                    "created_at": now - timedelta(minutes=3 * n),
                }
                for n in range(AUDIT_ENTRIES)
            ],
            batch=10_000,
        )
        _bulk(
            db,
            SignalCard.__table__,
            [
                {
                    "municipality_id": municipality,
                    "title": f"Fiche {n}: wachtlijsten in de kinderopvang",
                    "summary": PARAGRAPH,
                    "created_by_id": head,
                    "created_at": now - timedelta(hours=n),
                    "updated_at": now - timedelta(hours=n),
                }
                for n in range(LIST_ITEMS)
            ],
        )
        _bulk(
            db,
            Action.__table__,
            [
                {
                    "municipality_id": municipality,
                    "title": f"Actie {n}: extra plaatsen in de opvang",
                    "description": PARAGRAPH,
                    "organisation_id": rng.choice(organisations),
                    "created_at": now - timedelta(hours=n),
                    "updated_at": now - timedelta(hours=n),
                }
                for n in range(LIST_ITEMS)
            ],
        )
        _bulk(
            db,
            Meeting.__table__,
            [
                {
                    "municipality_id": municipality,
                    "kind": "overleg",
                    "title": f"Overleg {n}",
                    "starts_at": now + timedelta(days=n - LIST_ITEMS // 2),
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(LIST_ITEMS)
            ],
        )
        # The signals: one in fifty is the giver's, the rest spread over the 5,000 people; the
        # giver also reinforces, supplements and follows 2,000 signals of others.
        db.execute(
            update(Signal.__table__).values(
                submitted_by_id=text(
                    f"CASE WHEN id % 50 = 0 THEN {giver} ELSE {first_user} + id % {PEOPLE} END"
                )
            )
        )
        # A third of the signals are four years old: the purge clears the links of the closed
        # ones (the retention period for those is two years).
        db.execute(
            update(Signal.__table__)
            .where(text("signal.id % 3 = 0"))
            .values(created_at=long_ago, updated_at=long_ago)
        )
        db.execute(
            update(StatusChange.__table__)
            .where(StatusChange.__table__.c.from_status.is_not(None))
            .values(changed_by_id=head)
        )
        db.execute(delete(Reinforcement.__table__))
        db.execute(delete(Follow.__table__))
        signal_ids = [row[0] for row in db.execute(text("SELECT id FROM signal ORDER BY id"))]
        mine = [s for s in signal_ids if s % 50 == 1][:GIVER_ITEMS]
        _bulk(
            db,
            Reinforcement.__table__,
            [{"signal_id": s, "user_id": giver, "context": "Ook bij ons."} for s in mine]
            + [
                {"signal_id": s, "user_id": first_user + s % PEOPLE, "context": None}
                for s in signal_ids[::3]
            ],
        )
        _bulk(
            db,
            Follow.__table__,
            [{"signal_id": s, "user_id": giver} for s in mine]
            + [{"signal_id": s, "user_id": first_user + s % PEOPLE} for s in signal_ids[::4]],
        )
        _bulk(
            db,
            Supplement.__table__,
            [
                {
                    "signal_id": s,
                    "user_id": giver,
                    "body": "Ook in onze wijk wachten gezinnen maanden.",
                    "idempotency_key": f"bench-supplement-{s}",
                }
                for s in mine
            ],
        )
        _bulk(
            db,
            OutboxMail.__table__,
            [
                {
                    "recipient": f"persoon{people[n % PEOPLE]}@bench.example",
                    "subject": "Terugkoppeling op je signaal",
                    "body": PARAGRAPH * 3,
                    "message_id": f"<bench-{n}@lokaalsignaal.be>",
                    "municipality_id": municipality,
                    "next_attempt_at": now - timedelta(minutes=1),
                    "attempts": 0,
                    "created_at": now - timedelta(minutes=1),
                }
                for n in range(WAITING_MAILS)
            ],
        )
        if db.dialect.name == "sqlite":
            db.execute(text("ANALYZE"))
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
            db.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    return {
        "giver": giver,
        "person": people[1],
        "organisation": organisations[0],
        "agreement": first_agreement,
        "actor": people[3],
    }


def timed(browser, path: str, requests: int) -> tuple[float, float, int]:
    response, payload, _ = browser.request("GET", path)  # warm
    assert response.status == 200, (path, response.status)
    timings = []
    for _ in range(requests):
        began = time.perf_counter()
        response, payload, _ = browser.request("GET", path, encoding="identity")
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status == 200, (path, response.status)
    return *percentiles(timings), len(payload)


def pages(base: str, ids: dict, requests: int) -> list[tuple[str, float, float, int, int]]:
    head = logged_in(base, "verwerker@bench.example")
    giver = logged_in(base, "gever@bench.example")
    s = f"/{SLUG}"
    a = f"{s}/overeenkomsten/{ids['agreement']}"
    # (name, browser, path, goal in ms)
    paths = [
        ("people, first page", head, f"{s}/mensen", 100),
        ("people, search", head, f"{s}/mensen?q=persoon%200123", 100),
        ("people, page 100", head, f"{s}/mensen?pagina=100", 100),
        ("people, engagement filter", head, f"{s}/mensen?engagement=contact", 100),
        ("invitations", head, f"{s}/uitnodigingen/overzicht", 100),
        ("partners", head, f"{s}/partners", 100),
        ("organisation page", head, f"{s}/partners/{ids['organisation']}", 100),
        ("agreement", head, a, 100),
        ("agreement versions (diff)", head, f"{a}/versies", 100),
        ("versions 1 to 50 diff", head, f"{a}/versies?van=1&naar=50", 100),
        ("join requests", head, f"{s}/partners/aanvragen", 100),
        ("mijn gegevens (giver)", giver, "/mijn-gegevens", 100),
        ("mijn gegevens, JSON", giver, "/mijn-gegevens/download.json", 2000),
        ("mijn gegevens, CSV", giver, "/mijn-gegevens/download.csv", 2000),
        ("person page (head)", head, f"{s}/personen/{ids['giver']}", 100),
        ("person page, JSON", head, f"{s}/personen/{ids['giver']}?download=json", 2000),
        ("audit log", head, f"{s}/verwerken/logboek", 100),
        ("audit log, one actor", head, f"{s}/verwerken/logboek?actor={ids['actor']}", 100),
        ("audit log, one action", head, f"{s}/verwerken/logboek?action=signal.status", 100),
        ("audit log, page 2000", head, f"{s}/verwerken/logboek?pagina=2000", 100),
        ("cards (giver)", giver, f"{s}/fiches", 50),
        ("cards (head)", head, f"{s}/fiches", 100),
        ("actions (head)", head, f"{s}/acties", 100),
        ("agenda (head)", head, f"{s}/agenda", 100),
    ]
    return [(name, *timed(browser, path, requests), goal) for name, browser, path, goal in paths]


def command(env: dict, *args: str) -> tuple[float, int, str]:
    """Run a flask command; its seconds, peak memory (KB) and last output line."""
    began = time.perf_counter()
    process = subprocess.Popen(
        [*FLASK, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    # getrusage's ru_maxrss of a child counts the parent's memory at the fork: read the
    # child's own high-water mark while it runs instead.
    peak = 0
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        with contextlib.suppress(OSError):
            found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
            peak = max(peak, int(found[1])) if found else peak
        time.sleep(0.02)
    output = process.stdout.read().decode()
    assert process.returncode == 0, output
    lines = output.strip().splitlines() or [""]
    return time.perf_counter() - began, peak, lines[-1]


class Sink:
    """An SMTP server that counts and forgets."""

    received = 0

    async def handle_DATA(self, server, session, envelope):
        Sink.received += 1
        return "250 OK"


def unsent(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as db:
        count = db.execute(text("SELECT count(*) FROM outbox_mail WHERE sent_at IS NULL"))
        count = count.scalar_one()
    engine.dispose()
    return count


def commands(url: str, env: dict) -> list[tuple[str, str]]:
    rows = []
    seconds, memory, line = command(env, "notifications", "send-digest")
    rows.append(("digest", f"{seconds:6.1f} s, peak {memory // 1024} MB ({line})"))

    controller = Controller(Sink(), hostname="127.0.0.1", port=free_port())
    controller.start()
    mail_env = dict(
        env, MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=str(controller.port)
    )
    try:
        waiting = unsent(url)
        seconds, memory, line = command(mail_env, "mail", "deliver")
        sent = waiting - unsent(url)
        rows.append(
            ("mail deliver, one pass", f"{sent / seconds:6.1f} mails/s ({sent} in {seconds:.1f} s)")
        )
        waiting = unsent(url)
        began = time.perf_counter()
        worker = subprocess.Popen(
            [*FLASK, "worker", "--no-sites"],
            cwd=ROOT,
            env=mail_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while unsent(url) and time.perf_counter() - began < 600:
                time.sleep(0.5)
            seconds = time.perf_counter() - began
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        rows.append(
            (
                "worker --no-sites",
                f"{waiting / seconds:6.1f} mails/s ({waiting} in {seconds:.1f} s, "
                f"SMTP server received {Sink.received})",
            )
        )
    finally:
        controller.stop()

    for name, extra in (("purge --dry-run", ("--dry-run",)), ("purge", ())):
        seconds, memory, line = command(env, "privacy", "purge", *extra, SLUG)
        rows.append((name, f"{seconds:6.1f} s, peak {memory // 1024} MB ({line})"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    with scratch_database("scale-bench.sqlite") as (url, scratch):
        env = app_env(url, MAIL_BACKEND="file", MAIL_FILE_DIR=f"{scratch}/mail")
        began = time.perf_counter()
        prepare(url, args.signals)
        ids = enlarge(url)
        print(
            f"database: {make_url(url).get_backend_name()}, {args.signals} signals and the rest "
            f"generated in {time.perf_counter() - began:.1f} s"
        )
        with serve(env, workers=2) as server:
            rows = pages(server.base, ids, args.requests)
        command_rows = commands(url, env)
    print(f"{'page':30} {'p50 ms':>8} {'p95 ms':>8} {'KB':>7}")
    for name, p50, p95, size, goal in rows:
        note = "" if p95 <= goal else f"  over {goal} ms"
        print(f"{name:30} {p50:8.1f} {p95:8.1f} {size / 1024:7.0f}{note}")
    print()
    for name, figure in command_rows:
        print(f"{name:30} {figure}")
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"\nbench process peak memory: {own_peak} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
