"""Handling one signal: everything about it, its status with history, assignment and notes."""

import pytest

from tests.processing.helpers import audit_entries, history, notes, stored_signal
from tests.signals.helpers import HTMX, field_value, parse, redirect_path, text
from webapp.models import Engagement, Role, SignalStatus


@pytest.fixture
def signal(make, town):
    return make.signal(
        town.municipality,
        town.giver,
        title="Te weinig betaalbare kinderopvang",
        description='Gezinnen vinden geen plaats <na> de schooluren & "wachten".',
        themes=("jeugd", "armoede"),
    )


@pytest.fixture
def head(as_user, town):
    return as_user(town.head)


def _flashes(response) -> list[str]:
    return [p.text() for p in parse(response).find_all("p", class_="flash flash-success")]


# --- The page ----------------------------------------------------------------------------------


def test_handle_page_shows_the_whole_signal_and_the_forms(head, as_user, town, signal):
    as_user(town.colleague).post(
        town.url(f"signalen/{signal.id}/versterken"), data={"context": "Ook in Heule."}
    )

    response = head.get(town.handle(signal))

    assert response.status_code == 200
    doc = parse(response)
    assert doc.find("h1").text() == "Te weinig betaalbare kinderopvang"
    assert "Ann Vermeulen, CAW Kortrijk · ann@caw-kortrijk.be" in doc.find("dl").text()
    assert "Jeugd" in doc.find("dl").text()
    assert 'Gezinnen vinden geen plaats <na> de schooluren & "wachten".' in doc.text()
    assert "Chris De Smet" in doc.text() and "Ook in Heule." in doc.text()
    assert doc.by_id("status").find("h2").text() == "Status: ingediend"
    assert doc.find("a", href=town.url(f"signalen/{signal.id}")) is not None
    for section, action in [
        ("status", "status"),
        ("toewijzing", "toewijzen"),
        ("notities", "notities"),
        ("terugkoppeling", "terugkoppeling"),
    ]:
        form = doc.by_id(section).find("form")
        assert form.attrs["method"] == "post"
        assert form.attrs["action"] == town.handle(signal, action)
        assert form.attrs["data-hx-post"] == town.handle(signal, action)
        assert form.attrs["data-hx-target"] == f"#{section}"
    options = [o.attrs["value"] for o in doc.find("select", name="status").find_all("option")]
    assert options == ["", *(s.value for s in SignalStatus)]
    assert doc.find("select", name="status").find("option").text() == "Kies een status"


def test_handle_page_shows_the_anonymous_contact_address(head, make, town):
    anonymous = make.signal(town.municipality, None, contact_email="melder@example.org")

    response = head.get(town.handle(anonymous))

    assert (
        "iemand zonder account · contact: melder@example.org" in parse(response).find("dl").text()
    )


@pytest.mark.parametrize("signal_id", [0, 999999, 2**31 - 1])
def test_unknown_signal_is_not_found(head, town, signal, signal_id):
    assert head.get(town.url(f"verwerken/signalen/{signal_id}")).status_code == 404
    assert head.get(town.url(f"verwerken/signalen/{2**31}")).status_code == 404


def test_signal_of_another_municipality_is_not_found_under_this_slug(head, make, town, other_town):
    elsewhere = make.signal(other_town.municipality, other_town.giver)

    assert head.get(town.handle(elsewhere)).status_code == 404
    assert head.post(town.handle(elsewhere, "notities"), data={"body": "x"}).status_code == 404


# --- Who gets in -------------------------------------------------------------------------------


PAGES = [
    ("get", ""),
    ("post", "bulk"),
    ("get", "signalen/{id}"),
    ("post", "signalen/{id}/status"),
    ("post", "signalen/{id}/toewijzen"),
    ("post", "signalen/{id}/notities"),
    ("post", "signalen/{id}/terugkoppeling"),
    ("get", "logboek"),
    ("get", "meldingen"),
    ("post", "meldingen"),
]


@pytest.mark.parametrize("who", ["giver", "alderman"])
def test_givers_and_aldermen_are_refused_on_every_processing_page(app, as_user, town, signal, who):
    client = as_user(getattr(town, who))
    data = {"status": "closed", "body": "Geheim", "notify": "none", "signal_ids": [signal.id]}

    for method, path in PAGES:
        url = town.url("verwerken/" + path.format(id=signal.id)).rstrip("/")
        response = getattr(client, method)(url, data=data if method == "post" else None)
        assert response.status_code == 403, (method, url)
        assert "Te weinig betaalbare kinderopvang" not in text(response)
    assert stored_signal(app, signal)["status"] == "submitted"
    assert notes(app, signal) == []


