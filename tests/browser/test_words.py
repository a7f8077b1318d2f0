"""The pages the "words" work touched, in a real browser: the themes list and its rename form
(keyboard, JavaScript on and off), a refused duplicate, the word-level differences of an
agreement, "Mijn gegevens" in Dutch; zero axe violations, and at 360 px a long Dutch compound
wraps with a hyphen and nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Audit, sideways
from webapp.extensions import db
from webapp.models import Agreement, AgreementStatus, Engagement, Role, User
from webapp.partners import services as partner_services

pytestmark = pytest.mark.browser
PHONE = 360


@pytest.fixture
def place(make):
    municipality = make.municipality(name="Woordstad")
    organisation = make.organisation(municipality, "CAW Woordstad")
    head = make.user(Role.HEAD_PROCESSOR, municipality=municipality, name="Hoofd Woord")
    return municipality, organisation, head


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_renaming_a_theme_from_the_list_by_keyboard(open_page, sign_in, place, javascript):
    municipality, _, head = place
    page = open_page(javascript=javascript)
    sign_in(page, head)
    page.goto(f"/{municipality.slug}/instellingen/themas-en-doelgroepen")
    themes = page.get_by_role("region", name="Thema's")
    # A list of names, each with a link: no text box per theme.
    expect(themes.get_by_role("textbox")).to_have_count(1)
    expect(themes.get_by_label("Nieuw thema")).to_be_visible()

    link = themes.get_by_role("link", name="Naam wijzigen van Jeugd")
    link.focus()
    page.keyboard.press("Enter")
    field = page.get_by_label("Nieuwe naam voor “Jeugd”")
    expect(field).to_be_focused()
    field.fill("Jeugd en gezin")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("“Jeugd” heet nu “Jeugd en gezin”.")
    expect(themes.get_by_text("Jeugd en gezin", exact=True)).to_be_visible()

    # The same name again, in other letters: refused next to the field, what was typed kept.
    adding = themes.get_by_label("Nieuw thema")
    adding.fill("  jeugd EN gezin ")
    adding.press("Enter")
    expect(page.get_by_text("Er is al een thema “Jeugd en gezin”.")).to_be_visible()
    expect(page.get_by_label("Nieuw thema")).to_have_value("jeugd EN gezin")


def test_the_touched_pages_have_no_axe_violations(app, make, open_page, sign_in, place):
    municipality, organisation, head = place
    agreement = make.agreement(
        municipality, organisation, Engagement.OWN_STAFF, AgreementStatus.DRAFT
    )
    with app.app_context():
        saved = db.session.get(Agreement, agreement.id)
        actor = db.session.get(User, head.id)
        for body in (
            "## Doel\n\nWe werken samen aan signalen.",
            "## Doel\n\nWe werken echt samen aan signalen en acties.",
        ):
            saved.body = body
            saved.version += 1
            partner_services._snapshot(saved, actor, "bewaard")
        db.session.commit()
        db.session.remove()
    audit = Audit()
    page = open_page(bypass_csp=True)
    sign_in(page, head)
    for path, what in (
        ("instellingen/themas-en-doelgroepen", "the themes list"),
        ("instellingen/themas-en-doelgroepen?wijzig=themas-0", "the themes list, nothing open"),
        (f"overeenkomsten/{agreement.id}/versies", "word-level differences of an agreement"),
    ):
        page.goto(f"/{municipality.slug}/{path}")
        audit.check_all(page, what)
    page.goto(f"/{municipality.slug}/instellingen/themas-en-doelgroepen")
    page.get_by_role("link", name="Naam wijzigen van Wonen").click()
    audit.check_all(page, "the rename form of a theme")
    page.get_by_label("Nieuwe naam voor “Wonen”").fill("Jeugd")
    page.get_by_role("button", name="Naam bewaren").click()
    audit.check_all(page, "a refused duplicate name")
    page.goto(f"/{municipality.slug}/overeenkomsten/{agreement.id}/versies")
    marks = page.locator(".textdiff ins")
    expect(marks.first).to_contain_text("echt")
    page.goto("/mijn-gegevens")
    audit.check_all(page, "Mijn gegevens in Dutch")
    expect(page.get_by_text("rol: hoofdsignaalverwerker")).to_be_visible()
    audit.assert_clean()


def test_a_long_compound_wraps_with_a_hyphen_at_360_px(app, make, open_page, sign_in, place):
    municipality, organisation, head = place
    agreement = make.agreement(
        municipality, organisation, Engagement.OWN_STAFF, AgreementStatus.DRAFT
    )
    page = open_page()
    page.set_viewport_size({"width": PHONE, "height": 740})
    sign_in(page, head)
    page.goto(f"/{municipality.slug}/overeenkomsten/{agreement.id}")
    assert page.evaluate("() => document.documentElement.lang").startswith("nl")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Samenwerkingsovereenkomst")
    # The lines the heading's text falls into: a break inside the compound ends in a hyphen
    # (the soft one at its joint), never in the middle of a syllable without one.
    lines = heading.evaluate(
        """h => {
            const text = h.firstChild, range = document.createRange(), lines = [];
            let top = null, start = 0;
            for (let i = 0; i < text.length; i++) {
                range.setStart(text, i); range.setEnd(text, i + 1);
                // A character at a line's start may also report an empty box at the end of
                // the line before: its widest box is where it shows.
                const boxes = [...range.getClientRects()];
                if (!boxes.length) continue;
                const y = boxes.reduce((a, b) => (b.width > a.width ? b : a)).top;
                if (top !== null && y > top + 4) {
                    lines.push(text.data.slice(start, i));
                    start = i;
                }
                top = y;
            }
            lines.push(text.data.slice(start));
            return lines;
        }"""
    )
    assert len(lines) > 1, lines  # it does not fit on one line at 360 px
    for line, following in zip(lines, lines[1:], strict=False):
        assert line.endswith((" ", "\u00ad", "-")) or not following[:1].isalpha(), lines
    assert sideways(page, PHONE) == []
    assert heading.evaluate("h => getComputedStyle(h).hyphens") == "auto"
