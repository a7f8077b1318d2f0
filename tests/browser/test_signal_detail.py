"""Following, reinforcing and supplementing a signal: in place with htmx, by plain POST without."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def detail(make):
    """A giver on the detail page of a colleague's signal: (path, giver)."""
    place = make.municipality()
    author = make.user(municipality=place, name="Auteur Een")
    signal = make.signal(place, giver=author)
    giver = make.user(
        municipality=place, name="Lezer Twee", organisation=make.organisation(place, "JAC Noord")
    )
    return f"/{place.slug}/signalen/{signal.id}", giver


def test_with_javascript_sections_update_in_place(sign_in, page, live_server, detail):
    path, giver = detail
    sign_in(page, giver)
    page.goto(path)
    page.evaluate("() => { window.stillTheSamePage = true }")

    follow = page.locator("#volgen")
    follow.get_by_role("button", name="Volgen").click()
    expect(follow.get_by_role("status")).to_have_text("Je volgt dit signaal.")
    expect(follow.get_by_role("button", name="Niet meer volgen")).to_be_visible()
    expect(follow.get_by_role("heading", name="Volgers (1)")).to_be_visible()
    expect(follow.get_by_role("listitem")).to_contain_text("Lezer Twee, JAC Noord")

    reinforce = page.locator("#versterken")
    reinforce.get_by_label("Wat zie jij?").fill("Ook bij ons in het jeugdhuis.")
    reinforce.get_by_role("button", name="Ik zie dit ook: versterken").click()
    expect(reinforce.get_by_role("status")).to_have_text("Je hebt dit signaal versterkt. Dank je.")
    expect(reinforce.get_by_role("heading", name="Versterkt door (1)")).to_be_visible()
    expect(reinforce.get_by_role("listitem")).to_contain_text("Ook bij ons in het jeugdhuis.")
    expect(reinforce.get_by_role("button", name="Toelichting bijwerken")).to_be_visible()

    supplements = page.locator("#aanvullingen")
    supplements.get_by_role("button", name="Aanvulling toevoegen").click()
    expect(supplements.get_by_text("Schrijf je aanvulling.")).to_be_visible()
    supplements.get_by_label("Je aanvulling").fill("Sinds september is de wachttijd verdubbeld.")
    supplements.get_by_role("button", name="Aanvulling toevoegen").click()
    expect(supplements.get_by_role("status")).to_have_text("Je aanvulling is toegevoegd.")
    expect(supplements.get_by_role("listitem")).to_contain_text("de wachttijd verdubbeld")

    assert page.url == live_server + path
    assert page.evaluate("() => window.stillTheSamePage") is True
    assert page.locator("#meldingen .flash").count() == 0

    follow.get_by_role("button", name="Niet meer volgen").click()
    expect(follow.get_by_role("status")).to_have_text("Je volgt dit signaal niet meer.")
    expect(follow.get_by_role("heading", name="Volgers (0)")).to_be_visible()


def test_with_javascript_a_second_supplement_gets_a_fresh_form(sign_in, page, detail):
    """The form swapped in after a supplement is empty and has a new token, so a second
    supplement is stored too instead of counting as a repeat of the first."""
    path, giver = detail
    sign_in(page, giver)
    page.goto(path)
    supplements = page.locator("#aanvullingen")
    texts = ("Eerste aanvulling over de wachttijd.", "Tweede aanvulling over de kosten.")
    for count, text in enumerate(texts, start=1):
        supplements.get_by_label("Je aanvulling").fill(text)
        supplements.get_by_role("button", name="Aanvulling toevoegen").click()
        expect(supplements.get_by_role("listitem")).to_have_count(count)
        expect(supplements.get_by_role("status")).to_have_text("Je aanvulling is toegevoegd.")
        assert supplements.get_by_label("Je aanvulling").input_value() == ""
    expect(supplements.get_by_role("listitem").filter(has_text="over de kosten")).to_have_count(1)


def test_with_javascript_focus_stays_on_the_button(sign_in, page, detail):
    path, giver = detail
    sign_in(page, giver)
    page.goto(path)
    for section, button, after in (
        ("#volgen", "Volgen", "Niet meer volgen"),
        ("#versterken", "Ik zie dit ook: versterken", "Toelichting bijwerken"),
    ):
        page.locator(section).get_by_role("button", name=button).focus()
        page.keyboard.press("Enter")
        expect(page.locator(section).get_by_role("status")).to_be_visible()
        focused = page.evaluate("() => document.activeElement.textContent.trim()")
        assert focused == after


def test_without_javascript_forms_post_and_redirect(sign_in, nojs_page, live_server, detail):
    page = nojs_page
    path, giver = detail
    sign_in(page, giver)
    page.goto(path)
    flash = page.locator(".flashes")

    page.locator("#volgen").get_by_role("button", name="Volgen").click()
    expect(flash).to_have_text("Je volgt dit signaal.")
    assert page.url == live_server + path
    expect(page.locator("#volgen").get_by_role("heading", name="Volgers (1)")).to_be_visible()

    reinforce = page.locator("#versterken")
    reinforce.get_by_label("Wat zie jij?").fill("Ook bij ons in het jeugdhuis.")
    reinforce.get_by_role("button", name="Ik zie dit ook: versterken").click()
    expect(flash).to_have_text("Je hebt dit signaal versterkt. Dank je.")
    assert page.url == live_server + path
    expect(page.locator("#versterken").get_by_role("listitem")).to_contain_text("jeugdhuis")

    page.locator("#aanvullingen").get_by_role("button", name="Aanvulling toevoegen").click()
    expect(page.get_by_text("Schrijf je aanvulling.")).to_be_visible()
    page.get_by_label("Je aanvulling").fill("Sinds september is de wachttijd verdubbeld.")
    page.get_by_role("button", name="Aanvulling toevoegen").click()
    expect(flash).to_have_text("Je aanvulling is toegevoegd.")
    assert page.url == live_server + path
    expect(page.locator("#aanvullingen").get_by_role("listitem")).to_contain_text("verdubbeld")

    page.locator("summary", has_text="Mijn account").click()
    page.get_by_role("link", name="Mijn signalen").click()
    for section in ("Gevolgd (1)", "Versterkt (1)", "Aangevuld (1)", "Gegeven (0)"):
        expect(page.get_by_role("heading", name=section)).to_be_visible()
