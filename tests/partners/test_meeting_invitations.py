"""Invitations to a meeting by engagement, role or organisation: an e-mail with the .ics, an
answer in the app, the count for everyone who sees the meeting, the names for processors."""

import re

from tests.signals.helpers import parse, text
from webapp.models import Role


def _invite(client, url: str, data: dict):
    """The two steps: the choices show who will be invited, then the ticked ones are invited."""
    shown = client.post(url, data={**data, "stap": "bekijken"})
    if shown.status_code != 200:
        return shown
    ticked = [node.attrs["value"] for node in parse(shown).find_all("input", name="ontvangers")]
    return client.post(url, data={**data, "ontvangers": ticked, "stap": "versturen"})


def _invited_mail_paths(outbox) -> list[str]:
    return [re.search(r"http://localhost(/\S+\.ics)", m.get_content()).group(1) for m in outbox]


def test_inviting_by_engagement_and_answering(app, client, login, make, partners, outbox):
    meeting = make.meeting(partners.municipality, title="Intern overleg armoede", public=False)
    login(partners.giver)
    client.post(partners.url("mijn-engagement"), data={"engagements": ["consultation"]})
    assert client.get(partners.url(f"agenda/{meeting.id}")).status_code == 404
    client.post("/logout")

    login(partners.head)
    outbox.clear()
    response = _invite(
        client, partners.url(f"agenda/{meeting.id}/uitnodigen"), {"engagements": ["consultation"]}
    )
    assert response.status_code == 303
    assert [m["To"] for m in outbox] == [partners.giver.email]
    assert "Intern overleg armoede" in outbox[0]["Subject"]
    [ics] = _invited_mail_paths(outbox)
    # Inviting again sends nobody a second mail.
    again = client.post(
        partners.url(f"agenda/{meeting.id}/uitnodigen"), data={"engagements": ["consultation"]}
    )
    assert again.status_code == 400
    assert "Niemand (meer) om uit te nodigen" in text(again)
    client.post("/logout")

    login(partners.giver)
    page = text(client.get(partners.url(f"agenda/{meeting.id}")))
    assert "Je bent uitgenodigd." in page
    calendar = client.get(ics)
    assert calendar.status_code == 200
    assert "SUMMARY:Intern overleg armoede" in calendar.get_data(as_text=True)
    assert (
        client.post(
            partners.url(f"agenda/{meeting.id}/antwoord"), data={"answer": "yes"}
        ).status_code
        == 303
    )
    page = text(client.get(partners.url(f"agenda/{meeting.id}")))
    assert "1 komt, 0 komen niet, 0 nog geen antwoord" in page
    assert "Gert Gever ·" not in page  # a giver sees the count, not the names
    client.post("/logout")

    login(partners.processor)
    doc = parse(client.get(partners.url(f"agenda/{meeting.id}")))
    assert "Gert Gever · ik kom" in doc.text()


def test_inviting_by_role_and_organisation_meets_both(app, client, login, make, partners, outbox):
    meeting = make.meeting(partners.municipality, public=True)
    login(partners.head)
    outbox.clear()
    _invite(
        client,
        partners.url(f"agenda/{meeting.id}/uitnodigen"),
        {"roles": ["giver"], "organisations": [str(partners.partner.id)]},
    )
    assert [m["To"] for m in outbox] == [partners.staff.email]


def test_inviting_needs_a_choice_and_a_manager(client, login, make, partners):
    meeting = make.meeting(partners.municipality, public=True)
    login(partners.head)
    response = client.post(partners.url(f"agenda/{meeting.id}/uitnodigen"), data={})
    assert response.status_code == 400
    assert "Kies minstens één engagement, rol of organisatie." in text(response)
    client.post("/logout")
    login(partners.giver)
    assert client.get(partners.url(f"agenda/{meeting.id}/uitnodigen")).status_code == 403


def test_only_the_invited_answer(client, login, make, partners):
    meeting = make.meeting(partners.municipality, public=True)
    login(partners.giver)
    response = client.post(partners.url(f"agenda/{meeting.id}/antwoord"), data={"answer": "yes"})
    assert response.status_code == 404


def test_an_invitation_does_not_open_another_municipalitys_meeting(
    client, login, make, partners, other_place
):
    foreign = make.meeting(other_place["municipality"], public=False)
    stranger = make.user(Role.HEAD_PROCESSOR, other_place["municipality"])
    login(stranger)
    client.post(f"/anderstad/agenda/{foreign.id}/uitnodigen", data={"roles": ["head_processor"]})
    client.post("/logout")
    login(partners.head)
    assert client.get(partners.url(f"agenda/{foreign.id}")).status_code == 404
    assert client.get(partners.url(f"agenda/{foreign.id}.ics")).status_code == 404


def test_the_recipients_are_shown_by_name_before_anything_is_sent(
    app, client, login, make, partners, outbox
):
    meeting = make.meeting(partners.municipality, title="Werksessie wonen", public=True)
    url = partners.url(f"agenda/{meeting.id}/uitnodigen")
    login(partners.head)
    outbox.clear()

    shown = client.post(url, data={"roles": ["giver"], "stap": "bekijken"})

    assert shown.status_code == 200
    doc = parse(shown)
    assert doc.find("h1").text() == "Wie wordt uitgenodigd voor Werksessie wonen"
    listed = {n.text() for n in doc.find("fieldset", id="ontvangers").find_all("label")}
    assert listed == {"Gert Gever", "Sam Medewerker (CAW Partnerstad)"}
    assert outbox == []  # nothing went out yet
    with app.app_context():
        from webapp.extensions import db
        from webapp.models import MeetingInvitation

        assert db.session.query(MeetingInvitation).count() == 0
        db.session.remove()
    # The choice travels along in the form (no JavaScript, no session).
    hidden = [n.attrs["value"] for n in doc.find_all("input", type="hidden", name="roles")]
    assert hidden == ["giver"]

    # Unticking Sam leaves Sam out; "Keuze aanpassen" goes back with the choice kept.
    back = parse(client.post(url, data={"roles": ["giver"], "stap": "aanpassen"}))
    assert back.find("input", name="roles", value="giver").attrs.get("checked") is not None
    sent = client.post(
        url,
        data={"roles": ["giver"], "ontvangers": [str(partners.giver.id)], "stap": "versturen"},
    )
    assert sent.status_code == 303
    assert [m["To"] for m in outbox] == [partners.giver.email]
    page = text(client.get(sent.headers["Location"]))
    assert "1 persoon uitgenodigd: Gert Gever." in page


def test_sending_with_nobody_ticked_or_a_stranger_ticked_invites_nobody_else(
    app, client, login, make, partners, other_place, outbox
):
    meeting = make.meeting(partners.municipality, public=True)
    stranger = make.user(Role.GIVER, other_place["municipality"], name="Vreemde Gever")
    url = partners.url(f"agenda/{meeting.id}/uitnodigen")
    login(partners.head)
    outbox.clear()

    nobody = client.post(url, data={"roles": ["giver"], "stap": "versturen"})
    assert nobody.status_code == 400
    assert "Vink minstens één persoon aan om uit te nodigen." in text(nobody)
    # A number typed into the form that the choice does not match is no recipient.
    forged = client.post(
        url,
        data={
            "roles": ["giver"],
            "ontvangers": [str(stranger.id), "x", "١"],
            "stap": "versturen",
        },
    )
    assert forged.status_code == 400
    assert outbox == []