def test_anonymous_visitors_are_sent_to_login(client, town, signal):
    response = client.get(town.handle(signal))

    assert response.status_code == 302
    assert redirect_path(response) == "/login"
    assert client.post(town.handle(signal, "status"), data={"status": "closed"}).status_code == 401


# --- Status ------------------------------------------------------------------------------------


def test_status_change_without_javascript(app, head, town, signal):
    response = head.post(
        town.handle(signal, "status"),
        data={"status": "in_progress", "note": "We bekijken dit met de jeugddienst."},
    )

    assert response.status_code == 303
    assert redirect_path(response) == town.handle(signal)
    assert stored_signal(app, signal)["status"] == "in_progress"
    assert history(app, signal) == [
        (None, "submitted", None, None),
        ("submitted", "in_progress", "We bekijken dit met de jeugddienst.", town.head.id),
    ]
    [entry] = audit_entries(app)
    assert entry[:4] == ("signal.status", town.head.id, "signal", signal.id)
    assert "van ingediend naar in behandeling" in entry[4]
    page = head.get(town.handle(signal))
    assert _flashes(page) == ["De status is nu: in behandeling."]
    timeline = parse(page).by_id("status").find("ol").text()
    assert "van ingediend naar in behandeling, door Hanne Hoofd" in timeline
    assert "We bekijken dit met de jeugddienst." in timeline


def test_status_change_with_htmx_answers_the_status_block(app, head, town, signal):
    response = head.post(town.handle(signal, "status"), data={"status": "on_agenda"}, headers=HTMX)

    assert response.status_code == 200
    body = text(response)
    assert body.lstrip().startswith('<section id="status"')
    assert "<html" not in body
    section = parse(response).by_id("status")
    assert section.find("h2").text() == "Status: geagendeerd"
    assert section.find("p", role="status").text() == "De status is nu: geagendeerd."
    assert "van ingediend naar geagendeerd" in section.find("ol").text()


def test_history_is_append_only_and_givers_see_it(app, head, as_user, town, signal):
    head.post(town.handle(signal, "status"), data={"status": "in_progress"})
    head.post(town.handle(signal, "status"), data={"status": "action", "note": "Actie loopt."})
    head.post(town.handle(signal, "status"), data={"status": "closed"})

    assert [(f, t) for f, t, _, _ in history(app, signal)] == [
        (None, "submitted"),
        ("submitted", "in_progress"),
        ("in_progress", "action"),
        ("action", "closed"),
    ]
    giver_view = as_user(town.giver).get(town.url(f"signalen/{signal.id}"))
    assert "Actie loopt." in text(giver_view)
    assert len(audit_entries(app)) == 3


def test_not_retained_needs_a_reason(app, head, town, signal):
    response = head.post(town.handle(signal, "status"), data={"status": "not_retained"})

    assert response.status_code == 400
    doc = parse(response)
    assert doc.find("h1") is not None  # the whole page again, without JavaScript
    error = doc.by_id("status").find("p", class_="error").text()
    assert error == "Zeg waarom het signaal niet weerhouden wordt."
    # On a phone the form is far below: a summary at the top says what is wrong and links to it.
    summary = doc.find("div", class_="error-summary")
    assert summary is not None and summary.attrs["role"] == "alert"
    assert summary.find("a").attrs["href"] == "#status-toelichting"
    assert "Zeg waarom het signaal niet weerhouden wordt." in summary.text()
    # The address left in the address bar leads back to the page when reloaded.
    reloaded = head.get(town.handle(signal, "status"))
    assert reloaded.status_code == 303
    assert redirect_path(reloaded) == town.handle(signal)
    assert stored_signal(app, signal)["status"] == "submitted"
    assert audit_entries(app) == []

    fragment = head.post(
        town.handle(signal, "status"), data={"status": "not_retained"}, headers=HTMX
    )
    assert fragment.status_code == 400
    assert text(fragment).lstrip().startswith('<section id="status"')

    done = head.post(
        town.handle(signal, "status"),
        data={
            "status": "not_retained",
            "note": "Een individuele vraag, geen structureel probleem.",
        },
    )
    assert done.status_code == 303
    assert history(app, signal)[-1][1:3] == (
        "not_retained",
        "Een individuele vraag, geen structureel probleem.",
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"status": "verdwenen"}, {"status": "closed", "note": "x" * 2001}],
)
def test_invalid_status_changes_are_refused_in_dutch(app, head, town, signal, data):
    response = head.post(town.handle(signal, "status"), data=data)

    assert response.status_code == 400
    assert stored_signal(app, signal)["status"] == "submitted"
    assert parse(response).by_id("status").find("p", class_="error") is not None


