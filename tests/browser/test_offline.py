"""The giver on a poor connection, in Chromium with the connection switched off
(`context.set_offline`): the submit page opens offline, a signal given offline waits on the
device and is stored once when the connection returns; per account; past an expired session
and the review step (docs/offline.md)."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.browser.helpers import Audit, fill_signal
from webapp.extensions import db
from webapp.models import Role, Signal

pytestmark = pytest.mark.browser

REFERENCE = re.compile(r"^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")
WAITING = "Bewaard op dit toestel, we versturen het zodra er verbinding is"
DESCRIPTION = "Gezinnen wachten maanden op een plaats in de kinderopvang in onze wijk."


def _signals(app) -> list[tuple[str, int | None]]:
    with app.app_context():
        rows = db.session.execute(select(Signal.title, Signal.submitted_by_id).order_by(Signal.id))
        return [tuple(row) for row in rows]


def _count(app, title: str) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(Signal.title == title))


def _offline_ready(open_page, path, sign_in=None, user=None, bypass_csp=False):
    """A page that visited the submit page online, with the service worker keeping its shell."""
    page = open_page(service_workers="allow", bypass_csp=bypass_csp)
    if user is not None:
        sign_in(page, user)
    page.goto(path)
    expect(page.locator("body[data-offline=ready]")).to_have_count(1)
    return page


def _submit_offline(page, title, description=DESCRIPTION):
    fill_signal(page, title, description)
    page.get_by_role("button", name="Signaal indienen").click()
    expect(page.locator("#wachtrij")).to_contain_text(f"“{title}”: {WAITING}")


def test_a_signal_given_offline_is_sent_once_when_the_connection_returns(app, make, open_page):
    place = make.municipality(name="Kelderdorp")
    path = f"/{place.slug}/signalen/nieuw"
    page = _offline_ready(open_page, path, bypass_csp=True)
    audit = Audit()

    page.context.set_offline(True)
    page.reload()  # the page opens without a connection
    expect(page.get_by_role("heading", level=1)).to_contain_text("Een signaal geven")
    _submit_offline(page, "Geen kinderopvang in de wijk")
    expect(page.get_by_label("Titel")).to_have_value("")  # ready for the next one
    assert _signals(app) == []
    audit.check(page, "waiting offline")

    page.context.set_offline(False)
    page.evaluate("() => dispatchEvent(new Event('online'))")
    kept = page.locator("#wachtrij")
    expect(kept).to_contain_text("Je signaal “Geen kinderopvang in de wijk” is ontvangen")
    expect(kept.locator(".ref-kept")).to_have_text(REFERENCE)
    expect(kept).not_to_contain_text(WAITING)
    assert _signals(app) == [("Geen kinderopvang in de wijk", None)]
    # Anonymous: the one-time follow-up link comes along with the reference.
    expect(kept.get_by_role("link")).to_have_attribute("href", re.compile("/opvolging/"))
    audit.check(page, "sent")
    page.reload()
    assert _signals(app) == [("Geen kinderopvang in de wijk", None)]
    audit.assert_clean()


def test_two_queued_signals_and_a_double_click_are_each_stored_once(app, make, open_page, sign_in):
    place = make.municipality(name="Busdorp")
    giver = make.user(Role.GIVER, place)
    page = _offline_ready(open_page, f"/{place.slug}/signalen/nieuw", sign_in, giver)

    page.context.set_offline(True)
    fill_signal(page, "Eerste signaal vanop de bus", DESCRIPTION)
    page.get_by_role("button", name="Signaal indienen").dblclick()
    expect(page.locator("#wachtrij .waiting")).to_have_count(1)
    _submit_offline(page, "Tweede signaal vanop de bus")
    expect(page.locator("#wachtrij .waiting")).to_have_count(2)

    page.context.set_offline(False)
    page.evaluate("() => dispatchEvent(new Event('online'))")
    expect(page.locator("#wachtrij .ref-kept")).to_have_count(2)
    expect(page.locator("#wachtrij .waiting")).to_have_count(0)
    assert _signals(app) == [
        ("Eerste signaal vanop de bus", giver.id),
        ("Tweede signaal vanop de bus", giver.id),
    ]
    page.evaluate("() => dispatchEvent(new Event('online'))")  # a second nudge sends nothing
    page.reload()
    assert len(_signals(app)) == 2


def test_a_session_that_expired_meanwhile_asks_to_log_in_and_then_sends(
    app, make, open_page, sign_in
):
    place = make.municipality(name="Keukenstad")
    giver = make.user(Role.GIVER, place)
    path = f"/{place.slug}/signalen/nieuw"
    page = _offline_ready(open_page, path, sign_in, giver)

    page.context.set_offline(True)
    _submit_offline(page, "Signaal uit een keuken zonder bereik")
    page.context.clear_cookies()  # the session ended while the phone was offline
    page.context.set_offline(False)
    page.evaluate("() => dispatchEvent(new Event('online'))")

    kept = page.locator("#wachtrij")
    expect(kept).to_contain_text("Op dit toestel wachten signalen van een account.")
    expect(kept).not_to_contain_text("Signaal uit een keuken")  # the title is not shown
    assert _signals(app) == []
    expect(kept.get_by_role("link", name="Meld je aan om ze te versturen")).to_have_attribute(
        "href", f"/login?next={path.replace('/', '%2F')}"
    )

    sign_in(page, giver)
    page.goto(path)
    expect(page.locator("#wachtrij .ref-kept")).to_have_text(REFERENCE)
    assert _signals(app) == [("Signaal uit een keuken zonder bereik", giver.id)]


def test_the_review_step_opens_the_kept_signal_in_the_form(app, make, open_page, sign_in):
    place = make.municipality(name="Nakijkdorp")
    giver = make.user(Role.GIVER, place)
    page = _offline_ready(open_page, f"/{place.slug}/signalen/nieuw", sign_in, giver, True)
    flagged = "De moeder belt ons elke week op 0470 12 34 56, ze wacht al maanden op hulp."

    page.context.set_offline(True)
    _submit_offline(page, "Wachten op hulp bij de schuldbemiddeling", flagged)
    page.context.set_offline(False)
    page.evaluate("() => dispatchEvent(new Event('online'))")

    warning = page.get_by_role("alert").filter(has_text="Kijk je tekst nog even na")
    expect(warning.locator("mark.pii")).to_have_text("0470 12 34 56")
    expect(page.get_by_label("Titel")).to_have_value("Wachten op hulp bij de schuldbemiddeling")
    expect(page.get_by_label("Wat stel je vast?")).to_have_value(flagged)
    assert _signals(app) == []
    audit = Audit()
    audit.check(page, "review step of a kept signal")
    audit.assert_clean()

    page.get_by_label(re.compile("^Ik heb mijn tekst nagekeken")).first.check()
    page.get_by_role("button", name="Signaal indienen").click()
    page.wait_for_url("**/signalen/ontvangen")
    assert _signals(app) == [("Wachten op hulp bij de schuldbemiddeling", giver.id)]


def test_another_account_on_the_same_browser_sees_nothing_of_the_queue(
    app, make, open_page, sign_in
):
    place = make.municipality(name="Deelstad")
    first = make.user(Role.GIVER, place, name="Eerste Gever")
    second = make.user(Role.GIVER, place, name="Tweede Gever")
    path = f"/{place.slug}/signalen/nieuw"
    page = _offline_ready(open_page, path, sign_in, first)
    page.context.set_offline(True)
    _submit_offline(page, "Signaal van de eerste gever")
    page.get_by_label("Titel").fill("Een half getypt concept")

    # The first one leaves the device; the second logs in on it.
    page.context.clear_cookies()
    sign_in(page, second)
    page.context.set_offline(False)
    page.goto(path)
    expect(page.locator("body[data-offline=ready]")).to_have_count(1)
    expect(page.get_by_label("Titel")).to_have_value("")  # not the first one's draft
    expect(page.locator("#wachtrij")).to_have_count(0)
    expect(page.get_by_text("Signaal van de eerste gever")).to_have_count(0)
    assert _signals(app) == []
    # Offline too, the second account's shell shows nothing of the first's.
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_text("Signaal van de eerste gever")).to_have_count(0)
    page.context.set_offline(False)

    page.context.clear_cookies()
    sign_in(page, first)
    page.goto(path)
    expect(page.locator("#wachtrij .ref-kept")).to_have_text(REFERENCE)
    assert _signals(app) == [("Signaal van de eerste gever", first.id)]


def test_logging_out_with_signals_waiting_asks_first(app, make, open_page, sign_in):
    place = make.municipality(name="Afmelddorp")
    giver = make.user(Role.GIVER, place)
    page = _offline_ready(open_page, f"/{place.slug}/signalen/nieuw", sign_in, giver)
    page.context.set_offline(True)
    _submit_offline(page, "Signaal dat nog wacht")
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    # The logout button sits in the menu's closed "Mijn account" group.
    page.get_by_role("navigation", name="Hoofdmenu").locator(
        "summary", has_text="Mijn account"
    ).click()
    # The question comes once the device's queue has been read: wait for it, not for the click.
    with page.expect_event("dialog"):
        page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()
    assert asked == [
        "Er wacht nog een signaal op dit toestel. Afmelden? Het blijft bewaard tot je je "
        "opnieuw aanmeldt."
    ]
    expect(page.locator("#wachtrij .waiting")).to_have_count(1)  # still there, still logged in
