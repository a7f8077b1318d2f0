"""Invitations: who may invite whom, the mail, and turning the link into an account."""

import re
from datetime import timedelta

import pytest

from tests.auth.helpers import link_path
from tests.conftest import PASSWORD
from webapp.extensions import db
from webapp.models import Invitation, Municipality, Role, User, utcnow

NEW_PASSWORD = "lang-genoeg-wachtwoord"


@pytest.fixture
def place(make):
    return make.municipality(slug="proefstad", name="Proefstad")


@pytest.fixture
def caw(make, place):
    return make.organisation(place, name="CAW Proefstreek")


@pytest.fixture
def school(make, place):
    return make.organisation(place, name="Basisschool De Proef")


@pytest.fixture
def head(make, place):
    return make.user(Role.HEAD_PROCESSOR, place, name="Hanne Hoofd")


@pytest.fixture
def processor(make, place):
    return make.user(Role.PROCESSOR, place, name="Pieter Proces")


def role_options(html: str) -> list[str]:
    select = re.search(r'<select[^>]*name="role"[^>]*>(.*?)</select>', html, re.S)
    assert select, html
    return re.findall(r'<option[^>]*value="([^"]+)"', select.group(1))


def invite(client, email="nieuw@proef.example", role="giver", slug="proefstad", organisation=None):
    data = {"email": email, "role": role}
    if organisation is not None:
        data["organisation"] = str(organisation.id)
    return client.post(f"/{slug}/uitnodigingen", data=data)


def invitations(app) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.scalars(db.select(Invitation).order_by(Invitation.id)).all()
        return [(row.email, row.role) for row in rows]


def invitation_link(
    client,
    login,
    inviter,
    outbox,
    email="nieuw@proef.example",
    role="giver",
    slug="proefstad",
    organisation=None,
):
    login(inviter)
    assert invite(client, email, role, slug, organisation).status_code == 303
    client.post("/logout")
    return link_path(outbox[-1])


