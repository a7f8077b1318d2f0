"""Drafts never lost: every field of the submit, supplement and feedback forms kept on the
device while typing and restored after a reload; cleared after success; a refused CSRF token
(the session ended meanwhile) shows the form again with everything typed, JavaScript on or
off (docs/offline.md)."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PASSWORD, Audit
from webapp.models import Role

pytestmark = pytest.mark.browser

# An optional field's accessible name ends in "(niet verplicht)" (_macros/forms.html).
FIELDS = {
    "Titel": "Lange wachttijd voor budgetbegeleiding",
    "Wat stel je vast?": "Mensen met schulden wachten maanden op een eerste gesprek bij het OCMW.",
    "Wat werd al geprobeerd? (niet verplicht)": (
        "Doorverwijzen naar het CAW, maar ook daar is een wachtlijst."
    ),
    "Ideeën voor een oplossing (niet verplicht)": (
        "Een wekelijkse vrije inloop voor een eerste gesprek."
    ),
    "Je e-mailadres voor terugkoppeling (niet verplicht)": "werker@caw.example.org",
}
TICKED = (("Thema's", "Armoede"), ("Doelgroepen", "Gezinnen"))


def _type_everything(page) -> None:
    for label, value in FIELDS.items():
        page.get_by_label(label, exact=True).fill(value)
    for group, label in TICKED:
        page.get_by_role("group", name=group).get_by_label(label, exact=True).check()


def _expect_everything(page) -> None:
    for label, value in FIELDS.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    for group, label in TICKED:
        expect(
            page.get_by_role("group", name=group).get_by_label(label, exact=True)
        ).to_be_checked()


def test_every_field_of_the_submit_form_comes_back_after_a_reload(make, page):
    place = make.municipality(name="Herlaadstad")
    path = f"/{place.slug}/signalen/nieuw"
    page.goto(path)
    _type_everything(page)

    page.reload()
    _expect_everything(page)
    # A new visit, not the browser's own form memory: the draft is on the device.
    page.goto("/")
    page.goto(path)
    _expect_everything(page)

    page.get_by_role("button", name="Signaal indienen").click()
    page.wait_for_url("**/signalen/ontvangen")
    page.goto(path)  # sent: the next signal starts empty
    expect(page.get_by_label("Titel")).to_have_value("")
    expect(page.get_by_label("Wat stel je vast?")).to_have_value("")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_refused_csrf_token_keeps_everything_typed(make, open_page, javascript):
    place = make.municipality(name="Verloopstad")
    page = open_page(javascript=javascript, bypass_csp=True)
    page.goto(f"/{place.slug}/signalen/nieuw")
    _type_everything(page)
    page.context.clear_cookies()  # the session, and its form token, are gone

    page.get_by_role("button", name="Signaal indienen").click()

    expect(page.locator("#meldingen")).to_contain_text(
        "Je formulier werd niet aanvaard: je sessie was verlopen"
    )
    _expect_everything(page)
    if javascript:
        audit = Audit()
        audit.check(page, "submit form after a refused token")
        audit.assert_clean()
    page.get_by_role("button", name="Signaal indienen").click()  # now with a fresh token
    page.wait_for_url("**/signalen/ontvangen")


def test_supplement_and_feedback_drafts_come_back_and_go_after_success(make, open_page, sign_in):
    place = make.municipality(name="Aanvulstad")
    giver = make.user(Role.GIVER, place)
    head = make.user(Role.HEAD_PROCESSOR, place)
    signal = make.signal(place, giver=giver)

    page = open_page()
    sign_in(page, giver)
    page.goto(f"/{place.slug}/signalen/{signal.id}")
    body = page.locator("#aanvullingen").get_by_label("Je aanvulling")
    body.fill("Ook in onze dienst zien we dit elke week.")
    page.reload()
    expect(body).to_have_value("Ook in onze dienst zien we dit elke week.")
    page.get_by_role("button", name="Aanvulling toevoegen").click()
    expect(page.locator("#aanvullingen")).to_contain_text("Je aanvulling is toegevoegd.")
    page.reload()
    expect(body).to_have_value("")

    page = open_page()
    sign_in(page, head)
    page.goto(f"/{place.slug}/verwerken/signalen/{signal.id}")
    feedback = page.locator("#terugkoppeling").get_by_label("Terugkoppeling")
    feedback.fill("We bespreken dit op het volgende overleg.")
    page.goto("/")
    page.goto(f"/{place.slug}/verwerken/signalen/{signal.id}")
    expect(feedback).to_have_value("We bespreken dit op het volgende overleg.")


def test_another_account_does_not_get_the_draft(make, open_page, sign_in):
    place = make.municipality(name="Conceptstad")
    first = make.user(Role.GIVER, place, name="Eerste Gever")
    second = make.user(Role.GIVER, place, name="Tweede Gever")
    path = f"/{place.slug}/signalen/nieuw"
    page = open_page()
    sign_in(page, first)
    page.goto(path)
    page.get_by_label("Titel").fill("Concept van de eerste gever")

    page.context.clear_cookies()
    sign_in(page, second)
    page.goto(path)
    expect(page.get_by_label("Titel")).to_have_value("")
    page.context.clear_cookies()
    sign_in(page, first)
    page.goto(path)
    expect(page.get_by_label("Titel")).to_have_value("Concept van de eerste gever")


def test_without_javascript_the_text_goes_through_the_login_and_back(make, open_page, sign_in):
    place = make.municipality(name="Terugstad")
    giver = make.user(Role.GIVER, place)
    signal = make.signal(place, giver=giver)
    page = open_page(javascript=False)
    sign_in(page, giver)
    page.goto(f"/{place.slug}/signalen/{signal.id}")
    typed = "Ook bij ons zien we dit elke week, soms twee keer."
    page.get_by_label("Je aanvulling").fill(typed)
    page.context.clear_cookies()  # the session ended while typing

    page.get_by_role("button", name="Aanvulling toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    page.get_by_label("E-mailadres").fill(giver.email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je formulier staat klaar")
    page.get_by_role("button", name="Terug naar je formulier").click()

    expect(page.locator("#meldingen")).to_contain_text("Je bent opnieuw aangemeld.")
    expect(page.get_by_label("Je aanvulling")).to_have_value(typed)
    page.get_by_role("button", name="Aanvulling toevoegen").click()
    expect(page.locator("#meldingen")).to_contain_text("Je aanvulling is toegevoegd.")
