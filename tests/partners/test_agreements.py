"""Editing agreements: versions with who and when, a live preview, differences between versions,
optimistic locking that loses nothing, sanitised Markdown, and draft -> active -> ended."""

import pytest

from tests.partners.conftest import agreement_row
from tests.signals.helpers import error_for, field_value, parse, text, textarea_value
from tests.sites.test_site_state import generation
from webapp.models import AgreementStatus, Engagement


def _form(client, partners, agreement, **changes) -> dict:
    doc = parse(client.get(partners.url(f"overeenkomsten/{agreement.id}/bewerken")))
    data = {
        name: field_value(doc, name) or ""
        for name in (
            "title",
            "engagement",
            "starts_on",
            "ends_on",
            "contact_name",
            "contact_email",
            "version",
        )
    }
    data["engagement"] = data["engagement"] or "1"
    data["body"] = textarea_value(doc.find("textarea", name="body"))
    data["signatories"] = textarea_value(doc.find("textarea", name="signatories"))
    data["stap"] = "opslaan"
    data.update(changes)
    return data


@pytest.fixture
def draft(make, partners):
    return make.agreement(
        partners.municipality, partners.partner, Engagement.OWN_STAFF, AgreementStatus.DRAFT
    )


def test_every_save_is_a_version_with_who_and_when(app, client, login, partners, draft):
    login(partners.head)
    response = client.post(
        partners.url(f"overeenkomsten/{draft.id}/bewerken"),
        data=_form(client, partners, draft, body="Eerste tekst", contact_name="An Contact"),
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/overeenkomsten/{draft.id}")
    client.post(
        partners.url(f"overeenkomsten/{draft.id}/bewerken"),
        data=_form(client, partners, draft, body="Tweede tekst"),
    )

    row = agreement_row(app, draft.id)
    assert row["body"] == "Tweede tekst"
    assert row["versions"] == [
        (1, "Eerste tekst", partners.head.id),
        (2, "Tweede tekst", partners.head.id),
    ]
    page = text(client.get(partners.url(f"overeenkomsten/{draft.id}/versies")))
    assert "Hanne Hoofd" in page
    assert "Verschil tussen versie 1 en 2" in page


def test_two_processors_saving_the_same_version_lose_nothing(app, client, login, partners, draft):
    other = app.test_client()
    other.post(
        "/login", data={"email": partners.processor.email, "password": "correct-horse-battery"}
    )
    login(partners.head)
    mine = _form(client, partners, draft, body="Tekst van het CAW")
    theirs = _form(other, partners, draft, body="Tekst van het OCMW")
    assert mine["version"] == theirs["version"]

    assert (
        other.post(partners.url(f"overeenkomsten/{draft.id}/bewerken"), data=theirs).status_code
        == 303
    )
    conflict = client.post(partners.url(f"overeenkomsten/{draft.id}/bewerken"), data=mine)

    assert conflict.status_code == 409
    doc = parse(conflict)
    assert "Iemand anders was je voor" in doc.text()
    assert doc.by_id("hun-tekst").text() == "Tekst van het OCMW"
    assert doc.by_id("jouw-tekst").text() == "Tekst van het CAW"
    assert textarea_value(doc.find("textarea", name="body")) == "Tekst van het CAW"
    assert agreement_row(app, draft.id)["body"] == "Tekst van het OCMW"
    # What differs is marked word by word, in the text as it reads.
    differences = doc.find("div", class_="textdiff")
    assert [node.text() for node in differences.find_all("del")] == ["weggehaald: OCMW"]
    assert [node.text() for node in differences.find_all("ins")] == ["toegevoegd: CAW"]

    # Merging: the form now carries the current version, so this save goes through.
    merged = {
        **mine,
        "version": field_value(doc, "version"),
        "body": "Tekst van het OCMW\n\nTekst van het CAW",
    }
    assert (
        client.post(partners.url(f"overeenkomsten/{draft.id}/bewerken"), data=merged).status_code
        == 303
    )
    row = agreement_row(app, draft.id)
    assert [body for _, body, _ in row["versions"]] == [
        "Tekst van het OCMW",
        "Tekst van het OCMW\n\nTekst van het CAW",
    ]


def test_the_preview_saves_nothing_with_and_without_javascript(app, client, login, partners, draft):
    login(partners.processor)
    data = _form(
        client, partners, draft, body="## Afspraken\n\n- **samen** overleggen", stap="voorbeeld"
    )

    page = client.post(partners.url(f"overeenkomsten/{draft.id}/bewerken"), data=data)
    assert page.status_code == 200
    doc = parse(page)
    assert "Afspraken" in doc.by_id("voorbeeld").text()
    assert "<strong>samen</strong>" in page.get_data(as_text=True)
    assert textarea_value(doc.find("textarea", name="body")).startswith("## Afspraken")

    fragment = client.post(
        partners.url(f"overeenkomsten/{draft.id}/bewerken"),
        data=data,
        headers={"HX-Request": "true"},
    )
    body = fragment.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="voorbeeld"')
    assert "<strong>samen</strong>" in body
    assert "<form" not in body
    assert agreement_row(app, draft.id)["versions"] == []


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        '<a href="https://x.example" onclick="alert(1)">x</a>',
    ],
)
def test_agreement_markdown_is_sanitised(client, login, make, partners, payload):
    agreement = make.agreement(partners.municipality, partners.partner)
    login(partners.head)
    client.post(
        partners.url(f"overeenkomsten/{agreement.id}/bewerken"),
        data=_form(client, partners, agreement, body=f"Tekst {payload}"),
    )
    client.post("/logout")

    public = client.get(partners.url(f"overeenkomsten/{agreement.id}")).get_data(as_text=True)
    assert "Tekst" in public
    for danger in ("<script", "onerror", "javascript:", "onclick"):
        assert danger not in public.split("<main", 1)[1]