def accept_data(organisation, **changes) -> dict:
    data = {
        "name": "Nina Nieuw",
        "organisation": str(organisation.id) if organisation else None,
        "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
        "consent": "y",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def load_user(app, email: str) -> dict | None:
    with app.app_context():
        user = db.session.scalars(db.select(User).filter_by(email=email)).first()
        if user is None:
            return None
        return {
            "name": user.name,
            "organisation_id": user.organisation_id,
            "roles": sorted((m.municipality_id, m.role) for m in user.memberships),
            "consents": {
                m.municipality_id: (m.privacy_consent_version, m.privacy_consent_at)
                for m in user.memberships
            },
        }


def privacy_version(app, place) -> str:
    with app.app_context():
        return db.session.get(Municipality, place.id).privacy_version


# --- the invite page -------------------------------------------------------------------------


def test_head_processor_can_invite_every_municipal_role(client, login, head):
    login(head)
    response = client.get("/proefstad/uitnodigingen")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Iemand uitnodigen in Proefstad</h1>" in html
    assert role_options(html) == [
        "giver",
        "processor",
        "org_processor",
        "alderman",
        "head_processor",
    ]
    assert ">signaalgever</option>" in html
    assert ">bevoegde schepen</option>" in html
    assert "network" not in role_options(html)
    assert 'href="/proefstad/uitnodigingen"' in html  # the menu shows the page to inviters


def test_processor_can_only_invite_givers(client, login, processor):
    login(processor)
    html = client.get("/proefstad/uitnodigingen").get_data(as_text=True)
    assert role_options(html) == ["giver"]


def test_processor_invites_a_giver(client, app, login, processor, caw, place, outbox):
    login(processor)
    response = invite(client, email="werker@caw.example")
    assert response.status_code == 303
    assert invitations(app) == [("werker@caw.example", "giver")]
    [message] = outbox
    assert message.envelope_recipients == ["werker@caw.example"]
    assert "Pieter Proces nodigt je uit" in message.get_content()
    path = link_path(message)
    client.post("/logout")
    response = client.get(path)
    assert response.status_code == 200
    assert "Je bent uitgenodigd als signaalgever" in response.get_data(as_text=True)
    response = client.post(path, data=accept_data(caw, name="Wout Werker"))
    assert response.status_code == 303
    assert load_user(app, "werker@caw.example")["roles"] == [(place.id, "giver")]
    assert client.get("/proefstad/signalen").status_code == 200
    assert client.get("/proefstad/uitnodigingen").status_code == 403


@pytest.mark.parametrize("role", ["head_processor", "processor", "alderman", "network", "admin"])
def test_processor_cannot_invite_other_roles(client, app, login, processor, outbox, role):
    login(processor)
    response = invite(client, role=role)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Kies een rol uit de lijst." in html
    assert "Not a valid choice" not in html
    assert invitations(app) == []
    assert outbox == []


def test_head_processor_cannot_invite_the_network_role(client, app, login, head, outbox):
    login(head)
    response = invite(client, role="network")
    assert response.status_code == 400
    assert "Kies een rol uit de lijst." in response.get_data(as_text=True)
    assert invitations(app) == []


def test_head_processor_invites_a_colleague(client, app, login, head, outbox):
    login(head)
    response = invite(client, email="  Collega@Proef.Example ", role="processor")
    assert response.status_code == 303
    assert response.headers["Location"] == "/proefstad/uitnodigingen"
    assert "De uitnodiging is verstuurd naar Collega@Proef.Example." in client.get(
        "/proefstad/uitnodigingen"
    ).get_data(as_text=True)
    assert invitations(app) == [("collega@proef.example", "processor")]
    [message] = outbox
    assert message.envelope_recipients == ["collega@proef.example"]
    assert message["Subject"] == "Uitnodiging voor Lokaal Signaal Proefstad"
    body = " ".join(message.get_content().split())
    assert "Hanne Hoofd nodigt je uit voor Lokaal Signaal Proefstad als collega-" in body
    assert "als collega-signaalverwerker." in body
    assert link_path(message).startswith("/uitnodiging/")


def test_invitation_form_errors_are_dutch(client, app, login, head, outbox):
    login(head)
    response = invite(client, email="geen-adres")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.be." in html
    assert invitations(app) == []
    assert outbox == []


@pytest.mark.parametrize("role", [Role.GIVER, Role.ORG_PROCESSOR, Role.ALDERMAN])
def test_other_members_get_403_on_the_invite_page(client, make, login, place, role):
    login(make.user(role, place))
    for response in (client.get("/proefstad/uitnodigingen"), invite(client)):
        assert response.status_code == 403
        assert "Geen toegang" in response.get_data(as_text=True)


def test_giver_does_not_see_the_invite_menu(client, make, login, place):
    login(make.user(Role.GIVER, place))
    assert "/proefstad/uitnodigingen" not in client.get("/proefstad/").get_data(as_text=True)


def test_network_analyst_gets_403(client, make, login, place):
    login(make.user(Role.NETWORK))
    assert client.get("/proefstad/uitnodigingen").status_code == 403


def test_head_processor_of_another_municipality_gets_404(client, make, login, place, outbox):
    elsewhere = make.municipality(slug="elders")
    login(make.user(Role.HEAD_PROCESSOR, elsewhere))
    assert client.get("/proefstad/uitnodigingen").status_code == 404
    assert invite(client).status_code == 404
    assert outbox == []


def test_anonymous_is_sent_to_login(client, place, outbox):
    response = client.get("/proefstad/uitnodigingen")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/proefstad/uitnodigingen"
    assert invite(client).status_code == 401
    assert outbox == []


def test_unknown_municipality_is_404(client, login, head):
    login(head)
    assert client.get("/nergensdorp/uitnodigingen").status_code == 404


# --- accepting as a new user -----------------------------------------------------------------


def test_the_link_shows_the_account_form(client, login, head, caw, school, outbox):
    path = invitation_link(client, login, head, outbox)
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Welkom bij Lokaal Signaal Proefstad" in html
    assert "Je bent uitgenodigd als signaalgever" in html
    assert "<strong>nieuw@proef.example</strong>" in html
    # The inviter chose the organisation; the invitee gets no field to change it.
    assert 'name="organisation"' not in html
    assert 'name="consent"' in html
    assert "privacyverklaring van Proefstad" in html
    assert 'autocomplete="new-password"' in html


def test_accepting_creates_the_account_and_logs_in(client, app, login, head, caw, place, outbox):
    path = invitation_link(client, login, head, outbox, role="processor", organisation=caw)
    before = utcnow()
    response = client.post(path, data=accept_data(caw, name="  Nina Nieuw "))
    assert response.status_code == 303
    assert response.headers["Location"] == "/proefstad/"
    html = client.get("/proefstad/").get_data(as_text=True)
    assert "Welkom bij Lokaal Signaal Proefstad, Nina Nieuw." in html
    assert "Afmelden" in html

    user = load_user(app, "nieuw@proef.example")
    assert user["name"] == "Nina Nieuw"
    assert user["organisation_id"] == caw.id
    assert user["roles"] == [(place.id, "processor")]
    version, consented_at = user["consents"][place.id]
    assert version == privacy_version(app, place)
    assert before - timedelta(seconds=5) <= consented_at <= utcnow()
    # Logged in with the invited role: a processor reaches the invite page.
    assert client.get("/proefstad/uitnodigingen").status_code == 200
    # And the chosen password works from another browser.
    other = app.test_client()
    response = other.post("/login", data={"email": "nieuw@proef.example", "password": NEW_PASSWORD})
    assert response.status_code == 303


def test_the_link_works_once(client, app, login, head, caw, outbox):
    path = invitation_link(client, login, head, outbox)
    assert client.post(path, data=accept_data(caw)).status_code == 303
    client.post("/logout")
    for response in (client.get(path), client.post(path, data=accept_data(caw, name="Tweede"))):
        assert response.status_code == 404
        html = response.get_data(as_text=True)
        assert "Deze link werkt niet" in html
        assert "Deze uitnodiging is verlopen of al gebruikt." in html
    assert load_user(app, "nieuw@proef.example")["name"] == "Nina Nieuw"


def test_an_expired_link_does_not_work(client, app, login, head, caw, outbox):
    path = invitation_link(client, login, head, outbox)
    with app.app_context():
        invitation = db.session.scalars(db.select(Invitation)).one()
        invitation.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    for response in (client.get(path), client.post(path, data=accept_data(caw))):
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.get_data(as_text=True)
    assert load_user(app, "nieuw@proef.example") is None


def test_an_invented_link_does_not_work(client, place):
    response = client.get("/uitnodiging/verzonnen-token")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.get_data(as_text=True)


def test_consent_is_required(client, app, login, head, caw, outbox):
    path = invitation_link(client, login, head, outbox)
    response = client.post(path, data=accept_data(caw, consent=None))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert (
        '<p class="error" id="consent-error">'
        "Je kan pas een account maken als je akkoord gaat.</p>" in html
    )
    assert 'aria-describedby="consent-error"' in html
    assert 'value="Nina Nieuw"' in html
    assert NEW_PASSWORD not in html
    assert load_user(app, "nieuw@proef.example") is None
    # The link is not spent by a failed attempt.
    assert client.post(path, data=accept_data(caw)).status_code == 303


def test_passwords_must_match(client, app, login, head, caw, outbox):
    path = invitation_link(client, login, head, outbox)
    response = client.post(path, data=accept_data(caw, confirm="een-ander-wachtwoord"))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="confirm-error">De twee wachtwoorden zijn niet gelijk.</p>' in html
    assert load_user(app, "nieuw@proef.example") is None


def test_password_needs_twelve_characters(client, app, login, head, caw, outbox):
    path = invitation_link(client, login, head, outbox)
    short = "kort-11-tek"
    response = client.post(path, data=accept_data(caw, password=short, confirm=short))
    assert response.status_code == 400
    assert "Een wachtwoord heeft minstens 12 en hoogstens 128 tekens." in response.get_data(
        as_text=True
    )
    assert load_user(app, "nieuw@proef.example") is None


def test_name_is_required(client, app, login, head, caw, outbox):
    path = invitation_link(client, login, head, outbox)
    response = client.post(path, data=accept_data(caw, name="   "))
    assert response.status_code == 400
    assert "Vul je naam in." in response.get_data(as_text=True)


def test_an_org_processor_is_invited_only_for_an_organisation_with_an_agreement(
    client, app, make, login, head, place, caw, school, outbox
):
    make.agreement(place, caw)
    login(head)
    for organisation in (None, school):
        response = invite(client, role="org_processor", organisation=organisation)
        assert response.status_code == 400
        assert "Kies een organisatie met een samenwerkingsovereenkomst" in response.get_data(
            as_text=True
        )
    assert invitations(app) == []
    assert invite(client, role="org_processor", organisation=caw).status_code == 303


@pytest.mark.parametrize("value", ["elsewhere", "school", "999999", "abc"])
def test_the_invitee_cannot_choose_the_organisation_with_a_forged_field(
    client, app, make, login, head, place, caw, school, outbox, value
):
    make.agreement(place, caw)
    foreign = make.organisation(make.municipality(slug="elders"), name="CAW Elders")
    forged = {"elsewhere": str(foreign.id), "school": str(school.id)}.get(value, value)
    path = invitation_link(client, login, head, outbox, role="org_processor", organisation=caw)
    response = client.post(path, data={**accept_data(None), "organisation": forged})
    assert response.status_code == 303
    assert load_user(app, "nieuw@proef.example")["organisation_id"] == caw.id


# --- accepting with an existing account ------------------------------------------------------


@pytest.fixture
def second_place(make):
    return make.municipality(slug="buurdorp", name="Buurdorp")


@pytest.fixture
def existing(make, place):
    return make.user(Role.GIVER, place, name="Eva Bestaand", email="eva@proef.example")


def second_invitation(client, make, login, second_place, outbox, email, role="giver"):
    head_elsewhere = make.user(Role.HEAD_PROCESSOR, second_place)
    return invitation_link(client, login, head_elsewhere, outbox, email, role, slug="buurdorp")


def test_existing_account_must_log_in_first(client, make, login, second_place, existing, outbox):
    path = second_invitation(client, make, login, second_place, outbox, existing.email)
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Je hebt al een account" in html
    assert "<strong>eva@proef.example</strong>" in html
    assert f'href="/login?next={path}"' in html
    assert 'name="password"' not in html  # no second account for the same address


def test_existing_account_logs_in_and_only_consents(
    client, app, make, login, place, second_place, existing, outbox
):
    path = second_invitation(client, make, login, second_place, outbox, existing.email)
    response = client.post(
        "/login", query_string={"next": path}, data={"email": existing.email, "password": PASSWORD}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == path

    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Meedoen in Buurdorp</h1>" in html
    assert 'name="consent"' in html
    assert 'name="password"' not in html
    assert 'name="name"' not in html

    response = client.post(path, data={})
    assert response.status_code == 400
    assert "Je kan pas meedoen als je akkoord gaat." in response.get_data(as_text=True)
    assert load_user(app, existing.email)["roles"] == [(place.id, "giver")]

    response = client.post(path, data={"consent": "y"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/buurdorp/"
    assert "Je doet nu mee in Buurdorp." in client.get("/buurdorp/").get_data(as_text=True)
    user = load_user(app, existing.email)
    assert user["roles"] == sorted([(place.id, "giver"), (second_place.id, "giver")])
    assert user["name"] == "Eva Bestaand"
    assert user["consents"][second_place.id][0] == privacy_version(app, second_place)
    assert user["consents"][place.id][0] == privacy_version(app, place)
    assert client.get("/buurdorp/signalen").status_code == 200

    client.post("/logout")
    assert client.get(path).status_code == 404


def test_someone_else_cannot_accept_an_existing_accounts_invitation(
    client, app, make, login, place, second_place, existing, outbox
):
    path = second_invitation(client, make, login, second_place, outbox, existing.email)
    intruder = make.user(Role.GIVER, place, email="iemand@proef.example")
    login(intruder)
    response = client.post(path, data={"consent": "y"})
    assert response.status_code == 200
    assert "Je hebt al een account" in response.get_data(as_text=True)
    assert load_user(app, existing.email)["roles"] == [(place.id, "giver")]
    assert load_user(app, intruder.email)["roles"] == [(place.id, "giver")]
    assert client.get("/buurdorp/signalen").status_code == 404


def test_an_invitation_without_organisation_makes_an_account_without_one(
    client, app, login, processor, outbox
):
    path = invitation_link(client, login, processor, outbox)
    response = client.post(path, data=accept_data(None))
    assert response.status_code == 303
    user = load_user(app, "nieuw@proef.example")
    assert user["organisation_id"] is None
    assert user["roles"]
