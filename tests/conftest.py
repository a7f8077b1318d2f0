"""Test harness on real components: a migrated SQLite file or the PostgreSQL of
TEST_DATABASE_URL, a real SMTP server capturing mail, and every table emptied after each test.

Tests commit for real (the live server of the browser tests and the concurrency tests need
that), so isolation comes from emptying the tables rather than from a rolled-back transaction.
"""

import os
import secrets
import socket
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from tests.database import Emptier
from tests.factories import Factory
from webapp import create_app
from webapp.extensions import db
from webapp.models.user import use_cheap_hashing

PASSWORD = "correct-horse-battery"


class Outbox(list):
    """Messages received by the test SMTP server, parsed."""

    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        message.envelope_recipients = list(envelope.rcpt_tos)
        with self.lock:
            self.append(message)
        return "250 OK"


@pytest.fixture(scope="session")
def smtp_outbox():
    outbox = Outbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(outbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield outbox, controller.port
    controller.stop()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
        return
    # A schema of its own per run: two runs on one database never touch each other's tables.
    schema = f"test_run_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    yield scoped.render_as_string(hide_password=False)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def app(database_url, smtp_outbox):
    use_cheap_hashing()
    _, port = smtp_outbox
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "MAIL_BACKEND": "smtp",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
            "BASE_URL": "http://localhost",
        }
    )
    with app.app_context():
        upgrade()
        db.engine.dispose()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def another_app(app):
    """Build a second app on the same database with other settings; its engine is closed after
    the test (an open pooled connection would otherwise surface later as a ResourceWarning)."""
    built = []

    def build(**overrides):
        config = {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "WTF_CSRF_ENABLED": False,
            "MAIL_BACKEND": app.config["MAIL_BACKEND"],
            "MAIL_SERVER": app.config["MAIL_SERVER"],
            "MAIL_PORT": app.config["MAIL_PORT"],
            "BASE_URL": app.config["BASE_URL"],
        }
        config.update(overrides)
        new = create_app(config)
        built.append(new)
        return new

    yield build
    for new in built:
        with new.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def _emptier():
    return Emptier()


@pytest.fixture(autouse=True)
def _empty_tables(request, _emptier):
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        _emptier(db.engine)


@pytest.fixture
def outbox(smtp_outbox):
    messages, _ = smtp_outbox
    messages.clear()
    return messages


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make(app):
    return Factory(app)


@pytest.fixture
def login(client):
    def login_as(user, password: str = PASSWORD, follow: bool = False):
        return client.post(
            "/login",
            data={"email": user.email, "password": password},
            follow_redirects=follow,
        )

    return login_as


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """A test marked `postgres_only` is skipped when the suite runs on SQLite."""
    marker = request.node.get_closest_marker("postgres_only")
    if marker is not None and not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip(marker.kwargs.get("reason", "needs PostgreSQL (TEST_DATABASE_URL)"))
