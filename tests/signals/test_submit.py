"""Giving a signal: with or without an account, never losing what was typed, stored once."""

import io
import threading

import pytest

from tests.signals.conftest import DRAFT_DESCRIPTION, DRAFT_TITLE
from tests.signals.helpers import (
    REFERENCE_RE,
    checked_values,
    error_for,
    field_value,
    ids_of,
    option_values,
    parse,
    redirect_path,
    stored_signals,
    text,
)
from webapp.models import Role, Theme

# Accents, quotes, markup, emoji, an ampersand entity and newlines: all must survive a round trip.
TRICKY_TITLE = 'Crèche «De Zonnebloem» & \'n "wachtlijst" <b>vet</b> 🚸'
TRICKY_TEXT = (
    "Één gezin na het ander: ‘geen plaats’.\n"
    'Zij zeggen "wacht maar" <script>alert(1)</script> &amp; 😞\n'
    "\n"
    "Tweede alinea met ç, ñ, ü, ß en een tab\tertussen."
)


def test_form_has_a_fresh_hidden_submission_token(client, kortrijk):
    first = parse(client.get(kortrijk.url("signalen/nieuw")))
    second = parse(client.get(kortrijk.url("signalen/nieuw")))

    token = first.find("input", name="submission_token")
    assert token.attrs["type"] == "hidden"
    assert len(token.attrs["value"]) >= 16
    assert token.attrs["value"] != field_value(second, "submission_token")


def test_anonymous_form_asks_for_contact_address_and_offers_login(client, kortrijk):
    response = client.get(kortrijk.url("signalen/nieuw"))

    assert response.status_code == 200
    doc = parse(response)
    assert doc.find("h1").text() == "Een signaal geven aan Kortrijk"
    assert doc.find("input", name="contact_email") is not None
    assert "Je geeft dit signaal zonder account" in doc.text()
    # Truthful about who reads it: the givers of the municipality read signals too (issue 17).
    assert "Niemand anders ziet" not in doc.text()
    assert (
        "lezen de signaalverwerkers en de signaalgevers van Kortrijk; je e-mailadres zien alleen "
        "de signaalverwerkers." in doc.text()
    )
    assert doc.find("a", href="/login?next=/kortrijk/signalen/nieuw").text() == "Meld je eerst aan"
    # Anonymous visitors get no search among existing signals.
    assert doc.find("button", value="check") is None


def test_anonymous_submit_stores_an_anonymous_signal_and_shows_its_reference(
    client, app, make, kortrijk, draft
):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Een ander geheim signaal")
    data = draft(
        kortrijk,
        tried="Doorverwezen naar het OCMW.",
        ideas="Meer budgetbegeleiders.",
        contact_email="buurtwerker@example.org",
    )

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 303
    assert redirect_path(response) == "/kortrijk/signalen/ontvangen"
    stored = [s for s in stored_signals(app) if s["title"] == DRAFT_TITLE]
    assert len(stored) == 1
    signal = stored[0]
    assert signal["submitted_by_id"] is None
    assert signal["organisation_id"] is None
    assert signal["contact_email"] == "buurtwerker@example.org"
    assert signal["description"] == DRAFT_DESCRIPTION
    assert signal["tried"] == "Doorverwezen naar het OCMW."
    assert signal["ideas"] == "Meer budgetbegeleiders."
    assert signal["status"] == "submitted"
    assert signal["history"] == ["submitted"]
    assert signal["themes"] == ["wonen"]
    assert signal["target_groups"] == ["jongeren", "kinderen"]
    assert signal["personal_data_confirmed"] is None

    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    body = text(page)
    assert "Dank je, je signaal is ontvangen" in body
    assert REFERENCE_RE.findall(body) == [signal["reference"]]
    assert "Een ander geheim signaal" not in body
    assert DRAFT_TITLE not in body  # the confirmation repeats nothing of what was typed
    assert "Bekijk je signaal" not in body


def test_anonymous_submit_without_contact_address_says_no_personal_feedback(
    client, app, kortrijk, draft
):
    response = client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk))

    page = client.get(response.headers["Location"])
    assert "je liet geen e-mailadres achter" in text(page)
    assert stored_signals(app)[0]["contact_email"] is None