def test_the_same_status_again_changes_nothing(app, head, town, signal):
    response = head.post(town.handle(signal, "status"), data={"status": "submitted"})

    assert response.status_code == 400
    assert "Dit signaal heeft de status ingediend al." in text(response)
    assert len(history(app, signal)) == 1
    assert audit_entries(app) == []


def test_status_note_is_kept_when_the_form_is_refused(head, town, signal):
    response = head.post(
        town.handle(signal, "status"), data={"status": "verdwenen", "note": "Mijn toelichting"}
    )

    assert field_value(parse(response), "note") == "Mijn toelichting"


# --- Assignment --------------------------------------------------------------------------------


def test_assign_to_a_processor_and_a_policy_domain(app, head, town, signal):
    page = parse(head.get(town.handle(signal)))
    choices = [o.text() for o in page.find("select", name="assignee").find_all("option")]
    assert choices == ["Niemand", "Hanne Hoofd", "Pieter Verwerker"]
    housing = next(
        o.attrs["value"]
        for o in page.find("select", name="domain").find_all("option")
        if o.text() == "Wonen"
    )

    response = head.post(
        town.handle(signal, "toewijzen"),
        data={"assignee": str(town.processor.id), "domain": housing},
    )

    assert response.status_code == 303
    stored = stored_signal(app, signal)
    assert stored["assignee_id"] == town.processor.id
    assert stored["domain_id"] == int(housing)
    summaries = [entry[4] for entry in audit_entries(app)]
    assert any("toegewezen aan Pieter Verwerker" in s for s in summaries)
    assert any("Beleidsdomein" in s and "Wonen" in s for s in summaries)
    assert all(entry[0] == "signal.assign" for entry in audit_entries(app))
    shown = parse(head.get(town.handle(signal))).by_id("toewijzing")
    assert "Toegewezen aan Pieter Verwerker, beleidsdomein Wonen." in shown.text()
    # The inbox shows it too.
    assert "toegewezen aan Pieter Verwerker (Wonen)" in text(head.get(town.inbox()))


def test_assignment_with_htmx_and_taking_it_back(app, head, town, signal, update_signal):
    update_signal(signal, assignee_id=town.processor.id)

    response = head.post(
        town.handle(signal, "toewijzen"), data={"assignee": "", "domain": ""}, headers=HTMX
    )

    assert response.status_code == 200
    section = parse(response).by_id("toewijzing")
    assert "Nog aan niemand toegewezen." in section.text()
    assert section.find("p", role="status").text() == "Toegewezen aan niemand."
    assert stored_signal(app, signal)["assignee_id"] is None
    assert "Toewijzing van signaal" in audit_entries(app)[-1][4]


def test_assigning_what_is_already_so_changes_nothing(app, head, town, signal):
    response = head.post(town.handle(signal, "toewijzen"), data={"assignee": "", "domain": ""})

    assert response.status_code == 303
    assert audit_entries(app) == []


@pytest.mark.parametrize("who", ["giver", "alderman", "other"])
def test_only_processors_of_the_municipality_can_be_assigned(
    app, head, town, other_town, signal, who
):
    user = other_town.head if who == "other" else getattr(town, who)

    response = head.post(town.handle(signal, "toewijzen"), data={"assignee": str(user.id)})

    assert response.status_code == 400
    assert stored_signal(app, signal)["assignee_id"] is None


def test_organisation_processors_are_assignable_within_their_scope(app, head, make, town, signal):
    make.agreement(town.municipality, town.ocmw)
    ocmw_processor = make.user(
        Role.ORG_PROCESSOR, town.municipality, organisation=town.ocmw, name="Olga OCMW"
    )
    make.agreement(town.municipality, town.caw, engagement=Engagement.BROAD_MANDATE)
    caw_processor = make.user(
        Role.ORG_PROCESSOR, town.municipality, organisation=town.caw, name="Carl CAW"
    )
    no_agreement = make.organisation(town.municipality, name="Jeugdhuis")
    make.user(Role.ORG_PROCESSOR, town.municipality, organisation=no_agreement, name="Jan Jeugd")

    page = parse(head.get(town.handle(signal)))  # given by CAW staff
    choices = [o.text() for o in page.find("select", name="assignee").find_all("option")]

    assert choices == ["Niemand", "Carl CAW", "Hanne Hoofd", "Pieter Verwerker"]
    refused = head.post(town.handle(signal, "toewijzen"), data={"assignee": str(ocmw_processor.id)})
    assert refused.status_code == 400
    accepted = head.post(town.handle(signal, "toewijzen"), data={"assignee": str(caw_processor.id)})
    assert accepted.status_code == 303
    assert stored_signal(app, signal)["assignee_id"] == caw_processor.id


