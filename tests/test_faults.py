"""Faults survived (a small version of bench/faults.py): concurrent anonymous submitters who
retry every submission while a gunicorn worker is SIGKILLed store every acknowledged signal
exactly once; a database that goes away gives a Dutch 503 and the app recovers by itself."""

import socket

import pytest
from sqlalchemy import make_url

from bench.faults import DropProxy, database_outage, run_load, serve
from tests.conftest import PASSWORD
from webapp.models import Role


@pytest.fixture
def served(app):
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    with serve(database, workers=2) as server:
        yield server, database


def test_every_acknowledged_signal_is_stored_once_while_a_worker_is_killed(served):
    server, database = served
    figures = run_load(server.base, server.pid, database, "foutstad", 12, 3, kill_after=1.0)
    assert figures["killed_worker"] is not None
    assert figures["sent"] == 36
    assert figures["acknowledged"] == 36
    assert figures["stored"] == 36
    assert figures["duplicates"] == 0
    assert figures["lost"] == 0


def test_an_unreachable_database_answers_a_dutch_503(another_app, tmp_path):
    missing = another_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/nergens/db.sqlite")
    response = missing.test_client().get("/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    html = response.get_data(as_text=True)
    assert "<h1>Even niet bereikbaar</h1>" in html
    assert "tijdelijk niet bereikbaar" in html
    fragment = missing.test_client().get("/", headers={"HX-Request": "true"})
    assert fragment.status_code == 503
    assert fragment.headers["HX-Retarget"] == "#htmx-fout"


def test_the_app_recovers_when_the_database_comes_back(app):
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    url = make_url(database)
    if url.get_backend_name() != "postgresql":
        pytest.skip("a database server that goes away is a PostgreSQL matter")
    proxy = DropProxy(url.host or "127.0.0.1", url.port or 5432)
    try:
        with serve(proxy.url_for(database), workers=2) as server:
            outage = database_outage(server.base, proxy, seconds=2.0)
    finally:
        proxy.close()
    assert 503 in outage["statuses_while_away"]
    assert 500 not in outage["statuses_while_away"]
    assert outage["dutch_503_page"]
    assert outage["recovered_after_seconds"] is not None


PAGES_WHILE_AWAY = [
    ("GET", "/foutstad/"),
    ("GET", "/"),
    ("GET", "/foutstad/signalen"),
    ("GET", "/foutstad/verwerken"),
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/mijn-gegevens"),
    ("POST", "/foutstad/signalen/nieuw"),
    ("GET", "/foutstad/signalen/nieuw"),
    ("GET", "/bestaat-niet"),
]


@pytest.fixture
def proxied(app, another_app):
    """The app on a proxy to PostgreSQL that can drop every connection."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        pytest.skip("a database server that goes away is a PostgreSQL matter")
    proxy = DropProxy(url.host or "127.0.0.1", url.port or 5432)
    try:
        yield (
            proxy,
            another_app(
                SQLALCHEMY_DATABASE_URI=proxy.url_for(app.config["SQLALCHEMY_DATABASE_URI"]),
                PROPAGATE_EXCEPTIONS=False,
            ),
        )
    finally:
        proxy.close()


def _warm_pool(clients, rounds=3):
    """Every pooled connection was in use a moment ago (no idle check will look at it), the
    last one by a municipality page's first read, outside a transaction."""
    for _ in range(rounds):
        for client in clients:
            for method, path in PAGES_WHILE_AWAY:
                client.open(path, method=method)
    for client in clients:
        client.get("/foutstad/")


def test_a_database_that_goes_away_gives_only_dutch_503s_on_every_page(proxied, make):
    """Issue 18: also the first request on each pooled connection after the server went away
    (a PendingRollbackError in the rollback used to give a bare English 500 once per worker)."""
    proxy, app = proxied
    place = make.municipality(slug="foutstad")
    head = make.user(Role.HEAD_PROCESSOR, place)
    anonymous, signed_in = app.test_client(), app.test_client()
    login = signed_in.post("/login", data={"email": head.email, "password": PASSWORD})
    assert login.status_code == 303
    _warm_pool([anonymous, signed_in])
    proxy.drop()
    answers = []
    for _ in range(3):
        for client in (anonymous, signed_in):
            for method, path in PAGES_WHILE_AWAY:
                for headers in ({}, {"HX-Request": "true"}):
                    response = client.open(path, method=method, headers=headers)
                    who = "signed_in" if client is signed_in else "anonymous"
                    answers.append((who, method, path, bool(headers), response))
    statuses = {(w, m, p, r.status_code) for w, m, p, _, r in answers}
    assert not [a for a in statuses if a[3] >= 500 and a[3] != 503], "only 503s, never a 500"
    # Everything of the signed-in user, and every municipality page, needs the database.
    needs_database = {a for a in statuses if a[0] == "signed_in" or a[2].startswith("/foutstad")}
    assert {a for a in needs_database if a[3] != 503} == set()
    for *_, response in answers:
        if response.status_code == 503:
            assert response.headers["Retry-After"] == "30"
            assert "tijdelijk niet bereikbaar" in response.get_data(as_text=True)
    proxy.restore()
    assert signed_in.get("/foutstad/verwerken").status_code == 200, "back by itself"


def test_pages_answer_503_when_nothing_listens_at_the_database_port(app, another_app):
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        pytest.skip("a database server that goes away is a PostgreSQL matter")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    nowhere = another_app(
        SQLALCHEMY_DATABASE_URI=url.set(host="127.0.0.1", port=port).render_as_string(
            hide_password=False
        ),
        PROPAGATE_EXCEPTIONS=False,
    )
    client = nowhere.test_client()
    answers = {
        (path, client.open(path, method=method).status_code) for method, path in PAGES_WHILE_AWAY
    }
    assert not [a for a in answers if a[1] >= 500 and a[1] != 503]
    assert {status for path, status in answers if path.startswith("/foutstad")} == {503}
