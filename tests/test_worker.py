"""The worker (`flask worker`) rebuilds the microsites the app marked stale, in-process, within
seconds, linking to the app at BASE_URL; a failed build is retried and shown to the head
processor; two workers side by side never build the same site at once."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, update

from tests.conftest import PASSWORD
from webapp import outbox, site_lease
from webapp.extensions import db
from webapp.models import (
    OutboxMail,
    Role,
    SignalCard,
    SiteBuildFailure,
    SiteBuildLease,
    utcnow,
)
from webapp.worker import rebuild_stale_sites, stale_sites

ROOT = Path(__file__).resolve().parent.parent


def test_a_failed_build_is_recorded_shown_and_retried(app, make, tmp_path, monkeypatch):
    from webapp.public.reader import PublicSource

    place = make.municipality(slug="bouwstad")
    head = make.user(Role.HEAD_PROCESSOR, place)
    make.card(place, title="Eerste fiche", published=True)
    real_read = PublicSource.read

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(PublicSource, "read", broken)
    with app.app_context():
        assert rebuild_stale_sites(tmp_path).failed == ["bouwstad"]
        failure = db.session.get(SiteBuildFailure, place.id)
        assert failure.attempts == 1 and "schijf vol" in failure.error

    client = app.test_client()
    client.post("/login", data={"email": head.email, "password": PASSWORD})
    html = client.get("/bouwstad/verwerken/bezorging").get_data(as_text=True)
    assert "De laatste 1 poging" in html and "schijf vol" in html

    monkeypatch.setattr(PublicSource, "read", real_read)
    with app.app_context():
        rebuilt = rebuild_stale_sites(tmp_path)
        assert (rebuilt.built, rebuilt.failed) == (["bouwstad"], [])
        assert db.session.get(SiteBuildFailure, place.id) is None
    assert "Eerste fiche" in (tmp_path / "bouwstad" / "wat-leeft-er" / "index.html").read_text()
    html = client.get("/bouwstad/verwerken/bezorging").get_data(as_text=True)
    assert "De publieke website werd zonder fouten bijgewerkt." in html


def test_a_card_published_in_the_app_is_on_its_site_within_seconds(app, make, tmp_path):
    place = make.municipality(slug="snelstad")
    make.card(place, title="Oude fiche", published=True)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SECRET_KEY="test-secret-key",
        MAIL_BACKEND="file",
        MAIL_FILE_DIR=str(tmp_path / "mail"),
        # Not the default: `make run PORT=5101` hands the worker this address.
        BASE_URL="http://127.0.0.1:5101",
    )
    flask = str(Path(sys.executable).parent / "flask")
    out = tmp_path / "sites"
    worker = subprocess.Popen(
        [flask, "--app", "wsgi", "worker", "--interval", "0.5"] + ["--sites-out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = out / "snelstad" / "wat-leeft-er" / "index.html"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not page.is_file():
            time.sleep(0.2)
        assert page.is_file(), "the worker built the stale site"
        make.card(place, title="Nieuwe fiche net gepubliceerd", published=True)
        published = time.monotonic()
        while time.monotonic() - published < 15:
            if "Nieuwe fiche net gepubliceerd" in page.read_text():
                break
            time.sleep(0.2)
        took = time.monotonic() - published
        assert "Nieuwe fiche net gepubliceerd" in page.read_text()
        assert took < 10, f"took {took:.1f} s"
        # Every page the worker rebuilt leads to the app's submit page and join form.
        pages = list((out / "snelstad").rglob("*.html"))
        assert len(pages) > 5
        for path in pages:
            html = path.read_text()
            assert 'href="http://127.0.0.1:5101/snelstad/signalen/nieuw"' in html, path
            assert 'href="http://127.0.0.1:5101/snelstad/meedoen"' in html, path
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    assert "Worker stopped." in output


def test_the_loop_works_through_a_backlog_without_waiting_between_full_batches(app, tmp_path):
    """5,000 waiting mails must not take 25 intervals: a round that found a full batch due
    is followed by the next at once (bench/scale.py measures the rate)."""
    waiting = 2 * outbox.BATCH + 1
    now = utcnow()
    with app.app_context():
        db.session.add_all(
            OutboxMail(
                recipient=f"gever{n}@example.org",
                subject="Terugkoppeling",
                body="Er is nieuws over je signaal.",
                message_id=f"<achterstand-{n}@lokaalsignaal.be>",
                next_attempt_at=now,
                attempts=0,
            )
            for n in range(waiting)
        )
        db.session.commit()
    env = dict(os.environ)
    env.update(
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SECRET_KEY="test-secret-key",
        MAIL_BACKEND="file",
        MAIL_FILE_DIR=str(tmp_path / "mail"),
    )
    flask = str(Path(sys.executable).parent / "flask")
    # An interval far longer than the test may take: only the backlog rule can send it all.
    worker = subprocess.Popen(
        [flask, "--app", "wsgi", "worker", "--interval", "600", "--no-sites"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def unsent() -> int:
        with app.app_context():
            query = select(func.count()).select_from(OutboxMail)
            return db.session.scalar(query.where(OutboxMail.sent_at.is_(None)))

    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and unsent():
            time.sleep(0.2)
        assert unsent() == 0
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    assert "Worker stopped." in output
    assert len(list((tmp_path / "mail").iterdir())) == waiting


def _env(app, tmp_path) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SECRET_KEY="test-secret-key",
        MAIL_BACKEND="file",
        MAIL_FILE_DIR=str(tmp_path / "mail"),
        BASE_URL=app.config["BASE_URL"],
        PYTHONPATH=str(ROOT),
    )
    return env


def _links(html: str, slug: str) -> bool:
    return (
        f'href="http://localhost/{slug}/signalen/nieuw"' in html
        and f'href="http://localhost/{slug}/meedoen"' in html
    )


def test_a_rebuild_by_the_worker_keeps_the_links_to_the_app(app, make, tmp_path):
    """A site built by hand and rebuilt by the worker links to the app at BASE_URL both times."""
    place = make.municipality(slug="linkstad")
    make.card(place, title="Eerste fiche", published=True)
    result = app.test_cli_runner().invoke(
        args=["sites", "build", "linkstad", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    page = tmp_path / "linkstad" / "wat-leeft-er" / "index.html"
    assert _links(page.read_text(), "linkstad")

    make.card(place, title="Tweede fiche", published=True)
    with app.app_context():
        assert rebuild_stale_sites(tmp_path).built == ["linkstad"]
    html = page.read_text()
    assert "Tweede fiche" in html
    for path in (tmp_path / "linkstad").rglob("*.html"):
        assert _links(path.read_text(), "linkstad"), path


def test_a_site_leased_by_another_worker_waits_until_its_lease_runs_out(app, make, tmp_path):
    make.municipality(slug="bezetstad")
    make.municipality(slug="vrijstad")
    with app.app_context():
        assert site_lease.take(["bezetstad"], "andere-worker") == ["bezetstad"]
        first = rebuild_stale_sites(tmp_path, holder="deze-worker")
        assert first.built == ["vrijstad"]
        assert not (tmp_path / "bezetstad").exists()
        assert rebuild_stale_sites(tmp_path, holder="deze-worker").built == []
        # A worker that died holding a lease: once it runs out, the site is built after all.
        db.session.execute(
            update(SiteBuildLease).values(expires_at=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
        assert rebuild_stale_sites(tmp_path, holder="deze-worker").built == ["bezetstad"]
        assert db.session.scalar(select(func.count()).select_from(SiteBuildLease)) == 0


def test_leases_taken_one_by_one_by_two_processes_at_once_never_overlap(app, tmp_path):
    """Two processes race for the same 40 sites, each in its own order, one statement per
    site: every site goes to exactly one of them."""
    sites = [f"gemeente-{n}" for n in range(40)]
    start = tmp_path / "start"
    script = (
        "import json, os, random, sys, time\n"
        "from pathlib import Path\n"
        "from webapp import create_app\n"
        "from webapp import site_lease\n"
        "app = create_app()\n"
        "sites = json.loads(sys.argv[1])\n"
        "random.Random(sys.argv[2]).shuffle(sites)\n"
        "taken = []\n"
        "with app.app_context():\n"
        "    site_lease.held_by_others(sys.argv[2])\n"  # connected before the race starts
        "    Path(sys.argv[3] + '.' + sys.argv[2]).touch()\n"
        "    while not Path(sys.argv[3]).exists():\n"
        "        time.sleep(0.001)\n"
        "    for site in sites:\n"
        "        taken += site_lease.take([site], sys.argv[2])\n"
        "print(json.dumps(taken))\n"
    )
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", script, json.dumps(sites), holder, str(start)],
            cwd=ROOT,
            env=_env(app, tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for holder in ("worker-een", "worker-twee")
    ]
    ready = [Path(f"{start}.{holder}") for holder in ("worker-een", "worker-twee")]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not all(path.exists() for path in ready):
        time.sleep(0.05)
    start.touch()  # both interpreters are up and connected: they start within a millisecond
    results = []
    for racer in racers:
        output, errors = racer.communicate(timeout=120)
        assert racer.returncode == 0, errors
        results.append(set(json.loads(output)))
    first, second = results
    assert not first & second
    assert first | second == set(sites)
    with app.app_context():
        holders = dict(db.session.execute(select(SiteBuildLease.site, SiteBuildLease.holder)).all())
    assert {site for site, holder in holders.items() if holder == "worker-een"} == first
    assert {site for site, holder in holders.items() if holder == "worker-twee"} == second


def test_two_workers_side_by_side_build_each_site_once_and_replace_it_whole(app, make, tmp_path):
    """Two `flask worker` processes on one database and one output directory: every stale site
    is built by one of them, once per change, and a reader never finds a site missing or half
    built while it is replaced."""
    slugs = [f"tweestad-{n}" for n in range(6)]
    cards = {}
    for slug in slugs:
        place = make.municipality(slug=slug)
        cards[slug] = make.card(place, title=f"Oude fiche van {slug}", published=True)
    out = tmp_path / "sites"
    flask = str(Path(sys.executable).parent / "flask")
    command = [flask, "--app", "wsgi", "worker", "--interval", "0.2", "--sites-per-round", "2"]
    workers = [
        subprocess.Popen(
            [*command, "--sites-out", str(out)],
            cwd=ROOT,
            env=_env(app, tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]

    def all_built(title: str) -> bool:
        with app.app_context():
            if stale_sites(out):
                return False
        pages = [out / slug / "wat-leeft-er" / "index.html" for slug in slugs]
        return all(page.is_file() and title in page.read_text() for page in pages)

    observations = []
    problems = []
    reading = threading.Event()

    def read_sites() -> None:
        while reading.is_set():
            for slug in slugs:
                home = out / slug / "index.html"
                cards_page = out / slug / "wat-leeft-er" / "index.html"
                try:
                    html = cards_page.read_text()
                    complete = home.is_file() and html.rstrip().endswith("</html>")
                except FileNotFoundError:
                    complete = False
                observations.append(slug)
                if not complete:
                    problems.append(slug)

    reader = threading.Thread(target=read_sites)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not all_built("Oude fiche"):
            time.sleep(0.2)
        assert all_built("Oude fiche"), "the workers built every stale site"

        reading.set()
        reader.start()
        with app.app_context():
            # One change, every site stale once. The transaction writes first: on SQLite a
            # transaction that read before the workers committed could not write after them.
            for slug, card in cards.items():
                db.session.execute(
                    update(SignalCard)
                    .where(SignalCard.id == card.id)
                    .values(title=f"Nieuwe fiche van {slug}")
                )
            db.session.commit()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not all_built("Nieuwe fiche"):
            time.sleep(0.2)
        assert all_built("Nieuwe fiche"), "the workers rebuilt every changed site"
    finally:
        reading.clear()
        if reader.is_alive():
            reader.join()
        outputs = []
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
            outputs.append(worker.communicate(timeout=60)[0])
    for output in outputs:
        assert "Worker stopped." in output, output
        assert "Worker round failed" not in output, output
    built = [
        slug
        for output in outputs
        for line in output.splitlines()
        if line.startswith("Sites: built ")
        for slug in line.removeprefix("Sites: built ").split(";")[0].split(", ")
        if slug != "none"
    ]
    assert sorted(built) == sorted(slugs * 2), outputs
    assert len(observations) > 100 and problems == []
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.is_dir()) == [
        ".state"
    ]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SiteBuildLease)) == 0


def test_mail_deliver_sends_one_batch_and_points_the_loop_at_the_worker(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["mail", "deliver"])
    assert result.exit_code == 0 and "Mail: 0 sent, 0 failed" in result.output
    result = runner.invoke(args=["mail", "deliver", "--loop"])
    assert result.exit_code != 0 and "flask --app wsgi worker" in result.output
