"""The audit log: every change by a processor, browsed and filtered by the head processor."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.signals.helpers import HTMX, parse, text
from webapp import audit
from webapp.extensions import db
from webapp.models import AuditEntry
from webapp.processing.logbook import distinct_audit_values


@pytest.fixture
def head(as_user, town):
    return as_user(town.head)


@pytest.fixture
def signal(make, town):
    return make.signal(town.municipality, town.giver, title="Wachtlijst jeugdhulp")


def _entries(response) -> list[str]:
    results = parse(response).by_id("resultaten")
    listing = results.find("ul", class_="people")
    return [li.text() for li in listing.find_all("li")] if listing else []


def _backdate(app, when: datetime) -> None:
    with app.app_context():
        for entry in db.session.scalars(db.select(AuditEntry)):
            entry.created_at = when
        db.session.commit()
        db.session.remove()


def test_head_processor_reads_who_changed_what_and_when(app, head, as_user, town, signal):
    as_user(town.processor).post(town.handle(signal, "status"), data={"status": "in_progress"})
    head.post(town.handle(signal, "notities"), data={"body": "Opvolgen in maart."})

    response = head.get(town.url("verwerken/logboek"))

    assert response.status_code == 200
    entries = _entries(response)
    assert len(entries) == 2
    assert " om " in entries[0].split(" · ")[0]  # when: date and time
    assert "Hanne Hoofd" in entries[0] and "interne notitie" in entries[0]
    assert "Pieter Verwerker" in entries[1]
    assert "Status van signaal" in entries[1]
    assert "van ingediend naar in behandeling" in entries[1]
    assert "2 wijzigingen." in text(response)


def test_filter_by_actor_kind_and_period(app, head, as_user, town, signal):
    as_user(town.processor).post(town.handle(signal, "status"), data={"status": "in_progress"})
    _backdate(app, datetime(2026, 3, 10, 12, tzinfo=UTC))
    head.post(town.handle(signal, "notities"), data={"body": "Opvolgen."})
    head.post(town.handle(signal, "terugkoppeling"), data={"body": "We volgen dit op."})

    page = parse(head.get(town.url("verwerken/logboek")))
    actors = [o.text() for o in page.find("select", name="actor").find_all("option")]
    kinds = [o.attrs["value"] for o in page.find("select", name="action").find_all("option")]
    assert actors == ["Iedereen", "Hanne Hoofd", "Pieter Verwerker"]
    assert kinds == ["", "signal.feedback", "signal.note", "signal.status"]

    by_actor = head.get(town.url(f"verwerken/logboek?actor={town.processor.id}"))
    by_kind = head.get(town.url("verwerken/logboek?action=signal.feedback"))
    in_march = head.get(town.url("verwerken/logboek?since=2026-03-01&until=2026-03-31"))

    assert len(_entries(by_actor)) == 1 and "Pieter Verwerker" in _entries(by_actor)[0]
    assert len(_entries(by_kind)) == 1 and "Terugkoppeling" in _entries(by_kind)[0]
    assert len(_entries(in_march)) == 1 and "Pieter Verwerker" in _entries(in_march)[0]
    fragment = head.get(town.url("verwerken/logboek?action=signal.note"), headers=HTMX)
    assert text(fragment).lstrip().startswith('<section id="resultaten"')


def test_log_is_paged_by_50(app, head, town, signal):
    for number in range(55):
        head.post(town.handle(signal, "notities"), data={"body": f"Notitie {number}"})

    first = head.get(town.url("verwerken/logboek"))
    second = head.get(town.url("verwerken/logboek?pagina=2"))

    assert len(_entries(first)) == 50
    assert "Pagina 1 van 2" in text(first)
    assert len(_entries(second)) == 5
    assert parse(second).find("a", rel="prev") is not None


def test_log_shows_nothing_of_another_municipality(app, as_user, make, town, other_town):
    elsewhere = make.signal(other_town.municipality, other_town.giver, title="Gents signaal")
    as_user(other_town.head).post(other_town.handle(elsewhere, "notities"), data={"body": "Gent"})

    response = as_user(town.head).get(town.url("verwerken/logboek"))

    assert _entries(response) == []
    assert "Er zijn nog geen wijzigingen." in text(response)
    assert "Gents signaal" not in text(response)


@pytest.mark.parametrize("who", ["giver", "alderman"])
def test_only_the_head_and_colleague_processors_read_the_log(as_user, town, who):
    """Colleague processors manage the tool with the head processor (issue 21)."""
    response = as_user(getattr(town, who)).get(town.url("verwerken/logboek"))

    assert response.status_code == 403
    assert as_user(town.processor).get(town.url("verwerken/logboek")).status_code == 200


@pytest.mark.parametrize(
    "query", ["actor=abc", "actor=999999", "action=iets", "since=morgen", "pagina=0"]
)
def test_invalid_log_filters_answer_400(head, town, query):
    assert head.get(town.url(f"verwerken/logboek?{query}")).status_code == 400


def _codes_recorded_in_the_code() -> set[str]:
    root = Path(__file__).resolve().parents[2] / "webapp"
    pattern = re.compile(r"audit\.(?:record|add_recorded)\(\s*[^\"]*?\"([a-z_]+\.[a-z_]+)\"", re.S)
    return {code for path in root.rglob("*.py") for code in pattern.findall(path.read_text())}


def test_every_recorded_change_has_a_dutch_label():
    codes = _codes_recorded_in_the_code()
    assert {"signal.status", "card.create", "action.progress", "meeting.agenda"} <= codes
    assert codes - set(audit.ACTION_LABELS) == set()


def test_card_changes_show_in_dutch(head, town):
    head.post(
        town.url("fiches/nieuw"),
        data={"title": "Wachtlijsten", "summary": "", "public_status": "exploring"},
    )

    page = parse(head.get(town.url("verwerken/logboek")))

    options = [o.text() for o in page.find("select", name="action").find_all("option")]
    assert "nieuwe signaalfiche" in options
    entries = _entries(head.get(town.url("verwerken/logboek")))
    assert len(entries) == 1 and "nieuwe signaalfiche" in entries[0]
    assert "card.create" not in entries[0]


def test_the_filter_choices_are_the_distinct_values_used_here(app, make, town, other_town):
    with app.app_context():
        rows = [
            (town, town.processor.id, "signal.status"),
            (town, town.head.id, "signal.note"),
            (town, None, "privacy.purge"),
            (town, town.processor.id, "signal.note"),
            (other_town, other_town.head.id, "card.create"),
        ]
        for place, actor_id, action in rows * 3:
            db.session.add(
                AuditEntry(
                    municipality_id=place.municipality.id,
                    actor_id=actor_id,
                    action=action,
                    subject_type="signal",
                    subject_id=1,
                    summary="Iets gewijzigd.",
                )
            )
        db.session.commit()

        actors = distinct_audit_values(AuditEntry.actor_id, town.municipality.id)
        actions = distinct_audit_values(AuditEntry.action, town.municipality.id)
        nothing = distinct_audit_values(AuditEntry.action, town.municipality.id + 1000)

    assert actors == sorted([town.processor.id, town.head.id])
    assert actions == ["privacy.purge", "signal.note", "signal.status"]
    assert nothing == []
