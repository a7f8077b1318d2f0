"""Bulk changes on a selection from the inbox: a confirmation first, then every signal changed
with its own history and audit entry, and back to the inbox as it was filtered."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.processing.helpers import audit_entries, history, stored_signal
from tests.signals.helpers import parse, text
from webapp.models import Role


@pytest.fixture
def head(as_user, town):
    return as_user(town.head)


@pytest.fixture
def three(make, town):
    return [
        make.signal(town.municipality, town.giver, title=f"Signaal {name}")
        for name in ("een", "twee", "drie")
    ]


def _bulk(town) -> str:
    return town.url("verwerken/bulk")


def _hidden(doc, name: str) -> list[str]:
    return [n.attrs.get("value", "") for n in doc.find_all("input", name=name)]


def test_selection_form_in_the_inbox_posts_to_bulk(head, town, three):
    doc = parse(head.get(town.inbox("status=submitted")))

    form = doc.find("form", action=_bulk(town))
    assert form.attrs["method"] == "post"
    assert len(form.find_all("input", name="signal_ids")) == 3
    assert form.find("select", name="status") is not None
    assert form.find("select", name="assignee") is not None
    assert form.find("button", type="submit").text() == "Verder"


def test_first_post_asks_for_confirmation_and_changes_nothing(app, head, town, three):
    chosen = three[:2]

    response = head.post(
        _bulk(town),
        data={
            "signal_ids": [str(s.id) for s in chosen],
            "status": "in_progress",
            "note": "We nemen dit mee naar het overleg.",
            "filters": "status=submitted&sort=oudste",
        },
    )

    assert response.status_code == 200
    doc = parse(response)
    assert doc.find("h1").text() == "2 signalen bijwerken?"
    listed = [h.find("a").text() for h in doc.find_all("h2")]
    assert sorted(listed) == ["Signaal een", "Signaal twee"]
    assert "De status wordt in behandeling" in doc.text()
    assert "We nemen dit mee naar het overleg." in doc.text()
    assert sorted(_hidden(doc, "signal_ids")) == sorted(str(s.id) for s in chosen)
    assert _hidden(doc, "status") == ["in_progress"]
    assert _hidden(doc, "confirm") == ["1"]
    assert _hidden(doc, "filters") == ["status=submitted&sort=oudste"]
    assert doc.find("main").find("button", type="submit").text() == "Bevestigen"
    assert [stored_signal(app, s)["status"] for s in three] == ["submitted"] * 3
    assert audit_entries(app) == []


def test_confirmed_status_change_applies_to_each_signal(app, head, town, three):
    chosen = three[:2]

    response = head.post(
        _bulk(town),
        data={
            "signal_ids": [str(s.id) for s in chosen],
            "status": "in_progress",
            "note": "Samen opgepakt.",
            "filters": "status=submitted&sort=oudste&pagina=1",
            "confirm": "1",
        },
    )

    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert location.path == town.inbox()
    assert parse_qs(location.query) == {
        "status": ["submitted"],
        "sort": ["oudste"],
        "pagina": ["1"],
    }
    for signal in chosen:
        assert stored_signal(app, signal)["status"] == "in_progress"
        assert history(app, signal)[-1] == (
            "submitted",
            "in_progress",
            "Samen opgepakt.",
            town.head.id,
        )
    assert stored_signal(app, three[2])["status"] == "submitted"
    entries = audit_entries(app)
    assert sorted(e[3] for e in entries) == sorted(s.id for s in chosen)
    assert {e[0] for e in entries} == {"signal.status"}
    page = head.get(response.headers["Location"])
    assert "2 signalen bijgewerkt." in [
        p.text() for p in parse(page).find_all("p", class_="flash flash-success")
    ]


def test_bulk_assignment_and_taking_it_back(app, head, town, three):
    ids = [str(s.id) for s in three]

    head.post(
        _bulk(town), data={"signal_ids": ids, "assignee": str(town.processor.id), "confirm": "1"}
    )

    assert {stored_signal(app, s)["assignee_id"] for s in three} == {town.processor.id}
    assert len(audit_entries(app)) == 3

    confirm = head.post(_bulk(town), data={"signal_ids": ids, "assignee": "niemand"})
    assert "De toewijzing wordt weggehaald." in text(confirm)
    head.post(_bulk(town), data={"signal_ids": ids, "assignee": "niemand", "confirm": "1"})

    assert {stored_signal(app, s)["assignee_id"] for s in three} == {None}


def test_signals_out_of_scope_are_ignored(app, head, make, town, other_town, three):
    elsewhere = make.signal(other_town.municipality, other_town.giver, title="Gents signaal")

    response = head.post(
        _bulk(town),
        data={"signal_ids": [str(three[0].id), str(elsewhere.id), "424242"], "status": "closed"},
    )

    assert response.status_code == 200
    assert parse(response).find("h1").text() == "1 signaal bijwerken?"
    assert "Gents signaal" not in text(response)

    head.post(
        _bulk(town),
        data={
            "signal_ids": [str(three[0].id), str(elsewhere.id)],
            "status": "closed",
            "confirm": "1",
        },
    )
    assert stored_signal(app, three[0])["status"] == "closed"
    assert stored_signal(app, elsewhere)["status"] == "submitted"


def test_own_staff_organisation_processor_changes_only_own_staff_signals(app, as_user, make, town):
    make.agreement(town.municipality, town.caw)
    org_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.caw)
    own = make.signal(town.municipality, town.giver)
    other = make.signal(town.municipality, town.colleague)

    as_user(org_processor).post(
        _bulk(town),
        data={"signal_ids": [str(own.id), str(other.id)], "status": "closed", "confirm": "1"},
    )

    assert stored_signal(app, own)["status"] == "closed"
    assert stored_signal(app, other)["status"] == "submitted"


def test_nothing_selected_goes_back_with_a_message(head, town, three):
    response = head.post(_bulk(town), data={"status": "closed", "filters": "theme=wonen"})

    assert response.status_code == 303
    assert response.headers["Location"].endswith("/verwerken?theme=wonen")
    page = head.get(response.headers["Location"])
    assert "Kies eerst een of meer signalen in de lijst." in text(page)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies een nieuwe status of iemand om aan toe te wijzen."),
        ({"status": "not_retained"}, "Zeg waarom de signalen niet weerhouden worden."),
        ({"status": "verzonnen"}, "Kies een waarde uit de lijst."),
    ],
)
def test_incomplete_choices_are_asked_again(app, head, town, three, data, message):
    response = head.post(
        _bulk(town), data={"signal_ids": [str(three[0].id)], "confirm": "1", **data}
    )

    assert response.status_code == 400
    doc = parse(response)
    assert doc.find("h1").text() == "Nog niet alles is in orde"
    assert doc.find("div", class_="error-summary") is not None
    assert message in doc.text()
    assert doc.find("input", name="signal_ids").attrs.get("checked") is not None
    assert stored_signal(app, three[0])["status"] == "submitted"
    assert audit_entries(app) == []


def test_assignee_must_handle_every_selected_signal(app, head, make, town):
    make.agreement(town.municipality, town.caw)
    caw_processor = make.user(
        Role.ORG_PROCESSOR, town.municipality, organisation=town.caw, name="Carl CAW"
    )
    own = make.signal(town.municipality, town.giver)
    other = make.signal(town.municipality, town.colleague)

    response = head.post(
        _bulk(town),
        data={
            "signal_ids": [str(own.id), str(other.id)],
            "assignee": str(caw_processor.id),
            "confirm": "1",
        },
    )

    assert response.status_code == 400
    assert "Carl CAW behandelt niet alle gekozen signalen." in text(response)
    assert stored_signal(app, own)["assignee_id"] is None


@pytest.mark.parametrize("ids", [["abc"], ["-1"], ["1.5"], [str(2**40)], ["²"]])
def test_ids_that_no_checkbox_sends_are_a_bad_request(head, town, three, ids):
    response = head.post(_bulk(town), data={"signal_ids": ids, "status": "closed"})

    assert response.status_code == 400


def test_too_many_signals_at_once_are_refused(head, town, three):
    ids = [str(n) for n in range(1, 102)]

    response = head.post(_bulk(town), data={"signal_ids": ids, "status": "closed"})

    assert response.status_code == 400
    assert "Kies hoogstens 100 signalen tegelijk." in text(response)


def test_unchanged_signals_do_not_count(app, head, town, three):
    response = head.post(
        _bulk(town),
        data={"signal_ids": [str(three[0].id)], "status": "submitted", "confirm": "1"},
    )

    page = head.get(response.headers["Location"])
    assert "Geen signalen bijgewerkt: er was niets te wijzigen." in text(page)
    assert len(history(app, three[0])) == 1


def test_the_way_back_keeps_only_inbox_filters(head, town, three):
    response = head.post(
        _bulk(town),
        data={
            "signal_ids": [str(three[0].id)],
            "status": "closed",
            "confirm": "1",
            "filters": "theme=wonen&_external=1&next=https://evil.example/",
        },
    )

    assert response.headers["Location"].endswith("/kortrijk/verwerken?theme=wonen")
