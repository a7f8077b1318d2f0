"""Guessing passwords or flooding reset mails is slowed down (OWASP ASVS 2.2.1)."""

import pytest

from webapp.extensions import limiter


@pytest.fixture
def limited_client(another_app):
    # The limiter is one extension shared by every app in the process: switch it back off
    # afterwards, or it would keep counting for the rest of the suite.
    was_enabled = limiter.enabled
    limited = another_app(RATELIMIT_ENABLED=True)
    yield limited.test_client()
    limiter.reset()
    limiter.enabled = was_enabled


def test_login_attempts_are_limited_per_address(limited_client):
    form = {"email": "iemand@example.org", "password": "fout-wachtwoord-123"}
    statuses = [limited_client.post("/login", data=form).status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    page = limited_client.post("/login", data=form).get_data(as_text=True)
    assert "Even geduld" in page
    assert limited_client.get("/login").status_code == 200


def test_reset_requests_are_limited(limited_client):
    form = {"email": "iemand@example.org"}
    statuses = [
        limited_client.post("/wachtwoord-vergeten", data=form).status_code for _ in range(6)
    ]
    assert statuses[:5] == [303] * 5
    assert statuses[5] == 429
