"""Partner organisations and join requests: from a public request to an active agreement."""

from sqlalchemy import select

from tests.partners.conftest import agreement_row
from tests.signals.helpers import error_for, field_value, parse, text
from webapp.extensions import db
from webapp.models import AuditEntry, JoinRequest, Organisation, Role


def _join_data(client, partners, **changes) -> dict:
    doc = parse(client.get(partners.url("meedoen")))
    data = {
        "organisation_name": "Jeugdhuis De Klok",
        "kind": "other",
        "website": "https://deklok.example.org",
        "contact_name": "Karel Klok",
        "contact_email": "karel@deklok.example.org",
        "engagement": "1",
        "message": "Wij werken met jongeren in de wijk.",
        "idempotency_key": field_value(doc, "idempotency_key"),
    }
    data.update(changes)
    return data


def _join_requests(app) -> list[dict]:
    with app.app_context():
        rows = [
            {
                "name": r.organisation_name,
                "status": r.status,
                "agreement_id": r.agreement_id,
                "organisation_id": r.organisation_id,
                "message": r.decision_message,
            }
            for r in db.session.scalars(select(JoinRequest).order_by(JoinRequest.id))
        ]
        db.session.remove()
        return rows


def test_a_join_request_is_stored_once_and_reaches_the_coordinator(app, client, partners, outbox):
    data = _join_data(client, partners)
    first = client.post(partners.url("meedoen"), data=data)
    again = client.post(partners.url("meedoen"), data=data)

    assert first.status_code == again.status_code == 303
    assert first.headers["Location"].endswith("/partnerstad/meedoen/verstuurd")
    assert [r["name"] for r in _join_requests(app)] == ["Jeugdhuis De Klok"]
    assert [m["To"] for m in outbox] == ["signaal@partnerstad.be"]
    assert "Jeugdhuis De Klok" in outbox[0]["Subject"]


def test_a_failed_join_request_keeps_what_was_typed(app, client, partners):
    data = _join_data(client, partners, contact_email="geen-adres", engagement="9")
    response = client.post(partners.url("meedoen"), data=data)

    assert response.status_code == 400
    doc = parse(response)
    assert "geldig e-mailadres" in error_for(doc, "contact_email")
    assert error_for(doc, "engagement") == "Kies een manier uit de lijst."
    assert field_value(doc, "organisation_name") == "Jeugdhuis De Klok"
    assert field_value(doc, "idempotency_key") == data["idempotency_key"]
    assert _join_requests(app) == []


def test_from_join_request_to_an_active_agreement_whose_processors_see_their_scope(
    app, client, login, make, partners, outbox
):
    client.post(partners.url("meedoen"), data=_join_data(client, partners))
    request_id = _join_requests(app)[0]
    login(partners.head)
    page = text(client.get(partners.url("partners/aanvragen")))
    assert "Jeugdhuis De Klok" in page

    with app.app_context():
        join_id = db.session.scalar(select(JoinRequest.id))
    outbox.clear()
    response = client.post(
        partners.url(f"partners/aanvragen/{join_id}"),
        data={"decision": "approve", "message": "Welkom!"},
    )
    assert response.status_code == 303
    approved = _join_requests(app)[0]
    assert approved["status"] == "approved" and approved["agreement_id"]
    assert response.headers["Location"].endswith(
        f"/overeenkomsten/{approved['agreement_id']}/bewerken"
    )
    assert [m["To"] for m in outbox] == ["karel@deklok.example.org"]
    assert "Welkom!" in outbox[0].get_content()
    assert agreement_row(app, approved["agreement_id"])["status"] == "draft"
    assert request_id["status"] == "pending"

    # The organisation's processor has no rights while the agreement is a draft.
    from tests.factories import Ref

    organisation = Ref(approved["organisation_id"])
    org_processor = make.user(Role.ORG_PROCESSOR, partners.municipality, organisation=organisation)
    staff = make.user(Role.GIVER, partners.municipality, organisation=organisation)
    make.signal(partners.municipality, staff, title="Signaal uit het jeugdhuis")
    make.signal(partners.municipality, partners.giver, title="Signaal van iemand anders")

    client.post(
        partners.url(f"overeenkomsten/{approved['agreement_id']}/status"),
        data={"status": "active"},
    )
    client.post("/logout")
    assert client.get(partners.url(f"overeenkomsten/{approved['agreement_id']}")).status_code == 200

    login(org_processor)
    inbox = text(client.get(partners.url("verwerken")))
    assert "Signaal uit het jeugdhuis" in inbox
    assert "Signaal van iemand anders" not in inbox


