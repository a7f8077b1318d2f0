"""The municipality's own privacy statement in parts, versioned: a new version asks every user
to accept again; a statement lacking a required part is saved but flagged as incomplete."""

from sqlalchemy import select

from common import privacy_statement as statement
from tests.signals.helpers import error_for, parse, text, textarea_value
from webapp.extensions import db
from webapp.models import AuditEntry, Membership, Municipality, PrivacyText

COMPLETE = {
    "controller_address": "Grote Markt 1, 9999 Partnerstad",
    "enterprise_number": "BE 0207.451.227",
    "dpo_contact": "dpo@partnerstad.be",
    "processors": "Het VVSG host Lokaal Signaal met een verwerkingsovereenkomst.",
}


def _state(app, partners, user) -> dict:
    with app.app_context():
        place = db.session.get(Municipality, partners.municipality.id)
        consent = db.session.scalars(
            select(Membership.privacy_consent_version).where(
                Membership.user_id == user.id, Membership.municipality_id == place.id
            )
        ).first()
        state = {
            "version": place.privacy_version,
            "consent": consent,
            "texts": [
                (t.kind, t.version)
                for t in db.session.scalars(select(PrivacyText).order_by(PrivacyText.id))
            ],
        }
        db.session.remove()
        return state


def _form(client, partners) -> dict:
    """Every field of the settings form as a browser would send it untouched."""
    doc = parse(client.get(partners.url("instellingen/privacy")))
    form = doc.find("form", action=partners.url("instellingen/privacy"))
    data = {}
    for node in form.find_all("textarea"):
        data[node.attrs["name"]] = textarea_value(node)
    for node in form.find_all("input"):
        if node.attrs.get("name") and node.attrs.get("type") != "hidden":
            data[node.attrs["name"]] = node.attrs.get("value", "")
    for node in form.find_all("select"):
        chosen = node.find("option", selected="")
        data[node.attrs["name"]] = chosen.attrs["value"] if chosen else ""
    return data


def _save(client, partners, **changes):
    data = _form(client, partners)
    data.update(changes)
    return client.post(partners.url("instellingen/privacy"), data=data)


def test_every_part_seed_004_names_is_in_the_form_and_the_statement(client, login, partners):
    login(partners.head)
    data = _form(client, partners)
    assert set(statement.PART_KEYS) <= set(data)
    _save(client, partners, **COMPLETE)
    body = text(client.get(partners.url("privacyverklaring")))
    for heading in (
        "Wie is verantwoordelijk?",
        "Waarvoor gebruiken we ze?",
        "Op welke rechtsgrond?",
        "Welke wetten en decreten gelden?",
        "Wie ziet je gegevens?",
        "Verwerkers",
        "Verwerking buiten de Europese Unie",
        "Hoe lang bewaren we je gegevens?",
        "Wat zijn je rechten?",
        "Een datalek melden",
        "Een klacht?",
    ):
        assert f"<h3>{heading}</h3>" in body
    for words in (
        "Grote Markt 1, 9999 Partnerstad",
        "BE 0207.451.227",
        "dpo@partnerstad.be",
        "bezwaar maken",
        "toestemming intrekken",
        "Vlaamse Toezichtcommissie",
        "Algemene Verordening Gegevensbescherming",
    ):
        assert words in body


def test_a_new_statement_is_accepted_again_before_sharing(app, client, login, partners):
    before = _state(app, partners, partners.giver)
    assert before["consent"] == before["version"]
    login(partners.head)
    response = _save(
        client, partners, extra="## Nog iets\n\nWe bewaren minder. <script>x()</script>", **COMPLETE
    )
    assert response.status_code == 303
    after = _state(app, partners, partners.giver)
    assert after["version"] != before["version"]
    assert after["texts"] == [("privacy", after["version"])]
    page = client.get(partners.url("instellingen/privacy"))
    assert parse(page).by_id("privacy-onvolledig") is None
    client.post("/logout")

    response = login(partners.giver)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/partnerstad/privacy-akkoord?next=")
    page = client.get(response.headers["Location"])
    body = text(page)
    assert "We bewaren minder." in body and "<script>x()" not in body
    assert f"Versie: {after['version']}" in parse(page).by_id("privacyverklaring").text()
    refused = client.post(response.headers["Location"], data={})
    assert refused.status_code == 400
    assert error_for(parse(refused), "privacy_consent") == (
        "Vink aan dat je akkoord gaat om verder te gaan."
    )

    accepted = client.post(response.headers["Location"], data={"privacy_consent": "y"})
    assert accepted.status_code == 303
    assert _state(app, partners, partners.giver)["consent"] == after["version"]
    client.post("/logout")
    again = login(partners.giver)
    assert "privacy-akkoord" not in again.headers["Location"]


