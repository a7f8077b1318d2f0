"""The learning network in a real browser: a processor in Eeklo searches how Gent tackled the
same problem (with JavaScript on the results follow the typing; off, the form submits), opens
the example with its outcome, and axe-core finds no violation on either page."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit
from webapp.extensions import db
from webapp.models import Action, CardStatus, Role, SignalCard

pytestmark = pytest.mark.browser


@pytest.fixture
def world(app, make):
    gent = make.municipality(slug="gent", name="Gent")
    eeklo = make.municipality(slug="eeklo", name="Eeklo")
    card = make.card(gent, title="Jongeren vallen uit op school", published=True)
    make.card(gent, title="Huurwoningen te duur", published=True)
    action = make.action(gent, title="Spijbelcoach in elke school", public=True)
    with app.app_context():
        stored = db.session.get(SignalCard, card.id)
        stored.public_status = CardStatus.IN_ACTION.value
        stored.actions = [db.session.get(Action, action.id)]
        db.session.commit()
    return make.user(Role.PROCESSOR, eeklo, name="Eva Eeklo")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_processor_in_eeklo_finds_how_gent_tackled_it(open_page, sign_in, world, javascript):
    page = open_page(javascript=javascript, bypass_csp=javascript)
    sign_in(page, world)
    audit = Audit()
    page.goto("/eeklo/")
    # The learning network sits in the menu's "Beheer" group.
    page.get_by_role("navigation", name="Hoofdmenu").locator("summary", has_text="Beheer").click()
    page.get_by_role("link", name="Lerend netwerk").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("praktijkvoorbeelden")
    page.get_by_label("Zoeken", exact=True).fill("school")
    if not javascript:
        page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("1 praktijkvoorbeeld gevonden")
    expect(page.locator("#voorbeelden")).not_to_contain_text("Huurwoningen")
    if javascript:
        audit.check_all(page, "praktijkvoorbeelden")
    page.get_by_role("link", name="Jongeren vallen uit op school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jongeren vallen uit op school")
    expect(page.locator("main")).to_contain_text("Spijbelcoach in elke school")
    expect(page.locator("main")).to_contain_text("in actie")
    if javascript:
        audit.check_all(page, "praktijkvoorbeeld")
        audit.assert_clean()
