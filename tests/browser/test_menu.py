"""The menu of every role fits two rows on a 360 px phone, its groups open with and without
JavaScript (a <details>), and the page with a group open has no axe violations."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit
from webapp.models import AgreementStatus, Engagement, Role

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
# The rows of the menu's own list: the distinct tops of its items, and its height in px.
_ROWS = """() => {
    const list = document.querySelector('nav[aria-label="Hoofdmenu"] > ul');
    const tops = new Set([...list.children].map(li => Math.round(li.getBoundingClientRect().top)));
    return [tops.size, list.getBoundingClientRect().height,
            [...list.children].map(li => Math.round(li.getBoundingClientRect().width)).join(",")];
}"""


@pytest.fixture
def people(make):
    place = make.municipality(slug="menustad", name="Menustad")
    caw = make.organisation(place, name="CAW Menustad")
    make.agreement(place, caw, Engagement.OWN_STAFF, AgreementStatus.ACTIVE)
    return place, {
        "anonymous": None,
        "giver": make.user(Role.GIVER, place),
        "processor": make.user(Role.PROCESSOR, place),
        "head": make.user(Role.HEAD_PROCESSOR, place),
        "org_processor": make.user(Role.ORG_PROCESSOR, place, organisation=caw),
        "alderman": make.user(Role.ALDERMAN, place),
        "network": make.user(Role.NETWORK, None),
    }


@pytest.mark.parametrize(
    "role", ["anonymous", "giver", "processor", "head", "org_processor", "alderman", "network"]
)
def test_the_menu_fits_two_rows_on_a_phone(people, open_page, sign_in, role):
    place, users = people
    page = open_page()
    if users[role]:
        sign_in(page, users[role])
    page.set_viewport_size(PHONE)
    page.goto(f"/{place.slug}/" + ("fiches" if role not in ("anonymous", "network") else ""))
    rows, height, widths = page.evaluate(_ROWS)
    print(f"{role}: {rows} rows, {height:.0f} px ({widths})")
    assert rows <= 2, f"{role}: {rows} rows"
    assert height <= 60, f"{role}: {height} px"


@pytest.mark.parametrize("javascript", [True, False])
def test_a_group_opens_and_leads_to_its_page(people, open_page, sign_in, javascript):
    place, users = people
    page = open_page(javascript=javascript)
    sign_in(page, users["head"])
    page.goto(f"/{place.slug}/fiches")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Instellingen")).to_be_hidden()
    menu.locator("summary", has_text="Beheer").click()
    menu.get_by_role("link", name="Instellingen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Instellingen")
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").locator("summary.current")
    ).to_have_text("Beheer")


def test_the_menu_with_its_groups_open_has_no_axe_violations(people, axe_page, sign_in):
    place, users = people
    page = axe_page
    sign_in(page, users["head"])
    page.set_viewport_size(PHONE)
    page.goto(f"/{place.slug}/fiches")
    audit = Audit()
    audit.check(page, "menu, groups closed")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    for name in ("Beheer", "Mijn account"):
        menu.locator("summary", has_text=name).click()
    expect(menu.get_by_role("button", name="Afmelden")).to_be_visible()
    audit.check_all(page, "menu, both groups open")
    audit.assert_clean()
