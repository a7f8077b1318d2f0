"""The head processor's people and invitations: roles, deactivation, resend and revoke, lists."""

from sqlalchemy import select

from tests.auth.helpers import link_path
from tests.signals.helpers import error_for, parse, text
from webapp.extensions import db
from webapp.models import AuditEntry, Invitation, Role, Signal, User


def _audit(app) -> list[str]:
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        db.session.remove()
        return actions


def _user(app, user_id: int) -> dict:
    with app.app_context():
        user = db.session.get(User, user_id)
        row = {"active": user.active, "roles": sorted(m.role for m in user.memberships)}
        db.session.remove()
        return row


def test_the_people_list_shows_role_organisation_and_last_login(app, client, login, partners):
    login(partners.org_processor)
    client.post("/logout")
    login(partners.head)
    page = parse(client.get(partners.url("mensen")))
    row = next(tr for tr in page.find_all("tr") if "Olga Partner" in tr.text())
    assert "signaalverwerker bij een sociale organisatie" in row.text()
    assert "CAW Partnerstad" in row.text()
    assert "nog nooit" not in row.text()
    never = next(tr for tr in page.find_all("tr") if "Gert Gever" in tr.text())
    assert "nog nooit" in never.text()


def test_changing_a_role_ends_the_persons_sessions_and_is_audited(
    app, client, login, make, partners
):
    other = app.test_client()
    other.post(
        "/login", data={"email": partners.processor.email, "password": "correct-horse-battery"}
    )
    assert other.get(partners.url("verwerken")).status_code == 200

    login(partners.head)
    response = client.post(
        partners.url(f"mensen/{partners.processor.id}/rol"), data={"role": "giver"}
    )
    assert response.status_code == 303
    assert _user(app, partners.processor.id)["roles"] == ["giver"]
    assert "person.role" in _audit(app)
    # The old session is gone at once.
    assert other.get(partners.url("verwerken")).status_code == 302


def test_org_processor_role_needs_an_organisation_with_an_agreement(app, client, login, partners):
    login(partners.head)
    client.post(partners.url(f"mensen/{partners.staff.id}/rol"), data={"role": "org_processor"})
    assert _user(app, partners.staff.id)["roles"] == ["giver"]
    assert "overeenkomst" in text(client.get(partners.url("mensen")))


def test_deactivating_ends_every_session_and_keeps_contributions(
    app, client, login, make, partners
):
    signal = make.signal(partners.municipality, partners.giver)
    other = app.test_client()
    other.post("/login", data={"email": partners.giver.email, "password": "correct-horse-battery"})
    assert other.get(partners.url("signalen")).status_code == 200

    login(partners.head)
    response = client.post(
        partners.url(f"mensen/{partners.giver.id}/deactiveren"), data={"confirm": "y"}
    )
    assert response.status_code == 303
    assert _user(app, partners.giver.id)["active"] is False
    assert other.get(partners.url("signalen")).status_code == 302
    relogin = app.test_client().post(
        "/login", data={"email": partners.giver.email, "password": "correct-horse-battery"}
    )
    assert relogin.status_code == 400
    with app.app_context():
        assert db.session.get(Signal, signal.id).submitted_by_id == partners.giver.id
    assert "person.deactivate" in _audit(app)
    assert "gedeactiveerd" in text(client.get(partners.url("mensen")))


def test_the_head_processor_cannot_lock_themselves_out(app, client, login, partners):
    login(partners.head)
    client.post(partners.url(f"mensen/{partners.head.id}/deactiveren"), data={"confirm": "y"})
    client.post(partners.url(f"mensen/{partners.head.id}/rol"), data={"role": "giver"})
    assert _user(app, partners.head.id) == {"active": True, "roles": ["head_processor"]}


def test_people_of_another_municipality_are_not_found(
    app, client, login, make, partners, other_place
):
    stranger = make.user(Role.GIVER, other_place["municipality"])
    login(partners.head)
    assert client.post(partners.url(f"mensen/{stranger.id}/deactiveren")).status_code == 404
    assert _user(app, stranger.id)["active"] is True


