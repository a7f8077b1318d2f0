"""Every app page the browser tests visit is valid HTML: the Nu HTML Checker finds no error.

The pages are fetched as the roles that use them, with CSRF protection on (as in production: a
page with several forms then holds several tokens), and checked in one run of vnu.jar, as
tests/sites/test_output.py checks the microsites.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.processing.conftest import as_user, town  # noqa: F401  (fixtures)
from webapp.models import Role

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def _vnu() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("java or node_modules/vnu-jar is missing, and REQUIRE_BROWSER=1")
        pytest.skip("java or node_modules/vnu-jar (npm install) is missing: HTML not validated")
    return [java, "-jar", str(VNU), "--errors-only", "--format", "gnu"]


@pytest.fixture
def pages(app, make, town, as_user, monkeypatch):  # noqa: F811
    """Every page, by name: (status, html)."""
    signal = make.signal(town.municipality, town.giver, title="Te weinig betaalbare kinderopvang")
    card = make.card(town.municipality, published=True, signals=(signal,))
    action = make.action(town.municipality, public=True)
    meeting = make.meeting(town.municipality, public=True)
    anonymous = app.test_client()
    giver = as_user(town.giver)
    head = as_user(town.head)
    network = as_user(make.user(Role.NETWORK, None, name="Net Werk", email="net@vvsg.be"))
    # Logged in; from here on CSRF protection is on, as in production.
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    visits = {
        "login": (anonymous, "/login"),
        "forgot-password": (anonymous, "/wachtwoord-vergeten"),
        "not-found": (anonymous, "/bestaat-niet/signalen/nieuw"),
        "new-signal-anonymous": (anonymous, town.url("signalen/nieuw")),
        "home": (giver, "/"),
        "municipality": (giver, town.url()),
        "new-signal": (giver, town.url("signalen/nieuw")),
        "signals": (giver, town.url("signalen")),
        "signals-search": (giver, town.url("signalen?q=kinderopvang")),
        "my-signals": (giver, town.url("mijn-signalen")),
        "signal": (giver, town.url(f"signalen/{signal.id}")),
        "signal-missing": (giver, town.url("signalen/12345")),
        "invitations": (head, town.url("uitnodigingen")),
        "inbox": (head, town.inbox()),
        "inbox-search": (head, town.inbox("q=kinderopvang&sort=oudste")),
        "inbox-bad-filter": (head, town.inbox("since=gisteren&until=2001-01-01")),
        "handle": (head, town.handle(signal)),
        "signal-as-processor": (head, town.url(f"signalen/{signal.id}")),
        "audit-log": (head, town.url("verwerken/logboek")),
        "audit-log-bad-filter": (head, town.url("verwerken/logboek?since=morgen")),
        "notification-settings": (head, town.url("verwerken/meldingen")),
        "cards": (head, town.url("fiches")),
        "new-card": (head, town.url(f"fiches/nieuw?signalen={signal.id}")),
        "card": (head, town.url(f"fiches/{card.id}")),
        "edit-card": (head, town.url(f"fiches/{card.id}/bewerken")),
        "actions": (head, town.url("acties")),
        "new-action": (head, town.url("acties/nieuw")),
        "action": (head, town.url(f"acties/{action.id}")),
        "edit-action": (head, town.url(f"acties/{action.id}/bewerken")),
        "agenda": (head, town.url("agenda")),
        "new-meeting": (head, town.url("agenda/nieuw")),
        "meeting": (head, town.url(f"agenda/{meeting.id}")),
        "edit-meeting": (head, town.url(f"agenda/{meeting.id}/bewerken")),
        "network-home": (network, "/"),
    }
    return {name: _fetch(client, url) for name, (client, url) in visits.items()}


def _fetch(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.get_data(as_text=True)


def test_the_pages_are_what_they_claim(pages):
    statuses = {name: status for name, (status, _) in pages.items()}
    missing = {"not-found", "signal-missing"}
    refused = {"inbox-bad-filter", "audit-log-bad-filter"}
    assert {name for name, status in statuses.items() if status == 404} == missing
    assert {name for name, status in statuses.items() if status == 400} == refused
    assert all(status == 200 for name, status in statuses.items() if name not in missing | refused)


def test_every_page_is_valid_html(pages, tmp_path):
    command = _vnu()
    for name, (_, html) in pages.items():
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")

    result = subprocess.run(
        [*command, *sorted(str(path) for path in tmp_path.glob("*.html"))],
        capture_output=True,
        text=True,
        timeout=300,
    )

    errors = [line.replace(str(tmp_path) + "/", "") for line in result.stderr.splitlines()]
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0
