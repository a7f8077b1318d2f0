"""Browser tests: Debian's Chromium, driven through Playwright, against a live server.

One browser for the whole session, one live server for the whole session (on the session `app`),
and a fresh browser context per page so that cookies never carry over between tests. Every page
of every context is watched: a request to anything but the live server fails the test, and so
does (outside the contexts that bypass the CSP for axe) a console error, which is where CSP
violations land, an uncaught script error, a server error, or a stylesheet or script that did
not load.
"""

import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from tests.browser.helpers import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# The app answers a form with errors with 400 or 422 and a missing page with 404; Chromium logs
# each such response as a console error. Those are the app speaking, not a broken page.
_HTTP_STATUS_LOG = re.compile(r"^Failed to load resource: the server responded with a status of")
_NAVIGATIONS = {"document", "xhr", "fetch"}
# How long an action or an `expect` waits for the page before it fails. A wait, not a speed
# bar: on a loaded machine (two suites and their browsers at once) a page may take seconds.
WAIT_MS = 30_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package to run browser tests"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def live_server(app):
    """The session app served over real HTTP on a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _csrf_on(app, monkeypatch):
    """The browser goes through CSRF protection as in production: form tokens and the htmx
    header. The rest of the suite runs with it off, so it is switched on per test only."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


class Watch:
    """What a context did that it should not: requests leaving the server, console errors."""

    def __init__(self, origin: str, console: bool):
        self.host = urlsplit(origin).netloc
        self.console = console
        self.external: list[str] = []
        self.errors: list[str] = []
        self.navigations: set[str] = set()

    def attach(self, context) -> None:
        # Watched rather than intercepted: interception would switch off the browser cache,
        # and the immutable caching of our assets is part of what a worker gets.
        context.on("request", self._request)
        context.on("page", self._watch_page)

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in {"data", "blob", "about"} and parts.netloc != self.host:
            self.external.append(request.url)

    def _watch_page(self, page) -> None:
        page.on("response", self._response)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        if self.console:
            page.on("console", self._console)

    def _response(self, response) -> None:
        kind = response.request.resource_type
        if response.status >= 500:
            self.errors.append(f"{kind} {response.url} answered {response.status}")
        elif kind in _NAVIGATIONS:
            self.navigations.add(response.url)
        elif response.status >= 400:
            self.errors.append(f"{kind} {response.url} answered {response.status}")

    def _console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        if _HTTP_STATUS_LOG.match(text) and message.location.get("url") in self.navigations:
            return
        self.errors.append(f"console: {text} ({message.location.get('url')})")

    def check(self) -> None:
        assert not self.external, f"requests left the server: {self.external}"
        assert not self.errors, "errors in the browser:\n" + "\n".join(self.errors)


@pytest.fixture
def open_page(browser, live_server):
    """Opens a page in a new context: `open_page(javascript=True, bypass_csp=False,
    base_url=None, service_workers="block")`.

    Contexts that bypass the CSP (to inject axe) are not checked for console errors, since
    the CSP is what such errors would be about.
    """
    contexts: list[tuple[object, Watch]] = []

    def open_(
        javascript: bool = True,
        bypass_csp: bool = False,
        base_url: str | None = None,
        service_workers: str = "block",
    ):
        # base_url: another local server (the static microsites); only it may then be reached.
        origin = base_url or live_server
        context = browser.new_context(
            base_url=origin,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
            locale="nl-BE",
            service_workers=service_workers,  # "allow" for the offline tests
        )
        context.set_default_timeout(WAIT_MS)
        watch = Watch(origin, console=not bypass_csp)
        watch.attach(context)
        contexts.append((context, watch))
        return context.new_page()

    yield open_
    for context, _ in contexts:
        context.close()
    for _, watch in contexts:
        watch.check()


@pytest.fixture
def sign_in(app, live_server):
    """Puts a logged-in session into a page's context without going through the login form
    (which has tests of its own): the session cookie of a login by the Flask test client."""

    def sign_in_(page, user, password: str = PASSWORD) -> None:
        client = app.test_client()
        form = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
        response = client.post(
            "/login", data={"email": user.email, "password": password, "csrf_token": token}
        )
        assert response.status_code == 303, response.status_code
        client.get(response.location)  # shows, and so spends, the welcome message
        cookie = client.get_cookie("session")
        page.context.add_cookies([{"name": "session", "value": cookie.value, "url": live_server}])

    return sign_in_


@pytest.fixture
def page(open_page):
    """A page with JavaScript on, as most workers have it."""
    return open_page(javascript=True)


@pytest.fixture
def nojs_page(open_page):
    """A page with JavaScript off: every form and link must still work."""
    return open_page(javascript=False)


@pytest.fixture
def axe_page(open_page):
    """A page with JavaScript on whose CSP is bypassed so that axe-core can be injected."""
    return open_page(javascript=True, bypass_csp=True)