def test_pending_and_expired_invitations_resend_and_revoke(
    app, client, login, make, partners, outbox
):
    pending = make.invitation(partners.municipality, email="open@example.org", token="open-token")
    expired = make.invitation(partners.municipality, email="oud@example.org", days=-1)
    login(partners.head)
    page = parse(client.get(partners.url("uitnodigingen/overzicht")))
    rows = {tr.find("td").text(): tr.text() for tr in page.find_all("tr") if tr.find("td")}
    assert "openstaand" in rows["open@example.org"]
    assert "verlopen" in rows["oud@example.org"]

    outbox.clear()
    assert client.post(partners.url(f"uitnodigingen/{expired.id}/opnieuw")).status_code == 303
    assert [m["To"] for m in outbox] == ["oud@example.org"]
    fresh = link_path(outbox[0])
    client.post("/logout")
    assert client.get(fresh).status_code == 200

    login(partners.head)
    assert client.post(partners.url(f"uitnodigingen/{pending.id}/intrekken")).status_code == 303
    client.post("/logout")
    assert client.get("/uitnodiging/open-token").status_code == 404
    assert {"invitation.resend", "invitation.revoke"} <= set(_audit(app))


def test_a_pasted_list_invites_everyone_with_the_chosen_role_and_organisation(
    app, client, login, make, partners, outbox
):
    make.agreement(partners.municipality, partners.partner)
    login(partners.head)
    data = {
        "emails": "een@caw.example.org\ntwee@caw.example.org, een@caw.example.org",
        "role": "org_processor",
        "organisation": str(partners.partner.id),
    }
    assert client.post(partners.url("uitnodigingen/overzicht"), data=data).status_code == 303
    with app.app_context():
        rows = db.session.scalars(select(Invitation).order_by(Invitation.id)).all()
        assert [(r.email, r.role, r.organisation_id) for r in rows] == [
            ("een@caw.example.org", "org_processor", partners.partner.id),
            ("twee@caw.example.org", "org_processor", partners.partner.id),
        ]
    assert sorted(m["To"] for m in outbox) == ["een@caw.example.org", "twee@caw.example.org"]


def test_a_list_with_a_wrong_address_keeps_the_text_and_sends_nothing(
    app, client, login, partners, outbox
):
    login(partners.head)
    data = {"emails": "goed@example.org\nniet-goed", "role": "giver", "organisation": "0"}
    response = client.post(partners.url("uitnodigingen/overzicht"), data=data)
    assert response.status_code == 400
    doc = parse(response)
    assert "niet-goed" in error_for(doc, "emails")
    assert "goed@example.org\nniet-goed" in response.get_data(as_text=True)
    assert outbox == []


def test_the_people_list_searches_and_pages(client, login, make, partners):
    for number in range(55):
        make.user(
            Role.GIVER,
            partners.municipality,
            name=f"Zeger Zoeker {number:02d}",
            email=f"zeger{number:02d}@zoek.example",
        )
    login(partners.head)

    first = parse(client.get(partners.url("mensen")))
    assert len(first.find("tbody").find_all("tr")) == 50
    assert first.find("nav", aria_label="Pagina's van de lijst met mensen")
    found = parse(client.get(partners.url("mensen"), query_string={"q": "zoek.example"}))
    assert "55 mensen gevonden" in found.find("caption").text()
    second = parse(
        client.get(partners.url("mensen"), query_string={"q": "zoek.example", "pagina": 2})
    )
    names = [tr.find("td").text() for tr in second.find("tbody").find_all("tr")]
    assert len(names) == 5 and all("Zeger Zoeker 5" in name for name in names)
    next_link = first.find("a", rel="next")
    assert next_link.attrs["href"].endswith("mensen?pagina=2")
    wildcard = parse(client.get(partners.url("mensen"), query_string={"q": "%"}))
    assert "heeft “%” in naam of e-mailadres" in wildcard.text()
    assert client.get(partners.url("mensen"), query_string={"pagina": "nul"}).status_code == 400
