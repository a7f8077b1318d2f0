"""Faults survived (a small version of bench/faults.py): concurrent anonymous submitters who
retry every submission while a gunicorn worker is SIGKILLed store every acknowledged signal
exactly once; a database that goes away gives a Dutch 503 and the app recovers by itself."""

import pytest
from sqlalchemy import make_url

from bench.faults import DropProxy, database_outage, run_load, serve


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
