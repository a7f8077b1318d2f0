"""The durable outbox: every mail is written with the change that causes it, sent by the
worker through a real SMTP server, retried while the server is down, and delivered exactly
once when it comes back, also with two workers at once."""

import ast
import socket
import threading
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import Outbox
from webapp import outbox
from webapp.extensions import db
from webapp.models import OutboxMail, Role, utcnow
from webapp.notifications import queue_mail

ROOT = Path(__file__).resolve().parent.parent


class SwitchableServer:
    """A real SMTP server (aiosmtpd) on a fixed port that a test can stop and start again."""

    def __init__(self):
        self.received = Outbox()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = None

    def start(self):
        self.controller = Controller(self.received, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def recipients(self) -> list[str]:
        return sorted(r for m in self.received for r in m.envelope_recipients)


@pytest.fixture
def server():
    switchable = SwitchableServer()
    yield switchable
    switchable.stop()


@pytest.fixture
def worker_app(another_app, server):
    """The app as the worker and the web servers see it: mail waits in the outbox."""
    return another_app(MAIL_PORT=server.port, MAIL_DELIVER_IN_PROCESS=False)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_every_mail_sending_code_path_goes_through_the_outbox():
    sources = [p for folder in ("webapp", "sites") for p in (ROOT / folder).rglob("*.py")]
    smtp_users = {p.relative_to(ROOT).as_posix() for p in sources if "smtplib" in _imports(p)}
    mail_users = {
        p.relative_to(ROOT).as_posix()
        for p in sources
        if {"webapp.mail", "webapp.mail.transmit"} & _imports(p)
    }
    # Only the transport and the worker's outbox touch SMTP; only the outbox calls the
    # transport; everything else queues through notifications.queue_mail.
    assert smtp_users <= {"webapp/mail.py", "webapp/outbox.py"}
    assert mail_users == {"webapp/outbox.py"}
    enqueuers = {
        p.relative_to(ROOT).as_posix() for p in sources if "outbox.enqueue(" in p.read_text()
    }
    assert enqueuers == {"webapp/notifications.py"}


def test_mail_is_written_in_the_transaction_of_the_change(worker_app):
    with worker_app.test_request_context():
        queue_mail("weg@example.org", "Teruggedraaid", "mail/digest.txt", signals=[], more=0)
        db.session.rollback()
        queue_mail("blijft@example.org", "Bewaard", "mail/digest.txt", signals=[], more=0)
        db.session.commit()
        rows = db.session.scalars(db.select(OutboxMail)).all()
        assert [(r.recipient, r.subject, r.sent_at) for r in rows] == [
            ("blijft@example.org", "Bewaard", None)
        ]


def test_a_server_that_is_down_and_comes_back_gets_every_mail_once(worker_app, make, server):
    place = make.municipality()
    people = [make.user(Role.GIVER, place) for _ in range(4)]
    client = worker_app.test_client()
    for person in people:
        assert client.post("/wachtwoord-vergeten", data={"email": person.email}).status_code == 303

    runner = worker_app.test_cli_runner()
    down = runner.invoke(args=["mail", "deliver"])
    assert down.exit_code == 0
    assert "0 sent, 4 failed" in down.output
    with worker_app.app_context():
        rows = db.session.scalars(db.select(OutboxMail)).all()
        assert {(r.attempts, r.sent_at) for r in rows} == {(1, None)}
        assert all(r.next_attempt_at > utcnow() for r in rows), "a growing delay before retrying"

    server.start()
    assert "0 sent, 0 failed" in runner.invoke(args=["mail", "deliver"]).output
    with worker_app.app_context():
        assert outbox.deliver_due(now=utcnow() + timedelta(minutes=1)).sent == 4
        assert outbox.deliver_due(now=utcnow() + timedelta(days=1)).sent == 0
        rows = db.session.scalars(db.select(OutboxMail)).all()
        assert all(r.sent_at is not None and r.body == "" for r in rows)
    assert server.recipients() == sorted(p.email for p in people)
    assert all("/wachtwoord-herstellen/" in m.get_content() for m in server.received)


def test_two_workers_at_once_send_each_mail_once(worker_app, server):
    server.start()
    with worker_app.test_request_context():
        for number in range(30):
            queue_mail(
                f"persoon{number}@example.org", "Proef", "mail/digest.txt", signals=[], more=0
            )
        db.session.commit()
    totals = []

    def work():
        with worker_app.app_context():
            totals.append(outbox.deliver_due().sent)
            db.session.remove()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(totals) == 30
    assert server.recipients() == sorted(f"persoon{n}@example.org" for n in range(30))


def test_retry_delay_grows_up_to_six_hours():
    delays = [outbox.retry_delay(n).total_seconds() for n in (1, 2, 3, 10, 20)]
    assert delays == [30, 60, 120, 15360, 21600]


def test_the_head_processor_sees_mail_that_did_not_leave(worker_app, make, server):
    place = make.municipality(slug="eigenstad")
    other = make.municipality(slug="anderstad")
    head = make.user(Role.HEAD_PROCESSOR, place)
    make.user(Role.HEAD_PROCESSOR, other)
    client = worker_app.test_client()
    client.post("/login", data={"email": head.email, "password": "correct-horse-battery"})
    empty = client.get("/eigenstad/verwerken/bezorging").get_data(as_text=True)
    assert "Alle e-mails zijn vertrokken." in empty
    assert "De publieke website werd zonder fouten bijgewerkt." in empty

    with worker_app.test_request_context():
        from flask import g

        from webapp.models import Municipality

        for slug, address in (("eigenstad", "hier@example.org"), ("anderstad", "daar@example.org")):
            g.municipality = db.session.scalars(db.select(Municipality).filter_by(slug=slug)).one()
            queue_mail(address, f"Post voor {slug}", "mail/digest.txt", signals=[], more=0)
        db.session.commit()
        assert outbox.deliver_due().failed == 2  # the server is down

    page = client.get("/eigenstad/verwerken/bezorging")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Post voor eigenstad" in html and "hier@example.org" in html
    assert "1 poging" in html and "ConnectionRefusedError" in html
    assert "anderstad" not in html and "daar@example.org" not in html
    assert client.get("/anderstad/verwerken/bezorging").status_code == 404


def test_development_mail_from_the_worker_is_a_file(another_app, make, tmp_path):
    app = another_app(MAIL_BACKEND="file", MAIL_FILE_DIR=str(tmp_path))
    with app.test_request_context():
        queue_mail("an@example.org", "Proef", "mail/digest.txt", signals=[], more=0)
        db.session.commit()
    [written] = tmp_path.glob("*.eml")
    message = message_from_bytes(written.read_bytes(), policy=policy.default)
    assert message["To"] == "an@example.org"
