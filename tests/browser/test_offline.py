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
