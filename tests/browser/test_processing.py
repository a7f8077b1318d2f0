"""A processor's day in the browser: triage in the inbox, handling a signal, feedback that
reaches the giver, a signal card from a selection, an action and a meeting.

With JavaScript, filters and the blocks of the handling page update in place (htmx); without
it, the same forms work as plain GET and POST requests with a redirect.
"""

import re
import time
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.factories import Ref
from webapp.models import Role

pytestmark = pytest.mark.browser

JS = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
POVERTY = "Lange wachtlijst voor budgetbegeleiding"
BUS = "Geen bus naar het ziekenhuis in het weekend"
CHILDCARE = "Te weinig betaalbare kinderopvang"


@dataclass
class Town:
    place: Ref
    organisation: Ref
    head: Ref
    colleague: Ref
    giver: Ref
    signals: dict[str, Ref]

    def url(self, path: str) -> str:
        return f"/{self.place.slug}/{path}"

    def handle_url(self, title: str) -> str:
        return self.url(f"verwerken/signalen/{self.signals[title].id}")


@pytest.fixture
def town(make) -> Town:
    place = make.municipality(name="Triagestad")
    organisation = make.organisation(place, "CAW Triage")
    head = make.user(Role.HEAD_PROCESSOR, municipality=place, name="Hoofd Verwerker")
    colleague = make.user(Role.PROCESSOR, municipality=place, name="Collega Verwerker")
    giver = make.user(municipality=place, name="Gever Een", organisation=organisation)
    signals = {
        POVERTY: make.signal(place, giver=giver, title=POVERTY, themes=("armoede",)),
        BUS: make.signal(place, giver=giver, title=BUS, themes=("mobiliteit", "zorg")),
        CHILDCARE: make.signal(place, title=CHILDCARE, themes=("jeugd",)),
    }
    return Town(place, organisation, head, colleague, giver, signals)


def _confirmation(page, block: str, javascript: bool):
    """Where a change is confirmed: in the swapped block with htmx, as a flash without."""
    if javascript:
        return page.locator(block).get_by_role("status")
    return page.locator(".flashes")