def test_declining_needs_a_message_and_mails_it(app, client, login, make, partners, outbox):
    join = make.join_request(partners.municipality)
    login(partners.head)

    refused = client.post(
        partners.url(f"partners/aanvragen/{join.id}"), data={"decision": "decline"}
    )
    assert refused.status_code == 400
    assert "Laat de aanvrager weten waarom je weigert." in text(refused)

    outbox.clear()
    response = client.post(
        partners.url(f"partners/aanvragen/{join.id}"),
        data={"decision": "decline", "message": "We starten eerst met de scholen."},
    )
    assert response.status_code == 303
    assert _join_requests(app)[0]["status"] == "declined"
    assert "We starten eerst met de scholen." in outbox[0].get_content()
    with app.app_context():
        assert (
            db.session.scalar(
                select(Organisation.id).where(Organisation.name == "Buurtwerk De Brug")
            )
            is None
        )
        actions = list(db.session.scalars(select(AuditEntry.action)))
    assert "join_request.declined" in actions


def test_other_municipalities_requests_are_not_found(
    app, client, login, make, partners, other_place
):
    join = make.join_request(other_place["municipality"])
    login(partners.head)
    response = client.post(
        partners.url(f"partners/aanvragen/{join.id}"), data={"decision": "approve"}
    )
    assert response.status_code == 404
    assert _join_requests(app)[0]["status"] == "pending"


def test_organisations_are_listed_with_their_agreement_and_members(client, login, make, partners):
    make.agreement(partners.municipality, partners.partner)
    login(partners.processor)
    listing = text(client.get(partners.url("partners")))
    assert "CAW Partnerstad" in listing
    assert "signaalverwerker van eigen personeel" in listing

    detail = text(client.get(partners.url(f"partners/{partners.partner.id}")))
    assert "Olga Partner" in detail and "Sam Medewerker" in detail


def test_givers_see_partners_but_not_their_people(client, login, partners):
    login(partners.giver)
    detail = text(client.get(partners.url(f"partners/{partners.partner.id}")))
    assert "CAW Partnerstad" in detail
    assert "Sam Medewerker" not in detail


def test_a_processor_adds_and_edits_an_organisation(client, login, partners):
    login(partners.processor)
    bad = client.post(
        partners.url("partners/nieuw"),
        data={"name": "CAW Partnerstad", "kind": "caw", "website": "javascript:alert(1)"},
    )
    assert bad.status_code == 400
    doc = parse(bad)
    assert error_for(doc, "name") == "Er is al een organisatie met die naam."
    assert "https://" in error_for(doc, "website")

    response = client.post(
        partners.url("partners/nieuw"),
        data={
            "name": "VDAB Partnerstad",
            "kind": "vdab",
            "public_contact": "info@vdab.example.org",
        },
    )
    assert response.status_code == 303
    assert "VDAB Partnerstad" in text(client.get(partners.url("partners")))


def test_personal_data_in_a_join_request_is_fixed_or_confirmed(app, client, partners):
    message = "Mevrouw Janssens (0470 12 34 56) wacht al maanden."
    data = _join_data(client, partners, message=message)
    refused = client.post(partners.url("meedoen"), data=data)

    assert refused.status_code == 400
    doc = parse(refused)
    assert "mogelijk persoonsgegevens" in error_for(doc, "message")
    assert doc.find("mark") is not None
    assert _join_requests(app) == []

    confirmed = client.post(partners.url("meedoen"), data={**data, "confirm_personal_data": "y"})
    assert confirmed.status_code == 303
    assert len(_join_requests(app)) == 1
