"""Giving a signal in a real browser: without an account, with one, and past the personal-data
guard."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.helpers import fill_signal, log_in, submit_signal
from webapp.extensions import db
from webapp.models import Signal

pytestmark = pytest.mark.browser

REFERENCE = re.compile(r"^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")
TITLE = "Geen opvang voor schoolkinderen op woensdagnamiddag"
DESCRIPTION = (
    "Ouders die werken vinden op woensdagnamiddag geen betaalbare opvang voor hun kinderen, "
    "waardoor ze minder uren kunnen werken."
)


def _stored(app, reference: str) -> dict:
    with app.app_context():
        signal = db.session.scalars(select(Signal).filter_by(reference=reference)).one()
        return {
            "title": signal.title,
            "giver": signal.submitted_by_id,
            "contact": signal.contact_email,
            "themes": [t.slug for t in signal.themes],
            "groups": [t.slug for t in signal.target_groups],
            "confirmed": signal.personal_data_confirmed,
        }


def _reference(page) -> str:
    page.wait_for_url("**/signalen/ontvangen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank je, je signaal is ontvangen")
    reference = page.locator(".ref").inner_text().strip()
    assert REFERENCE.match(reference)
    return reference


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_anonymous_submit_shows_the_reference(app, make, open_page, javascript):
    place = make.municipality(name="Proefstad")
    page = open_page(javascript=javascript)
    page.goto(f"/{place.slug}/signalen/nieuw")
    expect(page.get_by_text("Je geeft dit signaal zonder account")).to_be_visible()

    fill_signal(page, TITLE, DESCRIPTION, theme="Jeugd", target_group="Kinderen")
    page.get_by_label("Je e-mailadres voor terugkoppeling").fill("werker@caw.example.org")
    submit_signal(page)

    reference = _reference(page)
    expect(page.get_by_text("De signaalverwerkers van Proefstad")).to_be_visible()
    assert _stored(app, reference) == {
        "title": TITLE,
        "giver": None,
        "contact": "werker@caw.example.org",
        "themes": ["jeugd"],
        "groups": ["kinderen"],
        "confirmed": None,
    }


def test_giver_submits_with_an_account(app, make, page):
    place = make.municipality()
    giver = make.user(municipality=place, organisation=make.organisation(place, "CAW Oost"))
    log_in(page, giver)
    page.goto(f"/{place.slug}/signalen/nieuw")
    assert page.get_by_text("zonder account").count() == 0
    assert page.get_by_label("Je e-mailadres voor terugkoppeling").count() == 0

    fill_signal(page, TITLE, DESCRIPTION, theme="Onderwijs", target_group="Gezinnen")
    submit_signal(page)

    reference = _reference(page)
    stored = _stored(app, reference)
    assert stored["giver"] == giver.id
    assert stored["contact"] is None
    page.get_by_role("link", name="Bekijk je signaal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text(f"{giver.name}, CAW Oost")).to_be_visible()


def test_missing_fields_are_reported_and_the_text_stays(make, page):
    place = make.municipality()
    page.goto(f"/{place.slug}/signalen/nieuw")
    fill_signal(page, "Kort", "", theme=None, target_group=None)
    submit_signal(page)

    summary = page.get_by_role("alert").filter(has_text="Nog niet alles is in orde")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("^Wat stel je vast"))).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("Kort")
    expect(page.get_by_label("Titel")).to_have_attribute("aria-invalid", "true")
    # Fields without errors say nothing about validity (not aria-invalid="None").
    expect(page.get_by_label("Ideeën voor een oplossing")).not_to_have_attribute(
        "aria-invalid", re.compile(".*")
    )
    summary.get_by_role("link", name=re.compile("^Thema's")).click()
    assert page.evaluate("() => location.hash") == "#themes"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_personal_data_warning_then_confirmation(app, make, open_page, javascript):
    place = make.municipality()
    page = open_page(javascript=javascript)
    page.goto(f"/{place.slug}/signalen/nieuw")
    description = (
        "Een moeder belde ons op 0470 12 34 56 omdat ze al maanden wacht op een plaats in "
        "de kinderopvang."
    )
    fill_signal(page, TITLE, description)
    submit_signal(page)

    warning = page.get_by_role("alert").filter(has_text="Kijk je tekst nog even na")
    expect(warning).to_be_visible()
    marked = warning.locator("mark.pii")
    expect(marked).to_have_count(1)
    expect(marked).to_have_text("0470 12 34 56")
    expect(warning.get_by_text("1 × telefoonnummer")).to_be_visible()
    # Nothing was stored, and the typed text is still there to be corrected.
    expect(page.get_by_label("Wat stel je vast?")).to_have_value(description)
    expect(page.get_by_role("group", name="Thema's").get_by_label("Armoede")).to_be_checked()

    page.get_by_label(re.compile("^Ik heb mijn tekst nagekeken")).check()
    submit_signal(page)

    reference = _reference(page)
    assert _stored(app, reference)["confirmed"] == "phone"
