"""The per-address limits of two forms count in the one store of webapp/rate_limits.py (the
database here), which every worker shares: two apps on one database stand in for two workers."""

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from webapp.extensions import db
from webapp.models import Role, ThrottleCounter


@pytest.fixture
def workers(another_app):
    return [another_app(RATELIMIT_ENABLED=True, PROXY_COUNT=1) for _ in range(2)]


def post(client, path, address, **data):
    return client.post(path, data=data, headers={"X-Forwarded-For": address}).status_code


def test_join_requests_are_ten_a_minute_per_address_over_every_worker(app, make, workers):
    place = make.municipality(slug="proefstad")
    first, second = (worker.test_client() for worker in workers)
    path = f"/{place.slug}/meedoen"
    statuses = [post((first, second)[n % 2], path, "192.0.2.1") for n in range(11)]
    assert statuses == [400] * 10 + [429]
    assert first.get(path, headers={"X-Forwarded-For": "192.0.2.1"}).status_code == 200
    assert post(second, path, "192.0.2.2") == 400, "another address has its own count"
    with app.app_context():
        keys = db.session.scalars(select(ThrottleCounter.key)).all()
    assert len(keys) == 2 and all(key.startswith("view:partners.join_request:") for key in keys)


def test_corrections_of_my_data_are_five_a_minute(make, workers):
    place = make.municipality()
    user = make.user(Role.GIVER, place, email="gever@example.org")
    first, second = (worker.test_client() for worker in workers)
    for client in (first, second):
        login = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert login.status_code == 303
    path = "/mijn-gegevens/verbeteren"
    statuses = [post((first, second)[n % 2], path, "192.0.2.9", name="") for n in range(6)]
    assert statuses == [400] * 5 + [429]


def test_the_limits_are_off_when_switched_off(make, another_app):
    place = make.municipality()
    client = another_app(RATELIMIT_ENABLED=False).test_client()
    statuses = {post(client, f"/{place.slug}/meedoen", "192.0.2.1") for _ in range(12)}
    assert statuses == {400}
