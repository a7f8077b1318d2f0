"""The public microsites in the browser: built for a small municipality into a temporary folder
and served by a tiny static HTTP server, as a citizen would read them.

Every page type has zero axe-core violations (WCAG 2.1 A and AA, best practice), does not scroll
sideways at 320 CSS pixels, reads the same with JavaScript off, and asks nothing of any server
but the local one (the `open_page` watch fails the test on any other request, on a stylesheet
that does not load, and on a console error).
"""

import threading
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sites.builder import build_sites
from tests.browser.helpers import Audit
from tests.factories import Factory
from webapp.extensions import db
from webapp.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Agreement,
    CardStatus,
    Engagement,
    Meeting,
    MeetingKind,
    Role,
    SignalCard,
)
from webapp.public.reader import PublicSource
from webapp.reports.protected import card_count

pytestmark = pytest.mark.browser

SLUG = "toegankelheim"
LONG_TITLE = "Budgetbegeleidingswachtlijstproblematiek bij het OCMW van Toegankelheim"


@dataclass
class Sites:
    url: str
    out: Path
    pages: dict[str, str]  # what -> path on the server
    card_signals: int  # the published count of the card's seven signals, under disclosure control


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass  # the test output is no place for an access log


def _publish(app, make: Factory) -> dict[str, int]:
    """A small municipality with everything a site shows; returns the ids the pages are named by."""
    place = make.municipality(slug=SLUG, name="Toegankelheim")
    caw = make.organisation(place, "CAW Oost")
    jac = make.organisation(place, "JAC Noord")
    make.organisation(place, "Buurtwerk De Brug")
    givers = [make.user(municipality=place, organisation=caw if n % 2 else jac) for n in range(6)]
    make.user(Role.HEAD_PROCESSOR, municipality=place)
    themes = [("armoede",), ("armoede", "wonen"), ("mobiliteit",), ("jeugd",), ("armoede",)]
    signals = [
        make.signal(place, giver=givers[n % len(givers)], title=f"Signaal {n}", themes=theme)
        for n, theme in enumerate(themes * 2)
    ]
    card = make.card(place, title=LONG_TITLE, published=True, signals=tuple(signals[:7]))
    other = make.card(place, title="Geen bus in het weekend", published=True, signals=signals[7:])
    make.card(place, title="Nog een ontwerp", signals=signals[:2])
    action = make.action(place, title="Extra zitdag budgetbegeleiding", public=True)
    make.action(place, title="Digipunt in de bibliotheek", public=True)
    make.action(place, title="Een interne actie")
    upcoming = make.meeting(place, title="Eerstelijnsoverleg welzijn", public=True)
    make.meeting(
        place,
        title="Signaaldag wonen en armoede",
        public=True,
        days_ahead=-40,
        kind=MeetingKind.SIGNAL_DAY,
    )
    make.meeting(place, title="Een intern overleg", days_ahead=3)
    agreement = make.agreement(place, caw)
    make.agreement(place, jac, engagement=Engagement.BROAD_MANDATE)
    with app.app_context():
        cards = {c.id: c for c in db.session.scalars(db.select(SignalCard))}
        cards[card.id].public_status = CardStatus.IN_ACTION.value
        cards[other.id].public_status = CardStatus.ON_AGENDA.value
        row = db.session.get(Action, action.id)
        row.status = ActionStatus.ONGOING.value
        row.organisation_id = caw.id
        row.cards = [cards[card.id]]
        today = date.today()
        for days, body in (
            (30, "De eerste zitdag is gestart."),
            (9, "We zoeken **vrijwilligers**."),
        ):
            row.updates.append(ActionUpdate(happened_on=today - timedelta(days=days), body=body))
        db.session.get(Meeting, upcoming.id).cards = [cards[card.id], cards[other.id]]
        contract = db.session.get(Agreement, agreement.id)
        contract.body = (
            "## Wat we afspreken\n\nWe werken samen rond signalen.\n\n- punt een\n- twee"
        )
        contract.starts_on = date(2025, 9, 1)
        contract.ends_on = today + timedelta(days=365)
        db.session.commit()
    return {"card": card.id, "action": action.id, "agreement": agreement.id}


@pytest.fixture(scope="module")
def sites(app, tmp_path_factory):
    """Build the sites once for this module and serve them over HTTP; yields a Sites."""
    ids = _publish(app, Factory(app))
    out = tmp_path_factory.mktemp("microsites")
    lines: list[str] = []
    with app.app_context():
        summary = build_sites(out, PublicSource(), slugs=[SLUG], echo=lines.append)
        card_signals = card_count(ids["card"], "signals", 7, 5)
        db.session.remove()
    assert (summary.built, summary.failed, summary.overview) == (1, 0, "built"), lines

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, name="sites-server", daemon=True)
    thread.start()
    site = f"/{SLUG}"
    pages = {
        "overview": "/index.html",
        "overview: toegankelijkheid": "/toegankelijkheid.html",
        "municipality home": f"{site}/",
        "cijfers": f"{site}/cijfers/",
        "wat leeft er": f"{site}/wat-leeft-er/",
        "card": f"{site}/wat-leeft-er/fiche-{ids['card']}/",
        "acties": f"{site}/acties/",
        "action": f"{site}/acties/actie-{ids['action']}/",
        "agenda": f"{site}/agenda/",
        "wie werkt mee": f"{site}/wie-werkt-mee/",
        "agreement": f"{site}/wie-werkt-mee/overeenkomst-{ids['agreement']}/",
        "privacy": f"{site}/privacy/",
        "toegankelijkheid": f"{site}/toegankelijkheid/",
        "open data": f"{site}/open-data/",
    }
    yield Sites(f"http://127.0.0.1:{server.server_port}", out, pages, card_signals)
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_every_page_type_passes_axe_and_reflows(sites, open_page):
    audit = Audit()
    page = open_page(base_url=sites.url)
    for what, path in sites.pages.items():
        response = page.goto(path)
        assert response.status == 200, (what, path, response.status)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        audit.check_all(page, f"site: {what}")
    audit.assert_clean()


def test_the_pages_are_the_same_without_javascript(sites, open_page):
    with_js = open_page(base_url=sites.url)
    without = open_page(javascript=False, base_url=sites.url)
    for what, path in sites.pages.items():
        with_js.goto(path)
        assert without.goto(path).status == 200, (what, path)
        expect(without.locator("script")).to_have_count(0)
        assert without.title() == with_js.title(), what
        assert without.locator("body").inner_text() == with_js.locator("body").inner_text(), what
        # The stylesheet applies without a script: the skip link is moved out of sight.
        expect(without.get_by_role("link", name="Ga naar de inhoud")).not_to_be_in_viewport()

    # The menu, the card and the links between the pages work with plain links.
    without.goto(sites.pages["municipality home"])
    without.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Wat leeft er?"
    ).click()
    without.get_by_role("link", name=LONG_TITLE).click()
    expect(without.get_by_role("heading", level=1)).to_have_text(LONG_TITLE)
    assert sites.card_signals in (5, 10)  # seven signals, rounded to a multiple of five
    expect(without.locator("#herkomst + p")).to_contain_text(
        f"Gebundeld uit {sites.card_signals} signalen"
    )
    without.get_by_role("link", name="Extra zitdag budgetbegeleiding").click()
    expect(without.get_by_role("heading", name="Voortgang")).to_be_visible()
    expect(without.locator(".timeline strong")).to_have_text("vrijwilligers")
