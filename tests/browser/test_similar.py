"""A giver typing a signal that was already given finds it, reinforces it, and keeps the draft."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Reinforcement

pytestmark = pytest.mark.browser

EXISTING_TITLE = "Lange wachtlijst voor budgetbegeleiding bij het OCMW"
EXISTING_DESCRIPTION = (
    "Gezinnen met schulden wachten maanden op budgetbegeleiding bij het OCMW. Intussen lopen "
    "de schulden verder op."
)
DRAFT_TITLE = "Wachtlijst budgetbegeleiding OCMW"
DRAFT_DESCRIPTION = (
    "Wie schulden heeft, wacht bij het OCMW vier maanden op budgetbegeleiding. Ondertussen "
    "stapelen de aanmaningen zich op."
)


@pytest.fixture
def setting(make):
    place = make.municipality()
    author = make.user(municipality=place)
    existing = make.signal(
        place, giver=author, title=EXISTING_TITLE, description=EXISTING_DESCRIPTION
    )
    make.signal(place, giver=author)  # about childcare: must not come up
    giver = make.user(municipality=place)
    return place, existing, giver


def _reinforced_by(app, signal_id: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(Reinforcement.user_id).where(Reinforcement.signal_id == signal_id)
            )
        )


def _assert_draft_kept(page) -> None:
    expect(page.get_by_label("Titel")).to_have_value(DRAFT_TITLE)
    expect(page.get_by_label("Wat stel je vast?")).to_have_value(DRAFT_DESCRIPTION)


def test_with_javascript_similar_signals_appear_while_typing(sign_in, app, setting, page):
    place, existing, giver = setting
    sign_in(page, giver)
    page.goto(f"/{place.slug}/signalen/nieuw")
    url = page.url
    page.evaluate("() => { window.stillTheSamePage = true }")
    checks = []

    def count_checks(request):
        if request.method == "POST" and "action=check" in (request.post_data or ""):
            checks.append(request)

    page.on("requestfinished", count_checks)

    page.get_by_label("Titel").fill(DRAFT_TITLE)
    page.get_by_label("Wat stel je vast?").press_sequentially(DRAFT_DESCRIPTION)
    box = page.locator("#similar")
    expect(box.get_by_role("heading", name="Lijkt je signaal op een van deze?")).to_be_visible()
    items = box.get_by_role("listitem")
    expect(items).to_have_count(1)
    expect(items.get_by_role("link", name=EXISTING_TITLE)).to_be_visible()
    # Debounced: one question for the title, one when the typing of the description stopped,
    # not one per keystroke.
    _wait_until(page, lambda: len(checks) >= 2)

    items.get_by_role("button", name="Versterk").click()
    expect(box.get_by_role("status")).to_contain_text("Je hebt dit signaal versterkt.")
    expect(box.get_by_role("button", name="Versterk")).to_have_count(0)
    assert len(checks) == 2
    assert page.url == url
    assert page.evaluate("() => window.stillTheSamePage") is True
    _assert_draft_kept(page)
    assert _reinforced_by(app, existing.id) == [giver.id]


def _wait_until(page, condition, timeout_ms: int = 30_000) -> None:
    waited = 0
    while not condition():
        assert waited < timeout_ms, "timed out"
        page.wait_for_timeout(50)
        waited += 50


def test_without_javascript_the_search_button_does_the_same(sign_in, app, setting, nojs_page):
    page = nojs_page
    place, existing, giver = setting
    sign_in(page, giver)
    page.goto(f"/{place.slug}/signalen/nieuw")
    page.get_by_label("Titel").fill(DRAFT_TITLE)
    page.get_by_label("Wat stel je vast?").fill(DRAFT_DESCRIPTION)
    page.get_by_role("group", name="Thema's").get_by_label("Armoede").check()

    page.get_by_role("button", name="Zoek gelijkaardige signalen").click()
    box = page.locator("#similar")
    expect(box.get_by_role("heading", name="Lijkt je signaal op een van deze?")).to_be_visible()
    expect(box.get_by_role("listitem")).to_have_count(1)
    _assert_draft_kept(page)

    box.get_by_role("button", name="Versterk").click()
    expect(box.get_by_role("status")).to_contain_text("Je hebt dit signaal versterkt.")
    _assert_draft_kept(page)
    expect(page.get_by_role("group", name="Thema's").get_by_label("Armoede")).to_be_checked()
    assert _reinforced_by(app, existing.id) == [giver.id]


def test_nothing_similar_says_so(sign_in, setting, nojs_page):
    page = nojs_page
    place, _, giver = setting
    sign_in(page, giver)
    page.goto(f"/{place.slug}/signalen/nieuw")
    page.get_by_label("Titel").fill("Fietsenstalling aan het station is te klein")
    page.get_by_label("Wat stel je vast?").fill("Pendelaars laten hun fiets op het voetpad achter.")
    page.get_by_role("button", name="Zoek gelijkaardige signalen").click()
    expect(page.locator("#similar")).to_have_text("We vonden geen gelijkaardige signalen.")
