"""Uploading a logo in a real browser, with JavaScript on and off: a refused SVG says why next
to the field, a PNG is stored; axe-core finds no violation on the logo page."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit
from webapp.branding.drawing import badge_png
from webapp.models import Role

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_the_head_processor_uploads_the_municipalitys_logo(
    open_page, sign_in, make, tmp_path, javascript
):
    place = make.municipality(slug="logodorp", name="Logodorp")
    head = make.user(Role.HEAD_PROCESSOR, place, name="Hanne Hoofd")
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    png = tmp_path / "logo.png"
    png.write_bytes(badge_png("logodorp"))
    page = open_page(javascript=javascript, bypass_csp=javascript)
    sign_in(page, head)
    audit = Audit()
    page.goto("/logodorp/instellingen")
    page.get_by_role("link", name="Logo van Logodorp op de publieke site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logo van Logodorp")
    if javascript:
        audit.check_all(page, "logo leeg")

    page.get_by_label("Logo").set_input_files(str(svg))
    page.get_by_role("button", name="Logo opslaan").click()
    expect(page.locator("#logo-error")).to_contain_text("SVG-bestanden aanvaarden we niet")
    if javascript:
        audit.check_all(page, "logo geweigerd")

    page.get_by_label("Logo").set_input_files(str(png))
    page.get_by_role("button", name="Logo opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het logo is opgeslagen")
    expect(page.locator("main")).to_contain_text("160 × 48 pixels")
    if javascript:
        audit.check_all(page, "logo opgeslagen")
        audit.assert_clean()
