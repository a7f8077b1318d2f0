"""Bytes transferred for the giver's pages through gunicorn with compression on.

Usage: .venv/bin/python bench/page_weight.py   (or `make bench`)
Budgets (docs/performance.md): first visit <= 35 KB, repeat visit <= 8 KB, htmx fragment <= 4 KB.
"""

import http.client
import re
import sys
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import gunicorn  # noqa: E402
from webapp.demo.loader import DEMO_PASSWORD, demo_email  # noqa: E402

BUDGETS = {"first": 35 * 1024, "repeat": 8 * 1024, "fragment": 4 * 1024}


class Browser:
    """A tiny client that keeps cookies and counts the bytes on the wire (headers + body)."""

    def __init__(self, base: str):
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port = parsed.hostname, parsed.port
        self.cookies = SimpleCookie()

    def request(self, method, path, body=None, headers=None, encoding="br, gzip"):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        all_headers = {"Accept-Encoding": encoding, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body)
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        payload = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        head = sum(len(f"{k}: {v}\r\n") for k, v in response.getheaders()) + 17
        connection.close()
        return response, payload, head + len(payload)

    def text(self, path):
        _, payload, _ = self.request("GET", path, encoding="identity")
        return payload.decode()


def page(browser: Browser, path: str) -> dict:
    response, _, page_bytes = browser.request("GET", path)
    assert response.status == 200, (path, response.status)
    html = browser.text(path)
    asset_bytes = sum(
        browser.request("GET", asset)[2]
        for asset in re.findall(r'(?:href|src)="(/assets/[^"]+)"', html)
    )
    return {"first": page_bytes + asset_bytes, "repeat": page_bytes}


def csrf_token(browser: Browser, path: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', browser.text(path))[1]


def main() -> int:
    rows = []
    with gunicorn() as base:
        anonymous = Browser(base)
        rows.append(("submit page, anonymous", page(anonymous, "/gent/signalen/nieuw")))

        giver = Browser(base)
        token = csrf_token(giver, "/login")
        giver.request(
            "POST",
            "/login",
            {
                "csrf_token": token,
                "email": demo_email("signaalgever", "gent"),
                "password": DEMO_PASSWORD,
            },
        )
        rows.append(("submit page, giver", page(giver, "/gent/signalen/nieuw")))
        rows.append(("signals list, giver", page(giver, "/gent/signalen")))
        detail = re.search(r'href="(/gent/signalen/\d+)"', giver.text("/gent/signalen"))[1]
        rows.append(("signal detail, giver", page(giver, detail)))

        htmx = {"HX-Request": "true", "X-CSRFToken": csrf_token(giver, "/gent/signalen/nieuw")}
        _, _, results = giver.request("GET", "/gent/signalen?q=wacht", headers=htmx)
        _, _, similar = giver.request(
            "POST",
            "/gent/signalen/nieuw",
            {
                "action": "check",
                "title": "Wachttijd budgetbegeleiding",
                "description": "Gezinnen wachten maanden op budgetbegeleiding bij het OCMW.",
            },
            headers=htmx,
        )
        _, _, follow = giver.request("POST", detail + "/volgen", {"follow": "1"}, headers=htmx)

    failed = False
    print(f"{'page':28} {'first visit':>12} {'repeat visit':>13}")
    for name, sizes in rows:
        over = sizes["first"] > BUDGETS["first"] or sizes["repeat"] > BUDGETS["repeat"]
        failed |= over
        print(f"{name:28} {sizes['first']:>10} B {sizes['repeat']:>11} B{'  OVER' if over else ''}")
    print(f"{'fragment':28} {'bytes':>12}")
    for name, size in (
        ("list results (htmx)", results),
        ("similar signals (htmx)", similar),
        ("follow section (htmx)", follow),
    ):
        over = size > BUDGETS["fragment"]
        failed |= over
        print(f"{name:28} {size:>10} B{'  OVER' if over else ''}")
    print("budgets: first visit 35840 B, repeat visit 8192 B, fragment 4096 B")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
