""" "Doe mee als gemeente": the overview site's form posts to the app, which stores the request
once and mails the network's coordinators; rate limit, honeypot and personal-data guard."""

from sqlalchemy import select

from tests.signals.helpers import text
from webapp.extensions import db
from webapp.models import MunicipalityRequest, Role

FORM = {
    "municipality_name": "Berlaar",
    "contact_name": "Rita Regie",
    "contact_email": "regie@berlaar.example.org",
    "job": "Regisseur lokaal sociaal beleid",
    "message": "We willen graag een demo.",
}


def _stored(app):
    with app.app_context():
        return db.session.scalars(select(MunicipalityRequest)).all()


def test_the_static_form_reaches_the_network_once(app, make, monkeypatch, outbox):
    coordinator = make.user(Role.NETWORK, None, email="coordinatie@vvsg.example.org")
    # As from the static overview: no session, no CSRF token, CSRF protection on.
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    client = app.test_client()
    first = client.post("/doe-mee", data=FORM)
    again = client.post("/doe-mee", data=FORM)
    assert first.status_code == again.status_code == 303
    assert [(r.municipality_name, r.contact_email) for r in _stored(app)] == [
        ("Berlaar", "regie@berlaar.example.org")
    ]
    assert [m["To"] for m in outbox] == [coordinator.email]
    assert "Berlaar" in outbox[0].get_content()


def test_the_network_lists_and_handles_the_request(app, client, login, make):
    client.post("/doe-mee", data=FORM)
    login(make.user(Role.NETWORK))
    page = text(client.get("/netwerk/aanvragen"))
    assert "Berlaar" in page and "regie@berlaar.example.org" in page
    request_id = _stored(app)[0].id
    assert client.post(f"/netwerk/aanvragen/{request_id}").status_code == 303
    assert _stored(app)[0].handled_at is not None


def test_honeypot_errors_and_personal_data(app, client, outbox):
    assert client.post("/doe-mee", data={**FORM, "homepage": "x"}).status_code == 303
    assert _stored(app) == []
    missing = client.post("/doe-mee", data={**FORM, "contact_email": ""})
    assert missing.status_code == 400
    assert 'value="Berlaar"' in text(missing)
    flagged = client.post("/doe-mee", data={**FORM, "message": "Bel Jan Peeters op 0470 12 34 56."})
    assert flagged.status_code == 400 and "persoonsgegevens" in text(flagged)
    assert _stored(app) == []


def test_five_requests_per_address_in_ten_minutes(make, another_app):
    client = another_app(RATELIMIT_ENABLED=True, PROXY_COUNT=1).test_client()
    headers = {"X-Forwarded-For": "192.0.2.7"}
    statuses = [client.post("/doe-mee", data={}, headers=headers).status_code for _ in range(6)]
    assert statuses == [400] * 5 + [429]
