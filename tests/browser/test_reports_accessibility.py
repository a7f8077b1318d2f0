"""Zero axe-core violations on the reports, the college report and the network pages, charts
included, for processors, aldermen and the network; also at 320 CSS pixels wide."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit
from tests.reports.conftest import report_town  # noqa: F401  (fixture)
from webapp.models import Role

pytestmark = pytest.mark.browser


@pytest.fixture
def audit():
    return Audit()


def test_report_pages(open_page, sign_in, report_town, audit):  # noqa: F811
    page = open_page(bypass_csp=True)
    sign_in(page, report_town.head)
    page.goto(report_town.url("rapporten?periode=2026-k3"))
    expect(page.locator("svg.chart").first).to_be_visible()
    audit.check_all(page, "reports page, processor")
    page.get_by_label("Thema", exact=True).select_option(label="Wonen")
    expect(page.get_by_role("status").first).to_contain_text("thema Wonen")
    audit.check_all(page, "reports page filtered with htmx")
    assert "thema=Wonen" in page.url
    page.get_by_role("link", name=re.compile("Rapport voor het college")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("rapport voor het college")
    audit.check_all(page, "college report")
    page.goto(report_town.url("rapporten?periode=2030"))
    audit.check_all(page, "reports page without data")
    audit.assert_clean()


def test_report_pages_for_the_alderman(open_page, sign_in, report_town, audit):  # noqa: F811
    page = open_page(bypass_csp=True)
    sign_in(page, report_town.alderman)
    page.goto(report_town.url("rapporten?periode=2026-08"))
    expect(page.get_by_text("minder dan 5").first).to_be_visible()
    audit.check_all(page, "reports page, alderman, suppressed counts")
    page.goto(report_town.url("rapporten/college?periode=2026"))
    audit.check_all(page, "college report, alderman")
    audit.assert_clean()


def test_network_pages(app, make, open_page, sign_in, report_town, audit):  # noqa: F811
    from tests.reports import world

    world.build(app, world.spec(seed=8, count=30), slug="tweedestad")
    analyst = make.user(Role.NETWORK, name="Nora Netwerk")
    page = open_page(bypass_csp=True)
    sign_in(page, analyst)
    page.goto("/netwerk?periode=2026")
    audit.check_all(page, "network overview")
    page.get_by_label("Doelgroep", exact=True).select_option(label="Kinderen")
    expect(page.get_by_role("status").first).to_contain_text("doelgroep Kinderen")
    audit.check_all(page, "network overview filtered with htmx")
    page.goto("/netwerk/fiches")
    audit.check_all(page, "network cards")
    page.goto("/netwerk/fiches?q=onbestaand")
    audit.check_all(page, "network cards, nothing found")
    audit.assert_clean()
