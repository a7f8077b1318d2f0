"""Every app page the browser tests visit, fetched as the role that uses it."""

from urllib.parse import urlsplit

import pytest

from tests.processing.conftest import as_user, town  # noqa: F401  (fixtures)
from webapp.models import Role


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
    fetched = {name: _fetch(client, url) for name, (client, url) in visits.items()}
    fetched.update(_anonymous_submission(app, town))
    return fetched


def _anonymous_submission(app, town) -> dict:  # noqa: F811
    """The confirmation with its follow-up link, and the page behind that link."""
    from tests.html import parse

    giver = app.test_client()
    doc = parse(giver.get(town.url("signalen/nieuw")))
    data = {
        "csrf_token": doc.find("input", name="csrf_token").attrs["value"],
        "submission_token": doc.find("input", name="submission_token").attrs["value"],
        "title": "Geen plaats in de naschoolse opvang",
        "description": "Ouders die laat werken vinden geen opvang na vijf uur.",
        "themes": [doc.find("input", name="themes").attrs["value"]],
        "target_groups": [doc.find("input", name="target_groups").attrs["value"]],
        "action": "submit",
    }
    assert giver.post(town.url("signalen/nieuw"), data=data).status_code == 303
    submitted = _fetch(giver, town.url("signalen/ontvangen"))
    link = parse(submitted[1]).by_id("opvolglink").attrs["href"]
    return {"submitted": submitted, "followup": _fetch(giver, urlsplit(link).path)}


def _fetch(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.get_data(as_text=True)
