"""Summaries are Markdown, sanitised: nothing a processor types runs in a reader's browser."""

import pytest

from common.markdown import markdown_to_html, render_markdown
from tests.cards.helpers import touch_card
from tests.signals.helpers import parse, text


def test_basic_markdown_becomes_html():
    html = markdown_to_html(
        "## Wat zien we?\n\nGezinnen wachten **maanden** en *langer*.\n\n"
        "- een\n- twee\n\nDaarna:\n\n1. eerst\n\n> citaat\n\n[Meer](https://www.kortrijk.be/lokaal-signaal)"
    )
    assert "<h3>Wat zien we?</h3>" in html  # the page holds the h1 and h2: headings shift down
    assert "<strong>maanden</strong>" in html and "<em>langer</em>" in html
    assert "<ul>" in html and "<ol>" in html and "<blockquote>" in html
    assert (
        '<a href="https://www.kortrijk.be/lokaal-signaal" rel="nofollow noopener">Meer</a>' in html
    )


@pytest.mark.parametrize(
    "source, forbidden",
    [
        ("<script>alert('x')</script>Tekst", ["<script", "alert"]),
        ('<img src="x" onerror="alert(1)">', ["<img", "onerror", "alert"]),
        ('<p onclick="alert(1)">klik</p>', ["onclick"]),
        ("[klik](javascript:alert(1))", ["javascript", "alert"]),
        ('<a href="JaVaScRiPt:alert(1)">klik</a>', ["javascript", "alert"]),
        ("[data](data:text/html;base64,PHNjcmlwdD4=)", ["data:"]),
        ("[intern](/kortrijk/signalen/1)", ["/kortrijk/signalen"]),
        ('<iframe src="https://kwaad.example"></iframe>', ["<iframe", "kwaad"]),
        ("<style>body{display:none}</style>", ["<style", "display"]),
        ('<a href="https://x.example" target="_blank" style="x">k</a>', ["target", "style"]),
        ("![beeld](https://tracker.example/pixel.gif)", ["<img", "tracker"]),
        ("<!-- verborgen -->", ["verborgen"]),
    ],
)
def test_dangerous_markup_is_stripped(source, forbidden):
    html = markdown_to_html(source).lower()
    for fragment in forbidden:
        assert fragment not in html


def test_safe_links_keep_their_scheme():
    html = markdown_to_html("[mail](mailto:lokaal.signaal@kortrijk.be) [web](http://x.example)")
    assert 'href="mailto:lokaal.signaal@kortrijk.be"' in html
    assert 'href="http://x.example"' in html


def test_empty_summaries_render_nothing():
    assert markdown_to_html("") == ""
    assert markdown_to_html(None) == ""
    assert str(render_markdown(None)) == ""


def test_the_card_page_renders_a_sanitised_summary(app, client, login, make, town):
    card = make.card(town.municipality, published=True)
    touch_card(
        app,
        card.id,
        summary=(
            "**Belangrijk**\n\n<script>document.title='x'</script>"
            '<img src=x onerror="alert(1)">\n\n[klik](javascript:alert(2))'
        ),
    )
    login(town.giver)

    response = client.get(town.url(f"fiches/{card.id}"))

    html = text(response)
    summary = parse(response).find("div", class_="markdown")
    assert summary.find("strong").text() == "Belangrijk"
    assert "<script>document" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "alert(" not in html
