"""A purge leaves no cached page showing what it removed: a giver's name kept in the rendered
signal list of two workers (two app instances on one database, each with its own cache) is
gone from both at the next request after `privacy purge`, which unlinks with bulk statements."""

from datetime import timedelta

import pytest

from tests.conftest import PASSWORD
from webapp import cache
from webapp.extensions import db
from webapp.models import Signal, SignalStatus, utcnow

OLD = timedelta(days=800)  # past the default period for the links of closed signals


def signed_in(worker, user):
    client = worker.test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 303
    return client


def signal_list(client, town) -> str:
    response = client.get(town.url("signalen"))
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def workers(app, another_app):
    return app, another_app()


@pytest.fixture
def old_closed_signal(app, make, town):
    """A signal the colleague gave, closed long ago: the purge unlinks its giver."""
    signal = make.signal(
        town.municipality,
        town.colleague,
        title="Wachtlijst bij de thuiszorg",
        status=SignalStatus.CLOSED,
    )
    with app.app_context():
        db.session.get(Signal, signal.id).updated_at = utcnow() - OLD
        db.session.commit()
    return signal


def test_the_purged_givers_name_leaves_every_workers_cached_list(
    app, workers, town, old_closed_signal
):
    readers = [(worker, signed_in(worker, town.giver)) for worker in workers]
    for worker, reader in readers:
        for _ in range(2):  # the second from this worker's cache
            page = signal_list(reader, town)
            assert "Wachtlijst bij de thuiszorg" in page
            assert "Chris De Smet" in page
        with worker.app_context():
            assert len(cache.store()) > 0
    assert readers[0][0].extensions["cache"] is not readers[1][0].extensions["cache"]

    result = app.test_cli_runner().invoke(args=["privacy", "purge", town.slug])
    assert result.exit_code == 0, result.output

    for _, reader in readers:
        page = signal_list(reader, town)
        assert "Wachtlijst bij de thuiszorg" in page
        assert "Chris De Smet" not in page
        assert "zonder account" in page
