"""The person page, the register of privacy requests and the access log in a real browser:
an objection filed and answered with JavaScript on and off, zero axe-core violations in every
state, and the people list without sideways scrolling on a laptop and a phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit, sideways
from webapp.models import Role

pytestmark = pytest.mark.browser


@pytest.fixture
def people(make):
    place = make.municipality(name="Rechtenstad")
    organisation = make.organisation(place, "CAW Rechtenstad")
    head = make.user(Role.HEAD_PROCESSOR, municipality=place, name="Hilde Hoofd")
    giver = make.user(
        municipality=place,
        name="Bart Bezwaarmaker-Vandenbroucke",
        email="bart.bezwaarmaker-vandenbroucke@caw-rechtenstad.example",
        organisation=organisation,
    )
    for n in range(12):
        make.user(municipality=place, name=f"Gever {n:02d} Met Een Lange Achternaam")
    return place, head, giver


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_an_objection_is_filed_registered_and_answered(open_page, sign_in, people, javascript):
    place, head, giver = people
    person = open_page(javascript=javascript)
    sign_in(person, giver)
    person.goto("/mijn-gegevens")
    person.get_by_label("Wat vraag je?").select_option(label="Bezwaar")
    person.get_by_label("Toelichting").fill("Gebruik mijn naam niet in rapporten.")
    person.get_by_role("button", name="Verzoek versturen").click()
    expect(person.get_by_role("status")).to_contain_text("Je verzoek is ontvangen door Rechtenstad")
    expect(person.get_by_role("status")).to_contain_text("is de verwerking van je gegevens beperkt")

    processor = open_page(javascript=javascript)
    sign_in(processor, head)
    processor.goto(f"/{place.slug}/privacyverzoeken")
    expect(processor.get_by_text("nog 30 dagen")).to_be_visible()
    processor.get_by_role("link", name="Bezwaar").click()
    expect(processor.get_by_role("heading", level=1)).to_have_text("Privacyverzoek: bezwaar")
    processor.get_by_label("Stand van zaken").select_option(label="beantwoord")
    processor.get_by_role("button", name="Bewaren").click()
    expect(processor.get_by_text("Kies de uitkomst van het verzoek.").first).to_be_visible()
    processor.get_by_label("Uitkomst").select_option(label="ingewilligd")
    processor.get_by_label("Antwoord aan de persoon").fill("We gebruiken je naam niet meer.")
    processor.get_by_role("button", name="Bewaren").click()
    expect(processor.get_by_role("status")).to_contain_text("Het verzoek is beantwoord")
    processor.goto(f"/{place.slug}/verwerken/toegangslog")
    log = processor.locator("#resultaten")
    expect(log.get_by_text("bezwaar ontvangen")).to_be_visible()
    expect(log.get_by_text("privacyverzoek beantwoord")).to_be_visible()


def test_person_register_and_access_log_have_no_accessibility_violations(
    open_page, sign_in, people
):
    place, head, giver = people
    audit = Audit()
    person = open_page(bypass_csp=True)
    sign_in(person, giver)
    person.goto("/mijn-gegevens")
    audit.check_all(person, "Mijn gegevens with the request form")

    page = open_page(bypass_csp=True)
    sign_in(page, head)
    page.goto(f"/{place.slug}/mensen")
    audit.check_all(page, "people list")
    for width in (1280, 360):
        assert sideways(page, width) == [], f"the people list scrolls sideways at {width} px"
    page.get_by_role("link", name=giver.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(giver.name)
    audit.check_all(page, "person page")
    page.get_by_role("button", name="Account deactiveren").click()
    expect(page.get_by_text("Vink aan dat je dit account wil deactiveren").first).to_be_visible()
    audit.check_all(page, "person page, deactivation not confirmed")
    page.get_by_label("Ja, deactiveer dit account").check()
    page.get_by_role("button", name="Account deactiveren").click()
    expect(page.get_by_role("button", name="Account heractiveren")).to_be_visible()
    audit.check_all(page, "person page, deactivated")
    page.get_by_role("button", name="Account heractiveren").click()
    expect(page.get_by_role("status")).to_contain_text("is heractiveerd")
    page.get_by_label("Soort verzoek").select_option(label="Overdraagbaarheid")
    page.get_by_label("Ontvangen op").fill("2999-01-01")
    page.get_by_role("button", name="Verzoek inschrijven").click()
    expect(page.get_by_text("De datum van ontvangst ligt in de toekomst.").first).to_be_visible()
    audit.check_all(page, "person page, request refused")
    page.goto(f"/{place.slug}/privacyverzoeken?toon=alle")
    audit.check_all(page, "register, empty")
    page.goto(f"/{place.slug}/verwerken/toegangslog")
    audit.check_all(page, "access log")
    page.get_by_label("Gebeurtenis", exact=True).select_option(label="aangemeld")
    page.get_by_role("button", name="Filteren").click()
    audit.check_all(page, "access log, filtered")
    audit.assert_clean()