def test_confirmation_without_a_submission_sends_back_to_the_form(client, kortrijk):
    response = client.get(kortrijk.url("signalen/ontvangen"))

    assert response.status_code == 303
    assert redirect_path(response) == "/kortrijk/signalen/nieuw"


def test_logged_in_giver_submits_with_account_and_organisation(client, app, login, kortrijk, draft):
    login(kortrijk.giver)
    form = parse(client.get(kortrijk.url("signalen/nieuw")))
    assert form.find("input", name="contact_email") is None
    assert "zonder account" not in form.text()
    assert form.find("button", value="check").text() == "Zoek gelijkaardige signalen"

    data = draft(kortrijk, contact_email="sneaky@example.org")
    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 303
    (signal,) = stored_signals(app)
    assert signal["submitted_by_id"] == kortrijk.giver.id
    assert signal["organisation_id"] == kortrijk.organisation.id
    assert signal["contact_email"] is None
    page = parse(client.get(response.headers["Location"]))
    assert page.find("p", class_="ref").text() == signal["reference"]
    link = page.find("a", href=f"/kortrijk/signalen/{signal['id']}")
    assert link.text() == "Bekijk je signaal"


def test_giver_of_another_municipality_submits_there_as_anonymous(
    client, app, login, kortrijk, gent, draft
):
    login(gent.giver)
    form = parse(client.get(kortrijk.url("signalen/nieuw")))
    assert form.find("input", name="contact_email") is not None
    assert "Je geeft dit signaal zonder account" in form.text()

    data = draft(kortrijk, contact_email="bram.prive@example.org")
    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 303
    (signal,) = stored_signals(app)
    assert signal["municipality_id"] == kortrijk.municipality.id
    assert signal["submitted_by_id"] is None
    assert signal["organisation_id"] is None
    assert signal["contact_email"] == "bram.prive@example.org"
    page = text(client.get(response.headers["Location"]))
    assert signal["reference"] in page
    assert "Bekijk je signaal" not in page


@pytest.mark.parametrize("role", [Role.ALDERMAN, Role.NETWORK])
def test_roles_that_read_no_signals_submit_as_anonymous(
    client, app, make, login, kortrijk, draft, role
):
    user = make.user(role, kortrijk.municipality)
    login(user)

    response = client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk))

    assert response.status_code == 303
    assert stored_signals(app)[0]["submitted_by_id"] is None


def test_unknown_municipality_is_not_found(client, kortrijk):
    assert client.get("/nergens/signalen/nieuw").status_code == 404
    assert client.post("/nergens/signalen/nieuw", data={"title": "x"}).status_code == 404


# --- Validation: a Dutch message next to the field, and every typed character kept ------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", None, "Geef je signaal een korte titel."),
        ("title", "   ", "Geef je signaal een korte titel."),
        ("title", "Kort", "Een titel heeft tussen 5 en 160 tekens."),
        ("title", "t" * 161, "Een titel heeft tussen 5 en 160 tekens."),
        ("description", None, "Beschrijf wat je vaststelt."),
        ("description", "Te kort verhaal.", "Een beschrijving heeft tussen 20 en 5000 tekens."),
        ("description", "d" * 5001, "Een beschrijving heeft tussen 20 en 5000 tekens."),
        ("tried", "p" * 3001, "Dit veld heeft hoogstens 3000 tekens."),
        ("ideas", "i" * 3001, "Dit veld heeft hoogstens 3000 tekens."),
        (
            "contact_email",
            "geen-adres",
            "Vul een geldig e-mailadres in, of laat dit veld leeg.",
        ),
        (
            "contact_email",
            "x" * 250 + "@example.org",
            "Een e-mailadres heeft hoogstens 254 tekens.",
        ),
    ],
)
def test_invalid_field_gets_a_dutch_message_tied_to_it(
    client, app, kortrijk, draft, field, value, message
):
    data = draft(kortrijk, **{field: value})
    if value is None:
        data.pop(field, None)

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 400
    doc = parse(response)
    assert message in error_for(doc, field)
    assert doc.by_id(field).attrs["aria-invalid"] == "true"
    summary = doc.find("div", class_="error-summary")
    assert summary.find("a", href=f"#{field}") is not None
    assert message in summary.text()
    assert stored_signals(app) == []


