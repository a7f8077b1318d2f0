"""Start the real server (gunicorn, several workers) on the test database, for the tests that
must cross process boundaries: throttling, faults, the mail worker."""

import contextlib
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

from bench._server import app_env, serve


@contextlib.contextmanager
def gunicorn(database_url: str, workers: int = 2, **settings):
    """Yield the gunicorn process (its `base` URL set) serving the app on this (migrated)
    database."""
    env = app_env(
        database_url,
        **{"SECRET_KEY": "test-secret-key", "MAIL_BACKEND": "file", "PROXY_COUNT": "1", **settings},
    )
    with serve(env, workers) as server:
        yield server


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping HTTP client that answers (status, body) and never follows redirects."""

    def __init__(self, base: str, address: str = "10.0.0.1"):
        self.base = base
        self.address = address
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, timeout: float = 20):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.base + path, data=body, headers={"X-Forwarded-For": self.address}
        )
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path: str) -> str:
        status, html = self.request(path)
        match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
        assert match, f"no csrf_token on {path} ({status})"
        return match.group(1)
