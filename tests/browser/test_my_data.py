"""Mijn gegevens in a real browser, with JavaScript on and off: download, correct, erase; and
zero axe-core violations on every privacy page, in each state a person meets it."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit
from webapp.extensions import db
from webapp.models import Role, Signal, User
from webapp.signals import services as signal_services

pytestmark = pytest.mark.browser


@pytest.fixture
def people(app, make):
    """A municipality with a head processor and a giver who gave and supplemented a signal."""
    place = make.municipality(name="Privacystad")
    organisation = make.organisation(place, "CAW Privacystad")
    make.organisation(place, "OCMW Privacystad")
    head = make.user(Role.HEAD_PROCESSOR, municipality=place, name="Hoofd Verwerker")
    giver = make.user(
        municipality=place, name="Greet Gever", email="greet@caw.example", organisation=organisation
    )
    signal = make.signal(place, giver=giver, title="Geen plaats in de kinderopvang")
    with app.app_context():
        signal_services.supplement(
            db.session.get(Signal, signal.id),
            db.session.get(User, giver.id),
            "Sinds september is het erger.",
            "token-browser-1",
        )
        db.session.commit()
    return place, head, giver, signal


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_download_correct_and_erase(app, open_page, sign_in, people, javascript, tmp_path):
    place, _, giver, signal = people
    page = open_page(javascript=javascript)
    sign_in(page, giver)

    page.goto("/")
    page.locator("summary", has_text="Mijn account").click()
    page.get_by_role("link", name="Mijn gegevens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(page.get_by_text("Sinds september is het erger.")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als JSON").click()
    saved = tmp_path / "export.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["profiel"][0]["e-mailadres"] == "greet@caw.example"
    assert data["aanvullingen"][0]["tekst"] == "Sinds september is het erger."
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als CSV").click()
    assert download.value.suggested_filename.endswith(".csv")

    page.get_by_label("Naam", exact=True).fill("")
    page.get_by_role("button", name="Verbeteringen bewaren").click()
    expect(page.get_by_text("Vul je naam in.").first).to_be_visible()
    expect(page.get_by_label("E-mailadres", exact=True)).to_have_value("greet@caw.example")
    page.get_by_label("Naam", exact=True).fill("Greet Gever-Peeters")
    page.get_by_label("Organisatie", exact=True).select_option(
        label="OCMW Privacystad (Privacystad)"
    )
    page.get_by_role("button", name="Verbeteringen bewaren").click()
    expect(page.get_by_role("status")).to_contain_text("De gegevens zijn verbeterd.")
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Greet Gever-Peeters")

    page.get_by_role("link", name="Mijn account wissen…").click()
    page.get_by_role("button", name="Mijn account definitief wissen").click()
    expect(page.get_by_text("Vink aan dat je dit begrijpt.").first).to_be_visible()
    page.get_by_label("Ik begrijp dat mijn account").check()
    page.get_by_role("button", name="Mijn account definitief wissen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Je account en je persoonsgegevens zijn gewist."
    )
    expect(page.get_by_role("link", name="Aanmelden")).to_be_visible()
    with app.app_context():
        user = db.session.get(User, giver.id)
        assert user.erased_at is not None and "Greet" not in user.name
        assert db.session.get(Signal, signal.id).title == "Geen plaats in de kinderopvang"


def test_privacy_pages_have_no_accessibility_violations(open_page, sign_in, people):
    place, head, giver, signal = people
    audit = Audit()
    page = open_page(bypass_csp=True)
    sign_in(page, giver)
    page.goto("/mijn-gegevens")
    audit.check_all(page, "Mijn gegevens")
    page.get_by_label("E-mailadres", exact=True).fill("geen-adres")
    page.get_by_role("button", name="Verbeteringen bewaren").click()
    expect(page.get_by_text("Dit is geen geldig e-mailadres.").first).to_be_visible()
    audit.check_all(page, "Mijn gegevens, correction refused")
    page.goto("/mijn-gegevens/wissen")
    audit.check_all(page, "erase account")
    page.get_by_role("button", name="Mijn account definitief wissen").click()
    expect(page.get_by_text("Vink aan dat je dit begrijpt.").first).to_be_visible()
    audit.check_all(page, "erase account, not confirmed")

    processor = open_page(bypass_csp=True)
    sign_in(processor, head)
    processor.goto(f"/{place.slug}/mensen")
    audit.check_all(processor, "people, for the head processor")
    processor.get_by_label("Naam of e-mailadres", exact=True).fill("niemand@example.org")
    processor.get_by_role("button", name="Zoeken").click()
    expect(processor.get_by_text("in naam of e-mailadres").first).to_be_visible()
    audit.check_all(processor, "people, nobody found")
    processor.get_by_label("Naam of e-mailadres", exact=True).fill("greet@caw.example")
    processor.get_by_role("button", name="Zoeken").click()
    processor.get_by_role("link", name="Greet Gever").click()
    expect(processor.get_by_role("heading", level=1)).to_have_text("Greet Gever")
    audit.check_all(processor, "a person's data, for the head processor")
    processor.goto(f"/{place.slug}/verwerken/signalen/{signal.id}/persoonsgegevens")
    audit.check_all(processor, "redaction page")
    processor.get_by_role("button", name="Verbeterde tekst bewaren").nth(1).click()
    processor.get_by_label("Wat werd vastgesteld").fill("")
    processor.get_by_role("button", name="Verbeterde tekst bewaren").nth(1).click()
    expect(processor.get_by_text("Vul de verbeterde tekst in").first).to_be_visible()
    audit.check_all(processor, "redaction page, empty correction")
    audit.assert_clean()
