"""How long `sites build --all --jobs 2` takes for every Flemish municipality (285).

Usage: .venv/bin/python bench/sites.py [--municipalities 285] [--jobs 2] [--keep DIR]

Fills a scratch SQLite database with realistic public data (per municipality 40 published
cards, 20 public actions with their progress, 30 public meetings, 15 partner organisations with
their agreements, 150 signals and 30 users, plus drafts and internal items), then times the
real command from a clean output directory, again with nothing changed, and after one change in
one municipality. Goals (issue 19) on a quiet machine with two cores: all 285 in <= 15 s; one
changed municipality with `--stale` in <= 1 s, the command's start-up included. The load average
is printed before and after: on a shared machine, compare figures taken at the same load.
"""

import argparse
import gzip
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from webapp.admin.defaults import DEFAULT_TARGET_GROUPS, DEFAULT_THEMES  # noqa: E402
from webapp.models import (  # noqa: E402
    Action,
    ActionUpdate,
    Agreement,
    Meeting,
    Membership,
    Municipality,
    Organisation,
    Signal,
    SignalCard,
    TargetGroup,
    Theme,
    User,
)
from webapp.models.processing import card_action, card_signal, card_theme, meeting_card  # noqa: E402
from webapp.models.signal import signal_theme  # noqa: E402

