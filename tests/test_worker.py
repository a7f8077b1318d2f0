"""The long-running worker rebuilds the microsites the app marked stale, in-process, within
seconds; a failed build is retried and shown to the head processor."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import PASSWORD
from webapp import outbox
from webapp.extensions import db
from webapp.models import OutboxMail, Role, SiteBuildFailure, utcnow
from webapp.worker import rebuild_stale_sites

ROOT = Path(__file__).resolve().parent.parent


def test_a_failed_build_is_recorded_shown_and_retried(app, make, tmp_path, monkeypatch):
    import sites.builder

    place = make.municipality(slug="bouwstad")
    head = make.user(Role.HEAD_PROCESSOR, place)
    make.card(place, title="Eerste fiche", published=True)
    real_collect = sites.builder.collect

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(sites.builder, "collect", broken)
    with app.app_context():
        assert rebuild_stale_sites(tmp_path)["failed"] == 1
        failure = db.session.get(SiteBuildFailure, place.id)
        assert failure.attempts == 1 and "schijf vol" in failure.error

    client = app.test_client()
    client.post("/login", data={"email": head.email, "password": PASSWORD})
    html = client.get("/bouwstad/verwerken/bezorging").get_data(as_text=True)
    assert "De laatste 1 poging" in html and "schijf vol" in html

    monkeypatch.setattr(sites.builder, "collect", real_collect)
    with app.app_context():
        assert rebuild_stale_sites(tmp_path) == {"built": 1, "failed": 0}
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
    )
    flask = str(Path(sys.executable).parent / "flask")
    out = tmp_path / "sites"
    worker = subprocess.Popen(
        [flask, "--app", "wsgi", "mail", "deliver", "--loop", "--interval", "0.5"]
        + ["--sites-out", str(out)],
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
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    assert "Mail worker stopped." in output


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
        [flask, "--app", "wsgi", "mail", "deliver", "--loop", "--interval", "600", "--no-sites"],
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
    assert "Mail worker stopped." in output
    assert len(list((tmp_path / "mail").iterdir())) == waiting
