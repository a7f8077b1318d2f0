"""A processor in scope removes personal data from a signal's texts, and nothing keeps it."""

import pytest
from sqlalchemy import text

from tests.privacy.helpers import stored_anywhere
from tests.processing.helpers import audit_entries
from tests.signals.helpers import parse
from webapp.extensions import db
from webapp.models import Engagement, Role, Signal

# Invented personal data; "zq7x4kw" is a word no other text holds, so any copy is found.
SECRET = "zq7x4kw"
DESCRIPTION = f"Mevrouw Vermeersch-{SECRET} (78 jaar) wacht al maanden op een sociale woning."
CORRECTED = "Een oudere dame wacht al maanden op een sociale woning."


@pytest.fixture
def signal(make, town):
    return make.signal(
        town.municipality,
        town.giver,
        title=f"Wachtlijst sociale woning {SECRET}",
        description=DESCRIPTION,
    )


@pytest.fixture
def head(as_user, town):
    return as_user(town.head)


def _page(town, signal) -> str:
    return town.url(f"verwerken/signalen/{signal.id}/persoonsgegevens")


def _redact(client, town, signal, target, text_="", mode="vervangen"):
    return client.post(_page(town, signal), data={"target": target, "text": text_, "mode": mode})


def test_the_page_lists_every_text_of_the_signal(head, as_user, town, signal):
    giver = as_user(town.colleague)
    giver.post(town.url(f"signalen/{signal.id}/versterken"), data={"context": "Ook bij ons."})
    giver.post(
        town.url(f"signalen/{signal.id}/aanvullen"),
        data={"body": "Ze woont in Heule.", "submission_token": "a" * 20},
    )
    head.post(town.handle(signal, "notities"), data={"body": "Even bellen."})

    response = head.get(_page(town, signal))

    assert response.status_code == 200
    doc = parse(response)
    labels = [label.text() for label in doc.find_all("label")]
    assert labels == [
        "Titel",
        "Wat werd vastgesteld",
        "Toelichting bij een versterking",
        "Aanvulling",
        "Interne notitie",
    ]
    assert DESCRIPTION in doc.text()
    hints = [hint.text() for hint in doc.find_all("p", class_="hint")]
    assert any(hint.endswith(", Chris De Smet") for hint in hints), hints
    assert any(hint.endswith(", Hanne Hoofd") for hint in hints), hints
    link = parse(head.get(town.handle(signal))).find("a", href=_page(town, signal))
    assert link is not None and link.text() == "Persoonsgegevens verwijderen"


def test_redaction_leaves_no_copy_of_the_removed_text_anywhere(app, head, town, signal):
    # The title and a status note land in the audit log; the note in the history. The note
    # names the citizen, so the processor confirms it in the review step first.
    status = {"status": "in_progress", "note": f"Gebeld met Vermeersch-{SECRET}."}
    review = head.post(town.handle(signal, "status"), data=status)
    assert review.status_code == 422
    reviewed = parse(review).find("input", name="reviewed_text").attrs["value"]
    confirmed = {**status, "reviewed_text": reviewed, "confirm_personal_data": "y"}
    assert head.post(town.handle(signal, "status"), data=confirmed).status_code in (302, 303)
    head.post(town.handle(signal, "notities"), data={"body": f"Dossier {SECRET} bij het OCMW."})
    head.post(town.handle(signal, "terugkoppeling"), data={"body": f"We contacteren {SECRET}."})
    before = stored_anywhere(app, SECRET)
    assert {
        "signal.title",
        "signal.description",
        "status_change.note",
        "audit_entry.summary",
        "internal_note.body",
        "feedback.body",
    } <= set(before)
    on_sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    if on_sqlite and "signal_search_data.block" not in before:
        pytest.fail(f"the search index should hold the word before redaction: {before}")

    doc = parse(head.get(_page(town, signal)))
    targets = [i.attrs["value"] for i in doc.find_all("input", name="target")]
    for target in targets:
        response = _redact(head, town, signal, target, mode="verwijderen")
        assert response.status_code == 303, target
    # The title gets a corrected text instead of the placeholder.
    response = _redact(head, town, signal, "signaal-title", "Wachtlijst sociale woning")
    assert response.status_code == 303

    assert stored_anywhere(app, SECRET) == []
    assert stored_anywhere(app, "Vermeersch") == []
    page = head.get(town.url(f"signalen/{signal.id}")).get_data(as_text=True)
    assert "Wachtlijst sociale woning" in page
    assert "[verwijderd door verwerker]" in page
    inbox = head.get(town.inbox(f"q={SECRET}")).get_data(as_text=True)
    assert "Wachtlijst sociale woning" not in inbox