CARDS, DRAFTS, ACTIONS, MEETINGS, PARTNERS, SIGNALS, USERS = 40, 5, 20, 30, 15, 150, 30
WORDS = (  # noqa: SIM905 - a sentence reads better than fifty quoted words
    "wachtlijst gezinnen huur woning premie opvang school jongeren ouderen bus avond weekend "
    "formulier digitaal loket afspraak budget schulden energie factuur verwarming zorg dokter "
    "tandarts kinderopvang vervoer werk studentenjob taal nieuwkomers buurt eenzaamheid sport "
    "vrije tijd toegankelijk betaalbaar drempel doorverwijzing partners overleg signaaldag "
    "eerstelijnswerkers organisaties gemeente sociaal huis bibliotheek vrijwilligers"
).split()
KINDS = ("overleg", "signaaldag", "netwerkbijeenkomst", "werksessie")
CARD_STATUSES = ("exploring", "in_action", "on_agenda", "referred_supralocal", "resolved")
ACTION_STATUSES = ("planned", "ongoing", "ongoing", "done", "stopped")
SIGNAL_STATUSES = (
    "submitted",
    "in_progress",
    "on_agenda",
    "referred",
    "action",
    "closed",
    "not_retained",
)


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def populate(app, count: int, seed: int = 285) -> None:
    """Bulk-insert `count` municipalities with their public and private data."""
    from webapp.extensions import db

    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    ids = {"theme": 0, "tg": 0, "org": 0, "user": 0, "signal": 0, "card": 0, "action": 0}
    ids.update(meeting=0, update=0, agreement=0)

    def next_id(kind: str) -> int:
        ids[kind] += 1
        return ids[kind]

    with app.app_context():
        connection = db.session.connection()
        for number in range(1, count + 1):
            rows = {key: [] for key in ("m", "theme", "tg", "org", "user", "member", "signal")}
            rows.update({key: [] for key in ("st", "card", "cs", "ct", "action", "ca", "upd")})
            rows.update({key: [] for key in ("meeting", "mc", "agreement")})
            slug = f"gemeente-{number:03d}"
            rows["m"].append(
                {
                    "id": number,
                    "slug": slug,
                    "name": f"Gemeente {number:03d}",
                    "contact_email": f"lokaalsignaal@{slug}.be",
                    "public_url": f"https://www.{slug}.be/lokaal-signaal",
                    "coordinator_name": f"Coördinator {number:03d}",
                    "privacy_version": "2026-1",
                    "created_at": now,
                }
            )
            themes = []
            for position, (theme_slug, name) in enumerate(DEFAULT_THEMES):
                themes.append(next_id("theme"))
                rows["theme"].append(
                    {
                        "id": themes[-1],
                        "municipality_id": number,
                        "slug": theme_slug,
                        "name": name,
                        "position": position,
                    }
                )
            for position, (group_slug, name) in enumerate(DEFAULT_TARGET_GROUPS):
                rows["tg"].append(
                    {
                        "id": next_id("tg"),
                        "municipality_id": number,
                        "slug": group_slug,
                        "name": name,
                        "position": position,
                    }
                )
            organisations = []
            for index in range(PARTNERS):
                organisations.append(next_id("org"))
                rows["org"].append(
                    {
                        "id": organisations[-1],
                        "municipality_id": number,
                        "name": f"Partner {index + 1} van {slug}",
                        "kind": "other",
                        "created_at": now,
                    }
                )
            for index in range(USERS):
                user_id = next_id("user")
                rows["user"].append(
                    {
                        "id": user_id,
                        "email": f"bench{user_id}@example.org",
                        "name": f"Bench {user_id}",
                        "active": True,
                        "session_generation": 0,
                        "organisation_id": rng.choice(organisations),
                        "created_at": now,
                    }
                )
                rows["member"].append(
                    {
                        "user_id": user_id,
                        "municipality_id": number,
                        "role": "giver" if index else "head_processor",
                        "notify": "digest",
                        "created_at": now,
                    }
                )
            signals = []
            for _ in range(SIGNALS):
                signals.append(next_id("signal"))
                created = now - timedelta(days=rng.randint(0, 700))
                rows["signal"].append(
                    {
                        "id": signals[-1],
                        "municipality_id": number,
                        "reference": f"B{signals[-1]:08d}",
                        "title": sentence(rng, 4, 8),
                        "description": paragraph(rng, 3),
                        "status": rng.choice(SIGNAL_STATUSES),
                        "idempotency_key": f"bench-{signals[-1]}",
                        "reinforcement_count": rng.randint(0, 4),
                        "created_at": created,
                        "updated_at": created,
                        "organisation_id": rng.choice(organisations),
                    }
                )
                for theme in rng.sample(themes, rng.randint(1, 2)):
                    rows["st"].append({"signal_id": signals[-1], "theme_id": theme})
            cards = []
            for index in range(CARDS + DRAFTS):
                card_id = next_id("card")
                published = index < CARDS
                if published:
                    cards.append(card_id)
                rows["card"].append(
                    {
                        "id": card_id,
                        "municipality_id": number,
                        "title": sentence(rng, 5, 9)[:-1],
                        "summary": paragraph(rng, rng.randint(2, 4)),
                        "public_status": rng.choice(CARD_STATUSES),
                        "published": published,
                        "published_at": now - timedelta(days=rng.randint(1, 500))
                        if published
                        else None,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                for signal in rng.sample(signals, rng.randint(2, 9)):
                    rows["cs"].append({"card_id": card_id, "signal_id": signal})
                for theme in rng.sample(themes, rng.randint(1, 2)):
                    rows["ct"].append({"card_id": card_id, "theme_id": theme})
            for index in range(ACTIONS + 3):
                action_id = next_id("action")
                rows["action"].append(
                    {
                        "id": action_id,
                        "municipality_id": number,
                        "title": sentence(rng, 4, 8)[:-1],
                        "description": paragraph(rng, 2),
                        "status": rng.choice(ACTION_STATUSES),
                        "is_public": index < ACTIONS,
                        "organisation_id": rng.choice(organisations),
                        "created_at": now - timedelta(days=index),
                        "updated_at": now,
                    }
                )
                rows["ca"].append({"card_id": rng.choice(cards), "action_id": action_id})
                for step in range(rng.randint(1, 4)):
                    rows["upd"].append(
                        {
                            "id": next_id("update"),
                            "action_id": action_id,
                            "happened_on": (now - timedelta(days=30 * step)).date(),
                            "body": paragraph(rng, 1),
                            "created_at": now,
                        }
                    )
            for index in range(MEETINGS + 3):
                meeting_id = next_id("meeting")
                starts = now + timedelta(days=rng.randint(-300, 200), hours=rng.randint(0, 8))
                rows["meeting"].append(
                    {
                        "id": meeting_id,
                        "municipality_id": number,
                        "kind": rng.choice(KINDS),
                        "title": sentence(rng, 3, 6)[:-1],
                        "starts_at": starts,
                        "ends_at": starts + timedelta(hours=2),
                        "place": "Sociaal huis, zaal 2",
                        "description": paragraph(rng, 1),
                        "is_public": index < MEETINGS,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                rows["mc"].append({"meeting_id": meeting_id, "card_id": rng.choice(cards)})
            for index, organisation in enumerate(organisations):
                status = "active" if index < 10 else ("draft" if index < 13 else "ended")
                rows["agreement"].append(
                    {
                        "id": next_id("agreement"),
                        "municipality_id": number,
                        "organisation_id": organisation,
                        "engagement": 1 + index % 4,
                        "status": status,
                        "title": f"Samenwerkingsovereenkomst {index + 1}",
                        "body": "\n\n".join(paragraph(rng, 3) for _ in range(3)),
                        "starts_on": date(2025, 9, 1),
                        "ends_on": date(2027, 8, 31),
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            for key, table in (
                ("m", Municipality.__table__),
                ("theme", Theme.__table__),
                ("tg", TargetGroup.__table__),
                ("org", Organisation.__table__),
                ("user", User.__table__),
                ("member", Membership.__table__),
                ("signal", Signal.__table__),
                ("st", signal_theme),
                ("card", SignalCard.__table__),
                ("cs", card_signal),
                ("ct", card_theme),
                ("action", Action.__table__),
                ("ca", card_action),
                ("upd", ActionUpdate.__table__),
                ("meeting", Meeting.__table__),
                ("mc", meeting_card),
                ("agreement", Agreement.__table__),
            ):
                if rows[key]:
                    connection.execute(insert(table), rows[key])
        db.session.commit()


def change_one(app, slug: str) -> None:
    """What a processor does in the app: edit a published card (marks the site stale)."""
    from webapp.extensions import db

    with app.app_context():
        place = db.session.scalars(db.select(Municipality).filter_by(slug=slug)).one()
        card = db.session.scalars(
            db.select(SignalCard).filter_by(municipality_id=place.id, published=True)
        ).first()
        card.title = f"{card.title} (bijgewerkt)"
        db.session.commit()


def run_build(env: dict, out: Path, *options: str) -> tuple[float, str]:
    command = [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "sites", "build"]
    command += [*options, "--out", str(out)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"sites build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, result.stdout.strip().splitlines()[-1]


def weigh(out: Path) -> tuple[int, int, int]:
    """Bytes on disk, number of HTML pages, and the heaviest page gzipped with its CSS."""
    total = pages = heaviest = 0
    css = {}
    for path in out.rglob("*"):
        if not path.is_file() or ".state" in path.parts:
            continue
        total += path.stat().st_size
        if path.suffix == ".html":
            pages += 1
            site = path.relative_to(out).parts[0]
            sheet = out / site / "assets" / "site.css"
            sheet = sheet if sheet.is_file() else out / "assets" / "site.css"
            if sheet not in css:
                css[sheet] = len(gzip.compress(sheet.read_bytes()))
            heaviest = max(heaviest, len(gzip.compress(path.read_bytes())) + css[sheet])
    return total, pages, heaviest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=285)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="Keep the database and output in this folder.")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    folder = args.keep or Path(scratch.name)
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "bench-sites.sqlite"
    database.unlink(missing_ok=True)
    out = folder / "sites"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "APP_ENV": "development"}
    env.setdefault("SECRET_KEY", "bench-only-secret")
    os.environ.update({"DATABASE_URL": env["DATABASE_URL"], "SECRET_KEY": env["SECRET_KEY"]})

    from flask_migrate import upgrade

    from webapp import create_app

    app = create_app()
    with app.app_context():
        upgrade()
    started = time.perf_counter()
    populate(app, args.municipalities)
    print(
        f"{args.municipalities} municipalities generated in {time.perf_counter() - started:.1f} s"
    )

    load_before = _load()
    jobs = ("--all", "--jobs", str(args.jobs))
    clean, line = run_build(env, out, *jobs)
    total, pages, heaviest = weigh(out)
    print(f"clean build:      {clean:6.1f} s   {line}")
    print(
        f"                  {total / 1e6:.1f} MB on disk, {pages} pages, heaviest page "
        f"{heaviest / 1024:.1f} KB gzipped with its CSS"
    )
    same, line = run_build(env, out, *jobs)
    print(f"nothing changed:  {same:6.1f} s   {line}")
    middle = args.municipalities // 2
    change_one(app, f"gemeente-{middle:03d}")
    one, line = run_build(env, out, *jobs)
    print(f"one changed:      {one:6.1f} s   {line}")
    change_one(app, f"gemeente-{middle + 1:03d}")
    stale, line = run_build(env, out, "--stale", "--jobs", str(args.jobs))
    print(f"one changed, --stale: {stale:6.1f} s   {line}")
    goals = clean <= 15 and stale <= 1
    print(
        f"goals (all <= 15 s, one changed with --stale <= 1 s): {'met' if goals else 'NOT met'} "
        f"on {os.cpu_count()} cores, load average {_load()} (was {load_before} at the start)"
    )


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