def test_the_diff_is_escaped(client, login, partners, draft):
    login(partners.head)
    for body in ("Gewone tekst", "Gewone tekst\n<b>vet</b> & meer"):
        client.post(
            partners.url(f"overeenkomsten/{draft.id}/bewerken"),
            data=_form(client, partners, draft, body=body),
        )
    page = client.get(partners.url(f"overeenkomsten/{draft.id}/versies?van=1&naar=2"))
    html = page.get_data(as_text=True)
    region = html.split('class="textdiff"', 1)[1].split("</div>", 1)[0]
    # The rendered text, sanitised: the tag is gone, its word and the ampersand are marked.
    assert "<b>" not in region and "&lt;b&gt;" not in region
    assert '<span class="visually-hidden">toegevoegd: </span>vet &amp; meer</ins>' in region
    assert (
        client.get(partners.url(f"overeenkomsten/{draft.id}/versies?van=1&naar=9")).status_code
        == 404
    )


def test_a_failed_save_keeps_every_typed_character(client, login, partners, draft):
    login(partners.head)
    data = _form(client, partners, draft, title="", body="Lange tekst die blijft staan ✓")
    response = client.post(partners.url(f"overeenkomsten/{draft.id}/bewerken"), data=data)
    assert response.status_code == 400
    doc = parse(response)
    assert error_for(doc, "title") == "Geef de overeenkomst een titel."
    assert textarea_value(doc.find("textarea", name="body")) == "Lange tekst die blijft staan ✓"


def test_activating_and_ending_publish_and_mark_the_site_stale(app, client, login, partners, draft):
    login(partners.head)
    url = partners.url(f"overeenkomsten/{draft.id}")
    anonymous = app.test_client()
    assert anonymous.get(url).status_code == 404

    before = generation(app, partners.municipality)
    response = client.post(url + "/status", data={"status": "active"})
    assert response.status_code == 303
    assert agreement_row(app, draft.id)["status"] == "active"
    assert generation(app, partners.municipality) > before
    assert anonymous.get(url).status_code == 200

    # A repeated click changes nothing.
    client.post(url + "/status", data={"status": "active"})
    assert agreement_row(app, draft.id)["status"] == "active"

    client.post(url + "/status", data={"status": "ended"})
    assert agreement_row(app, draft.id)["status"] == "ended"
    assert anonymous.get(url).status_code == 404
    notes = [n for n in agreement_row(app, draft.id)["versions"]]
    assert len(notes) == 2


def test_only_the_head_processor_activates(client, login, partners, draft):
    login(partners.processor)
    response = client.post(
        partners.url(f"overeenkomsten/{draft.id}/status"), data={"status": "active"}
    )
    assert response.status_code == 403


def test_another_municipalitys_agreement_is_not_found(
    app, client, login, make, partners, other_place
):
    elsewhere = make.agreement(other_place["municipality"], other_place["partner"])
    login(partners.head)
    for path in ("", "/bewerken", "/versies"):
        assert client.get(partners.url(f"overeenkomsten/{elsewhere.id}{path}")).status_code == 404
    response = client.post(
        partners.url(f"overeenkomsten/{elsewhere.id}/bewerken"),
        data={"title": "Overgenomen", "engagement": "1", "version": "0", "stap": "opslaan"},
    )
    assert response.status_code == 404
    assert agreement_row(app, elsewhere.id)["versions"] == []
    headers = {"HX-Request": "true"}
    assert (
        client.get(partners.url(f"overeenkomsten/{elsewhere.id}"), headers=headers).status_code
        == 404
    )


def test_a_post_without_the_optional_fields_saves_them_empty(app, client, login, partners, draft):
    login(partners.head)
    response = client.post(
        partners.url(f"overeenkomsten/{draft.id}/bewerken"),
        data={"title": "Kort", "engagement": "4", "version": "0", "stap": "opslaan"},
    )
    assert response.status_code == 303
    row = agreement_row(app, draft.id)
    assert (row["title"], row["body"], row["engagement"]) == ("Kort", "", 4)


def test_personal_data_in_the_text_is_fixed_or_confirmed_before_saving(
    app, client, login, partners, draft
):
    login(partners.head)
    body = "Contact via het onthaal, of bel Jan op 0470 12 34 56."
    data = _form(client, partners, draft, body=body)
    refused = client.post(partners.url(f"overeenkomsten/{draft.id}/bewerken"), data=data)

    assert refused.status_code == 400
    doc = parse(refused)
    assert "mogelijk persoonsgegevens" in error_for(doc, "body")
    assert doc.find("mark") is not None
    assert textarea_value(doc.find("textarea", name="body")) == body
    assert agreement_row(app, draft.id)["versions"] == []

    confirmed = {**data, "confirm_personal_data": "y"}
    assert (
        client.post(partners.url(f"overeenkomsten/{draft.id}/bewerken"), data=confirmed).status_code
        == 303
    )
    assert agreement_row(app, draft.id)["body"] == body


def test_an_ended_agreement_is_not_edited_any_more(app, client, login, make, partners):
    ended = make.agreement(
        partners.municipality, partners.partner, Engagement.OWN_STAFF, AgreementStatus.ENDED
    )
    login(partners.head)
    response = client.post(
        partners.url(f"overeenkomsten/{ended.id}/bewerken"),
        data={"title": "Toch nog", "engagement": "1", "version": "0", "stap": "opslaan"},
    )
    assert response.status_code == 303
    assert agreement_row(app, ended.id)["versions"] == []
