"""The publication gate: a card, action or meeting holding a finding goes public only after a
head processor confirmed exactly that text (audited); the services enforce it, not only forms."""

import pytest
from sqlalchemy import select

from tests.cards.helpers import audit_actions, card_ids, card_row
from tests.signals.helpers import field_value, parse, text
from webapp.actions import services as action_services
from webapp.cards import services as card_services
from webapp.extensions import db
from webapp.meetings import services as meeting_services
from webapp.models import (
    Action,
    ActionStatus,
    AuditEntry,
    CardStatus,
    Meeting,
    MeetingKind,
    Municipality,
    ReviewedText,
    SignalCard,
    User,
    utcnow,
)
from webapp.publication import PublicationBlocked

INSZ = "85.07.30-033.28"
SUMMARY = f"Een gezin (RRN {INSZ}) wacht al een jaar op een sociale woning."
CLEAN = "Gezinnen wachten gemiddeld een jaar op een sociale woning."


def _card(**overrides) -> dict:
    data = {
        "title": "Wachtlijst sociale woningen",
        "summary": SUMMARY,
        "public_status": "exploring",
        "published": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _confirm(response, data: dict) -> dict:
    return {
        **data,
        "reviewed_text": field_value(parse(response), "reviewed_text"),
        "confirm_personal_data": "y",
    }


def _reviewed(app) -> list[tuple[str, int]]:
    with app.app_context():
        rows = db.session.execute(select(ReviewedText.subject_type, ReviewedText.subject_id)).all()
        db.session.remove()
        return [tuple(r) for r in rows]


def test_a_public_card_with_a_finding_is_not_published_until_confirmed(app, client, login, town):
    login(town.head)

    response = client.post(town.url("fiches/nieuw"), data=_card())

    assert response.status_code == 422
    assert parse(response).find("mark", class_="pii").text() == INSZ
    assert card_ids(app) == []

    response = client.post(town.url("fiches/nieuw"), data=_confirm(response, _card()))

    assert response.status_code == 303
    [card_id] = card_ids(app)
    assert card_row(app, card_id)["published"] is True
    assert ("publication.confirm", "signal_card", town.head.id) in audit_actions(app)
    assert _reviewed(app) == [("signal_card", card_id)]


def test_the_confirmation_is_in_the_audit_log_without_the_personal_data(app, client, login, town):
    login(town.head)
    first = client.post(town.url("fiches/nieuw"), data=_card())
    client.post(town.url("fiches/nieuw"), data=_confirm(first, _card()))

    page = text(client.get(town.url("verwerken/logboek")))

    assert "vrijgegeven voor publicatie" in page
    assert "1 × rijksregisternummer" in page
    assert INSZ not in page


def test_a_processor_cannot_confirm_a_finding_on_a_public_card(app, client, login, town):
    login(town.processor)

    response = client.post(town.url("fiches/nieuw"), data=_card())

    assert response.status_code == 422
    doc = parse(response)
    assert "Alleen een hoofdsignaalverwerker" in doc.find("div", class_="pii-warning").text()
    assert doc.find("input", name="confirm_personal_data") is None
    assert field_value(doc, "summary") == SUMMARY
    # Ticking the box anyway (with the fingerprint shown) changes nothing.
    forged = client.post(town.url("fiches/nieuw"), data=_confirm(response, _card()))
    assert forged.status_code == 422
    assert card_ids(app) == []


def test_a_processor_may_confirm_a_draft_which_a_head_processor_then_publishes(
    app, client, login, town
):
    login(town.processor)
    draft = _card(published=None)
    first = client.post(town.url("fiches/nieuw"), data=draft)
    assert client.post(town.url("fiches/nieuw"), data=_confirm(first, draft)).status_code == 303
    [card_id] = card_ids(app)
    assert card_row(app, card_id)["published"] is False
    assert _reviewed(app) == []  # a draft's confirmation does not clear it for publication

    login(town.head)
    edit_url = town.url(f"fiches/{card_id}/bewerken")
    version = field_value(parse(client.get(edit_url)), "version")
    publish = _card(version=version)
    response = client.post(edit_url, data=publish)
    assert response.status_code == 422
    response = client.post(edit_url, data=_confirm(response, publish))
    assert response.status_code == 303
    assert card_row(app, card_id)["published"] is True


def test_a_changed_text_needs_a_new_confirmation(app, client, login, town):
    login(town.head)
    first = client.post(town.url("fiches/nieuw"), data=_card())
    client.post(town.url("fiches/nieuw"), data=_confirm(first, _card()))
    [card_id] = card_ids(app)
    edit_url = town.url(f"fiches/{card_id}/bewerken")

    version = field_value(parse(client.get(edit_url)), "version")
    same = client.post(edit_url, data=_card(version=version, public_status="in_action"))
    assert same.status_code == 303  # the confirmed text stays confirmed while it is unchanged

    changed_summary = SUMMARY + " Bel 0470 12 34 56."
    version = field_value(parse(client.get(edit_url)), "version")
    changed = client.post(edit_url, data=_card(summary=changed_summary, version=version))
    assert changed.status_code == 422
    assert len(parse(changed).find("div", class_="pii-warning").find_all("mark")) == 2
    assert card_row(app, card_id)["summary"] == SUMMARY

    version = field_value(parse(client.get(edit_url)), "version")
    fixed = client.post(edit_url, data=_card(summary=CLEAN, version=version))
    assert fixed.status_code == 303
    assert card_row(app, card_id)["summary"] == CLEAN
    assert _reviewed(app) == []  # the old confirmation is gone with its text


# --- The services enforce the gate, whatever calls them -----------------------------------------


@pytest.fixture
def people(app, town):
    def load():
        municipality = db.session.get(Municipality, town.municipality.id)
        head = db.session.get(User, town.head.id)
        processor = db.session.get(User, town.processor.id)
        return municipality, head, processor

    return load


def _create_card(municipality, actor, summary=SUMMARY, **kwargs):
    return card_services.create_card(
        municipality,
        actor,
        title="Wachtlijst",
        summary=summary,
        themes=[],
        public_status=CardStatus.EXPLORING,
        published=True,
        signals=[],
        **kwargs,
    )


def test_the_card_service_refuses_an_unconfirmed_finding(app, people):
    with app.app_context():
        municipality, head, processor = people()
        with pytest.raises(PublicationBlocked):
            _create_card(municipality, head)
        with pytest.raises(PublicationBlocked):
            _create_card(municipality, processor, confirm_findings=True)
        assert db.session.scalar(select(SignalCard.id)) is None
        card = _create_card(municipality, head, confirm_findings=True)
        assert card.published
        db.session.rollback()


def test_the_action_service_guards_creation_publication_and_progress(app, people):
    with app.app_context():
        municipality, head, processor = people()
        fields = {
            "title": "Inloopmoment",
            "description": f"Voor mevrouw Maria Janssens (78 jaar), {INSZ}.",
            "organisation": None,
            "status": ActionStatus.PLANNED,
            "cards": [],
        }
        with pytest.raises(PublicationBlocked):
            action_services.create_action(municipality, head, is_public=True, **fields)
        action = action_services.create_action(
            municipality, processor, is_public=False, **{**fields, "description": CLEAN}
        )
        action_services.add_update(action, processor, utcnow().date(), "Bel 0470 12 34 56.")
        # Making it public would publish the progress update too.
        with pytest.raises(PublicationBlocked):
            action_services.update_action(
                action, head, is_public=True, **{**fields, "description": CLEAN}
            )
        action_services.update_action(
            action, head, is_public=True, confirm_findings=True, **{**fields, "description": CLEAN}
        )
        with pytest.raises(PublicationBlocked):
            action_services.add_update(action, processor, utcnow().date(), f"RRN {INSZ}")
        db.session.rollback()


def test_the_meeting_service_guards_public_meetings(app, people):
    with app.app_context():
        municipality, head, processor = people()
        start = utcnow()
        fields = {
            "kind": MeetingKind.CONSULTATION,
            "title": "Overleg met meneer Peeters",
            "starts_at": start,
            "ends_at": start,
            "place": "Stadhuis, Grote Markt 54",  # a venue's address is public by nature
            "description": "",
            "cards": [],
            "signals": [],
        }
        with pytest.raises(PublicationBlocked):
            meeting_services.create_meeting(municipality, processor, is_public=True, **fields)
        meeting = meeting_services.create_meeting(
            municipality, processor, is_public=True, **{**fields, "title": "Overleg wonen"}
        )
        with pytest.raises(PublicationBlocked):
            meeting_services.update_meeting(
                meeting, processor, **{**fields, "is_public": True, "description": f"{INSZ}"}
            )
        assert db.session.scalar(select(Meeting.title)) == "Overleg wonen"
        db.session.rollback()


def test_internal_records_are_not_gated(app, people):
    with app.app_context():
        municipality, _, processor = people()
        action = action_services.create_action(
            municipality,
            processor,
            title="Intern",
            description=f"RRN {INSZ}",
            organisation=None,
            status=ActionStatus.PLANNED,
            is_public=False,
            cards=[],
        )
        assert db.session.get(Action, action.id).description == f"RRN {INSZ}"
        assert db.session.scalar(select(AuditEntry.action)) == "action.create"
        db.session.rollback()