def _mail_to(outbox, address: str, timeout: float = 30.0):
    """The one mail to `address`: mail leaves after the commit, so it may arrive a moment after
    the page."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with outbox.lock:
            found = [m for m in outbox if address in m.envelope_recipients]
        if found:
            assert len(found) == 1, [m["Subject"] for m in found]
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no mail to {address}; outbox: {[m['To'] for m in outbox]}")


# --- Triage --------------------------------------------------------------------------------------


def test_with_javascript_triage_happens_in_place(sign_in, page, live_server, town):
    sign_in(page, town.head)
    page.goto(town.url("verwerken"))
    results = page.locator("#resultaten")
    expect(results.get_by_role("status")).to_have_text(re.compile(r"^3 signalen\."))
    page.evaluate("() => { window.stillTheSamePage = true }")

    page.get_by_label("Thema", exact=True).select_option(label="Armoede")
    expect(results.get_by_role("status")).to_have_text(re.compile(r"^1 signaal gevonden\."))
    expect(page).to_have_url(re.compile(r"/verwerken\?(.+&)?theme=armoede"))
    expect(results.get_by_role("link", name=POVERTY)).to_be_visible()
    expect(results.get_by_role("link", name=BUS)).to_have_count(0)
    # The search box filters as one types, after a short pause.
    page.get_by_label("Zoeken").fill("ziekenhuis")
    expect(results.get_by_role("status")).to_have_text(re.compile(r"^0 signalen gevonden\."))
    expect(page).to_have_url(re.compile(r"[?&]q=ziekenhuis"))
    page.get_by_label("Thema", exact=True).select_option(label="Alle thema's")
    expect(results.get_by_role("link", name=BUS)).to_be_visible()
    expect(results.get_by_role("status")).to_have_text(re.compile(r"^1 signaal gevonden\."))
    assert page.evaluate("() => window.stillTheSamePage") is True
    page.get_by_label("Zoeken").fill("")
    expect(results.get_by_role("link", name=POVERTY)).to_be_visible()

    results.get_by_role("link", name=POVERTY).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(POVERTY)
    handle_url = live_server + town.handle_url(POVERTY)
    assert page.url == handle_url
    page.evaluate("() => { window.stillTheSamePage = true }")

    status = page.locator("#status")
    status.get_by_label("Nieuwe status").select_option(label="in behandeling")
    status.get_by_label("Toelichting (niet verplicht)", exact=True).fill(
        "We bekijken dit met het OCMW."
    )
    status.get_by_role("button", name="Status wijzigen").click()
    expect(status.get_by_role("status")).to_have_text("De status is nu: in behandeling.")
    expect(status.get_by_role("heading", level=2)).to_have_text("Status: in behandeling")
    expect(status.get_by_role("listitem").last).to_contain_text(
        "van ingediend naar in behandeling, door Hoofd Verwerker"
    )
    expect(status.get_by_role("listitem").last).to_contain_text("We bekijken dit met het OCMW.")

    assign = page.locator("#toewijzing")
    assign.get_by_label("Verwerker").select_option(label="Collega Verwerker")
    assign.get_by_label("Beleidsdomein").select_option(label="Armoede")
    assign.get_by_role("button", name="Toewijzen").click()
    expect(assign.get_by_role("status")).to_have_text(
        "Toegewezen aan Collega Verwerker, beleidsdomein Armoede."
    )
    expect(assign).to_contain_text("Toegewezen aan Collega Verwerker, beleidsdomein Armoede.")
    assert page.url == handle_url
    assert page.evaluate("() => window.stillTheSamePage") is True
    assert page.locator("#meldingen .flash").count() == 0

    # Back in the inbox, the signal is where the filters say it is.
    page.get_by_role("link", name="← Alle te verwerken signalen").click()
    page.get_by_label("Toegewezen aan").select_option(label="Collega Verwerker")
    expect(results.get_by_role("status")).to_have_text(re.compile(r"^1 signaal gevonden\."))
    row = results.locator(".card").filter(has_text=POVERTY)
    expect(row).to_contain_text("in behandeling")
    expect(row).to_contain_text("toegewezen aan Collega Verwerker (Armoede)")


def test_without_javascript_triage_works_with_plain_forms(sign_in, nojs_page, live_server, town):
    page = nojs_page
    sign_in(page, town.head)
    page.goto(town.url("verwerken"))
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^3 signalen\."))

    page.get_by_label("Thema", exact=True).select_option(label="Armoede")
    page.get_by_label("Enkel nog niet opgepakt").check()
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^1 signaal gevonden\."))
    assert re.search(r"[?&]theme=armoede", page.url)
    assert re.search(r"[?&]unhandled=1", page.url)
    expect(page.get_by_label("Thema", exact=True)).to_have_value("armoede")
    expect(page.get_by_role("link", name=BUS)).to_have_count(0)

    page.get_by_role("link", name=POVERTY).click()
    handle_url = live_server + town.handle_url(POVERTY)
    assert page.url == handle_url
    flash = page.locator(".flashes")

    page.get_by_label("Nieuwe status").select_option(label="niet weerhouden")
    page.get_by_role("button", name="Status wijzigen").click()
    # Not retaining a signal takes a reason: the page comes back with the error.
    expect(page.locator("#status")).to_contain_text("Zeg waarom het signaal niet weerhouden wordt.")
    expect(page.get_by_label("Toelichting (niet verplicht)", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    page.get_by_label("Nieuwe status").select_option(label="doorverwezen")
    # A referral names the organisation it goes to (issue 21).
    referred = page.get_by_label("Doorverwezen naar", exact=True)
    organisation = referred.locator("option").nth(1).inner_text()
    referred.select_option(label=organisation)
    page.get_by_label("Toelichting (niet verplicht)", exact=True).fill(
        "Doorverwezen naar het OCMW."
    )
    page.get_by_role("button", name="Status wijzigen").click()
    expect(flash).to_have_text(f"De status is nu: doorverwezen naar {organisation}.")
    assert page.url == handle_url
    expect(page.locator("#status").get_by_role("listitem").last).to_contain_text(
        "Doorverwezen naar het OCMW."
    )

    page.get_by_label("Verwerker").select_option(label="Collega Verwerker")
    page.get_by_role("button", name="Toewijzen").click()
    expect(flash).to_have_text("Toegewezen aan Collega Verwerker.")
    assert page.url == handle_url
    expect(page.get_by_label("Verwerker")).to_have_value(str(town.colleague.id))

    page.get_by_role("textbox", name="Nieuwe interne notitie").fill("Gebeld met het OCMW.")
    page.get_by_role("button", name="Notitie bewaren").click()
    expect(flash).to_have_text("Je interne notitie is bewaard.")
    expect(page.locator("#notities").get_by_role("listitem")).to_contain_text("Gebeld met")

    # Picked up now: the "not yet picked up" filter no longer finds it.
    page.goto(town.url("verwerken?unhandled=1"))
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^2 signalen gevonden\."))
    expect(page.get_by_role("link", name=CHILDCARE)).to_be_visible()
    expect(page.get_by_role("link", name=POVERTY)).to_have_count(0)


# --- Feedback -------------------------------------------------------------------------------------


@JS
def test_feedback_reaches_the_giver(open_page, sign_in, outbox, live_server, town, javascript):
    feedback = "Het OCMW plant een extra zitdag voor budgetbegeleiding vanaf maart."
    page = open_page(javascript=javascript)
    sign_in(page, town.head)
    page.goto(town.handle_url(POVERTY))
    page.get_by_role("textbox", name="Terugkoppeling").fill(feedback)
    page.get_by_role("button", name="Terugkoppeling versturen").click()
    expect(_confirmation(page, "#terugkoppeling", javascript)).to_have_text(
        "Je terugkoppeling staat bij het signaal en gaat per e-mail naar 1 persoon."
    )
    expect(page.locator("#terugkoppeling").get_by_role("listitem")).to_contain_text(feedback)
    assert page.url == live_server + town.handle_url(POVERTY)

    mail = _mail_to(outbox, town.giver.email)
    assert mail["Subject"] == f"Terugkoppeling op je signaal: {POVERTY}"
    text = mail.get_content()
    assert feedback in text
    link = f"/{town.place.slug}/signalen/{town.signals[POVERTY].id}"
    assert re.search(rf"https?://[^/\s]+{re.escape(link)}\s", text), text

    giver = open_page(javascript=javascript)
    sign_in(giver, town.giver)
    giver.goto(link)
    expect(giver.get_by_role("heading", level=1)).to_have_text(POVERTY)
    history = giver.get_by_role("region", name="Verloop")
    expect(history.get_by_role("listitem").filter(has_text=feedback)).to_have_count(1)
    # Internal notes and the processor's name stay with the processors.
    expect(giver.get_by_text("Hoofd Verwerker")).to_have_count(0)


# --- A card from a selection ------------------------------------------------------------------


@JS
def test_a_card_from_a_selection_in_the_inbox(open_page, sign_in, town, javascript):
    page = open_page(javascript=javascript)
    sign_in(page, town.head)
    page.goto(town.url("verwerken"))
    page.get_by_label(f"Kies {POVERTY}").check()
    page.get_by_label(f"Kies {BUS}").check()
    page.get_by_role("button", name="Signaalfiche maken", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe signaalfiche")

    # The selection arrives ticked, with the themes of both signals.
    bundled = page.get_by_role("group", name=re.compile(r"^Gebundelde signalen"))
    assert bundled.get_by_role("checkbox").count() == 2
    assert bundled.get_by_role("checkbox", name=re.compile(POVERTY)).is_checked()
    assert bundled.get_by_role("checkbox", name=re.compile(BUS)).is_checked()
    themes = page.get_by_role("group", name=re.compile(r"^Thema's"))
    for theme in ("Armoede", "Mobiliteit", "Zorg"):
        expect(themes.get_by_label(theme, exact=True)).to_be_checked()

    title = "Wachtlijsten en vervoer naar de hulp"
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Publieke samenvatting").fill("Mensen raken **moeilijk** bij de hulp.")
    page.get_by_role("button", name="Signaalfiche maken", exact=True).click()
    expect(page.locator(".flashes")).to_contain_text("De signaalfiche is gemaakt.")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#herkomst")).to_contain_text("Deze fiche bundelt 2 signalen")
    expect(page.locator("#herkomst")).to_contain_text("uit 1 organisatie")
    signals = page.get_by_role("region", name="Gebundelde signalen")
    expect(signals.get_by_role("link", name=POVERTY)).to_be_visible()
    expect(signals.get_by_role("link", name=BUS)).to_be_visible()
    expect(page.locator(".markdown strong")).to_have_text("moeilijk")


# --- Actions and meetings -------------------------------------------------------------------------


@JS
def test_an_action_and_a_meeting_through_their_forms(open_page, sign_in, make, town, javascript):
    card = make.card(
        town.place,
        title="Wachtlijsten in de budgetbegeleiding",
        published=True,
        signals=(town.signals[POVERTY],),
    )
    page = open_page(javascript=javascript)
    sign_in(page, town.head)
    flash = page.locator(".flashes")

    page.goto(town.url("acties"))
    page.get_by_role("link", name="Nieuwe actie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe actie")
    page.get_by_role("button", name="Actie maken").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef de actie een titel.")
    page.get_by_label("Titel").fill("Extra zitdag budgetbegeleiding")
    page.get_by_label("Beschrijving").fill("Elke dinsdag kan je zonder afspraak langskomen.")
    page.get_by_label("Verantwoordelijke organisatie").select_option(label="CAW Triage")
    page.get_by_label("Status", exact=True).select_option(label="lopend")
    page.get_by_label(re.compile(r"^Openbaar")).check()
    page.get_by_role("group", name=re.compile(r"^Signaalfiches")).get_by_label(card.name).check()
    page.get_by_role("button", name="Actie maken").click()
    expect(flash).to_have_text("De actie is gemaakt.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Extra zitdag budgetbegeleiding")
    expect(page.locator(".meta").first).to_contain_text("lopend")
    expect(page.get_by_role("definition").first).to_have_text("CAW Triage")
    expect(page.get_by_role("region", name="Signaalfiches")).to_contain_text(card.name)

    progress = page.locator("#voortgang")
    progress.get_by_label("Wat is er gebeurd?").fill("De eerste zitdag is gestart.")
    progress.get_by_role("button", name="Voortgang toevoegen").click()
    expect(_confirmation(page, "#voortgang", javascript)).to_have_text(
        "De voortgang is toegevoegd."
    )
    expect(page.locator("#voortgang").get_by_role("listitem")).to_contain_text("eerste zitdag")
    # The message about making the action is news no more.
    expect(page.locator("#meldingen .flash")).to_have_count(0 if javascript else 1)
    if not javascript:
        expect(flash).to_have_text("De voortgang is toegevoegd.")

    page.goto(town.url("agenda"))
    page.get_by_role("link", name="Nieuwe bijeenkomst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe bijeenkomst")
    day = date.today() + timedelta(days=21)
    page.get_by_label("Soort").select_option(label="Signaaldag")
    page.get_by_label("Titel").fill("Signaaldag wonen en armoede")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Begint om").fill("13:30")
    page.get_by_label("Eindigt om").fill("13:00")
    page.get_by_label("Plaats").fill("Cultuurcentrum")
    page.get_by_label("Beschrijving").fill("We bespreken de wachtlijsten.")
    page.get_by_label(re.compile(r"^Openbaar")).check()
    agenda_cards = page.get_by_role("group", name=re.compile(r"^Signaalfiches op de agenda"))
    agenda_cards.get_by_label(card.name).check()
    page.get_by_role("button", name="In de agenda zetten").click()
    expect(page.get_by_role("alert")).to_contain_text("Het einde ligt na het begin")
    page.get_by_label("Eindigt om").fill("16:00")
    page.get_by_role("button", name="In de agenda zetten").click()
    expect(flash).to_have_text("De bijeenkomst staat in de agenda.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaaldag wonen en armoede")
    expect(page.locator("dl")).to_contain_text("tot 16:00")
    expect(page.locator("dl")).to_contain_text("Cultuurcentrum")
    expect(page.locator("#agenda").get_by_role("link", name=card.name)).to_be_visible()

    page.get_by_role("link", name="← Agenda").click()
    upcoming = page.get_by_role("region", name="Binnenkort")
    expect(upcoming.get_by_role("link", name="Signaaldag wonen en armoede")).to_be_visible()
