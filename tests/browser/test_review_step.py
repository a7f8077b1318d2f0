"""The review step of the personal-data guard in a browser, on a supplement (in place with
htmx, by plain POST without JavaScript) and on a card: highlighted findings, nothing typed
lost, fix or confirm; zero axe-core violations in each state."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit
from webapp.models import Role

pytestmark = pytest.mark.browser

PHONE = "0470 12 34 56"
FLAGGED = f"De moeder belt ons elke week op {PHONE}, ze wacht al maanden."
CONFIRM = re.compile("^Ik heb mijn tekst nagekeken")


@pytest.fixture
def place(make):
    """A municipality with a signal and people: (signal path, new card path, giver, head,
    processor)."""
    town = make.municipality(name="Nakijkstad")
    author = make.user(municipality=town, name="Auteur Een")
    signal = make.signal(town, giver=author)
    giver = make.user(municipality=town, name="Lezer Twee")
    head = make.user(Role.HEAD_PROCESSOR, municipality=town, name="Hoofd Verwerker")
    processor = make.user(Role.PROCESSOR, municipality=town, name="Collega Verwerker")
    signal_path = f"/{town.slug}/signalen/{signal.id}"
    return signal_path, f"/{town.slug}/fiches/nieuw", giver, head, processor


def test_supplement_with_javascript_is_reviewed_in_place(open_page, sign_in, live_server, place):
    path, _, giver, _, _ = place
    audit = Audit()
    page = open_page(bypass_csp=True)
    sign_in(page, giver)
    page.goto(path)
    page.evaluate("() => { window.stillTheSamePage = true }")
    supplements = page.locator("#aanvullingen")

    supplements.get_by_label("Je aanvulling").fill(FLAGGED)
    supplements.get_by_role("button", name="Aanvulling toevoegen").click()

    warning = supplements.get_by_role("alert")
    expect(warning).to_contain_text("Kijk je tekst nog even na")
    expect(warning.locator("mark.pii")).to_have_text(PHONE)
    expect(supplements.get_by_label("Je aanvulling")).to_have_value(FLAGGED)
    audit.check_all(page, "supplement with a finding (htmx)")

    supplements.get_by_label(CONFIRM).check()
    supplements.get_by_role("button", name="Aanvulling toevoegen").click()
    expect(supplements.get_by_role("status")).to_have_text("Je aanvulling is toegevoegd.")
    expect(supplements.get_by_role("listitem")).to_contain_text(PHONE)
    assert page.evaluate("() => window.stillTheSamePage") is True
    assert page.url == live_server + path
    audit.check_all(page, "supplement confirmed (htmx)")
    audit.assert_clean()


def test_supplement_without_javascript_is_fixed_and_saved(nojs_page, sign_in, place):
    path, _, giver, _, _ = place
    page = nojs_page
    sign_in(page, giver)
    page.goto(path)

    page.get_by_label("Je aanvulling").fill(FLAGGED)
    page.get_by_role("button", name="Aanvulling toevoegen").click()

    expect(page.get_by_role("alert")).to_contain_text("Gevonden: 1 × telefoonnummer")
    expect(page.get_by_label("Je aanvulling")).to_have_value(FLAGGED)
    page.get_by_label("Je aanvulling").fill("De moeder belt ons elke week, ze wacht al maanden.")
    page.get_by_role("button", name="Aanvulling toevoegen").click()
    expect(page.locator(".flashes")).to_contain_text("Je aanvulling is toegevoegd.")
    expect(page.locator("#aanvullingen").get_by_role("listitem")).to_contain_text("elke week")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_head_processor_reviews_and_confirms_a_public_card(open_page, sign_in, place, javascript):
    _, new_card, _, head, _ = place
    audit = Audit()
    page = open_page(javascript=javascript, bypass_csp=javascript)
    sign_in(page, head)
    page.goto(new_card)
    summary = f"Een moeder die ons belt op {PHONE} wacht al maanden op een woning."

    page.get_by_label("Titel").fill("Wachtlijst sociale woningen")
    page.get_by_label("Publieke samenvatting").fill(summary)
    page.get_by_label(re.compile("^Publiceren")).check()
    page.get_by_role("button", name="Signaalfiche maken").click()

    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("Publieke samenvatting")
    expect(warning.locator("mark.pii")).to_have_text(PHONE)
    expect(page.get_by_label("Publieke samenvatting")).to_have_value(summary)
    expect(page.get_by_label("Titel")).to_have_value("Wachtlijst sociale woningen")
    expect(page.get_by_label(re.compile("^Publiceren"))).to_be_checked()
    if javascript:
        audit.check_all(page, "new public card with a finding")

    page.get_by_label(CONFIRM).check()
    page.get_by_role("button", name="Signaalfiche maken").click()
    expect(page.locator(".flashes")).to_contain_text("De signaalfiche is gemaakt.")
    if javascript:
        audit.check_all(page, "public card after the confirmation")
        audit.assert_clean()


def test_a_processor_is_told_only_a_head_processor_can_confirm(nojs_page, sign_in, place):
    _, new_card, _, _, processor = place
    page = nojs_page
    sign_in(page, processor)
    page.goto(new_card)
    page.get_by_label("Titel").fill("Wachtlijst sociale woningen")
    page.get_by_label("Publieke samenvatting").fill(f"Bel {PHONE}.")
    page.get_by_label(re.compile("^Publiceren")).check()
    page.get_by_role("button", name="Signaalfiche maken").click()

    expect(page.get_by_role("alert")).to_contain_text("Alleen een hoofdsignaalverwerker")
    expect(page.get_by_label(CONFIRM)).to_have_count(0)
    expect(page.get_by_label("Publieke samenvatting")).to_have_value(f"Bel {PHONE}.")

    page.get_by_label(re.compile("^Publiceren")).uncheck()  # a draft: any processor may confirm
    page.get_by_role("button", name="Signaalfiche maken").click()
    page.get_by_label(CONFIRM).check()
    page.get_by_role("button", name="Signaalfiche maken").click()
    expect(page.locator(".flashes")).to_contain_text("De signaalfiche is gemaakt.")
