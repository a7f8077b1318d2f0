"""Page-weight budgets for the partnership and administration pages, and the live preview."""

from tests.perf.test_page_weight import (
    ENCODING,
    FIRST_VISIT_BUDGET,
    FRAGMENT_BUDGET,
    REPEAT_VISIT_BUDGET,
    page_with_assets,
    transferred,
)
from webapp.models import AgreementStatus, Engagement, Role

LONG_TEXT = "\n\n".join(
    f"## Artikel {n}\n\nDe organisatie en de gemeente volgen de signalen samen op."
    for n in range(1, 15)
)


def test_partner_pages_within_budget(client, make, login):
    place = make.municipality(slug="weegpartner")
    head = make.user(Role.HEAD_PROCESSOR, place)
    organisations = [make.organisation(place, f"Partnerorganisatie {n}") for n in range(12)]
    agreement = make.agreement(place, organisations[0], Engagement.OWN_STAFF, AgreementStatus.DRAFT)
    for organisation in organisations[1:]:
        make.agreement(place, organisation, Engagement.CONSULTATION)
        make.user(Role.GIVER, place, organisation=organisation)
    meeting = make.meeting(place, public=True)
    for number in range(5):
        make.join_request(place, organisation_name=f"Aanvrager {number}")
        make.invitation(place)
    login(head)
    edit = f"/weegpartner/overeenkomsten/{agreement.id}/bewerken"
    for version in range(3):
        data = {"title": "Overeenkomst", "engagement": "1", "version": str(version)}
        data.update(body=LONG_TEXT + f"\n\nVersie {version}", stap="opslaan")
        assert client.post(edit, data=data).status_code == 303

    for path in (
        "partners",
        f"partners/{organisations[0].id}",
        "partners/nieuw",
        f"overeenkomsten/{agreement.id}",
        f"overeenkomsten/{agreement.id}/bewerken",
        f"overeenkomsten/{agreement.id}/versies",
        "partners/aanvragen",
        "meedoen",
        "mensen",
        "uitnodigingen/overzicht",
        "instellingen",
        "instellingen/themas-en-doelgroepen",
        "mijn-engagement",
        "instellingen/privacy",
        "privacy-akkoord",
        f"agenda/{meeting.id}",
        f"agenda/{meeting.id}/uitnodigen",
    ):
        first, repeat = page_with_assets(client, f"/weegpartner/{path}")
        assert first <= FIRST_VISIT_BUDGET, (path, first)
        assert repeat <= REPEAT_VISIT_BUDGET, (path, repeat)

    data = {"title": "Overeenkomst", "engagement": "1", "version": "3", "body": LONG_TEXT}
    preview = client.post(
        edit, data={**data, "stap": "voorbeeld"}, headers={**ENCODING, "HX-Request": "true"}
    )
    assert preview.status_code == 200
    assert transferred(preview) <= FRAGMENT_BUDGET
