"""A head processor carries out a person's privacy request; every step is in the audit log."""

from tests.processing.helpers import audit_entries
from tests.signals.helpers import parse
from webapp.extensions import db
from webapp.models import User


def test_find_a_person_by_email_and_open_their_data(town, as_user):
    head = as_user(town.head)

    assert head.get(town.url("personen")).status_code == 200
    response = head.get(town.url("personen"), query_string={"email": town.giver.email.upper()})

    assert response.status_code == 303
    assert response.headers["Location"].endswith(town.url(f"personen/{town.giver.id}"))
    page = parse(head.get(response.headers["Location"]))
    assert page.find("h1").text() == "Gegevens van Ann Vermeulen"
    assert "ann@caw-kortrijk.be" in page.text()
    missing = head.get(town.url("personen"), query_string={"email": "niemand@example.org"})
    assert missing.status_code == 404
    assert "Niemand met dit e-mailadres" in parse(missing).text()


def test_download_restrict_and_erase_on_someones_behalf(app, town, as_user):
    head = as_user(town.head)
    url = town.url(f"personen/{town.giver.id}")

    export = head.get(url, query_string={"download": "json"})
    assert export.status_code == 200 and export.json["profiel"][0]["name"] == "Ann Vermeulen"
    assert head.post(url, data={"actie": "beperken", "restricted": "y"}).status_code == 303
    refused = head.post(url, data={"actie": "wissen"})
    assert refused.status_code == 400
    assert head.post(url, data={"actie": "wissen", "confirm": "y"}).status_code == 303

    with app.app_context():
        user = db.session.get(User, town.giver.id)
        assert user.erased_at is not None and user.name == "voormalig gebruiker"
    summaries = [e[4] for e in audit_entries(app) if e[0].startswith("privacy.")]
    assert summaries == [
        f"Verwerking beperkt van gebruiker {town.giver.id}, door een hoofdsignaalverwerker.",
        f"Account gewist van gebruiker {town.giver.id}, door een hoofdsignaalverwerker.",
    ]
    assert head.get(url).status_code == 404  # erased: nobody left to act for


def test_only_the_head_processor_of_that_municipality(town, other_town, as_user):
    url = town.url(f"personen/{town.giver.id}")
    assert as_user(town.processor).get(url).status_code == 403
    assert (
        as_user(town.giver).post(url, data={"actie": "wissen", "confirm": "y"}).status_code == 403
    )
    assert as_user(other_town.head).get(url).status_code == 404
    # Another municipality's person, asked for under the own municipality's address.
    foreign = town.url(f"personen/{other_town.giver.id}")
    assert as_user(town.head).get(foreign).status_code == 404


def test_correct_on_someones_behalf(app, town, as_user, outbox):
    head = as_user(town.head)
    url = town.url(f"personen/{town.giver.id}")

    response = head.post(
        url,
        data={
            "actie": "verbeteren",
            "name": "Ann Vermeulen-Claes",
            "email": "ann.nieuw@caw.be",
            "organisation": str(town.caw.id),
        },
    )

    assert response.status_code == 303
    page = head.get(url).get_data(as_text=True)
    assert "De gegevens zijn verbeterd." in page
    assert "We stuurden een link naar ann.nieuw@caw.be" in page
    assert [m["To"] for m in outbox] == ["ann.nieuw@caw.be"]
    with app.app_context():
        user = db.session.get(User, town.giver.id)
        assert (user.name, user.email) == ("Ann Vermeulen-Claes", town.giver.email)
    summaries = [e[4] for e in audit_entries(app) if e[0].startswith("privacy.")]
    assert summaries == [
        f"Gegevens verbeterd (naam) van gebruiker {town.giver.id}, door een hoofdsignaalverwerker.",
        f"Nieuw e-mailadres aangevraagd van gebruiker {town.giver.id}, "
        "door een hoofdsignaalverwerker.",
    ]
