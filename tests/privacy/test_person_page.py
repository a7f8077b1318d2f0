"""One page per person (issue 21 Build 7; issue 18 Build 9): roles, deactivation with a
confirmation, reactivation, privacy requests and the person's data on one page that speaks
about the person; the old addresses lead there; the list fits a laptop and a phone."""

from tests.processing.helpers import audit_entries
from tests.signals.helpers import parse
from webapp.extensions import db
from webapp.models import Membership, Role, User


def _user(app, user_id: int) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        db.session.remove()
        return user


def test_the_person_page_speaks_about_the_person(town, as_user):
    head = as_user(town.head)
    listing = parse(head.get(town.url("mensen")))
    link = listing.find("a", href=town.url(f"mensen/{town.giver.id}"))
    assert link is not None and link.text() == "Ann Vermeulen"
    page = parse(head.get(link.attrs["href"]))
    assert page.find("h1").text() == "Ann Vermeulen"
    body = page.text()
    for heading in (
        "Rol",
        "Account",
        "Privacyverzoeken",
        "Gegevens verbeteren",
        "Verwerking beperken",
        "Gegevens wissen",
    ):
        assert heading in [h2.text() for h2 in page.find_all("h2")]
    # The page, not the menu (whose "Mijn account" is the head processor's own).
    main = page.find("main").text()
    assert "Mijn naam" not in main and "mijn account" not in main.lower()
    assert "Ik begrijp dat mijn" not in body
    assert "De verwerking van de gegevens van deze persoon beperken" in body
    # The stored data in words, not codes.
    assert "rol: signaalgever" in body or "rol: " + Role.GIVER.label in body
    stored = body.split("Wat Kortrijk")[1]
    assert "giver" not in stored and " je " not in stored
    assert "Signalen die deze persoon gaf" in stored


def test_an_empty_post_does_not_deactivate_and_a_confirmed_one_does(app, town, as_user):
    head = as_user(town.head)
    url = town.url(f"mensen/{town.giver.id}/deactiveren")
    refused = head.post(url)
    assert refused.status_code == 303
    assert _user(app, town.giver.id).active
    page = head.get(refused.headers["Location"])
    assert "Vink aan dat je dit account wil deactiveren" in page.get_data(as_text=True)
    assert not [e for e in audit_entries(app) if e[0] == "person.deactivate"]

    done = head.post(url, data={"confirm": "y"})
    assert done.status_code == 303
    assert not _user(app, town.giver.id).active
    page = parse(head.get(town.url(f"mensen/{town.giver.id}")))
    assert "gedeactiveerd" in page.text()
    assert page.find("button", type="submit") is not None
    assert "Account heractiveren" in page.text()


def test_a_deactivated_account_is_reactivated_and_can_log_in_again(app, town, as_user, client):
    head = as_user(town.head)
    head.post(town.url(f"mensen/{town.giver.id}/deactiveren"), data={"confirm": "y"})
    login = {"email": town.giver.email, "password": "correct-horse-battery"}
    shut = app.test_client()
    shut.post("/login", data=login)
    assert shut.get(town.url("signalen")).status_code != 200
    response = head.post(town.url(f"mensen/{town.giver.id}/heractiveren"))
    assert response.status_code == 303
    assert _user(app, town.giver.id).active
    codes = [e[0] for e in audit_entries(app)]
    assert codes[-2:] == ["person.deactivate", "person.reactivate"]
    fresh = app.test_client()
    fresh.post("/login", data=login)
    assert fresh.get(town.url("signalen")).status_code == 200
    # Reactivating an active account changes nothing.
    again = head.post(town.url(f"mensen/{town.giver.id}/heractiveren"))
    assert again.status_code == 303
    assert [e[0] for e in audit_entries(app)].count("person.reactivate") == 1


def test_role_and_deactivation_from_the_person_page_come_back_to_it(app, town, as_user):
    head = as_user(town.head)
    response = head.post(
        town.url(f"mensen/{town.giver.id}/rol"), data={"role": Role.ALDERMAN.value}
    )
    assert response.headers["Location"].endswith(town.url(f"mensen/{town.giver.id}"))
    assert [m.role for m in _memberships(app, town.giver.id)] == [Role.ALDERMAN.value]


def _memberships(app, user_id):
    with app.app_context():
        rows = db.session.scalars(db.select(Membership).filter_by(user_id=user_id)).all()
        db.session.expunge_all()
        return rows


def test_the_old_addresses_lead_to_the_person_page(town, as_user):
    head = as_user(town.head)
    old = head.get(town.url(f"personen/{town.giver.id}"))
    assert old.status_code == 303
    assert old.headers["Location"].endswith(town.url(f"mensen/{town.giver.id}"))
    download = head.get(town.url(f"personen/{town.giver.id}"), query_string={"download": "json"})
    assert download.headers["Location"].endswith(f"mensen/{town.giver.id}?download=json")
    posted = head.post(town.url(f"personen/{town.giver.id}"), data={"actie": "beperken"})
    assert posted.status_code == 307
    by_email = head.get(town.url("personen"), query_string={"email": town.giver.email})
    assert by_email.headers["Location"].endswith(town.url(f"mensen/{town.giver.id}"))
    export = head.get(town.url(f"mensen/{town.giver.id}"), query_string={"download": "json"})
    assert export.status_code == 200 and export.json["profiel"][0]["naam"] == "Ann Vermeulen"
    assert (
        head.get(town.url(f"mensen/{town.giver.id}"), query_string={"download": "xml"}).status_code
        == 400
    )


def test_a_head_processor_does_not_open_a_person_of_another_municipality(town, other_town, as_user):
    head = as_user(town.head)
    assert head.get(town.url(f"mensen/{other_town.giver.id}")).status_code == 404
    assert head.post(town.url(f"mensen/{other_town.giver.id}/heractiveren")).status_code == 404


def test_the_people_list_has_no_column_of_forms(town, as_user):
    page = parse(as_user(town.head).get(town.url("mensen")))
    headers = [th.text() for th in page.find("table").find_all("th")]
    assert headers == ["Naam", "Rol", "Organisatie", "Engagement", "Laatst aangemeld"]
    assert page.find("table").find("form") is None
    assert all(td.attrs.get("data-label") for td in page.find("table").find_all("td"))
