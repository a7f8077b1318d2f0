"""The same review step on every free text that another person can read: a flagged text is
shown highlighted, nothing is stored, what was typed stays in the form, and only a
confirmation of exactly the reviewed text stores it."""

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from tests.signals.helpers import HTMX, field_value, parse, text
from webapp.extensions import db
from webapp.models import (
    Action,
    ActionUpdate,
    AuditEntry,
    Feedback,
    InternalNote,
    Meeting,
    Reinforcement,
    SignalCard,
    StatusChange,
    Supplement,
)

PHONE = "0470 12 34 56"
FLAGGED = f"Bel de moeder op {PHONE} na vijf uur, ze wacht al maanden op een antwoord."


@dataclass
class Case:
    name: str
    role: str  # who writes it: "giver" or "head"
    path: str  # relative to the municipality, {signal}, {card} and {action} filled in
    data: dict
    field: str  # the name of the text field
    model: type
    status_ok: int = 303


CASES = [
    Case(
        "supplement",
        "giver",
        "signalen/{signal}/aanvullen",
        {"submission_token": "x" * 24},
        "body",
        Supplement,
    ),
    Case("reinforcement", "giver", "signalen/{signal}/versterken", {}, "context", Reinforcement),
    Case(
        "status note",
        "head",
        "verwerken/signalen/{signal}/status",
        {"status": "in_progress"},
        "note",
        StatusChange,
    ),
    Case("internal note", "head", "verwerken/signalen/{signal}/notities", {}, "body", InternalNote),
    Case("feedback", "head", "verwerken/signalen/{signal}/terugkoppeling", {}, "body", Feedback),
    Case(
        "card summary",
        "head",
        "fiches/nieuw",
        {"title": "Wachtlijst budgetbegeleiding", "public_status": "exploring"},
        "summary",
        SignalCard,
    ),
    Case(
        "card status message",
        "head",
        "fiches/{card}/status",
        {"public_status": "in_action"},
        "message",
        AuditEntry,  # a status change is recorded in the audit log only
    ),
    Case(
        "action description",
        "head",
        "acties/nieuw",
        {"title": "Inloopmoment budgethulp", "status": "planned"},
        "description",
        Action,
    ),
    Case(
        "action progress",
        "head",
        "acties/{action}/voortgang",
        {"happened_on": "2026-01-15"},
        "body",
        ActionUpdate,
    ),
    Case(
        "meeting description",
        "head",
        "agenda/nieuw",
        {
            "kind": "overleg",
            "title": "Overleg wonen",
            "day": "2026-03-15",
            "starts": "14:00",
            "ends": "16:00",
            "place": "Stadhuis",
        },
        "description",
        Meeting,
    ),
]


def _count(app, model) -> int:
    with app.app_context():
        number = db.session.scalar(select(func.count()).select_from(model))
        db.session.remove()
        return number


@pytest.fixture
def world(make, town):
    signal = make.signal(town.municipality, giver=town.giver)
    action = make.action(town.municipality, title="Interne actie")
    card = make.card(town.municipality, title="Ontwerpfiche")
    return {"signal": signal.id, "action": action.id, "card": card.id}


def _url(town, case: Case, world) -> str:
    return town.url(case.path.format(**world))


