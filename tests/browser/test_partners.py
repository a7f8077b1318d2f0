"""Partnerships in a real browser, with JavaScript on and off: the agreement editor's live
preview and conflict page, a join request taken to an active agreement, and zero axe-core
violations on every partnership and administration page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit
from webapp.models import AgreementStatus, Engagement, Role

pytestmark = pytest.mark.browser


@pytest.fixture
def town(make):
    place = make.municipality(name="Partnerdorp")
    partner = make.organisation(place, "CAW Partnerdorp")
    head = make.user(Role.HEAD_PROCESSOR, municipality=place, name="Hanne Hoofd")
    colleague = make.user(Role.PROCESSOR, municipality=place, name="Pieter Collega")
    draft = make.agreement(place, partner, Engagement.OWN_STAFF, AgreementStatus.DRAFT)
    return place, partner, head, colleague, draft


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_agreement_edit_with_preview_and_save(open_page, sign_in, town, javascript):
    place, _, head, _, draft = town
    page = open_page(javascript=javascript)
    sign_in(page, head)
    page.goto(f"/{place.slug}/overeenkomsten/{draft.id}/bewerken")

    body = page.get_by_label("Tekst van de overeenkomst")
    body.fill("## Afspraken\n\nWe overleggen **elke maand**.")
    preview = page.locator("#voorbeeld")
    if javascript:
        # htmx renders the preview while typing, without a click.
        expect(preview.locator("strong")).to_have_text("elke maand")
    else:
        page.get_by_role("button", name="Voorbeeld tonen").click()
        expect(preview.locator("strong")).to_have_text("elke maand")
        expect(preview).to_contain_text("er is nog niets opgeslagen")
        expect(page.get_by_label("Tekst van de overeenkomst")).to_have_value(
            "## Afspraken\n\nWe overleggen **elke maand**."
        )
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.get_by_role("status")).to_contain_text("opgeslagen als versie 1")
    expect(page.locator(".prose strong")).to_have_text("elke maand")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_concurrent_edit_shows_both_texts_and_merges(open_page, sign_in, town, javascript):
    place, _, head, colleague, draft = town
    edit = f"/{place.slug}/overeenkomsten/{draft.id}/bewerken"
    first, second = open_page(javascript=javascript), open_page(javascript=javascript)
    sign_in(first, head)
    sign_in(second, colleague)
    first.goto(edit)
    second.goto(edit)

    second.get_by_label("Tekst van de overeenkomst").fill("De tekst van het CAW.")
    second.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(second.get_by_role("status")).to_contain_text("versie 1")

    first.get_by_label("Tekst van de overeenkomst").fill("De tekst van het OCMW.")
    first.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(first.get_by_role("heading", name="Iemand anders was je voor")).to_be_visible()
    expect(first.locator("#hun-tekst")).to_have_text("De tekst van het CAW.")
    expect(first.locator("#jouw-tekst")).to_have_text("De tekst van het OCMW.")

    first.get_by_label("Tekst van de overeenkomst").fill(
        "De tekst van het CAW.\n\nDe tekst van het OCMW."
    )
    first.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(first.get_by_role("status")).to_contain_text("versie 2")
    expect(first.locator(".prose")).to_contain_text("De tekst van het CAW.")
    expect(first.locator(".prose")).to_contain_text("De tekst van het OCMW.")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_from_join_request_to_active_agreement(open_page, sign_in, town, outbox, javascript):
    place, _, head, _, _ = town
    visitor = open_page(javascript=javascript)
    visitor.goto(f"/{place.slug}/meedoen")
    visitor.get_by_label("Naam van je organisatie").fill("Jeugdhuis Het Anker")
    visitor.get_by_label("Soort organisatie").select_option(label="Andere organisatie")
    visitor.get_by_label("Je naam").fill("Anke Anker")
    visitor.get_by_label("Je e-mailadres").fill("anke@anker.example.org")
    visitor.get_by_label("Hoe wil je organisatie meewerken?").select_option("1")
    visitor.get_by_role("button", name="Aanvraag versturen").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Bedankt, je aanvraag is verstuurd"
    )

    page = open_page(javascript=javascript)
    sign_in(page, head)
    page.goto(f"/{place.slug}/partners/aanvragen")
    request = page.get_by_role("region", name="Jeugdhuis Het Anker")
    request.get_by_label("Goedkeuren").check()
    request.get_by_role("button", name="Beslissen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overeenkomst bewerken")
    page.get_by_label("Tekst van de overeenkomst").fill(
        "Het Anker volgt de signalen van zijn team op."
    )
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    page.get_by_role("button", name="Overeenkomst actief maken").click()
    expect(page.get_by_role("status")).to_contain_text("De overeenkomst is actief")
    agreement_url = page.url

    visitor.goto(agreement_url)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Jeugdhuis Het Anker")
    expect(visitor.locator(".prose")).to_contain_text("Het Anker volgt de signalen")


def test_partnership_and_administration_pages_have_no_axe_violations(
    make, open_page, sign_in, town
):
    place, partner, head, colleague, draft = town
    make.user(Role.ORG_PROCESSOR, municipality=place, name="Olga Partner", organisation=partner)
    make.join_request(place, organisation_name="Buurthuis De Brug")
    make.invitation(place, email="open@example.org")
    make.invitation(place, email="verlopen@example.org", days=-2)
    audit = Audit()
    page = open_page(bypass_csp=True)

    page.goto(f"/{place.slug}/meedoen")
    audit.check_all(page, "join request form")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check_all(page, "join request form with errors")

    sign_in(page, head)
    for path, what in (
        ("partners", "partners"),
        (f"partners/{partner.id}", "organisation"),
        ("partners/nieuw", "new organisation"),
        ("partners/aanvragen", "join requests"),
        (f"overeenkomsten/{draft.id}", "agreement"),
        (f"overeenkomsten/{draft.id}/bewerken", "agreement editor"),
        ("mensen", "people"),
        ("uitnodigingen/overzicht", "invitations"),
        ("instellingen", "settings"),
        ("instellingen/themas-en-doelgroepen", "themes and target groups"),
        ("mijn-engagement", "my engagements"),
        ("instellingen/privacy", "privacy texts"),
        ("privacy-akkoord", "accept a new privacy statement"),
    ):
        page.goto(f"/{place.slug}/{path}")
        audit.check_all(page, what)

    page.goto(f"/{place.slug}/overeenkomsten/{draft.id}/bewerken")
    page.get_by_label("Tekst van de overeenkomst").fill("Eerste versie.")
    expect(page.locator("#voorbeeld")).to_contain_text("Eerste versie.")
    audit.check(page, "agreement editor after a live preview")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    page.goto(f"/{place.slug}/overeenkomsten/{draft.id}/bewerken")
    page.get_by_label("Titel").fill("")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    audit.check_all(page, "agreement editor with errors")

    other = open_page(bypass_csp=True)
    sign_in(other, colleague)
    other.goto(f"/{place.slug}/overeenkomsten/{draft.id}/bewerken")
    page.goto(f"/{place.slug}/overeenkomsten/{draft.id}/bewerken")
    page.get_by_label("Tekst van de overeenkomst").fill("Tweede versie.")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    other.get_by_label("Tekst van de overeenkomst").fill("Andere versie.")
    other.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(other.get_by_role("heading", name="Iemand anders was je voor")).to_be_visible()
    audit.check_all(other, "conflict page")
    page.goto(f"/{place.slug}/overeenkomsten/{draft.id}/versies")
    audit.check_all(page, "versions and diff")
    audit.assert_clean()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_meeting_invitation_answered(make, open_page, sign_in, town, outbox, javascript):
    place, partner, head, _, _ = town
    giver = make.user(Role.GIVER, municipality=place, name="Gitte Gever", organisation=partner)
    meeting = make.meeting(place, title="Signaaldag wonen", public=True)
    page = open_page(javascript=javascript)
    sign_in(page, head)
    page.goto(f"/{place.slug}/agenda/{meeting.id}/uitnodigen")
    page.get_by_role("group", name="Van deze organisatie").get_by_label("CAW Partnerdorp").check()
    page.get_by_role("button", name="Bekijk wie uitgenodigd wordt").click()
    # The names first; nothing has gone out yet.
    recipients = page.get_by_role("group", name="Ontvangers (1)")
    expect(recipients.get_by_label(giver.name)).to_be_checked()
    assert outbox == []
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.get_by_role("status")).to_contain_text("1 persoon uitgenodigd")
    assert [m["To"] for m in outbox] == [giver.email]

    guest = open_page(javascript=javascript)
    sign_in(guest, giver)
    guest.goto(f"/{place.slug}/agenda/{meeting.id}")
    guest.get_by_role("button", name="Ik kom", exact=True).click()
    expect(guest.get_by_role("status")).to_contain_text("ik kom")
    expect(guest.get_by_text("1 komt, 0 komen niet")).to_be_visible()


def test_meeting_invitation_pages_have_no_axe_violations(make, open_page, sign_in, town):
    place, partner, head, _, _ = town
    giver = make.user(Role.GIVER, municipality=place, name="Gitte Gever", organisation=partner)
    meeting = make.meeting(place, title="Signaaldag wonen", public=True)
    audit = Audit()
    page = open_page(bypass_csp=True)
    sign_in(page, head)
    page.goto(f"/{place.slug}/agenda/{meeting.id}/uitnodigen")
    audit.check_all(page, "invite people to a meeting")
    page.get_by_role("button", name="Bekijk wie uitgenodigd wordt").click()
    audit.check_all(page, "invite people with an error")
    page.get_by_role("group", name="Van deze organisatie").get_by_label("CAW Partnerdorp").check()
    page.get_by_role("button", name="Bekijk wie uitgenodigd wordt").click()
    audit.check_all(page, "the recipients before the invitations go out")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    audit.check_all(page, "meeting with invitations, for the processor")
    guest = open_page(bypass_csp=True)
    sign_in(guest, giver)
    guest.goto(f"/{place.slug}/agenda/{meeting.id}")
    audit.check_all(guest, "meeting, for the invited")
    audit.assert_clean()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_invitation_from_mail_to_first_login(make, open_page, sign_in, town, outbox, javascript):
    place, partner, head, _, draft = town
    page = open_page(javascript=javascript)
    sign_in(page, head)
    page.goto(f"/{place.slug}/uitnodigingen")
    page.get_by_label("E-mailadres van de persoon die je uitnodigt").fill("olga@caw.example.org")
    page.get_by_label("Rol").select_option("org_processor")
    page.get_by_label("Organisatie (werkgever)").select_option(label="CAW Partnerdorp")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_contain_text("De uitnodiging is verstuurd")

    [mail] = outbox
    link = re.search(r"https?://[^/\s]+(/uitnodiging/\S+)", mail.get_content()).group(1)
    guest = open_page(javascript=javascript)
    guest.goto(link)
    expect(guest.get_by_text("bij CAW Partnerdorp")).to_be_visible()
    expect(guest.get_by_label("Je organisatie (werkgever)")).to_have_count(0)
    guest.get_by_label("Je naam").fill("Olga Organisatie")
    guest.get_by_label("Nieuw wachtwoord").fill("lang-genoeg-wachtwoord")
    guest.get_by_label("Herhaal het wachtwoord").fill("lang-genoeg-wachtwoord")
    guest.get_by_label("deelnemen aan overleg").check()
    guest.get_by_label("Ik heb de privacyverklaring gelezen").check()
    guest.get_by_role("button", name="Account maken").click()
    expect(guest.get_by_role("status")).to_contain_text("Welkom bij Lokaal Signaal Partnerdorp")
    # The agreement is a draft: a plain giver until it is active.
    expect(guest.get_by_role("link", name="Verwerken")).to_have_count(0)
