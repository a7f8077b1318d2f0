"""Shared management (issue 21): colleague processors manage the tool with the head processor,
and their rights stop exactly where the head's begin: the roles of processors, the privacy
statement, privacy requests, security, agreements' status and confirming a publication that
holds flagged text stay with the head."""

import pytest

from tests.signals.helpers import parse, text
from webapp import access
from webapp.extensions import db
from webapp.models import Invitation, Municipality, Role, User

# What the colleague now does too (each was the head's alone before issue 21).
SHARED = {
    "admin.settings",
    "admin.list_terms",
    "admin.add_term",
    "admin.rename_term",
    "admin.toggle_term",
    "partners.list_join_requests",
    "partners.decide_join_request",
    "processing.audit_log",
    "admin.list_invitations",
    "admin.resend_invitation",
    "admin.revoke_invitation",
}
# What stays with the head processor, the coordinator.
HEAD_ONLY = {
    "admin.change_role",
    "admin.deactivate_person",
    "admin.privacy_texts",
    "privacy.find_person",
    "privacy.person_data",
    "processing.delivery_status",
    "processing.security_settings",
    "partners.change_agreement_status",
    "network.refer_card",
}


@pytest.fixture
def place(make):
    municipality = make.municipality(slug="deinze")
    return {
        "municipality": municipality,
        "head": make.user(Role.HEAD_PROCESSOR, municipality),
        "colleague": make.user(Role.PROCESSOR, municipality),
        "org": make.user(Role.ORG_PROCESSOR, municipality),
        "giver": make.user(Role.GIVER, municipality),
        "alderman": make.user(Role.ALDERMAN, municipality),
    }


def _decide(app, place, who: str, endpoint: str):
    with app.test_request_context():
        user = db.session.get(User, place[who].id)
        municipality = db.session.get(Municipality, place["municipality"].id)
        decision = access.decide(endpoint, user, municipality)
        db.session.remove()
        return decision


def test_every_endpoint_is_placed_on_one_side_of_the_line(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints >= SHARED | HEAD_ONLY
    assert not SHARED & HEAD_ONLY


@pytest.mark.parametrize("endpoint", sorted(SHARED))
def test_colleagues_share_the_management(app, place, endpoint):
    assert _decide(app, place, "head", endpoint).allowed
    assert _decide(app, place, "colleague", endpoint).allowed
    for who in ("org", "giver", "alderman"):
        assert _decide(app, place, who, endpoint).status == 403, who


@pytest.mark.parametrize("endpoint", sorted(HEAD_ONLY))
def test_what_only_the_coordinator_decides_stays_with_the_head(app, place, endpoint):
    assert _decide(app, place, "head", endpoint).allowed
    assert _decide(app, place, "colleague", endpoint).status == 403


def test_only_the_head_confirms_flagged_text_for_publication(app, place):
    with app.test_request_context():
        municipality = db.session.get(Municipality, place["municipality"].id)
        head = db.session.get(User, place["head"].id)
        colleague = db.session.get(User, place["colleague"].id)
        assert access.may_confirm_publication(head, municipality)
        assert not access.may_confirm_publication(colleague, municipality)
        db.session.remove()


def test_a_colleague_invites_givers_and_manages_only_their_invitations(
    app, client, login, make, place
):
    municipality = place["municipality"]
    giver_invitation = make.invitation(municipality, role=Role.GIVER)
    processor_invitation = make.invitation(municipality, role=Role.PROCESSOR)
    login(place["colleague"])

    page = client.get(f"/{municipality.slug}/uitnodigingen/overzicht")

    assert page.status_code == 200
    assert giver_invitation.email in text(page)
    assert processor_invitation.email not in text(page)
    roles = [o.attrs["value"] for o in parse(page).find_all("option") if o.attrs.get("value")]
    assert Role.GIVER.value in roles
    assert Role.PROCESSOR.value not in roles and Role.HEAD_PROCESSOR.value not in roles
    # Someone else's decision: a processor's invitation is not found for the colleague.
    for action in ("opnieuw", "intrekken"):
        response = client.post(
            f"/{municipality.slug}/uitnodigingen/{processor_invitation.id}/{action}"
        )
        assert response.status_code == 404
    assert (
        client.post(
            f"/{municipality.slug}/uitnodigingen/{giver_invitation.id}/intrekken"
        ).status_code
        == 303
    )
    # Inviting a colleague processor is refused (no such choice for them).
    response = client.post(
        f"/{municipality.slug}/uitnodigingen/overzicht",
        data={"emails": "nieuw@example.org", "role": Role.PROCESSOR.value, "organisation": "0"},
    )
    assert response.status_code == 400
    with app.app_context():
        emails = set(db.session.scalars(db.select(Invitation.email)))
        db.session.remove()
    assert "nieuw@example.org" not in emails


def test_a_colleague_changes_settings_and_themes(app, client, login, place):
    slug = place["municipality"].slug
    login(place["colleague"])

    settings = client.post(
        f"/{slug}/instellingen",
        data={"contact_email": "signalen@deinze.be", "coordinator_name": "Dienst Welzijn"},
    )
    added = client.post(f"/{slug}/instellingen/themas", data={"name": "Eenzaamheid"})

    assert settings.status_code == 303 and added.status_code == 303
    with app.app_context():
        municipality = db.session.get(Municipality, place["municipality"].id)
        assert municipality.contact_email == "signalen@deinze.be"
        assert "Eenzaamheid" in [t.name for t in municipality.themes]
        db.session.remove()
    page = text(client.get(f"/{slug}/instellingen"))
    assert "Privacyverklaring" not in page  # the head's page, not linked for the colleague
    log = client.get(f"/{slug}/verwerken/logboek")
    assert log.status_code == 200
    assert "Eenzaamheid" in text(log)
