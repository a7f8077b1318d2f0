"""Personal data of citizens in a signal: warned about, shown highlighted, stored only when
the giver confirmed exactly the text they reviewed."""

import pytest

from tests.signals.helpers import field_value, parse, redirect_path, stored_signals, text


def _insz(born: str, sequence: str) -> str:
    """A valid national register number for a birth date (yymmdd) and sequence (3 digits)."""
    check = 97 - int(born + sequence) % 97
    return f"{born[:2]}.{born[2:4]}.{born[4:]}-{sequence}.{check:02d}"


INSZ = _insz("850715", "123")
BASE = "Gezinnen wachten maanden op budgetbegeleiding bij het OCMW. "

CASES = [
    ("phone", "telefoonnummer", "0470 12 34 56", f"{BASE}Bel de moeder op 0470 12 34 56."),
    ("insz", "rijksregisternummer", INSZ, f"{BASE}Het gaat om dossier {INSZ}."),
    ("email", "e-mailadres", "jan.peeters@telenet.be", f"{BASE}Mail jan.peeters@telenet.be."),
    ("iban", "IBAN-rekeningnummer", "BE68 5390 0754 7034", f"{BASE}Stort op BE68 5390 0754 7034."),
    (
        "address",
        "adres met huisnummer",
        "Kerkstraat 12",
        f"{BASE}Het gezin woont in de Kerkstraat 12 in een te kleine studio.",
    ),
    (
        "birth_date",
        "geboortedatum",
        "03/04/2015",
        f"{BASE}Het jongste kind is geboren op 03/04/2015 en heeft geen opvang.",
    ),
]
CLEAN = f"{BASE}Het gezin heeft geen opvang voor het jongste kind."


def _post(client, town, data):
    return client.post(town.url("signalen/nieuw"), data=data)


@pytest.mark.parametrize(("kind", "label", "found", "description"), CASES)
def test_personal_data_is_flagged_highlighted_and_not_stored(
    client, app, kortrijk, draft, kind, label, found, description
):
    data = draft(kortrijk, description=description)

    response = _post(client, kortrijk, data)

    assert response.status_code == 422
    doc = parse(response)
    warning = doc.by_id("persoonsgegevens")
    assert warning.attrs["role"] == "alert"
    assert warning.find("h2").text() == "Kijk je tekst nog even na"
    assert warning.find("h3").text() == "Wat stel je vast?"
    assert f"Gevonden: 1 × {label}" in warning.text()
    (mark,) = warning.find_all("mark")
    assert mark.attrs["class"] == "pii"
    assert mark.attrs["data-kind"] == kind
    assert mark.text() == found
    # The typed text stays in the form, the confirmation box is offered, unticked.
    assert field_value(doc, "description") == description
    box = doc.find("input", name="confirm_personal_data")
    assert box.attrs["type"] == "checkbox"
    assert "checked" not in box.attrs
    assert len(field_value(doc, "reviewed_text")) == 64
    assert stored_signals(app) == []


def test_highlighted_text_is_escaped_around_the_mark(client, kortrijk, draft):
    description = f'{BASE}<b>Let op</b>: bel 0470 12 34 56 & "niet" <script>x</script>.'

    response = _post(client, kortrijk, draft(kortrijk, description=description))

    body = text(response)
    assert response.status_code == 422
    assert "&lt;b&gt;Let op&lt;/b&gt;" in body
    assert "<script>x</script>" not in body
    assert '<mark class="pii" data-kind="phone" title="telefoonnummer">0470 12 34 56</mark>' in body


def test_findings_in_several_fields_are_listed_per_field(client, kortrijk, draft):
    data = draft(
        kortrijk,
        title="Mevrouw van de Kerkstraat 12 zonder hulp",
        description=f"{BASE}Bel 0470 12 34 56 of 0471 22 33 44, of mail an@example.org.",
        ideas="Stort op BE68 5390 0754 7034.",
    )

    response = _post(client, kortrijk, data)

    assert response.status_code == 422
    warning = parse(response).by_id("persoonsgegevens")
    assert [h.text() for h in warning.find_all("h3")] == [
        "Titel",
        "Wat stel je vast?",
        "Ideeën voor een oplossing",
    ]
    summaries = [p.text() for p in warning.find_all("p", class_="meta")]
    assert summaries == [
        "Gevonden: 1 × adres met huisnummer",
        "Gevonden: 2 × telefoonnummer, 1 × e-mailadres",
        "Gevonden: 1 × IBAN-rekeningnummer",
    ]


@pytest.mark.parametrize(("kind", "label", "found", "description"), CASES)
def test_confirming_the_reviewed_text_stores_it_with_the_kinds(
    client, app, kortrijk, draft, kind, label, found, description
):
    data = draft(kortrijk, description=description)
    warning = parse(_post(client, kortrijk, data))

    confirmed = dict(
        data, confirm_personal_data="y", reviewed_text=field_value(warning, "reviewed_text")
    )
    response = _post(client, kortrijk, confirmed)

    assert response.status_code == 303
    assert redirect_path(response) == "/kortrijk/signalen/ontvangen"
    (signal,) = stored_signals(app)
    assert signal["description"] == description
    assert signal["personal_data_confirmed"] == kind