def _reviewed_form(doc):
    """The form that asks for the confirmation (a page can hold several forms)."""
    forms = [f for f in doc.find_all("form") if f.find("input", name="confirm_personal_data")]
    assert len(forms) == 1
    return forms[0]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_flagged_text_gets_the_review_step_and_is_not_stored(
    app, client, login, town, world, case
):
    login(getattr(town, case.role))
    before = _count(app, case.model)

    response = client.post(_url(town, case, world), data={**case.data, case.field: FLAGGED})

    assert response.status_code == 422
    doc = parse(response)
    warning = doc.find("div", class_="pii-warning")
    assert warning is not None and warning.attrs["role"] == "alert"
    assert "Gevonden: 1 × telefoonnummer" in warning.text()
    assert [m.text() for m in warning.find_all("mark")] == [PHONE]
    assert field_value(_reviewed_form(doc), case.field) == FLAGGED  # nothing typed is lost
    assert _count(app, case.model) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_confirming_the_reviewed_text_stores_it(app, client, login, town, world, case):
    login(getattr(town, case.role))
    before = _count(app, case.model)
    data = {**case.data, case.field: FLAGGED}
    doc = parse(client.post(_url(town, case, world), data=data))

    confirmed = {
        **data,
        "reviewed_text": field_value(_reviewed_form(doc), "reviewed_text"),
        "confirm_personal_data": "y",
    }
    response = client.post(_url(town, case, world), data=confirmed)

    assert response.status_code == case.status_ok, text(response)
    assert _count(app, case.model) == before + 1


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_confirmation_covers_only_the_text_that_was_reviewed(
    app, client, login, town, world, case
):
    login(getattr(town, case.role))
    before = _count(app, case.model)
    data = {**case.data, case.field: FLAGGED}
    doc = parse(client.post(_url(town, case, world), data=data))

    changed = {
        **data,
        case.field: FLAGGED + " Of mail an.peeters [at] telenet.be.",
        "reviewed_text": field_value(_reviewed_form(doc), "reviewed_text"),
        "confirm_personal_data": "y",
    }
    response = client.post(_url(town, case, world), data=changed)

    assert response.status_code == 422
    assert len(parse(response).find("div", class_="pii-warning").find_all("mark")) == 2
    assert _count(app, case.model) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_clean_text_is_stored_at_once(app, client, login, town, world, case):
    login(getattr(town, case.role))
    before = _count(app, case.model)
    clean = "Drie gezinnen wachten al 3 maanden op een antwoord van de dienst."

    response = client.post(_url(town, case, world), data={**case.data, case.field: clean})

    assert response.status_code == case.status_ok, text(response)
    assert _count(app, case.model) == before + 1


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.path.startswith(("signalen/{", "verwerken", "acties/{", "fiches/{"))],
    ids=lambda c: c.name,
)
def test_htmx_gets_the_review_step_in_the_fragment(app, client, login, town, world, case):
    login(getattr(town, case.role))

    response = client.post(
        _url(town, case, world), data={**case.data, case.field: FLAGGED}, headers=HTMX
    )

    assert response.status_code == 422
    body = text(response)
    assert "<html" not in body
    doc = parse(response)
    assert doc.find("mark", class_="pii").text() == PHONE
    assert field_value(_reviewed_form(doc), case.field) == FLAGGED
    checkbox = doc.find("input", name="confirm_personal_data")
    label = doc.find("label", **{"for": checkbox.attrs["id"]})
    assert label is not None and "geen persoonsgegevens" in label.text()


def test_each_form_on_the_processing_page_keeps_unique_ids(app, client, login, town, world):
    login(town.head)
    response = client.post(
        town.url(f"verwerken/signalen/{world['signal']}/notities"), data={"body": FLAGGED}
    )
    ids = [node.attrs["id"] for node in parse(response).iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids))


def test_a_bulk_status_note_gets_the_review_step(app, client, login, town, world):
    login(town.head)
    before = _count(app, StatusChange)
    data = {
        "signal_ids": [str(world["signal"])],
        "status": "in_progress",
        "note": FLAGGED,
        "confirm": "1",
    }

    response = client.post(town.url("verwerken/bulk"), data=data)

    assert response.status_code == 422
    doc = parse(response)
    assert doc.find("mark", class_="pii").text() == PHONE
    form = _reviewed_form(doc)
    assert field_value(form, "note") == FLAGGED
    assert _count(app, StatusChange) == before

    confirmed = {
        **data,
        "reviewed_text": field_value(form, "reviewed_text"),
        "confirm_personal_data": "y",
    }
    assert client.post(town.url("verwerken/bulk"), data=confirmed).status_code == 303
    assert _count(app, StatusChange) == before + 1
