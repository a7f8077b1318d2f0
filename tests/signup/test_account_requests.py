"""A would-be giver asks for an account; the head processor of that municipality approves (an
invitation through the invitation path) or declines with a message. Spam-safe and guarded."""

from sqlalchemy import func, select

from tests.signals.helpers import parse, text
from webapp.extensions import db
from webapp.models import AccountRequest, AuditEntry, Invitation, RequestStatus

FORM = {
    "name": "Nora Nieuw",
    "email": "nora@caw.example.org",
    "organisation_name": "CAW Oost",
    "job": "Maatschappelijk werker",
    "message": "Ik werk in de wijk en zie veel signalen.",
    "idempotency_key": "aanvraag-1",
}


def _requests(app) -> list[AccountRequest]:
    with app.app_context():
        return db.session.scalars(select(AccountRequest).order_by(AccountRequest.id)).all()


def test_a_request_reaches_the_head_processor_once(app, client, town, outbox):
    url = town.url("account-aanvragen")
    assert "Een account aanvragen" in text(client.get(url))
    first = client.post(url, data=FORM)
    again = client.post(url, data=FORM)  # a double click stores one request
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"].endswith(town.url("account-aanvragen/verstuurd"))
    stored = _requests(app)
    assert [(r.name, r.email, r.municipality_id) for r in stored] == [
        ("Nora Nieuw", "nora@caw.example.org", town.municipality.id)
    ]
    assert [m["To"] for m in outbox] == ["hoofd@kortrijk.example.org"]
    assert "Nora Nieuw" in outbox[0].get_content()


def test_failed_validation_keeps_every_character(client, town):
    response = client.post(town.url("account-aanvragen"), data={**FORM, "email": "nora@"})
    assert response.status_code == 400
    page = parse(response)
    assert page.find("input", name="name").attrs["value"] == "Nora Nieuw"
    assert page.find("input", name="email").attrs["value"] == "nora@"
    assert "Vul een geldig e-mailadres in" in text(response)


def test_the_honeypot_stores_nothing(app, client, town, outbox):
    response = client.post(town.url("account-aanvragen"), data={**FORM, "homepage": "spam.example"})
    assert response.status_code == 303  # the bot learns nothing
    assert _requests(app) == []
    assert outbox == []


def test_personal_data_in_the_message_is_fixed_or_confirmed_first(app, client, town):
    data = {**FORM, "message": "Mevrouw Janssens belt me op 0470 12 34 56."}
    flagged = client.post(town.url("account-aanvragen"), data=data)
    assert flagged.status_code == 400
    assert "persoonsgegevens" in text(flagged)
    assert _requests(app) == []
    confirmed = client.post(
        town.url("account-aanvragen"), data={**data, "confirm_personal_data": "y"}
    )
    assert confirmed.status_code == 303
    assert len(_requests(app)) == 1


def test_approving_sends_an_invitation_as_giver(app, client, login, town, outbox):
    client.post(town.url("account-aanvragen"), data=FORM)
    request_id = _requests(app)[0].id
    login(town.head)
    assert "Nora Nieuw" in text(client.get(town.url("accountaanvragen")))
    outbox.clear()
    response = client.post(
        town.url(f"accountaanvragen/{request_id}"), data={"decision": "approve", "message": ""}
    )
    assert response.status_code == 303
    with app.app_context():
        invitation = db.session.scalars(select(Invitation)).one()
        assert (invitation.email, invitation.role) == ("nora@caw.example.org", "giver")
        stored = db.session.get(AccountRequest, request_id)
        assert stored.status == RequestStatus.APPROVED.value
        assert stored.invitation_id == invitation.id
        assert db.session.scalar(
            select(func.count()).where(AuditEntry.action == "account_request.approved")
        )
    assert [m["To"] for m in outbox] == ["nora@caw.example.org"]
    assert "/uitnodiging/" in outbox[0].get_content()
    # Decided once: a second decision changes nothing.
    client.post(
        town.url(f"accountaanvragen/{request_id}"), data={"decision": "decline", "message": "x"}
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Invitation)) == 1
        assert db.session.get(AccountRequest, request_id).status == RequestStatus.APPROVED.value


def test_declining_needs_a_message_and_mails_it(app, client, login, town, outbox):
    client.post(town.url("account-aanvragen"), data=FORM)
    request_id = _requests(app)[0].id
    login(town.head)
    outbox.clear()
    refused = client.post(town.url(f"accountaanvragen/{request_id}"), data={"decision": "decline"})
    assert refused.status_code == 400
    assert "waarom je weigert" in text(refused)
    response = client.post(
        town.url(f"accountaanvragen/{request_id}"),
        data={"decision": "decline", "message": "Vraag het via je eigen dienst aan."},
    )
    assert response.status_code == 303
    assert [m["To"] for m in outbox] == ["nora@caw.example.org"]
    assert "Vraag het via je eigen dienst aan." in outbox[0].get_content()
    with app.app_context():
        assert db.session.scalars(select(Invitation)).all() == []


def test_another_municipalitys_head_never_sees_the_request(app, client, login, town, other_town):
    client.post(town.url("account-aanvragen"), data=FORM)
    request_id = _requests(app)[0].id
    login(other_town.head)
    assert "Nora Nieuw" not in text(client.get(other_town.url("accountaanvragen")))
    response = client.post(
        other_town.url(f"accountaanvragen/{request_id}"), data={"decision": "approve"}
    )
    assert response.status_code == 404
