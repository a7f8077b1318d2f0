"""A head processor carries out a person's privacy request; every step is in the audit log."""

from tests.processing.helpers import audit_entries
from tests.signals.helpers import parse
from webapp.extensions import db
from webapp.models import User


def test_find_a_person_on_the_people_list_and_open_their_data(town, as_user):
    head = as_user(town.head)

    listing = parse(head.get(town.url("mensen"), query_string={"q": "VERMEULEN"}))
    row = next(tr for tr in listing.find_all("tr") if "Ann Vermeulen" in tr.text())
    link = next(a for a in row.find_all("a") if a.text() == "Ann Vermeulen")
    assert link.attrs["href"] == town.url(f"mensen/{town.giver.id}")
    page = parse(head.get(link.attrs["href"]))
    assert page.find("h1").text() == "Ann Vermeulen"
    assert "ann@caw-kortrijk.be" in page.text()
    nobody = parse(head.get(town.url("mensen"), query_string={"q": "niemand@example.org"}))
    assert "heeft “niemand@example.org” in naam of e-mailadres" in nobody.text()


def test_the_old_search_by_email_still_leads_to_the_person_or_the_list(town, as_user):
    head = as_user(town.head)

    exact = head.get(town.url("personen"), query_string={"email": town.giver.email.upper()})
    assert exact.status_code == 303
    assert exact.headers["Location"].endswith(town.url(f"mensen/{town.giver.id}"))
    missing = head.get(town.url("personen"), query_string={"email": "niemand@example.org"})
    assert missing.status_code == 303
    assert missing.headers["Location"].endswith(town.url("mensen?q=niemand@example.org"))
    assert head.get(town.url("personen")).headers["Location"].endswith(town.url("mensen"))


def test_only_the_head_processor_gets_the_privacy_link(town, as_user):
    colleague = as_user(town.processor)
    listing = parse(colleague.get(town.url("mensen")))
    assert "Ann Vermeulen" in listing.text()
    assert "Gegevens en privacyverzoek" not in listing.text()


def test_download_restrict_and_erase_on_someones_behalf(app, town, as_user):
    head = as_user(town.head)
    url = town.url(f"mensen/{town.giver.id}")

    export = head.get(url, query_string={"download": "json"})
    assert export.status_code == 200 and export.json["profiel"][0]["naam"] == "Ann Vermeulen"
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
    url = town.url(f"mensen/{town.giver.id}")
    assert as_user(town.processor).get(url).status_code == 403
    assert (
        as_user(town.giver).post(url, data={"actie": "wissen", "confirm": "y"}).status_code == 403
    )
    assert as_user(other_town.head).get(url).status_code == 404
    # Another municipality's person, asked for under the own municipality's address.
    foreign = town.url(f"mensen/{other_town.giver.id}")
    assert as_user(town.head).get(foreign).status_code == 404


def test_correct_on_someones_behalf(app, town, as_user, outbox):
    head = as_user(town.head)
    url = town.url(f"mensen/{town.giver.id}")

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