def test_an_incomplete_statement_is_saved_and_flagged(app, client, login, partners):
    login(partners.head)
    flagged = parse(client.get(partners.url("instellingen/privacy"))).by_id("privacy-onvolledig")
    assert flagged is not None
    for label in ("Adres van de verwerkingsverantwoordelijke", "Ondernemingsnummer (KBO)"):
        assert label in flagged.text()

    response = _save(client, partners, **{**COMPLETE, "dpo_contact": "", "processors": "  "})
    assert response.status_code == 303
    saved = _state(app, partners, partners.head)
    assert saved["texts"] == [("privacy", saved["version"])]
    page = parse(client.get(partners.url("instellingen/privacy")))
    missing = page.by_id("privacy-onvolledig").text()
    assert "Functionaris voor gegevensbescherming (DPO) of GDPR-aanspreekpunt" in missing
    assert "Verwerkers" in missing
    assert "Adres van de verwerkingsverantwoordelijke" not in missing
    # What was typed is kept, and the settings overview says it too (once the head processor,
    # asked at the next page like everyone, read the new version).
    assert (
        page.find("input", name="controller_address").attrs["value"]
        == (COMPLETE["controller_address"])
    )
    asked = client.get(partners.url("instellingen"))
    assert asked.status_code == 303
    client.get(asked.headers["Location"])
    assert parse(client.get(partners.url("instellingen"))).by_id("privacy-onvolledig")
    # The published text names the gap rather than hiding it.
    public = parse(client.get(partners.url("privacyverklaring"))).by_id("privacyverklaring")
    assert "Nog aan te vullen door Partnerstad." in public.text()

    _save(client, partners, dpo_contact="dpo@partnerstad.be", processors="De VVSG host het.")
    assert (
        parse(client.get(partners.url("instellingen/privacy"))).by_id("privacy-onvolledig") is None
    )


def test_a_wrong_enterprise_number_is_refused_next_to_the_field(app, client, login, partners):
    login(partners.head)
    before = _state(app, partners, partners.head)
    response = _save(client, partners, **{**COMPLETE, "enterprise_number": "12345"})
    assert response.status_code == 400
    doc = parse(response)
    assert "tien cijfers" in error_for(doc, "enterprise_number")
    assert (
        doc.find("input", name="controller_address").attrs["value"]
        == (COMPLETE["controller_address"])
    )
    bogus = _save(client, partners, authority="elders")
    assert bogus.status_code == 400
    assert _state(app, partners, partners.head) == before


def test_saving_unchanged_texts_makes_no_version(app, client, login, partners):
    login(partners.head)
    before = _state(app, partners, partners.head)
    assert _save(client, partners).status_code == 303
    assert _state(app, partners, partners.head) == before
    assert "Er was niets veranderd." in text(client.get(partners.url("instellingen")))


def test_the_processing_text_is_versioned_without_asking_consent_again(
    app, client, login, partners
):
    login(partners.head)
    before = _state(app, partners, partners.head)
    _save(client, partners, processing="We delen geen gegevens met derden.")
    after = _state(app, partners, partners.head)
    assert after["version"] == before["version"]
    assert after["texts"] == [("processing", "1")]


def test_a_new_version_is_in_the_audit_log(app, client, login, partners):
    login(partners.head)
    _save(client, partners, **COMPLETE)
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEntry.action)))
    assert actions == ["municipality.privacy"]


def test_only_the_head_processor_edits_privacy_texts(client, login, partners):
    login(partners.processor)
    assert client.get(partners.url("instellingen/privacy")).status_code == 403