@pytest.mark.parametrize(
    ("field", "message"),
    [("themes", "Kies minstens één thema."), ("target_groups", "Kies minstens één doelgroep.")],
)
def test_missing_choice_gets_a_message_on_its_fieldset(
    client, app, kortrijk, draft, field, message
):
    data = draft(kortrijk, **{field: None})

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 400
    doc = parse(response)
    fieldset = doc.by_id(field)
    assert fieldset.tag == "fieldset"
    assert error_for(doc, field) == message
    # The other choice keeps what was ticked.
    other = "target_groups" if field == "themes" else "themes"
    assert checked_values(doc, other) == set(data[other])
    assert stored_signals(app) == []


def test_every_typed_character_comes_back_escaped_after_an_error(client, app, kortrijk, draft):
    data = draft(
        kortrijk,
        title=TRICKY_TITLE,
        description=TRICKY_TEXT,
        tried=TRICKY_TEXT + " (geprobeerd)",
        ideas='<i>idee</i> & "meer" 💡\n- één\n- twee',
        contact_email="niet geldig <x>",
        themes=None,
    )

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 400
    doc = parse(response)
    for name in ("title", "description", "tried", "ideas", "contact_email"):
        assert field_value(doc, name) == data[name], name
    assert checked_values(doc, "target_groups") == set(data["target_groups"])
    assert field_value(doc, "submission_token") == data["submission_token"]
    body = text(response)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<b>vet</b>" not in body
    assert "<i>idee</i>" not in body


def test_tricky_text_is_stored_exactly(client, app, kortrijk, draft):
    data = draft(kortrijk, title=TRICKY_TITLE, description=TRICKY_TEXT)

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 303
    (signal,) = stored_signals(app)
    assert signal["title"] == TRICKY_TITLE
    assert signal["description"] == TRICKY_TEXT


# --- Stored once -------------------------------------------------------------------------------


def test_the_same_form_posted_twice_stores_one_signal(client, app, kortrijk, draft):
    data = draft(kortrijk)

    first = client.post(kortrijk.url("signalen/nieuw"), data=data)
    second = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert first.status_code == second.status_code == 303
    assert redirect_path(first) == redirect_path(second) == "/kortrijk/signalen/ontvangen"
    (signal,) = stored_signals(app)
    assert signal["reference"] in text(client.get("/kortrijk/signalen/ontvangen"))


def test_a_retry_from_another_browser_confirms_the_same_signal(app, kortrijk, draft):
    data = draft(kortrijk)
    first, second = app.test_client(), app.test_client()

    first.post(kortrijk.url("signalen/nieuw"), data=data)
    response = second.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 303
    (signal,) = stored_signals(app)
    assert signal["reference"] in text(second.get("/kortrijk/signalen/ontvangen"))


def test_a_double_click_stores_one_signal(app, kortrijk, draft):
    data = draft(kortrijk)
    barrier = threading.Barrier(2)
    answers = []

    def submit():
        client = app.test_client()
        barrier.wait()
        answers.append(client.post(kortrijk.url("signalen/nieuw"), data=data))

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [a.status_code for a in answers] == [303, 303]
    assert {redirect_path(a) for a in answers} == {"/kortrijk/signalen/ontvangen"}
    assert len(stored_signals(app)) == 1


def test_a_new_form_stores_a_second_signal(client, app, kortrijk, draft):
    client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk))
    client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk))

    assert len(stored_signals(app)) == 2


def test_tokens_are_per_municipality(client, app, kortrijk, gent, draft):
    data = draft(kortrijk)
    gent_data = dict(draft(gent), submission_token=data["submission_token"])

    client.post(kortrijk.url("signalen/nieuw"), data=data)
    response = client.post(gent.url("signalen/nieuw"), data=gent_data)

    assert response.status_code == 303
    assert sorted(s["municipality_id"] for s in stored_signals(app)) == sorted(
        [kortrijk.municipality.id, gent.municipality.id]
    )


# --- Hostile and broken input: an answer in Dutch, never a 500 ---------------------------------


