"""Consent before sharing in a real browser, with JavaScript on and off: a giver whose session
runs while a new statement version appears is asked at the next page, says "not now", types a
signal, meets the acceptance page with the text shown back, accepts, and the signal is stored
once; every page of the round trip has zero axe-core violations."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.helpers import Audit, fill_signal
from webapp.extensions import db
from webapp.models import Membership, Municipality, Role, Signal

pytestmark = pytest.mark.browser

TITLE = "Geen plaats in de naschoolse opvang"
DESCRIPTION = "Ouders die starten met werken vinden geen opvang na de schooluren."


def _new_version(app, place) -> None:
    with app.app_context():
        db.session.get(Municipality, place.id).privacy_version = "2099-1"
        db.session.commit()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_acceptance_round_trip(app, make, open_page, sign_in, javascript):
    place = make.municipality(name="Akkoordstad")
    giver = make.user(Role.GIVER, municipality=place, name="Greet Gever")
    audit = Audit()
    # axe-core runs in the page: it audits the JavaScript round, the other proves the forms work.
    check = audit.check_all if javascript else (lambda page, what: None)
    page = open_page(javascript=javascript, bypass_csp=True)
    sign_in(page, giver)
    page.goto(f"/{place.slug}/signalen/nieuw")
    _new_version(app, place)

    # The running session is asked at its next page; "not now" goes on to that page.
    page.goto(f"/{place.slug}/signalen")
    expect(page.get_by_role("heading", level=1)).to_contain_text("is veranderd")
    expect(page.locator("#privacyverklaring")).to_contain_text("Versie: 2099-1")
    check(page, "acceptance page, asked at the next page")
    page.get_by_role("link", name="Nu niet").click()
    page.goto(f"/{place.slug}/signalen/nieuw")
    fill_signal(page, TITLE, DESCRIPTION)
    page.get_by_role("button", name="Signaal indienen").click()

    # Sharing waits: the acceptance page shows what was typed, and nothing is stored yet.
    expect(page.locator("#wat-je-typte")).to_contain_text(DESCRIPTION)
    with app.app_context():
        assert db.session.scalars(select(Signal).where(Signal.title == TITLE)).all() == []
    check(page, "acceptance page, a signal waiting")
    page.get_by_role("button", name="Akkoord en versturen").click()
    expect(page.get_by_text("Vink aan dat je akkoord gaat").first).to_be_visible()
    check(page, "acceptance page, box not ticked")
    page.get_by_label("Ik heb de privacyverklaring gelezen").check()
    page.get_by_role("button", name="Akkoord en versturen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ontvangen")

    with app.app_context():
        stored = db.session.scalars(select(Signal).where(Signal.title == TITLE)).all()
        assert [s.description for s in stored] == [DESCRIPTION]
        consent = db.session.scalars(
            select(Membership.privacy_consent_version).where(Membership.user_id == giver.id)
        ).one()
        assert consent == "2099-1"

    page.goto("/mijn-gegevens")
    expect(page.locator("#toestemming")).to_contain_text("akkoord met versie 2099-1")
    page.locator("#toestemming").get_by_role("link", name="Toestemming intrekken").click()
    check(page, "withdrawal of consent")
    page.get_by_role("button", name="Toestemming intrekken").click()
    check(page, "withdrawal, box not ticked")
    page.get_by_label("Ja, ik trek mijn toestemming in.").check()
    page.get_by_role("button", name="Toestemming intrekken").click()
    expect(page.locator("#toestemming")).to_contain_text("geen toestemming")
    page.goto(f"/{place.slug}/privacyverklaring")
    check(page, "the statement in the app")
    if javascript:
        audit.assert_clean()
