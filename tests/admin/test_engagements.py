"""Engagements: a person says what they are willing to do, when accepting an invitation and
later; processors see them on the people list and filter by them; givers never see them."""

from tests.auth.helpers import link_path
from tests.signals.helpers import checked_values, parse, text
from webapp.models import Role


def test_the_invitee_chooses_engagements_that_processors_see(app, client, login, partners, outbox):
    login(partners.head)
    client.post(partners.url("uitnodigingen"), data={"email": "nieuw@example.org", "role": "giver"})
    client.post("/logout")
    path = link_path(outbox[-1])
    response = client.post(
        path,
        data={
            "name": "Nina Nieuw",
            "password": "lang-genoeg-wachtwoord",
            "confirm": "lang-genoeg-wachtwoord",
            "consent": "y",
            "engagements": ["consultation", "contact"],
        },
    )
    assert response.status_code == 303
    doc = parse(client.get(partners.url("mijn-engagement")))
    assert checked_values(doc, "engagements") == {"consultation", "contact"}
    client.post("/logout")

    login(partners.processor)
    listing = parse(client.get(partners.url("mensen?engagement=consultation")))
    rows = [tr.text() for tr in listing.find_all("tr")[1:]]
    assert len(rows) == 1 and "Nina Nieuw" in rows[0]
    assert "deelnemen aan overleg" in rows[0]
    # Colleague processors see, the head processor changes.
    assert "Rol wijzigen" not in text(client.get(partners.url("mensen")))


def test_a_person_changes_their_engagements(client, login, partners):
    login(partners.giver)
    response = client.post(
        partners.url("mijn-engagement"), data={"engagements": ["signal_days", "work_sessions"]}
    )
    assert response.status_code == 303
    doc = parse(client.get(partners.url("mijn-engagement")))
    assert checked_values(doc, "engagements") == {"signal_days", "work_sessions"}

    bad = client.post(partners.url("mijn-engagement"), data={"engagements": ["alles"]})
    assert bad.status_code == 400
    assert "Kies uit de lijst." in text(bad)


def test_givers_never_see_other_peoples_engagements(client, login, make, partners):
    login(partners.giver)
    client.post(partners.url("mijn-engagement"), data={"engagements": ["consultation"]})
    client.post("/logout")
    other = make.user(Role.GIVER, partners.municipality)
    login(other)
    assert client.get(partners.url("mensen")).status_code == 403
    assert client.get(partners.url("mensen?engagement=consultation")).status_code == 403


def test_an_unknown_engagement_filter_is_a_bad_request(client, login, partners):
    login(partners.head)
    assert client.get(partners.url("mensen?engagement=alles")).status_code == 400
