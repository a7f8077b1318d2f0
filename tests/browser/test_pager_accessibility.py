"""The pager of the lists paged by cursor, in a browser: zero axe-core violations on a numbered
page and on a cursor page (also after an htmx swap and at 320 CSS pixels), the position
announced, and the same pages reached with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit
from tests.keyset import fill
from webapp import pagination
from webapp.models import Role
from webapp.processing import inbox

pytestmark = pytest.mark.browser


@pytest.fixture
def place(app, make, monkeypatch):
    """40 signals in pages of four; page 3 and on are reached by cursor."""
    monkeypatch.setattr(pagination, "PAGE_SIZE", 4)
    monkeypatch.setattr(inbox, "PAGE_SIZE", 4)
    monkeypatch.setattr(pagination, "KEYSET_FROM_PAGE", 3)
    municipality = make.municipality(name="Bladerstad")
    organisation = make.organisation(municipality, "CAW Bladerstad")
    fill(app, municipality, 40, organisation_id=organisation.id)
    head = make.user(Role.HEAD_PROCESSOR, municipality=municipality, name="Hoofd Verwerker")
    giver = make.user(municipality=municipality, name="Gever Een", organisation=organisation)
    return municipality, head, giver


@pytest.mark.parametrize("who, path", [("head", "verwerken"), ("giver", "signalen")])
def test_the_pager_with_and_without_javascript(open_page, sign_in, place, who, path):
    municipality, head, giver = place
    audit = Audit()
    page = open_page(bypass_csp=True)
    sign_in(page, head if who == "head" else giver)
    page.goto(f"/{municipality.slug}/{path}")
    pager = page.get_by_role("navigation", name="Paginering")

    audit.check_all(page, "first page")
    for number in (2, 3, 4):
        pager.get_by_role("link", name="Volgende").click()
        position = pager.locator("[aria-current=page]")
        expect(position).to_have_text(re.compile(rf"^(Pagina )?{number}\b"))
    expect(page).to_have_url(re.compile(r"[?&]na="))
    audit.check_all(page, "cursor page after htmx swaps")
    pager.get_by_role("link", name="Vorige").click()
    expect(pager.locator("[aria-current=page]")).to_have_text("Pagina 3 van 10")
    expect(page).to_have_url(re.compile(r"[?&]voor="))
    page.reload()
    expect(pager.locator("[aria-current=page]")).to_have_text("Pagina 3 van 10")
    audit.check_all(page, "cursor page loaded from its address")
    audit.assert_clean()

    plain = open_page(javascript=False)
    sign_in(plain, head if who == "head" else giver)
    plain.goto(f"/{municipality.slug}/{path}")
    plain_pager = plain.get_by_role("navigation", name="Paginering")
    for _ in range(3):
        plain_pager.get_by_role("link", name="Volgende").click()
    expect(plain_pager.locator("[aria-current=page]")).to_have_text("Pagina 4 van 10")
    plain_pager.get_by_role("link", name="Eerste").click()
    expect(plain_pager.locator("[aria-current=page]")).to_have_text("1")
