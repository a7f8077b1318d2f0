"""Giving a signal with the keyboard only: skip link, every field in order, Enter to submit."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FOCUS_INFO = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent).trim(),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0,
  };
}"""


def _focused(page) -> dict:
    return page.evaluate(FOCUS_INFO)


def _tab_to(page, matches, limit: int = 40) -> dict:
    """Press Tab until the focused element matches; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert focused["outline"], f"no visible focus on {focused}"
        assert focused["onScreen"], f"focus went off screen: {focused}"
        if matches(focused):
            return focused
    raise AssertionError(f"not reachable with Tab within {limit} presses")


def test_submit_a_signal_with_the_keyboard_only(make, page):
    # The form has no htmx for someone without an account: with JavaScript off the order and
    # the stops are the same, so one run covers both.
    place = make.municipality()
    page.goto(f"/{place.slug}/signalen/nieuw")

    page.keyboard.press("Tab")
    skip = _focused(page)
    assert skip["text"] == "Ga naar de inhoud"
    assert skip["onScreen"] and skip["outline"]
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"

    # From the main content, the form comes before anything of the header again.
    _tab_to(page, lambda f: f["id"] == "title", limit=3)
    page.keyboard.type("Geen zitbanken langs de wandelroute naar het dienstencentrum")
    _tab_to(page, lambda f: f["id"] == "description", limit=1)
    page.keyboard.type("Oudere buurtbewoners raken niet meer tot bij het dienstencentrum te voet.")
    _tab_to(page, lambda f: f["text"] == "Mobiliteit")
    page.keyboard.press("Space")
    _tab_to(page, lambda f: f["text"] == "Ouderen")
    page.keyboard.press("Space")
    submit = _tab_to(page, lambda f: f["text"] == "Signaal indienen")
    assert submit["tag"] == "button"
    page.keyboard.press("Enter")

    page.wait_for_url("**/signalen/ontvangen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank je, je signaal is ontvangen")
