"""In the browser (issue 21): a decision added on a card reaches the public card on the
microsite, and a referral names its organisation; zero axe-core violations on each page."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from sites.builder import build_sites
from tests.browser.helpers import Audit
from webapp.extensions import db
from webapp.models import Role
from webapp.public.reader import PublicSource

pytestmark = pytest.mark.browser


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_a_decision_on_a_card_reaches_the_public_card(app, make, open_page, sign_in, tmp_path):
    place = make.municipality(slug="beslisdorp", name="Beslisdorp")
    head = make.user(Role.HEAD_PROCESSOR, municipality=place, name="Hoofd Beslisser")
    card = make.card(place, title="Te weinig plaatsen in de opvang", published=True)
    audit = Audit()
    page = open_page(bypass_csp=True)
    sign_in(page, head)

    page.goto(f"/{place.slug}/fiches/{card.id}")
    audit.check_all(page, "card page with the decision form")
    form = page.locator("#beslissingen")
    form.get_by_label("Datum van de beslissing").fill("2026-11-20")
    form.get_by_label("Beslist door").fill("College van burgemeester en schepenen")
    form.get_by_label("Beslissing", exact=True).fill("Het college opent twintig extra plaatsen.")
    form.get_by_label("Doel in het meerjarenplan").fill("Doelstelling 3.2: kinderopvang")
    form.get_by_role("button", name="Beslissing toevoegen").click()
    expect(page.locator("#beslissingen").get_by_role("status")).to_contain_text(
        "Ze staat ook op de publieke fiche."
    )
    expect(page.locator("#beslissingen")).to_contain_text("twintig extra plaatsen")
    audit.check_all(page, "card page after adding a decision (htmx)")

    # A refused decision keeps what was typed and says why, next to the field.
    form = page.locator("#beslissingen")
    form.get_by_label("Beslissing", exact=True).fill("Nog een beslissing zonder orgaan.")
    form.get_by_role("button", name="Beslissing toevoegen").click()
    expect(page.locator("#beslissingen")).to_contain_text("Zeg wie de beslissing nam")
    expect(page.locator("#beslissingen").get_by_label("Beslissing", exact=True)).to_have_value(
        "Nog een beslissing zonder orgaan."
    )
    audit.check_all(page, "card page with a refused decision")

    out = tmp_path / "sites"
    with app.app_context():
        summary = build_sites(out, PublicSource(), slugs=[place.slug], echo=lambda line: None)
        db.session.remove()
    assert summary.failed == 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        public = open_page(base_url=f"http://127.0.0.1:{server.server_port}")
        public.goto(f"/{place.slug}/wat-leeft-er/fiche-{card.id}/")
        expect(public.get_by_role("heading", name="Beslissingen")).to_be_visible()
        expect(public.locator("main")).to_contain_text("Het college opent twintig extra plaatsen.")
        expect(public.locator("main")).to_contain_text("Doelstelling 3.2: kinderopvang")
        expect(public.locator("main")).not_to_contain_text("zonder orgaan")
        audit.check_all(public, "public card with its decision")
    finally:
        server.shutdown()
        server.server_close()
    audit.assert_clean()


def test_a_referral_names_the_organisation(make, open_page, sign_in):
    place = make.municipality(slug="verwijsdorp", name="Verwijsdorp")
    caw = make.organisation(place, "CAW Verwijsdorp")
    head = make.user(Role.HEAD_PROCESSOR, municipality=place, name="Hoofd Verwijzer")
    giver = make.user(municipality=place, name="Gever Verwijs", organisation=caw)
    signal = make.signal(place, giver=giver, title="Niemand helpt met de huurwaarborg")
    audit = Audit()
    page = open_page(bypass_csp=True)
    sign_in(page, head)

    page.goto(f"/{place.slug}/verwerken/signalen/{signal.id}")
    status = page.locator("#status")
    status.get_by_label("Nieuwe status").select_option(label="doorverwezen")
    status.get_by_role("button", name="Status wijzigen").click()
    expect(page.locator("#status")).to_contain_text("Kies de organisatie waarnaar je")
    audit.check_all(page, "handling page, referral without an organisation")
    status = page.locator("#status")
    status.get_by_label("Doorverwezen naar").select_option(label="CAW Verwijsdorp")
    status.get_by_role("button", name="Status wijzigen").click()
    expect(page.locator("#status")).to_contain_text("doorverwezen naar CAW Verwijsdorp")
    expect(page.locator("#status")).to_contain_text("Doorverwezen naar CAW Verwijsdorp.")
    audit.check_all(page, "handling page after the referral")

    reader = open_page(bypass_csp=True)
    sign_in(reader, giver)
    reader.goto(f"/{place.slug}/signalen/{signal.id}")
    expect(reader.locator("main")).to_contain_text("doorverwezen naar CAW Verwijsdorp")
    audit.check_all(reader, "the giver's signal page")
    audit.assert_clean()
