"""The quality bar of login throttling, against two real gunicorn workers: 40 wrong passwords
for one account within a minute are answered at most 10 times before throttling, and the
owner still logs in from another address. Once with the default store (the database), once
with Redis (skipped when no Redis server runs locally; CI has one)."""

import uuid

import pytest

from tests.conftest import PASSWORD
from tests.gunicorn import Browser, gunicorn
from webapp.models import Role

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except Exception:  # noqa: BLE001 - any failure means: no Redis here
        return False


def guess_then_log_in(app, make, **settings):
    place = make.municipality()
    email = f"eigenaar-{uuid.uuid4().hex[:8]}@example.org"
    make.user(Role.HEAD_PROCESSOR, place, email=email)
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    with gunicorn(database, workers=2, RATELIMIT_ENABLED="1", **settings) as server:
        guesser = Browser(server.base, address="192.0.2.7")
        token = guesser.token("/login")
        statuses = [
            guesser.request(
                "/login", {"csrf_token": token, "email": email, "password": f"fout-{n}-xxxxx"}
            )[0]
            for n in range(40)
        ]
        owner = Browser(server.base, address="198.51.100.3")
        token = owner.token("/login")
        status, _ = owner.request(
            "/login", {"csrf_token": token, "email": email, "password": PASSWORD}
        )
    return statuses, status, email


def test_two_workers_share_the_count_in_the_database(app, make):
    statuses, owner_status, _ = guess_then_log_in(app, make)
    answered = statuses.index(429)
    assert answered <= 10, statuses
    assert set(statuses[:answered]) == {400}
    assert statuses.count(400) <= 10, statuses
    assert owner_status == 303


@pytest.mark.skipif(not redis_available(), reason="no Redis server on 127.0.0.1:6379")
def test_two_workers_share_the_count_in_redis(app, make):
    import redis

    statuses, owner_status, email = guess_then_log_in(app, make, RATELIMIT_STORAGE_URI=REDIS_URL)
    assert statuses.count(400) <= 10, statuses
    assert 429 in statuses
    assert owner_status == 303
    server = redis.Redis.from_url(REDIS_URL)
    keys = list(server.scan_iter("lokaalsignaal:throttle:*"))
    assert keys, "the counters live in Redis"
    server.delete(*keys)
    server.close()
