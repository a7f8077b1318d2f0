"""Zero axe-core violations (WCAG 2.1 A and AA, best practice) on every page of the journeys,
in each state a person meets it: empty, with errors, with warnings, with results, after a swap."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit, fill_signal, log_in, submit_signal
from webapp.models import Role

pytestmark = pytest.mark.browser


@pytest.fixture
def audit():
    return Audit()


def _link_in(outbox, path: str) -> str:
    """The path of the link in the one mail sent (its host is the configured BASE_URL)."""
    [mail] = outbox
    outbox.clear()
    return re.search(rf"https?://[^/\s]+({path}\S+)", mail.get_content()).group(1)


def test_public_pages(make, axe_page, outbox, audit):
    page = axe_page
    place = make.municipality(name="Proefstad")
    make.municipality(name="Buurgemeente")
    user = make.user(municipality=place)

    page.goto("/")
    audit.check(page, "start page")
    page.get_by_role("link", name="Proefstad", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokaal Signaal in Proefstad")
    audit.check(page, "municipality page")

    page.goto("/bestaat-niet/signalen/nieuw")
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    audit.check(page, "404 page")
    page.goto(f"/{place.slug}/signalen/999")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    audit.check(page, "login page reached through a protected link")

    page.goto("/login")
    audit.check(page, "login page")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul je e-mailadres in.")
    audit.check(page, "login page with missing fields")
    page.get_by_label("E-mailadres").fill("niemand@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill("verkeerd wachtwoord")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("horen niet bij elkaar")
    audit.check(page, "login page with a wrong password")

    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord vergeten")
    audit.check(page, "forgot password")
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Stuur me een link").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een geldig e-mailadres in")
    audit.check(page, "forgot password with an error")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_role("button", name="Stuur me een link").click()
    expect(page.get_by_role("status")).to_contain_text("Als dit adres bij ons bekend is")
    audit.check(page, "login page with a flash message")

    page.goto(_link_in(outbox, "/wachtwoord-herstellen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies een nieuw wachtwoord")
    audit.check(page, "reset password")
    page.get_by_label("Nieuw wachtwoord").fill("te kort")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check(page, "reset password with errors")

    audit.assert_clean()


def test_anonymous_submit_pages(make, axe_page, audit):
    page = axe_page
    place = make.municipality()

    page.goto(f"/{place.slug}/signalen/nieuw")
    audit.check(page, "submit form, empty")
    submit_signal(page)
    expect(page.get_by_role("alert")).to_contain_text("Nog niet alles is in orde")
    audit.check(page, "submit form with validation errors")

    fill_signal(
        page,
        "Geen plaats in de naschoolse opvang",
        "Mevrouw uit de Kerkstraat 12 belde op 0470 12 34 56: haar zoon vindt geen opvang.",
    )
    submit_signal(page)
    expect(page.locator("mark.pii")).to_have_count(2)
    audit.check(page, "submit form with the personal-data warning")
    page.get_by_label(re.compile("^Ik heb mijn tekst nagekeken")).check()
    submit_signal(page)
    expect(page.locator(".ref")).to_be_visible()
    audit.check(page, "confirmation")
    followup = page.locator("#opvolglink").get_attribute("href")
    page.goto(urlsplit(followup).path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Je signaal")
    audit.check(page, "follow-up page")

    audit.assert_clean()


def test_giver_pages(make, axe_page, audit):
    page = axe_page
    place = make.municipality()
    giver = make.user(municipality=place, organisation=make.organisation(place, "CAW Oost"))
    log_in(page, giver)
    audit.check(page, "municipality page, logged in")

    page.goto(f"/{place.slug}/signalen")
    expect(page.get_by_text("Er zijn nog geen signalen")).to_be_visible()
    audit.check(page, "signals list, empty")
    page.goto(f"/{place.slug}/mijn-signalen")
    audit.check(page, "my signals, empty")

    colleague = make.user(municipality=place, name="Collega Drie")
    signal = make.signal(
        place,
        giver=colleague,
        title="Lange wachtlijst voor budgetbegeleiding bij het OCMW",
        description="Gezinnen met schulden wachten maanden op budgetbegeleiding bij het OCMW.",
        themes=("armoede",),
    )
    for number in range(21):
        make.signal(place, title=f"Signaal over vervoer nummer {number}", themes=("mobiliteit",))

    page.goto(f"/{place.slug}/signalen")
    expect(page.get_by_role("navigation", name="Paginering")).to_be_visible()
    audit.check(page, "signals list with results and pages")
    page.get_by_label("Thema").select_option(label="Armoede")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^1 signaal gevonden"))
    expect(page).to_have_url(re.compile(r"[?&]theme=armoede"))
    audit.check(page, "signals list filtered with htmx")
    page.goto(f"/{place.slug}/signalen?q=zwembad")
    expect(page.get_by_text("Geen signalen gevonden met deze filters.")).to_be_visible()
    audit.check(page, "signals list, nothing found")

    page.goto(f"/{place.slug}/signalen/nieuw")
    page.get_by_label("Titel").fill("Wachtlijst budgetbegeleiding OCMW")
    page.get_by_label("Wat stel je vast?").fill("Mensen met schulden wachten maanden op het OCMW.")
    box = page.locator("#similar")
    expect(box.get_by_role("listitem")).to_have_count(1)
    audit.check(page, "submit form with similar signals")
    box.get_by_role("button", name="Versterk").click()
    expect(box.get_by_role("status")).to_be_visible()
    audit.check(page, "submit form after reinforcing a similar signal")
    fill_signal(page, "Wachtlijst budgetbegeleiding OCMW", "Mensen met schulden wachten maanden.")
    submit_signal(page)
    expect(page.get_by_role("link", name="Bekijk je signaal")).to_be_visible()
    audit.check(page, "confirmation with an account")

    page.goto(f"/{place.slug}/signalen/{signal.id}")
    audit.check(page, "signal detail")
    page.locator("#volgen").get_by_role("button", name="Volgen").click()
    expect(page.locator("#volgen").get_by_role("status")).to_be_visible()
    page.locator("#aanvullingen").get_by_role("button", name="Aanvulling toevoegen").click()
    expect(page.get_by_text("Schrijf je aanvulling.")).to_be_visible()
    audit.check(page, "signal detail after following, with a supplement error")
    page.get_by_label("Je aanvulling").fill("Sinds september is de wachttijd verdubbeld.")
    page.get_by_role("button", name="Aanvulling toevoegen").click()
    expect(page.locator("#aanvullingen").get_by_role("status")).to_be_visible()
    page.get_by_label("Wat zie jij?").fill("Ook bij ons.")
    # Reinforced from the submit form already: now the button updates the context.
    page.get_by_role("button", name="Toelichting bijwerken").click()
    expect(page.locator("#versterken").get_by_role("status")).to_be_visible()
    audit.check(page, "signal detail with followers, reinforcements and supplements")

    page.goto(f"/{place.slug}/mijn-signalen")
    audit.check(page, "my signals")
    page.goto(f"/{place.slug}/signalen/12345")
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    audit.check(page, "404 page, logged in")

    audit.assert_clean()


def test_invitation_pages(make, open_page, sign_in, outbox, audit):
    place = make.municipality()
    make.organisation(place, "CAW Oost")
    processor = make.user(Role.PROCESSOR, municipality=place)
    page = open_page(bypass_csp=True)
    sign_in(page, processor)

    page.goto(f"/{place.slug}/uitnodigingen")
    audit.check(page, "invite page")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check(page, "invite page with errors")
    page.get_by_label("E-mailadres van de persoon die je uitnodigt").fill("nieuw@caw.example.org")
    # The inviter, not the invitee, sets the organisation.
    page.get_by_label("Organisatie (werkgever)").select_option(label="CAW Oost")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_contain_text("De uitnodiging is verstuurd")
    audit.check(page, "invite page after sending")

    path = _link_in(outbox, "/uitnodiging/")
    guest = open_page(bypass_csp=True)
    guest.goto(path)
    expect(guest.get_by_role("heading", level=1)).to_contain_text("Welkom bij Lokaal Signaal")
    audit.check(guest, "invitation acceptance")
    guest.get_by_text(re.compile("^Lees de privacyverklaring")).click()
    expect(guest.locator("details")).to_have_attribute("open", "")
    audit.check(guest, "invitation acceptance with the privacy statement open")
    guest.get_by_role("button", name="Account maken").click()
    expect(guest.get_by_role("alert")).to_be_visible()
    audit.check(guest, "invitation acceptance with errors")

    guest.get_by_label("Je naam").fill("Nieuwe Collega")
    guest.get_by_label("Nieuw wachtwoord").fill("een lange zin als wachtwoord")
    guest.get_by_label("Herhaal het wachtwoord").fill("een lange zin als wachtwoord")
    guest.get_by_label("Ik heb de privacyverklaring gelezen").check()
    guest.get_by_role("button", name="Account maken").click()
    expect(guest.get_by_role("status")).to_contain_text("Welkom bij Lokaal Signaal")
    audit.check(guest, "municipality page after accepting")
    guest.goto(path)
    expect(guest.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet (meer)")
    audit.check(guest, "used invitation link")

    # Someone who already has an account is asked to log in with it first.
    page.get_by_label("E-mailadres van de persoon die je uitnodigt").fill(processor.email)
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_contain_text("De uitnodiging is verstuurd")
    guest.goto(_link_in(outbox, "/uitnodiging/"))
    expect(guest.get_by_role("heading", level=1)).to_have_text("Je hebt al een account")
    audit.check(guest, "invitation for an existing account")

    audit.assert_clean()


@pytest.mark.parametrize(
    "path",
    ["/", "/{slug}/signalen/nieuw", "/{slug}/signalen?theme=armoede", "/{slug}/signalen/{id}"],
)
def test_pages_reflow_at_320_css_pixels(make, sign_in, open_page, path):
    """WCAG 1.4.10: at 320 CSS pixels wide (a phone, or 400 % zoom) nothing scrolls sideways."""
    place = make.municipality()
    giver = make.user(municipality=place)
    signal = make.signal(
        place,
        giver=giver,
        title="Budgetbegeleidingswachtlijstproblematiek bij het OCMW",
        themes=("armoede",),
    )
    page = open_page()
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, giver)
    page.goto(path.format(slug=place.slug, id=signal.id))
    overflow = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth)
            .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                 + (el.className ? "." + el.className : ""))"""
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320, overflow