def test_oversize_body_gets_a_dutch_413_page(client, app, kortrijk, draft):
    data = draft(kortrijk, description="x" * (300 * 1024))

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 413
    doc = parse(response)
    assert doc.find("h1").text() == "Te groot"
    assert "Maak je tekst korter" in doc.text()
    assert stored_signals(app) == []


@pytest.mark.parametrize("theme", ["abc", "", "1.5", "-1", "99999999999999999999999", "²"])
def test_malformed_theme_id_is_refused_in_dutch(client, app, kortrijk, draft, theme):
    response = client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk, themes=[theme]))

    assert response.status_code == 400
    doc = parse(response)
    message = error_for(doc, "themes")
    assert message in ("Kies een thema uit de lijst.", "Kies minstens één thema.")
    assert "choice" not in text(response).lower()
    assert "invalid choice" not in text(response).lower()
    assert "could not be coerced" not in text(response)
    assert stored_signals(app) == []


def test_theme_of_another_municipality_is_refused(client, app, kortrijk, gent, draft):
    foreign = ids_of(app, Theme, gent.municipality, "wonen")
    data = draft(kortrijk, themes=[str(foreign[0])])

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 400
    assert error_for(parse(response), "themes") == "Kies een thema uit de lijst."
    assert stored_signals(app) == []


def test_target_group_of_another_municipality_is_refused(client, app, kortrijk, gent, draft):
    foreign = option_values(parse(client.get(gent.url("signalen/nieuw"))), "target_groups")
    data = draft(kortrijk, target_groups=foreign[:1])

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 400
    assert error_for(parse(response), "target_groups") == "Kies een doelgroep uit de lijst."


@pytest.mark.parametrize(
    "token",
    ["", "kort", "spaties in het token ! ! !", "x" * 65, "<script>alert(1)</script>xxxxxxxx"],
)
def test_broken_submission_token_is_refused_in_dutch(client, app, kortrijk, draft, token):
    response = client.post(
        kortrijk.url("signalen/nieuw"), data=draft(kortrijk, submission_token=token)
    )

    assert response.status_code == 400
    summary = parse(response).find("div", class_="error-summary")
    assert "Dit formulier is ongeldig. Laad de pagina opnieuw." in summary.text()
    assert "This field" not in summary.text()
    assert "Submission" not in summary.text()
    assert stored_signals(app) == []


def test_forged_review_fingerprint_is_refused_in_dutch(client, app, kortrijk, draft):
    response = client.post(
        kortrijk.url("signalen/nieuw"), data=draft(kortrijk, reviewed_text="f" * 65)
    )

    assert response.status_code == 400
    summary = parse(response).find("div", class_="error-summary").text()
    assert "Dit formulier is ongeldig. Laad de pagina opnieuw." in summary
    assert "Field" not in summary
    assert stored_signals(app) == []


JUNK = [
    {},
    {"title": "\x00\x00\x00\x00\x00", "description": "\x00" * 40},
    {"title": "Nul\x00byte in de titel", "description": "Een beschrijving met \x00 erin, lang."},
    {"description": "Een beschrijving die lang genoeg is.", "tried": "\x00"},
    {"themes": ["1", "1", "1"], "target_groups": ["0"]},
    {"themes": ["1" * 400]},
    {"reinforce_id": "²"},
    {"reinforce_id": "99999999999999999999999"},
    {"reinforce_id": "-1"},
    {"action": "check", "title": "\x00" * 20},
    {"action": "check", "title": "x" * 100_000},
    {"action": "🙂", "confirm_personal_data": "ja", "reviewed_text": "🙂"},
    {"contact_email": "@" * 300},
    {"contact_email": "a@b\x00.be"},
    {"title": ["een", "twee"], "description": ["drie", "vier"]},
    {"submission_token": ["a" * 20, "b" * 20]},
]


@pytest.mark.parametrize("junk", JUNK)
@pytest.mark.parametrize("logged_in", [False, True])
def test_junk_never_causes_a_server_error(client, app, login, kortrijk, draft, junk, logged_in):
    if logged_in:
        login(kortrijk.giver)
    data = draft(kortrijk)
    data.update(junk)

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code in (200, 303, 400, 404, 422), text(response)[:500]
    for signal in stored_signals(app):
        assert "\x00" not in signal["title"] + signal["description"] + (signal["tried"] or "")


