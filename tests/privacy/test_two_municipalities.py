"""A person in two municipalities is no door between them (issue 17): a head processor's view
and export of the person hold only their own municipality's part, and their erasure removes
only that part; erasing the whole account stays with the person."""

import csv
import io
import json

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Membership, Signal, User


@pytest.fixture
def shared(app, make, as_user, town, other_town):
    """Ann gives signals in Kortrijk (town) and in Gent (other_town), and logged in."""
    with app.app_context():
        db.session.add(
            Membership(
                user_id=town.giver.id, municipality_id=other_town.municipality.id, role="giver"
            )
        )
        db.session.commit()
        db.session.remove()
    kortrijk = make.signal(town.municipality, town.giver, title="Geheim uit Kortrijk")
    gent = make.signal(other_town.municipality, town.giver, title="Wachtlijst in Gent")
    as_user(town.giver)  # a login event, on the account
    return kortrijk, gent


def _person_url(other_town, person, query: str = "") -> str:
    return other_town.url(f"mensen/{person.id}{query}")


def test_a_head_processor_sees_and_exports_only_their_municipality(
    as_user, town, other_town, shared
):
    kortrijk, gent = shared
    head = as_user(other_town.head)

    page = head.get(_person_url(other_town, town.giver))
    exported = head.get(_person_url(other_town, town.giver, "?download=json"))
    table = head.get(_person_url(other_town, town.giver, "?download=csv"))

    assert page.status_code == exported.status_code == table.status_code == 200
    data = json.loads(exported.get_data(as_text=True))
    assert [s["referentie"] for s in data["signalen"]] == [gent.reference]
    assert {m["gemeente"] for m in data["lidmaatschappen"]} == {other_town.municipality.name}
    assert data["aanmeldingen"] == []  # the account's login events are not Gent's
    for body in (page.get_data(as_text=True), exported.get_data(as_text=True)):
        assert "Geheim uit Kortrijk" not in body and kortrijk.reference not in body
    rows = list(csv.reader(io.StringIO(table.get_data().decode("utf-8-sig")), delimiter=";"))
    assert not any("Geheim uit Kortrijk" in cell for row in rows for cell in row)

    own = json.loads(as_user(town.giver).get("/mijn-gegevens/download.json").get_data())
    assert {s["referentie"] for s in own["signalen"]} == {kortrijk.reference, gent.reference}
    assert own["aanmeldingen"]


def test_a_head_processors_erasure_removes_only_their_municipality(
    app, as_user, town, other_town, shared
):
    kortrijk, gent = shared
    head = as_user(other_town.head)

    response = head.post(
        _person_url(other_town, town.giver), data={"actie": "wissen", "confirm": "y"}
    )

    assert response.status_code == 303
    with app.app_context():
        person = db.session.get(User, town.giver.id)
        assert person.erased_at is None and person.active and person.name == "Ann Vermeulen"
        places = set(
            db.session.scalars(select(Membership.municipality_id).filter_by(user_id=person.id))
        )
        assert places == {town.municipality.id}
        assert db.session.get(Signal, gent.id).submitted_by_id is None  # the signal stays
        assert db.session.get(Signal, kortrijk.id).submitted_by_id == person.id
        db.session.remove()
    assert head.get(_person_url(other_town, town.giver)).status_code == 404
    kortrijk_head = as_user(town.head)
    assert kortrijk_head.get(town.url(f"mensen/{town.giver.id}")).status_code == 200
    assert as_user(town.giver).get("/mijn-gegevens").status_code == 200


def test_a_person_of_one_municipality_is_erased_whole_as_before(app, as_user, town):
    response = as_user(town.head).post(
        town.url(f"mensen/{town.colleague.id}"), data={"actie": "wissen", "confirm": "y"}
    )

    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(User, town.colleague.id).erased_at is not None
        db.session.remove()
