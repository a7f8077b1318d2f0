"""Making a signal card from a selection of signals."""

import re

from tests.cards.helpers import audit_actions, card_ids, card_row, theme_ids
from tests.signals.helpers import (
    checked_values,
    error_for,
    field_value,
    parse,
    redirect_path,
    text,
)
from webapp.models import Role


def _data(**overrides) -> dict:
    data = {
        "title": "Wachtlijsten voor budgetbegeleiding",
        "summary": "Gezinnen wachten **maanden** op een eerste gesprek.",
        "public_status": "exploring",
        "signalen": [],
        "add_references": "",
        "message": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_new_card_starts_from_the_selected_signals(client, login, make, town):
    first = make.signal(town.municipality, town.giver, title="Lange wachttijd budgethulp")
    second = make.signal(
        town.municipality, town.colleague, title="Schulden lopen op", themes=("armoede",)
    )
    login(town.head)

    response = client.get(town.url(f"fiches/nieuw?signalen={first.id}&signalen={second.id}"))

    assert response.status_code == 200
    doc = parse(response)
    assert checked_values(doc, "signalen") == {str(first.id), str(second.id)}
    labels = doc.by_id("signalen").text()
    assert f"Lange wachttijd budgethulp ({first.reference})" in labels
    # The themes of the selection are ticked; the title waits for the processor.
    assert doc.find("input", name="themes", checked="") is not None
    assert len(checked_values(doc, "themes")) == 2
    assert field_value(doc, "title") == ""


def test_one_signal_lends_its_title(client, login, make, town):
    signal = make.signal(town.municipality, town.giver, title="Geen opvang in de zomer")
    login(town.processor)

    doc = parse(client.get(town.url(f"fiches/nieuw?signalen={signal.id}")))

    assert field_value(doc, "title") == "Geen opvang in de zomer"


def test_a_selection_posted_from_the_inbox_opens_the_form(client, login, make, town):
    signal = make.signal(town.municipality, town.giver)
    login(town.head)

    response = client.post(town.url("fiches/nieuw"), data={"signalen": [str(signal.id)]})

    assert response.status_code == 200
    assert checked_values(parse(response), "signalen") == {str(signal.id)}
    assert card_ids(client.application) == []


def test_creating_a_card_bundles_the_signals_and_is_audited(app, client, login, make, town):
    first = make.signal(town.municipality, town.giver)
    second = make.signal(town.municipality, town.colleague)
    login(town.head)
    themes = theme_ids(app, town, "armoede", "jeugd")

    response = client.post(
        town.url("fiches/nieuw"),
        data=_data(signalen=[str(first.id), str(second.id)], themes=[str(t) for t in themes]),
    )

    assert response.status_code == 303
    [card_id] = card_ids(app)
    assert redirect_path(response) == town.url(f"fiches/{card_id}")
    row = card_row(app, card_id)
    assert row["title"] == "Wachtlijsten voor budgetbegeleiding"
    assert row["signals"] == sorted([first.id, second.id])
    assert row["themes"] == ["armoede", "jeugd"]
    assert row["published"] is False
    assert row["public_status"] == "exploring"
    assert row["created_by_id"] == town.head.id
    assert audit_actions(app) == [("card.create", "signal_card", town.head.id)]
    page = client.get(response.headers["Location"])
    assert "De signaalfiche is gemaakt." in text(page)


def test_signals_can_be_added_by_reference(app, client, login, make, town):
    first = make.signal(town.municipality, town.giver)
    second = make.signal(town.municipality, town.colleague)
    login(town.head)

    response = client.post(
        town.url("fiches/nieuw"),
        data=_data(signalen=[str(first.id)], add_references=second.reference.lower()),
    )

    assert response.status_code == 303
    [card_id] = card_ids(app)
    assert card_row(app, card_id)["signals"] == sorted([first.id, second.id])


def test_an_unknown_reference_is_refused_and_the_text_stays(app, client, login, make, town):
    login(town.head)

    response = client.post(
        town.url("fiches/nieuw"), data=_data(add_references="ZZZZ-ZZZZ", summary="Mijn *tekst*")
    )

    assert response.status_code == 400
    doc = parse(response)
    assert "Geen signaal gevonden dat jij verwerkt met referentie ZZZZ-ZZZZ." in error_for(
        doc, "add_references"
    )
    assert field_value(doc, "summary") == "Mijn *tekst*"
    assert field_value(doc, "add_references") == "ZZZZ-ZZZZ"
    assert card_ids(app) == []


def test_a_reference_of_another_municipality_is_not_found(
    app, client, login, make, town, other_town
):
    elsewhere = make.signal(other_town.municipality, other_town.giver)
    login(town.head)

    response = client.post(town.url("fiches/nieuw"), data=_data(add_references=elsewhere.reference))

    assert response.status_code == 400
    assert card_ids(app) == []


def test_validation_errors_stand_next_to_their_fields(app, client, login, town):
    login(town.head)

    response = client.post(
        town.url("fiches/nieuw"),
        data=_data(title="", public_status="weg", summary="Blijft staan", add_references="12"),
    )

    assert response.status_code == 400
    doc = parse(response)
    assert error_for(doc, "title") == "Geef de signaalfiche een titel."
    assert error_for(doc, "public_status") == "Kies een status uit de lijst."
    assert "ABCD-EFGH" in error_for(doc, "add_references")
    assert field_value(doc, "summary") == "Blijft staan"
    assert "Not a valid" not in text(response)
    assert card_ids(app) == []


def test_only_signals_the_processor_handles_can_be_selected(client, login, make, town, other_town):
    elsewhere = make.signal(other_town.municipality, other_town.giver)
    login(town.head)

    assert client.get(town.url(f"fiches/nieuw?signalen={elsewhere.id}")).status_code == 404
    assert client.get(town.url("fiches/nieuw?signalen=abc")).status_code == 400
    assert client.get(town.url("fiches/nieuw?signalen=99999999999999")).status_code == 400
    response = client.post(town.url("fiches/nieuw"), data=_data(signalen=[str(elsewhere.id)]))
    assert response.status_code == 400
    assert "Kies signalen uit de lijst." in text(response)


def test_an_organisation_processor_bundles_only_its_own_staff_signals(
    app, client, login, make, town
):
    make.agreement(town.municipality, town.partner, grants=("cards",))
    org_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.partner)
    own_staff = make.signal(town.municipality, town.colleague)  # the colleague works there
    others = make.signal(town.municipality, town.giver)
    login(org_processor)

    assert client.get(town.url(f"fiches/nieuw?signalen={own_staff.id}")).status_code == 200
    assert client.get(town.url(f"fiches/nieuw?signalen={others.id}")).status_code == 404


def test_givers_and_aldermen_cannot_make_cards(client, login, make, town):
    signal = make.signal(town.municipality, town.giver)
    for person in (town.giver, town.alderman):
        login(person)
        assert client.get(town.url(f"fiches/nieuw?signalen={signal.id}")).status_code == 403
        assert client.post(town.url("fiches/nieuw"), data=_data()).status_code == 403
        client.post("/logout")


def test_the_inbox_selection_opens_a_card_with_those_signals(client, make, login):
    from webapp.models import Role

    place = make.municipality(slug="selectiedorp")
    head = make.user(Role.HEAD_PROCESSOR, place)
    first = make.signal(place, title="Eerste signaal over wachtlijsten")
    second = make.signal(place, title="Tweede signaal over wachtlijsten")
    login(head)
    response = client.post(
        "/selectiedorp/fiches/nieuw", data={"signal_ids": [str(first.id), str(second.id)]}
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    for signal in (first, second):
        box = re.search(rf'<input[^>]*name="signalen"[^>]*value="{signal.id}"[^>]*>', body)
        assert box and "checked" in box[0], signal