def test_junk_body_with_a_wrong_content_type_is_not_a_server_error(client, kortrijk):
    response = client.post(
        kortrijk.url("signalen/nieuw"),
        data=b"\xff\xfe\x00garbage",
        content_type="application/octet-stream",
    )

    assert response.status_code == 400


def test_invalid_utf8_is_not_a_server_error(client, kortrijk, draft):
    response = client.post(
        kortrijk.url("signalen/nieuw"),
        data=b"title=%FF%FE&description=%C3%28%C3%28",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400


def test_a_link_cannot_prefill_the_form(client, kortrijk):
    response = client.get(kortrijk.url("signalen/nieuw?title=Geplakt+in+een+link"))

    assert response.status_code == 200
    assert field_value(parse(response), "title") == ""


@pytest.mark.parametrize(
    "body",
    [
        '{"title": 12345, "description": 12345678901234567890, "themes": [1], "tried": 5}',
        '{"title": ["Een lijst", "als titel"], "description": {"a": 1}}',
        "[1, 2, 3]",
        '"alleen een tekst"',
        "null",
        "{kapot",
    ],
)
def test_json_body_is_refused_not_a_server_error(client, app, login, kortrijk, body):
    login(kortrijk.giver)

    response = client.post(
        kortrijk.url("signalen/nieuw"), data=body, content_type="application/json"
    )

    assert response.status_code == 400
    assert stored_signals(app) == []


def test_nul_characters_are_dropped_from_stored_text(client, app, kortrijk, draft):
    data = draft(kortrijk, title="Nul\x00byte in de titel", tried="Al \x00geprobeerd")

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 303
    (signal,) = stored_signals(app)
    assert signal["title"] == "Nulbyte in de titel"
    assert signal["tried"] == "Al geprobeerd"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   Kort    ", "Een titel heeft tussen 5 en 160 tekens."),
        ("description", "Te kort." + " " * 30, "Een beschrijving heeft tussen 20 en 5000 tekens."),
        ("description", "\n" * 30 + "Te kort.", "Een beschrijving heeft tussen 20 en 5000 tekens."),
    ],
)
def test_surrounding_whitespace_does_not_count_towards_the_minimum(
    client, app, kortrijk, draft, field, value, message
):
    response = client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk, **{field: value}))

    assert response.status_code == 400
    assert message in error_for(parse(response), field)
    assert stored_signals(app) == []


def test_uploaded_files_are_ignored_not_a_server_error(client, app, login, kortrijk, draft):
    login(kortrijk.giver)
    data = draft(kortrijk)
    data["title"] = (io.BytesIO(b"%PDF-1.4 niet zomaar een titel"), "titel.pdf")
    data["description"] = (io.BytesIO(b"x" * 100), "beschrijving.txt")

    response = client.post(
        kortrijk.url("signalen/nieuw"), data=data, content_type="multipart/form-data"
    )

    assert response.status_code == 400
    assert error_for(parse(response), "title") == "Geef je signaal een korte titel."
    assert stored_signals(app) == []


def test_multipart_form_without_files_is_accepted(client, app, kortrijk, draft):
    response = client.post(
        kortrijk.url("signalen/nieuw"), data=draft(kortrijk), content_type="multipart/form-data"
    )

    assert response.status_code == 303
    assert len(stored_signals(app)) == 1


def test_valid_fields_are_not_announced_as_invalid(client, kortrijk, draft):
    fresh = parse(client.get(kortrijk.url("signalen/nieuw")))
    assert "aria-invalid" not in fresh.by_id("title").attrs
    assert fresh.by_id("title").attrs["aria-describedby"] == "title-hint"

    response = client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk, title=""))

    doc = parse(response)
    assert doc.by_id("title").attrs["aria-invalid"] == "true"
    assert "aria-invalid" not in doc.by_id("description").attrs


def test_contact_address_with_a_trailing_space_from_a_phone_keyboard_is_accepted(
    client, app, kortrijk, draft
):
    data = draft(kortrijk, contact_email=" buurtwerker@example.org ")

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 303
    assert stored_signals(app)[0]["contact_email"] == "buurtwerker@example.org"