def test_the_audit_log_says_who_redacted_what_and_when_without_the_text(app, head, town, signal):
    response = _redact(head, town, signal, "signaal-description", CORRECTED)

    assert response.status_code == 303
    follow = head.get(response.headers["Location"])
    assert "Wat werd vastgesteld aangepast" in follow.get_data(as_text=True)
    entries = [e for e in audit_entries(app) if e[0] == "signal.redact"]
    assert entries == [
        (
            "signal.redact",
            town.head.id,
            "signal",
            signal.id,
            f"Persoonsgegevens verwijderd uit wat werd vastgesteld bij signaal {signal.reference}.",
        )
    ]
    log = head.get(town.url("verwerken/logboek")).get_data(as_text=True)
    assert "Hanne Hoofd" in log and "persoonsgegevens verwijderd" in log
    assert "Vermeersch" not in log
    with app.app_context():
        assert db.session.get(Signal, signal.id).description == CORRECTED


@pytest.mark.parametrize(
    ("path", "data", "kind"),
    [
        (
            "aanvullen",
            {"body": f"Haar buurman {SECRET} zegt hetzelfde.", "submission_token": "b" * 20},
            "aanvulling",
        ),
        ("versterken", {"context": f"Ik ken {SECRET} ook."}, "versterking"),
    ],
)
def test_a_contribution_is_redacted_for_every_reader(
    app, head, as_user, town, signal, path, data, kind
):
    giver = as_user(town.colleague)
    giver.post(town.url(f"signalen/{signal.id}/{path}"), data=data)
    doc = parse(head.get(_page(town, signal)))
    target = next(
        i.attrs["value"]
        for i in doc.find_all("input", name="target")
        if i.attrs["value"].startswith(kind)
    )

    response = _redact(head, town, signal, target, mode="verwijderen")

    assert response.status_code == 303
    page = giver.get(town.url(f"signalen/{signal.id}")).get_data(as_text=True)
    assert SECRET not in page.split('id="volgen"')[1]  # the contributions
    assert "[verwijderd door verwerker]" in page


def test_an_empty_correction_is_refused_and_nothing_changes(app, head, town, signal):
    response = _redact(head, town, signal, "signaal-description", "   ")

    assert response.status_code == 400
    doc = parse(response)
    assert "Vul de verbeterde tekst in" in doc.text()
    with app.app_context():
        assert db.session.get(Signal, signal.id).description == DESCRIPTION


def test_an_unknown_text_is_not_found(head, town, signal):
    assert _redact(head, town, signal, "aanvulling-99999", mode="verwijderen").status_code == 404


def test_only_processors_in_scope_redact(app, make, as_user, town, other_town, signal):
    outside = make.organisation(town.municipality, name="Jeugddienst")
    make.agreement(town.municipality, outside, Engagement.OWN_STAFF)
    org_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=outside)
    for client, expected in (
        (as_user(org_processor), 404),
        (as_user(town.giver), 403),
        (as_user(other_town.head), 404),
    ):
        assert client.get(_page(town, signal)).status_code == expected
        response = _redact(client, town, signal, "signaal-description", mode="verwijderen")
        assert response.status_code == expected
    with app.app_context():
        assert db.session.get(Signal, signal.id).description == DESCRIPTION


def test_without_merging_the_search_index_the_old_words_would_stay(app, make, town):
    """The check above can fail: FTS5 keeps a replaced row's words until its segments merge."""
    signal = make.signal(town.municipality, town.giver, description=DESCRIPTION)
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL computes the tsvector from the row itself")
        db.session.execute(
            text("UPDATE signal SET description = :d WHERE id = :id"),
            {"d": CORRECTED, "id": signal.id},
        )
        db.session.commit()
        db.session.remove()
    assert "signal_search_data.block" in stored_anywhere(app, SECRET)


def test_a_corrected_text_that_still_holds_personal_data_is_refused(app, head, town, signal):
    response = _redact(head, town, signal, "signaal-title", "Wachtlijst, bel 0470 12 34 56")

    assert response.status_code == 400
    assert "De verbeterde tekst bevat nog persoonsgegevens: telefoonnummer." in response.get_data(
        as_text=True
    )
    with app.app_context():
        assert SECRET in db.session.get(Signal, signal.id).title
