"""Processors hear about new signals in their scope: at once, in a daily digest, or not at all;
a mail names titles and links, never a signal's text."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from tests.processing.helpers import audit_entries
from tests.signals.conftest import DRAFT_DESCRIPTION, DRAFT_TITLE
from tests.signals.helpers import field_value, option_values, parse, text
from webapp.extensions import db
from webapp.models import Membership, Municipality, Role, utcnow

LINK = re.compile(r"https?://\S+")


def _memberships(app, user) -> list[tuple[str, str, object]]:
    with app.app_context():
        rows = db.session.scalars(db.select(Membership).filter_by(user_id=user.id)).all()
        result = [(m.role, m.notify, m.last_digest_at) for m in rows]
        db.session.remove()
        return result


def _submit(client, town, title: str = DRAFT_TITLE) -> None:
    doc = parse(client.get(town.url("signalen/nieuw")))
    response = client.post(
        town.url("signalen/nieuw"),
        data={
            "submission_token": field_value(doc, "submission_token"),
            "title": title,
            "description": DRAFT_DESCRIPTION,
            "themes": option_values(doc, "themes")[:1],
            "target_groups": option_values(doc, "target_groups")[:1],
            "action": "submit",
        },
    )
    assert response.status_code == 303, text(response)[:500]


def _recipients(outbox) -> list[str]:
    return sorted(r for message in outbox for r in message.envelope_recipients)


# --- Settings ----------------------------------------------------------------------------------


def test_settings_page_shows_the_current_choice(app, as_user, town):
    response = as_user(town.processor).get(town.url("verwerken/meldingen"))

    assert response.status_code == 200
    doc = parse(response)
    checked = [
        n.attrs["value"] for n in doc.find_all("input", name="notify") if "checked" in n.attrs
    ]
    assert checked == ["digest"]
    assert [n.attrs["value"] for n in doc.find_all("input", name="notify")] == [
        "immediate",
        "digest",
        "none",
    ]


def test_processor_chooses_immediate_mail(app, as_user, town):
    client = as_user(town.processor)

    response = client.post(town.url("verwerken/meldingen"), data={"notify": "immediate"})

    assert response.status_code == 303
    assert urlsplit(response.headers["Location"]).path == town.url("verwerken/meldingen")
    assert [notify for _, notify, _ in _memberships(app, town.processor)] == ["immediate"]
    page = client.get(town.url("verwerken/meldingen"))
    assert "Je keuze is bewaard." in text(page)
    assert audit_entries(app)[0][0] == "notifications.settings"


@pytest.mark.parametrize("data", [{}, {"notify": "elk-uur"}])
def test_invalid_choice_is_refused(app, as_user, town, data):
    response = as_user(town.processor).post(town.url("verwerken/meldingen"), data=data)

    assert response.status_code == 400
    assert parse(response).find("div", class_="error-summary") is not None
    assert [notify for _, notify, _ in _memberships(app, town.processor)] == ["digest"]


def test_choice_applies_to_the_processing_role_only(app, make, as_user, town):
    with app.app_context():
        # The head processor also gives signals (and accepted the statement there, issue 18).
        place = db.session.get(Municipality, town.municipality.id)
        db.session.add(
            Membership(
                user_id=town.head.id,
                municipality_id=place.id,
                role="giver",
                privacy_consent_version=place.privacy_version,
            )
        )
        db.session.commit()
        db.session.remove()

    as_user(town.head).post(town.url("verwerken/meldingen"), data={"notify": "none"})

    assert sorted((role, notify) for role, notify, _ in _memberships(app, town.head)) == [
        ("giver", "digest"),
        ("head_processor", "none"),
    ]


# --- Immediate ---------------------------------------------------------------------------------


def test_new_signal_mails_immediate_processors_title_and_link_only(
    app, as_user, make, town, set_notify, outbox
):
    set_notify(town.processor, "immediate")
    set_notify(town.head, "none")
    make.agreement(town.municipality, town.ocmw)
    ocmw_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.ocmw)
    set_notify(ocmw_processor, "immediate")  # own staff only: the CAW's signal is not theirs
    giver = as_user(town.giver)

    _submit(giver, town)

    [message] = outbox
    assert message.envelope_recipients == [town.processor.email]
    assert message["Subject"].strip() == f"Nieuw signaal in Kortrijk: {DRAFT_TITLE}"
    body = message.get_content()
    assert DRAFT_TITLE in body
    assert DRAFT_DESCRIPTION[:30] not in body
    link = LINK.findall(body)[0]
    assert re.fullmatch(r"http://localhost/kortrijk/verwerken/signalen/\d+", link)
    assert as_user(town.processor).get(urlsplit(link).path).status_code == 200


def test_a_signal_from_own_staff_reaches_the_organisation_processor(
    app, as_user, make, town, set_notify, outbox
):
    make.agreement(town.municipality, town.caw)
    caw_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.caw)
    set_notify(caw_processor, "immediate")

    _submit(as_user(town.giver), town)

    assert _recipients(outbox) == [caw_processor.email]


def test_anonymous_signals_notify_too_and_digest_processors_wait(client, town, set_notify, outbox):
    set_notify(town.head, "immediate")

    _submit(client, town, title="Zonder account gegeven signaal")

    assert _recipients(outbox) == [town.head.email]


def test_a_processor_is_not_told_about_their_own_signal(as_user, town, set_notify, outbox):
    set_notify(town.head, "immediate")

    _submit(as_user(town.head), town)

    assert outbox == []


def test_a_repeated_submission_mails_once(app, as_user, town, set_notify, outbox):
    set_notify(town.head, "immediate")
    giver = as_user(town.giver)
    doc = parse(giver.get(town.url("signalen/nieuw")))
    data = {
        "submission_token": field_value(doc, "submission_token"),
        "title": DRAFT_TITLE,
        "description": DRAFT_DESCRIPTION,
        "themes": option_values(doc, "themes")[:1],
        "target_groups": option_values(doc, "target_groups")[:1],
        "action": "submit",
    }

    giver.post(town.url("signalen/nieuw"), data=data)
    giver.post(town.url("signalen/nieuw"), data=data)

    assert _recipients(outbox) == [town.head.email]


# --- Digest ------------------------------------------------------------------------------------


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def _digest(runner):
    result = runner.invoke(args=["notifications", "send-digest"])
    assert result.exit_code == 0, result.output
    return result.output


def test_digest_lists_new_signals_in_scope_once(
    app, make, town, other_town, set_notify, update_signal, outbox, runner
):
    set_notify(town.processor, "immediate")
    set_notify(town.alderman, "digest")
    make.agreement(town.municipality, town.ocmw)
    ocmw_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.ocmw)
    caw_signal = make.signal(town.municipality, town.giver, title="Van de CAW")
    ocmw_signal = make.signal(
        town.municipality, town.colleague, title="Van het OCMW", description="Geheime tekst."
    )
    old = make.signal(town.municipality, town.giver, title="Van vorige week")
    update_signal(old, created_at=utcnow() - timedelta(days=7))
    make.signal(other_town.municipality, other_town.giver, title="Uit Gent")

    output = _digest(runner)

    mails = {m.envelope_recipients[0]: m for m in outbox}
    # Digest is the default; the immediate processor and the alderman get none, Gent's
    # processors have their own municipality's.
    assert set(mails) == {
        town.head.email,
        ocmw_processor.email,
        other_town.head.email,
        other_town.processor.email,
    }
    head_mail = mails[town.head.email]
    assert head_mail["Subject"].strip() == "2 nieuwe signalen in Kortrijk"
    body = head_mail.get_content()
    assert "Van de CAW" in body and "Van het OCMW" in body
    assert "Van vorige week" not in body and "Uit Gent" not in body
    assert "Geheime tekst." not in body
    assert f"http://localhost/kortrijk/verwerken/signalen/{caw_signal.id}" in body
    assert f"http://localhost/kortrijk/verwerken/signalen/{ocmw_signal.id}" in body
    assert "Uit Gent" in mails[other_town.head.email].get_content()
    assert "Van de CAW" not in mails[other_town.head.email].get_content()
    ocmw_mail = mails[ocmw_processor.email]
    assert ocmw_mail["Subject"].strip() == "1 nieuw signaal in Kortrijk"
    assert "Van het OCMW" in ocmw_mail.get_content()
    assert "Van de CAW" not in ocmw_mail.get_content()
    assert "Digests sent: 4" in output
    assert all(last is not None for _, _, last in _memberships(app, town.head))

    outbox.clear()
    again = _digest(runner)

    assert outbox == []
    assert "Digests sent: 0" in again


def test_digest_starts_after_the_last_one(
    app, make, town, set_notify, update_signal, outbox, runner
):
    last = utcnow() - timedelta(days=3)
    set_notify(town.head, "digest", last_digest_at=last)
    set_notify(town.processor, "none")
    before = make.signal(town.municipality, town.giver, title="Voor het vorige overzicht")
    since = make.signal(town.municipality, town.giver, title="Na het vorige overzicht")
    update_signal(before, created_at=last - timedelta(hours=1))
    update_signal(since, created_at=last + timedelta(days=2))

    _digest(runner)

    [message] = outbox
    assert "Na het vorige overzicht" in message.get_content()
    assert "Voor het vorige overzicht" not in message.get_content()


def test_digest_sends_nothing_when_nothing_is_new(app, town, outbox, runner):
    output = _digest(runner)

    assert outbox == []
    assert "Digests sent: 0" in output


def test_digest_links_work_for_the_processor(app, as_user, make, town, set_notify, outbox, runner):
    set_notify(town.processor, "none")
    make.signal(town.municipality, town.giver, title="Nieuw voor het overzicht")

    _digest(runner)

    [message] = outbox
    links = LINK.findall(message.get_content())
    client = as_user(town.head)
    for link in links:
        assert client.get(urlsplit(link).path).status_code == 200


def test_a_failing_mail_server_keeps_the_digest_in_the_outbox(
    app, make, town, set_notify, outbox, runner
):
    import socket

    from webapp import outbox as mail_outbox
    from webapp.models import OutboxMail

    set_notify(town.processor, "none")
    make.signal(town.municipality, town.giver, title="Wacht op de mailserver")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = closed_port
    try:
        result = runner.invoke(args=["notifications", "send-digest"])
    finally:
        app.config["MAIL_PORT"] = port

    assert result.exit_code == 0, result.output
    assert outbox == []
    assert all(last is not None for _, _, last in _memberships(app, town.head))
    with app.app_context():
        [waiting] = db.session.scalars(db.select(OutboxMail)).all()
        assert waiting.attempts == 1 and waiting.sent_at is None
        assert "ConnectionRefusedError" in waiting.last_error
        assert waiting.municipality_id == town.municipality.id
        delivered = mail_outbox.deliver_due(now=utcnow() + timedelta(minutes=1))
    assert delivered.sent == 1
    [message] = outbox
    assert "Wacht op de mailserver" in message.get_content()