def test_a_domain_of_another_municipality_is_refused(app, head, other_town, town, signal):
    from webapp.extensions import db
    from webapp.models import Theme

    with app.app_context():
        foreign = db.session.scalars(
            db.select(Theme).filter_by(municipality_id=other_town.municipality.id)
        ).first()
        foreign_id = foreign.id
        db.session.remove()

    response = head.post(town.handle(signal, "toewijzen"), data={"domain": str(foreign_id)})

    assert response.status_code == 400
    assert stored_signal(app, signal)["domain_id"] is None


# --- Internal notes ----------------------------------------------------------------------------


def test_processors_keep_internal_notes(app, head, as_user, town, signal):
    response = head.post(
        town.handle(signal, "notities"), data={"body": "Bel de directie van De Zonnebloem."}
    )

    assert response.status_code == 303
    assert notes(app, signal) == [(town.head.id, "Bel de directie van De Zonnebloem.")]
    assert audit_entries(app)[0][0] == "signal.note"
    # A colleague processor reads it.
    colleague_view = as_user(town.processor).get(town.handle(signal))
    section = parse(colleague_view).by_id("notities")
    assert "Hanne Hoofd" in section.text()
    assert "Bel de directie van De Zonnebloem." in section.text()


def test_note_with_htmx_answers_the_notes_block(head, town, signal):
    response = head.post(
        town.handle(signal, "notities"), data={"body": "Eerste notitie."}, headers=HTMX
    )

    assert response.status_code == 200
    section = parse(response).by_id("notities")
    assert "Eerste notitie." in section.text()
    assert section.find("p", role="status").text() == "Je interne notitie is bewaard."
    assert field_value(section, "body") == ""


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_empty_or_too_long_notes_are_refused(app, head, town, signal, body):
    response = head.post(town.handle(signal, "notities"), data={"body": body})

    assert response.status_code == 400
    assert notes(app, signal) == []


def test_givers_never_see_internal_notes(app, head, as_user, town, signal):
    secret = "Vertrouwelijk: de directie reageert niet op mails."
    head.post(town.handle(signal, "notities"), data={"body": secret})
    giver = as_user(town.giver)
    colleague = as_user(town.colleague)
    colleague.post(town.url(f"signalen/{signal.id}/volgen"), data={"follow": "1"})

    for client in (giver, colleague):
        assert client.get(town.handle(signal)).status_code == 403
        page = client.get(town.url(f"signalen/{signal.id}"))
        assert page.status_code == 200
        assert secret not in text(page)
        assert "Vertrouwelijk" not in text(client.get(town.url("signalen")))
        assert "Vertrouwelijk" not in text(client.get(town.url("mijn-signalen")))


def _ids_are_unique_and_labels_point_at_them(doc) -> None:
    ids = [node.attrs["id"] for node in doc.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for label in doc.find_all("label"):
        if "for" in label.attrs:
            assert label.attrs["for"] in ids, label.attrs["for"]


def test_processor_pages_hold_each_id_once(head, make, town, signal):
    make.signal(town.municipality, town.colleague)
    pages = {
        town.inbox(): "Signalen verwerken",
        town.handle(signal): "Te weinig betaalbare kinderopvang",
        town.url("verwerken/logboek"): "Logboek",
    }
    for url, heading in pages.items():
        response = head.get(url)
        assert response.status_code == 200
        doc = parse(response)
        assert doc.find("h1").text() == heading
        _ids_are_unique_and_labels_point_at_them(doc)
    confirm = head.post(
        town.url("verwerken/bulk"), data={"signal_ids": [str(signal.id)], "status": "in_progress"}
    )
    assert confirm.status_code == 200
    doc = parse(confirm)
    assert doc.find("h1").text() == "1 signaal bijwerken?"
    _ids_are_unique_and_labels_point_at_them(doc)
