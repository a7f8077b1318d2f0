"""A status change reaches the giver and the followers by mail with its note, by each one's
choice (every change, a daily overview, or none); every mail carries a one-click unsubscribe
(RFC 8058) that works by POST without logging in and only asks on GET."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.signals.helpers import parse, text
from webapp.extensions import db
from webapp.models import Membership, Role, Signal, utcnow
from webapp.notifications import send_digests

NOTE = "We bespreken dit op het overleg van 12 maart."
STOP = re.compile(r"<(http://localhost(/e-mails/afmelden/[^>]+))>")


@pytest.fixture
def head(as_user, town):
    return as_user(town.head)


@pytest.fixture
def signal(make, town):
    return make.signal(town.municipality, town.giver, title="Te weinig opvang na school")


def _change(head, town, signal, status="in_progress", note=NOTE):
    response = head.post(town.handle(signal, "status"), data={"status": status, "note": note})
    assert response.status_code == 303, response.status_code


def _choose(as_user, town, user, choice):
    client = as_user(user)
    response = client.post(town.url("mijn-e-mails"), data={"status_mail": choice})
    assert response.status_code == 303
    return client


def test_the_giver_and_a_follower_get_the_status_and_its_note(
    app, head, as_user, town, signal, outbox
):
    as_user(town.colleague).post(town.url(f"signalen/{signal.id}/volgen"), data={"follow": "1"})

    _change(head, town, signal)

    mails = {m.envelope_recipients[0]: m for m in outbox}
    assert set(mails) == {town.giver.email, town.colleague.email}
    giver = mails[town.giver.email]
    assert giver["Subject"].strip() == "Nieuwe status voor je signaal: Te weinig opvang na school"
    body = giver.get_content()
    assert "Status: in behandeling" in body and NOTE in body
    assert f"http://localhost/kortrijk/signalen/{signal.id}" in body
    assert "http://localhost/kortrijk/mijn-e-mails" in body
    assert "Nieuwe status voor een signaal dat je volgt" in mails[town.colleague.email]["Subject"]


def test_an_anonymous_giver_gets_the_status_with_the_followup_link(app, make, head, town, outbox):
    signal = make.signal(town.municipality, None, contact_email="anoniem@example.org")

    _change(head, town, signal)

    [mail] = outbox
    body = mail.get_content()
    assert mail.envelope_recipients == ["anoniem@example.org"]
    assert NOTE in body and "/kortrijk/opvolging/" in body


def test_a_giver_chooses_none_or_a_daily_overview(app, head, as_user, town, signal, outbox):
    page = as_user(town.giver).get(town.url("mijn-e-mails"))
    assert page.status_code == 200
    checked = parse(page).find("input", checked="")
    assert checked.attrs["value"] == "immediate"

    _choose(as_user, town, town.giver, "none")
    _change(head, town, signal)
    assert outbox == []

    _choose(as_user, town, town.giver, "digest")
    _change(head, town, signal, status="on_agenda", note="Op de agenda in maart.")
    assert outbox == []
    with app.app_context():
        send_digests(now=utcnow() + timedelta(minutes=1))
    [digest] = [m for m in outbox if m.envelope_recipients == [town.giver.email]]
    body = digest.get_content()
    assert '"Te weinig opvang na school": geagendeerd' in body
    assert "Op de agenda in maart." in body
    outbox.clear()
    with app.app_context():
        send_digests(now=utcnow() + timedelta(minutes=2))
    # Nothing new since the last overview.
    assert not [m for m in outbox if m.envelope_recipients == [town.giver.email]]


def test_the_settings_page_refuses_a_bad_choice_in_dutch(as_user, town):
    response = as_user(town.giver).post(town.url("mijn-e-mails"), data={"status_mail": "altijd"})
    assert response.status_code == 400
    assert "Not a valid choice" not in text(response)
    assert parse(response).find("div", class_="error-summary") is not None


def test_every_mail_carries_a_one_click_unsubscribe(app, head, town, signal, outbox, client):
    _change(head, town, signal)
    [mail] = outbox
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url, path = STOP.fullmatch(mail["List-Unsubscribe"]).groups()
    assert url in mail.get_content()

    # GET only asks: a mail scanner that opens the link unsubscribes nobody.
    page = client.get(path)
    assert page.status_code == 200
    form = parse(page).find("form", action=path)
    assert form.find("input", name="List-Unsubscribe").attrs["value"] == "One-Click"
    assert _choices(app, town.giver) == ["immediate"]

    # The mail client's one-click: a POST without session or CSRF token.
    fresh = app.test_client()
    response = fresh.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Je bent afgemeld." in text(response)
    assert _choices(app, town.giver) == ["none"]
    outbox.clear()
    _change(head, town, signal, status="on_agenda")
    assert outbox == []


def test_unsubscribing_takes_an_anonymous_address_off_its_signals(app, make, head, outbox, town):
    signal = make.signal(town.municipality, None, contact_email="Anoniem@Example.org")

    _change(head, town, signal)
    [mail] = outbox
    _, path = STOP.fullmatch(mail["List-Unsubscribe"]).groups()
    assert app.test_client().post(path).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(Signal.contact_email).where(Signal.id == signal.id)) is None


def test_a_forged_token_unsubscribes_nobody(app, town):
    response = app.test_client().post("/e-mails/afmelden/ImdldmVyQGV4YW1wbGUub3JnIg.vals")
    assert response.status_code == 404


def _choices(app, user) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(Membership.status_mail).where(
                    Membership.user_id == user.id, Membership.role == Role.GIVER.value
                )
            )
        )
