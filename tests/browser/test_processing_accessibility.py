"""Zero axe-core violations (WCAG 2.1 A and AA, best practice) on every processor page, in each
state a processor meets it (empty, with results, filtered, with errors, after an htmx swap), and
on what givers and aldermen see of cards, actions and meetings. Each page is also checked at
320 CSS pixels wide: nothing may scroll sideways (WCAG 1.4.10)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit
from webapp.extensions import db
from webapp.models import Role, Signal, User
from webapp.signals import services as signal_services

pytestmark = pytest.mark.browser

LONG_TITLE = "Budgetbegeleidingswachtlijstproblematiek bij het OCMW van de gemeente"


@pytest.fixture
def audit():
    return Audit()


@pytest.fixture
def head(make):
    """A municipality with a head processor, a colleague and a giver: (place, head, giver)."""
    place = make.municipality(name="Toegankelijkstad")
    organisation = make.organisation(place, "CAW Toegankelijk")
    head = make.user(Role.HEAD_PROCESSOR, municipality=place, name="Hoofd Verwerker")
    make.user(Role.PROCESSOR, municipality=place, name="Collega Verwerker")
    giver = make.user(municipality=place, name="Gever Een", organisation=organisation)
    return place, head, giver


def _involve(app, signal, user) -> None:
    """The user follows, reinforces and supplements the signal, as on its page."""
    with app.app_context():
        row = db.session.get(Signal, signal.id)
        person = db.session.get(User, user.id)
        signal_services.toggle_follow(row, person, True)
        signal_services.reinforce(row, person, "Ook bij ons in het jeugdhuis.")
        signal_services.supplement(row, person, "Sinds september is het erger.", "token-1")
        db.session.commit()


def test_inbox_and_handling_pages(app, make, open_page, sign_in, head, audit):
    place, processor, giver = head
    page = open_page(bypass_csp=True)
    sign_in(page, processor)
    inbox = f"/{place.slug}/verwerken"

    page.goto(inbox)
    expect(page.get_by_text("Er zijn nog geen signalen om te verwerken.")).to_be_visible()
    audit.check_all(page, "inbox, empty")

    signal = make.signal(place, giver=giver, title=LONG_TITLE, themes=("armoede",))
    make.signal(place, title="Geen bus naar het ziekenhuis", contact_email="burger@example.org")
    for number in range(25):
        make.signal(place, title=f"Signaal over vervoer nummer {number}", themes=("mobiliteit",))
    _involve(app, signal, giver)

    page.goto(inbox)
    expect(page.get_by_role("navigation", name="Paginering")).to_be_visible()
    audit.check_all(page, "inbox with results and pages")
    page.get_by_label("Thema", exact=True).select_option(label="Armoede")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^1 signaal gevonden"))
    audit.check_all(page, "inbox filtered with htmx")
    page.goto(f"{inbox}?q=zwembad")
    expect(page.get_by_text("Geen signalen gevonden met deze filters.")).to_be_visible()
    audit.check_all(page, "inbox, nothing found")
    page.goto(f"{inbox}?since=gisteren&until=2001-01-01")
    expect(page.get_by_role("alert")).to_contain_text("Deze filters kloppen niet")
    audit.check_all(page, "inbox with a validation error")

    page.goto(f"{inbox}?theme=mobiliteit&sort=oudste")
    page.get_by_label("Kies Signaal over vervoer nummer 0").check()
    page.get_by_label("Kies Signaal over vervoer nummer 1", exact=True).check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies een nieuwe status")
    audit.check_all(page, "bulk change with an error")
    page.get_by_label("Nieuwe status", exact=True).select_option(label="in behandeling")
    page.get_by_label("Toelichting bij de nieuwe status").fill("We bekijken dit met De Lijn.")
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2 signalen bijwerken?")
    audit.check_all(page, "bulk confirmation")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator(".flashes")).to_have_text("2 signalen bijgewerkt.")
    audit.check_all(page, "inbox after a bulk change")

    page.goto(f"{inbox}/signalen/{signal.id}")
    expect(page.get_by_role("heading", level=3, name="Versterkt door (1)")).to_be_visible()
    audit.check_all(page, "handle page with reinforcements, supplements and followers")
    status = page.locator("#status")
    status.get_by_label("Nieuwe status").select_option(label="niet weerhouden")
    status.get_by_role("button", name="Status wijzigen").click()
    expect(status.locator(".error")).to_have_text("Zeg waarom het signaal niet weerhouden wordt.")
    audit.check_all(page, "handle page with a status error (htmx)")
    status.get_by_label("Nieuwe status").select_option(label="in behandeling")
    status.get_by_label("Toelichting (niet verplicht)", exact=True).fill(
        "We bekijken dit met het OCMW."
    )
    status.get_by_role("button", name="Status wijzigen").click()
    expect(status.get_by_role("status")).to_be_visible()
    notes = page.locator("#notities")
    notes.get_by_role("button", name="Notitie bewaren").click()
    expect(notes.locator(".error")).to_have_text("Schrijf je notitie.")
    audit.check_all(page, "handle page with a note error (htmx)")
    notes.get_by_role("textbox", name="Nieuwe interne notitie").fill("Gebeld met het OCMW.")
    notes.get_by_role("button", name="Notitie bewaren").click()
    expect(notes.get_by_role("status")).to_be_visible()
    feedback = page.locator("#terugkoppeling")
    feedback.get_by_role("textbox", name="Terugkoppeling").fill("Er komt een extra zitdag.")
    feedback.get_by_role("button", name="Terugkoppeling versturen").click()
    expect(feedback.get_by_role("status")).to_be_visible()
    assign = page.locator("#toewijzing")
    assign.get_by_label("Verwerker").select_option(label="Collega Verwerker")
    assign.get_by_role("button", name="Toewijzen").click()
    expect(assign.get_by_role("status")).to_be_visible()
    audit.check_all(page, "handle page with history, notes and feedback, after htmx swaps")
    page.reload()
    audit.check_all(page, "handle page with history, notes and feedback")

    page.goto(f"{inbox}?q=ziekenhuis")
    page.get_by_role("link", name="Geen bus naar het ziekenhuis").click()
    expect(page.get_by_role("link", name="burger@example.org")).to_be_visible()
    audit.check_all(page, "handle page of a signal without an account")

    page.goto(f"{inbox}/logboek")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logboek")
    audit.check_all(page, "audit log")
    page.get_by_label("Soort wijziging").select_option(label="interne notitie")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^1 wijziging gevonden"))
    audit.check_all(page, "audit log filtered with htmx")
    page.goto(f"{inbox}/logboek?since=morgen")
    expect(page.get_by_role("alert")).to_contain_text("Deze filters kloppen niet")
    audit.check_all(page, "audit log with a validation error")

    page.goto(f"{inbox}/meldingen")
    audit.check_all(page, "notification settings")
    page.get_by_label("Geen e-mails").check()
    page.get_by_role("button", name="Bewaren").click()
    expect(page.locator(".flashes")).to_have_text("Je keuze is bewaard.")
    audit.check_all(page, "notification settings after saving")

    audit.assert_clean()


def test_card_pages(make, open_page, sign_in, head, audit):
    place, processor, giver = head
    first = make.signal(
        place, giver=giver, title="Wachtlijst budgetbegeleiding", themes=("armoede",)
    )
    second = make.signal(place, title="Schulden en wachttijden", themes=("armoede", "wonen"))
    make.card(place, title="Een gepubliceerde fiche", published=True, signals=(first,))
    make.card(place, title="Een fiche in ontwerp")
    make.meeting(place, title="Eerstelijnsoverleg welzijn", public=True)
    page = open_page(bypass_csp=True)
    sign_in(page, processor)
    cards = f"/{place.slug}/fiches"

    page.goto(cards)
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^2 signaalfiches"))
    audit.check_all(page, "cards list with a draft and a published card")
    page.get_by_label("Ontwerp of gepubliceerd").select_option(label="Ontwerpen")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^1 signaalfiche gevonden"))
    audit.check_all(page, "cards list filtered with htmx")

    page.goto(f"{cards}/nieuw")
    audit.check_all(page, "new card, empty")
    page.get_by_role("button", name="Signaalfiche maken").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef de signaalfiche een titel.")
    audit.check_all(page, "new card with a validation error")

    page.goto(f"{cards}/nieuw?signalen={first.id}&signalen={second.id}")
    expect(page.get_by_role("group", name=re.compile("^Gebundelde signalen"))).to_be_visible()
    audit.check_all(page, "new card from a selection of signals")
    page.get_by_label("Titel").fill(LONG_TITLE)
    page.get_by_label("Publieke samenvatting").fill(
        "## Wat zien we?\n\nMensen wachten **maanden**.\n\n- aanmelden op afspraak\n- geen zicht"
    )
    page.get_by_role("button", name="Signaalfiche maken").click()
    expect(page.locator(".flashes")).to_contain_text("De signaalfiche is gemaakt.")
    audit.check_all(page, "card page, draft")
    page.get_by_label("Nieuwe publieke status").select_option(label="geagendeerd")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.locator("#status").get_by_role("status")).to_be_visible()
    audit.check_all(page, "card page after a status change (htmx)")

    page.get_by_role("link", name="Bewerken").click()
    audit.check_all(page, "edit card")
    page.get_by_label("Titel").fill("Kort")
    page.get_by_label("Signalen toevoegen").fill("geen referentie")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Een titel heeft tussen 5 en 200 tekens.")
    audit.check_all(page, "edit card with validation errors")
    page.get_by_label("Titel").fill(LONG_TITLE)
    page.get_by_label("Signalen toevoegen").fill("")
    page.get_by_label(re.compile("^Publiceren")).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".flashes")).to_contain_text("De signaalfiche is opgeslagen.")
    page.get_by_role("button", name=re.compile("^Agenderen")).click()
    expect(page.locator(".flashes")).to_contain_text("staat nu op de agenda")
    audit.check_all(page, "card page, published, on an agenda")

    audit.assert_clean()


def test_action_and_meeting_pages(make, open_page, sign_in, head, audit):
    place, processor, giver = head
    signal = make.signal(place, giver=giver, title="Wachtlijst budgetbegeleiding")
    make.card(place, title="Wachtlijsten in de budgetbegeleiding", published=True)
    make.action(place, title="Een interne actie")
    make.meeting(place, title="Voorbij overleg", public=True, days_ahead=-30)
    page = open_page(bypass_csp=True)
    sign_in(page, processor)

    page.goto(f"/{place.slug}/acties")
    audit.check_all(page, "actions list")
    page.get_by_label("Zichtbaarheid").select_option(label="Openbaar")
    expect(page.get_by_text("Geen acties gevonden met deze filters.")).to_be_visible()
    audit.check_all(page, "actions list, nothing found (htmx)")
    page.goto(f"/{place.slug}/acties/nieuw")
    audit.check_all(page, "new action")
    page.get_by_role("button", name="Actie maken").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check_all(page, "new action with validation errors")
    page.get_by_label("Titel").fill("Extra zitdag budgetbegeleiding in het sociaal huis")
    page.get_by_label("Beschrijving").fill("Elke dinsdag zonder afspraak langskomen.")
    page.get_by_label("Verantwoordelijke organisatie").select_option(label="CAW Toegankelijk")
    page.get_by_label(re.compile("^Openbaar")).check()
    page.get_by_label("Wachtlijsten in de budgetbegeleiding").check()
    page.get_by_role("button", name="Actie maken").click()
    expect(page.locator(".flashes")).to_have_text("De actie is gemaakt.")
    audit.check_all(page, "action page")
    progress = page.locator("#voortgang")
    progress.get_by_label("Datum").fill("")
    progress.get_by_role("button", name="Voortgang toevoegen").click()
    expect(progress.locator(".error").first).to_be_visible()
    audit.check_all(page, "action page with a progress error (htmx)")
    progress.get_by_label("Datum").fill("2026-03-15")
    progress.get_by_label("Wat is er gebeurd?").fill("De eerste zitdag is gestart.")
    progress.get_by_role("button", name="Voortgang toevoegen").click()
    expect(progress.get_by_role("status")).to_be_visible()
    audit.check_all(page, "action page with progress")
    page.get_by_role("link", name="Bewerken").click()
    audit.check_all(page, "edit action")
    page.get_by_label("Beschrijving").fill("")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Beschrijf wat de actie doet.")
    audit.check_all(page, "edit action with a validation error")

    page.goto(f"/{place.slug}/agenda")
    audit.check_all(page, "meetings list")
    page.get_by_label("Soort").select_option(label="Werksessie")
    expect(page.get_by_text("Er staat nog geen bijeenkomst gepland.")).to_be_visible()
    audit.check_all(page, "meetings list filtered (htmx)")
    page.goto(f"/{place.slug}/agenda/nieuw")
    audit.check_all(page, "new meeting")
    page.get_by_label("Titel").fill("Kort")
    page.get_by_label("Begint om").fill("")
    page.get_by_role("button", name="In de agenda zetten").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check_all(page, "new meeting with validation errors")
    page.get_by_label("Titel").fill("Eerstelijnsoverleg over wachtlijsten")
    page.get_by_label("Begint om").fill("14:00")
    page.get_by_label("Plaats").fill("Sociaal huis, zaal 2")
    page.get_by_label("Beschrijving").fill("We bespreken de wachtlijsten.")
    page.get_by_label(re.compile("^Openbaar")).check()
    page.get_by_role("button", name="In de agenda zetten").click()
    expect(page.locator(".flashes")).to_have_text("De bijeenkomst staat in de agenda.")
    audit.check_all(page, "meeting page")
    agenda = page.locator("#agenda")
    agenda.get_by_role("button", name="Op de agenda zetten").click()
    expect(agenda.locator(".error")).to_be_visible()
    audit.check_all(page, "meeting page with an agenda error (htmx)")
    agenda.get_by_label("Of een signaal, met zijn referentie").fill(signal.reference)
    agenda.get_by_role("button", name="Op de agenda zetten").click()
    expect(agenda.get_by_role("status")).to_be_visible()
    agenda.get_by_label("Signaalfiche").select_option(label="Wachtlijsten in de budgetbegeleiding")
    agenda.get_by_role("button", name="Op de agenda zetten").click()
    expect(agenda.get_by_role("status")).to_contain_text("De signaalfiche staat nu op de agenda")
    audit.check_all(page, "meeting page with a card and a signal on the agenda")
    page.get_by_role("link", name="Bewerken").click()
    audit.check_all(page, "edit meeting")
    page.get_by_label("Eindigt om").fill("09:00")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Het einde ligt na het begin")
    audit.check_all(page, "edit meeting with a validation error")
    page.goto(f"/{place.slug}/agenda")
    audit.check_all(page, "meetings list, upcoming and past")

    audit.assert_clean()


def test_what_givers_and_aldermen_see(make, open_page, sign_in, head, audit):
    place, _, giver = head
    alderman = make.user(Role.ALDERMAN, municipality=place, name="Schepen Welzijn")
    signal = make.signal(place, giver=giver)
    card = make.card(place, title=LONG_TITLE, published=True, signals=(signal,))
    action = make.action(place, title="Extra inloopmoment in het sociaal huis", public=True)
    meeting = make.meeting(place, title="Signaaldag wonen en armoede", public=True)

    page = open_page(bypass_csp=True)
    sign_in(page, giver)
    for path, what in (
        ("fiches", "cards list"),
        (f"fiches/{card.id}", "published card"),
        ("acties", "actions list"),
        (f"acties/{action.id}", "public action"),
        ("agenda", "agenda"),
        (f"agenda/{meeting.id}", "public meeting"),
    ):
        page.goto(f"/{place.slug}/{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        audit.check_all(page, f"giver: {what}")
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)

    page = open_page(bypass_csp=True)
    sign_in(page, alderman)
    page.goto(f"/{place.slug}/fiches")
    audit.check_all(page, "alderman: cards list")
    page.get_by_role("link", name=LONG_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LONG_TITLE)
    # Aldermen read small counts as the public site shows them.
    expect(page.locator("#herkomst")).to_contain_text("minder dan 5 signalen")
    audit.check_all(page, "alderman: published card")

    audit.assert_clean()
