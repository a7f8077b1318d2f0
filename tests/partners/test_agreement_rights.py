"""What an organisation processor may do follows its organisation's active agreement, read at
every request: signals of its own staff or of everyone, and cards, actions and meetings only
where the agreement grants them."""

import pytest

from tests.partners.conftest import set_agreement
from webapp.models import AgreementStatus, Engagement


def test_ending_a_broad_mandate_removes_the_inbox_on_the_next_request(
    app, client, login, make, partners
):
    agreement = make.agreement(partners.municipality, partners.partner, Engagement.BROAD_MANDATE)
    make.signal(partners.municipality, partners.giver, title="Signaal van een andere gever")
    login(partners.org_processor)

    inbox = client.get(partners.url("verwerken"))
    assert inbox.status_code == 200
    assert "Signaal van een andere gever" in inbox.get_data(as_text=True)

    set_agreement(app, agreement.id, status=AgreementStatus.ENDED.value)

    assert client.get(partners.url("verwerken")).status_code == 403
    # Still a giver: the signals list stays open to them.
    assert client.get(partners.url("signalen")).status_code == 200


def test_own_staff_processors_see_only_their_staffs_signals_in_the_inbox(
    client, login, make, partners
):
    make.agreement(partners.municipality, partners.partner, Engagement.OWN_STAFF)
    make.signal(partners.municipality, partners.staff, title="Signaal van eigen personeel")
    other = make.signal(partners.municipality, partners.giver, title="Signaal van elders")
    login(partners.org_processor)

    page = client.get(partners.url("verwerken")).get_data(as_text=True)
    assert "Signaal van eigen personeel" in page
    assert "Signaal van elders" not in page
    assert client.get(partners.url(f"verwerken/signalen/{other.id}")).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["fiches/{card}/bewerken", "fiches/nieuw", "acties/nieuw", "agenda/nieuw"],
)
def test_own_staff_processors_do_not_manage_municipal_work_unless_granted(
    client, login, make, partners, path
):
    make.agreement(partners.municipality, partners.partner, Engagement.OWN_STAFF)
    card = make.card(partners.municipality, published=True)
    login(partners.org_processor)

    url = partners.url(path.format(card=card.id))
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, data={"title": "Overgenomen"}).status_code in (403, 404)


def test_a_cards_grant_opens_card_editing_and_nothing_else(client, login, make, partners):
    make.agreement(partners.municipality, partners.partner, Engagement.OWN_STAFF, grants=("cards",))
    card = make.card(partners.municipality, published=True)
    login(partners.org_processor)

    assert client.get(partners.url(f"fiches/{card.id}/bewerken")).status_code == 200
    assert client.get(partners.url("acties/nieuw")).status_code == 403
    assert client.get(partners.url("agenda/nieuw")).status_code == 403


def test_without_a_grant_draft_cards_and_internal_work_stay_hidden(client, login, make, partners):
    make.agreement(partners.municipality, partners.partner, Engagement.BROAD_MANDATE)
    draft = make.card(partners.municipality, title="Fiche in opmaak", published=False)
    internal = make.action(partners.municipality, title="Interne actie", public=False)
    meeting = make.meeting(partners.municipality, title="Intern overleg", public=False)
    login(partners.org_processor)

    assert client.get(partners.url(f"fiches/{draft.id}")).status_code == 404
    assert "Fiche in opmaak" not in client.get(partners.url("fiches")).get_data(as_text=True)
    assert client.get(partners.url(f"acties/{internal.id}")).status_code == 404
    assert client.get(partners.url(f"agenda/{meeting.id}")).status_code == 404
    # The card's page offers no edit link to someone who may not edit.
    published = make.card(partners.municipality, published=True)
    page = client.get(partners.url(f"fiches/{published.id}")).get_data(as_text=True)
    assert f"fiches/{published.id}/bewerken" not in page


def test_an_ended_grant_ends_on_the_next_request(app, client, login, make, partners):
    agreement = make.agreement(
        partners.municipality, partners.partner, Engagement.OWN_STAFF, grants=("meetings",)
    )
    login(partners.org_processor)
    assert client.get(partners.url("agenda/nieuw")).status_code == 200

    set_agreement(app, agreement.id, status=AgreementStatus.ENDED.value)

    assert client.get(partners.url("agenda/nieuw")).status_code == 403


def test_grants_in_a_staff_signal_agreement_give_no_rights(client, login, make, partners):
    make.agreement(
        partners.municipality,
        partners.partner,
        Engagement.STAFF_SIGNAL,
        grants=("cards", "actions", "meetings"),
    )
    login(partners.org_processor)

    assert client.get(partners.url("verwerken")).status_code == 403
    assert client.get(partners.url("fiches/nieuw")).status_code == 403


@pytest.mark.parametrize(("grants", "offered"), [((), False), (("cards",), True)])
def test_the_card_button_shows_only_to_who_may_make_cards(
    client, login, make, partners, grants, offered
):
    make.agreement(partners.municipality, partners.partner, Engagement.BROAD_MANDATE, grants=grants)
    signal = make.signal(partners.municipality, partners.staff, title="Signaal van eigen personeel")
    login(partners.org_processor)

    for path in ("verwerken", f"verwerken/signalen/{signal.id}"):
        response = client.get(partners.url(path))
        assert response.status_code == 200
        assert ("Signaalfiche maken" in response.get_data(as_text=True)) is offered
