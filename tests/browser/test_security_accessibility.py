"""Zero axe-core violations and no sideways scrolling on the pages of issue 10: undelivered mail
and site builds, the municipality's security choice, setting up two-factor authentication (with
the recovery codes shown once) and the code asked after the password."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit
from tests.conftest import PASSWORD
from webapp.extensions import db
from webapp.models import OutboxMail, Role, SiteBuildFailure

pytestmark = pytest.mark.browser


def test_security_and_delivery_pages(app, make, open_page, sign_in):
    audit = Audit()
    place = make.municipality(name="Veiligstad")
    head = make.user(Role.HEAD_PROCESSOR, municipality=place, name="Hoofd Verwerker")
    page = open_page(bypass_csp=True)
    sign_in(page, head)

    page.goto(f"/{place.slug}/verwerken/bezorging")
    expect(page.get_by_text("Alle e-mails zijn vertrokken.")).to_be_visible()
    audit.check_all(page, "delivery, nothing wrong")
    with app.app_context():
        db.session.add(
            OutboxMail(
                recipient="iemand.met.een.heel.lang.adres@organisatie-met-lange-naam.example.org",
                subject="Terugkoppeling op je signaal: wachtlijsten budgetbegeleiding",
                body="",
                message_id="<toegankelijk@lokaalsignaal.be>",
                municipality_id=place.id,
                attempts=3,
                last_error="ConnectionRefusedError: [Errno 111] Connection refused",
            )
        )
        db.session.add(SiteBuildFailure(municipality_id=place.id, attempts=2, error="schijf vol"))
        db.session.commit()
    page.goto(f"/{place.slug}/verwerken/bezorging")
    expect(page.get_by_text("3 pogingen")).to_be_visible()
    audit.check_all(page, "delivery, with failures")

    page.goto(f"/{place.slug}/verwerken/beveiliging")
    audit.check_all(page, "security settings")

    page.goto("/mijn-gegevens/tweestapsverificatie")
    audit.check_all(page, "two-factor, set-up")
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    expect(page.get_by_text("Vul de code in.").first).to_be_visible()
    audit.check_all(page, "two-factor, error")
    secret = re.search(r"([A-Z2-7]{32})", page.locator("code.secret").inner_text()).group(1)
    page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    expect(page.get_by_role("heading", name="Je herstelcodes")).to_be_visible()
    audit.check_all(page, "two-factor, recovery codes")

    guest = open_page(bypass_csp=True)
    guest.goto("/login")
    guest.get_by_label("E-mailadres").fill(head.email)
    guest.get_by_label("Wachtwoord").fill(PASSWORD)
    guest.get_by_role("button", name="Aanmelden").click()
    expect(guest.get_by_role("heading", name="Code invullen")).to_be_visible()
    audit.check_all(guest, "login code")
    audit.assert_clean()
