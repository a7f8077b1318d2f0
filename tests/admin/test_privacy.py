"""The municipality's own privacy statement, versioned: a new version asks every user to accept
again at their next login; accepting records the version."""

from sqlalchemy import select

from tests.signals.helpers import error_for, parse, text, textarea_value
from webapp.extensions import db
from webapp.models import Membership, Municipality, PrivacyText


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


def _save(client, partners, **changes):
    doc = parse(client.get(partners.url("instellingen/privacy")))
    data = {
        "privacy": textarea_value(doc.find("textarea", name="privacy")),
        "processing": textarea_value(doc.find("textarea", name="processing")),
    }
    data.update(changes)
    return client.post(partners.url("instellingen/privacy"), data=data)


def test_a_new_statement_is_accepted_again_at_the_next_login(app, client, login, partners):
    before = _state(app, partners, partners.giver)
    assert before["consent"] == before["version"]
    login(partners.head)
    response = _save(
        client, partners, privacy="## Nieuwe verklaring\n\nWe bewaren minder. <script>x()</script>"
    )
    assert response.status_code == 303
    after = _state(app, partners, partners.giver)
    assert after["version"] != before["version"]
    assert after["texts"] == [("privacy", after["version"])]
    client.post("/logout")

    response = login(partners.giver)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/partnerstad/privacy-akkoord?next=")
    page = client.get(response.headers["Location"])
    body = page.get_data(as_text=True)
    assert "We bewaren minder." in body and "<script>x()" not in body
    refused = client.post(response.headers["Location"], data={})
    assert refused.status_code == 400
    assert error_for(parse(refused), "consent") == "Vink aan dat je akkoord gaat om verder te gaan."

    accepted = client.post(response.headers["Location"], data={"consent": "y"})
    assert accepted.status_code == 303
    assert _state(app, partners, partners.giver)["consent"] == after["version"]
    client.post("/logout")
    again = login(partners.giver)
    assert "privacy-akkoord" not in again.headers["Location"]


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


def test_only_the_head_processor_edits_privacy_texts(client, login, partners):
    login(partners.processor)
    assert client.get(partners.url("instellingen/privacy")).status_code == 403
