"""The submit form as a giver meets it in a browser: "Wanneer signaleren?" unfolds, and one
answer with what is missing and what to review, its summary focused and linked to the fields."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit

pytestmark = pytest.mark.browser

ADDRESS = "Het gezin woont in de Kerkstraat 12 en wacht al maanden op hulp."


def test_the_criteria_unfold(make, axe_page):
    page = axe_page
    place = make.municipality(name="Criteriastad")
    page.goto(f"/{place.slug}/signalen/nieuw")
    criteria = page.locator("details.criteria")
    expect(criteria.locator("li")).to_have_count(4)
    expect(criteria.locator("li").first).to_be_hidden()
    audit = Audit()
    audit.check(page, "submit page, criteria folded")
    criteria.locator("summary", has_text="Wanneer signaleren?").click()
    expect(criteria.get_by_role("listitem")).to_have_count(4)
    expect(criteria).to_contain_text("dezelfde drempel")
    audit.check_all(page, "submit page, criteria unfolded")
    audit.assert_clean()


def test_one_answer_with_the_summary_focused(make, axe_page):
    page = axe_page
    place = make.municipality(name="Foutstad")
    page.goto(f"/{place.slug}/signalen/nieuw")
    page.get_by_label("Wat stel je vast?").fill(ADDRESS)
    page.get_by_role("button", name="Signaal indienen").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(
        summary.get_by_role("link", name="Titel: Geef je signaal een korte titel.")
    ).to_be_visible()
    expect(
        summary.get_by_role("link", name="Persoonsgegevens: kijk je tekst nog even na.")
    ).to_be_visible()
    expect(page.locator("#persoonsgegevens")).to_contain_text("Kerkstraat 12")
    expect(page.get_by_label("Wat stel je vast?")).to_have_value(ADDRESS)
    audit = Audit()
    audit.check(page, "submit page, missing fields and review in one answer")
    summary.get_by_role("link", name="Titel: Geef je signaal een korte titel.").click()
    expect(page.get_by_label("Titel")).to_be_focused()
    audit.assert_clean()


def test_without_javascript_the_summary_is_on_top_with_links(make, nojs_page):
    page = nojs_page
    place = make.municipality(name="Stilstad")
    page.goto(f"/{place.slug}/signalen/nieuw")
    page.get_by_role("button", name="Signaal indienen").click()
    first = page.locator("main > *:not(.flashes):not(#htmx-fout)").nth(1)
    expect(first).to_have_class("error-summary")
    summary = page.locator(".error-summary")
    summary.get_by_role("link", name="Wat stel je vast?: Beschrijf wat je vaststelt.").click()
    assert page.url.endswith("#description")


def test_the_mail_pages_have_no_axe_violations(app, make, axe_page, sign_in):
    from webapp.mailprefs.services import unsubscribe_url
    from webapp.models import Role

    page = axe_page
    place = make.municipality(name="Mailstad")
    giver = make.user(Role.GIVER, place)
    audit = Audit()
    sign_in(page, giver)
    page.goto(f"/{place.slug}/mijn-e-mails")
    page.get_by_label("een dagelijks overzicht van de wijzigingen").check()
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("status")).to_contain_text("Je keuze is bewaard.")
    audit.check(page, "mail settings")
    with app.test_request_context():
        path = "/" + unsubscribe_url(giver.email).split("/", 3)[3]
    page.goto(path)
    audit.check(page, "unsubscribe, asking")
    page.get_by_role("button", name="Afmelden voor e-mails").click()
    expect(page.get_by_role("status")).to_contain_text("Je bent afgemeld.")
    audit.check(page, "unsubscribe, done")
    audit.assert_clean()