def test_all_confirmed_kinds_are_recorded(client, app, kortrijk, draft):
    data = draft(kortrijk, description=f"{BASE}Bel 0470 12 34 56 of mail an@example.org.")
    warning = parse(_post(client, kortrijk, data))

    _post(
        client,
        kortrijk,
        dict(data, confirm_personal_data="y", reviewed_text=field_value(warning, "reviewed_text")),
    )

    (signal,) = stored_signals(app)
    assert signal["personal_data_confirmed"] == "email,phone"


def test_ticking_the_box_without_having_reviewed_is_not_enough(client, app, kortrijk, draft):
    data = draft(kortrijk, description=CASES[0][3], confirm_personal_data="y")

    response = _post(client, kortrijk, data)

    assert response.status_code == 422
    assert stored_signals(app) == []


def test_a_forged_fingerprint_is_not_enough(client, app, kortrijk, draft):
    data = draft(
        kortrijk, description=CASES[0][3], confirm_personal_data="y", reviewed_text="0" * 64
    )

    response = _post(client, kortrijk, data)

    assert response.status_code == 422
    assert stored_signals(app) == []


def test_changed_text_needs_a_new_review(client, app, kortrijk, draft):
    data = draft(kortrijk, description=CASES[0][3])
    first = parse(_post(client, kortrijk, data))
    fingerprint = field_value(first, "reviewed_text")

    changed = dict(
        data,
        description=f"{BASE}Bel de moeder op 0470 12 34 56 of op 0471 22 33 44.",
        confirm_personal_data="y",
        reviewed_text=fingerprint,
    )
    response = _post(client, kortrijk, changed)

    assert response.status_code == 422
    doc = parse(response)
    assert "Gevonden: 2 × telefoonnummer" in doc.by_id("persoonsgegevens").text()
    assert len(doc.by_id("persoonsgegevens").find_all("mark")) == 2
    assert field_value(doc, "reviewed_text") != fingerprint
    assert "checked" not in doc.find("input", name="confirm_personal_data").attrs
    assert stored_signals(app) == []

    # Confirming the new text does store it.
    confirmed = dict(changed, reviewed_text=field_value(doc, "reviewed_text"))
    assert _post(client, kortrijk, confirmed).status_code == 303
    assert stored_signals(app)[0]["personal_data_confirmed"] == "phone"


def test_a_change_in_another_field_also_needs_a_new_review(client, app, kortrijk, draft):
    data = draft(kortrijk, description=CASES[0][3])
    fingerprint = field_value(parse(_post(client, kortrijk, data)), "reviewed_text")

    changed = dict(
        data, ideas="Bel mij: 0499 11 22 33.", confirm_personal_data="y", reviewed_text=fingerprint
    )
    response = _post(client, kortrijk, changed)

    assert response.status_code == 422
    assert stored_signals(app) == []


def test_removing_the_personal_data_stores_without_confirmation(client, app, kortrijk, draft):
    data = draft(kortrijk, description=CASES[0][3])
    fingerprint = field_value(parse(_post(client, kortrijk, data)), "reviewed_text")

    response = _post(client, kortrijk, dict(data, description=CLEAN, reviewed_text=fingerprint))

    assert response.status_code == 303
    (signal,) = stored_signals(app)
    assert signal["description"] == CLEAN
    assert signal["personal_data_confirmed"] is None


def test_clean_text_gets_no_warning(client, app, kortrijk, draft):
    response = _post(client, kortrijk, draft(kortrijk, description=CLEAN))

    assert response.status_code == 303
    assert stored_signals(app)[0]["personal_data_confirmed"] is None


@pytest.mark.parametrize(
    "description",
    [
        f"{BASE}Het duurt 12 weken en kost 0,5 procent meer.",
        f"{BASE}Sinds 03/04/2015 is de wachtlijst verdubbeld.",
        f"{BASE}Het CAW bereikt 1200 gezinnen per jaar.",
    ],
)
def test_ordinary_numbers_are_not_personal_data(client, app, kortrijk, draft, description):
    response = _post(client, kortrijk, draft(kortrijk, description=description))

    assert response.status_code == 303


def test_warning_keeps_the_idempotency_token(client, app, kortrijk, draft):
    data = draft(kortrijk, description=CASES[0][3])
    warning = parse(_post(client, kortrijk, data))
    assert field_value(warning, "submission_token") == data["submission_token"]

    confirmed = dict(
        data, confirm_personal_data="y", reviewed_text=field_value(warning, "reviewed_text")
    )
    _post(client, kortrijk, confirmed)
    _post(client, kortrijk, confirmed)

    assert len(stored_signals(app)) == 1


def test_logged_in_giver_gets_the_same_warning(client, app, login, kortrijk, draft):
    login(kortrijk.giver)

    response = _post(client, kortrijk, draft(kortrijk, description=CASES[1][3]))

    assert response.status_code == 422
    assert parse(response).find("mark", class_="pii").attrs["data-kind"] == "insz"
    assert stored_signals(app) == []
