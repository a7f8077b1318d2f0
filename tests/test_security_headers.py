"""Every answer carries the browser protections (OWASP ASVS 3.3, 3.4, 14.3.2): a strict CSP with
frame-ancestors, nosniff, a referrer policy, no caching of pages, and a session cookie that
scripts cannot read."""

import pytest

from tests.conftest import PASSWORD
from webapp.models import Role


@pytest.mark.parametrize("path", ["/", "/login", "/bestaat-niet/signalen"])
def test_pages_carry_the_security_headers(client, path):
    response = client.get(path)
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"


def test_the_session_cookie_is_http_only_and_same_site(app, make):
    place = make.municipality()
    user = make.user(Role.GIVER, place)
    response = app.test_client().post("/login", data={"email": user.email, "password": PASSWORD})
    cookies = [v for k, v in response.headers.items() if k == "Set-Cookie"]
    session = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session
    device = next(c for c in cookies if c.startswith("ls_apparaat="))
    assert "HttpOnly" in device
