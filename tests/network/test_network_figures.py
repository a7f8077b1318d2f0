"""The network's figures: across municipalities, small counts suppressed everywhere, never a
signal's title, text or giver."""

import pytest

from tests.reports import world
from tests.reports.test_suppression import (
    assert_no_small_counts_in_export,
    assert_no_small_counts_on_page,
    exported_rows,
)
from tests.signals.helpers import parse, text
from webapp.models import Role


@pytest.fixture
def two_places(app):
    def build():
        world.build(app, world.spec(seed=7), slug="eerstestad")
        world.build(app, world.spec(seed=8, count=40), slug="tweedestad")

    world.once(app, "two_places", build)


@pytest.fixture
def analyst_client(client, login, make):
    login(make.user(Role.NETWORK, email="netwerk@vvsg.example.org"))
    return client


@pytest.mark.parametrize("query", ["periode=2026-k3", "periode=2026-08", "periode=2026&thema=Zorg"])
def test_the_network_overview_holds_no_small_count(two_places, analyst_client, query):
    html = text(analyst_client.get(f"/netwerk?{query}"))
    assert "minder dan 5" in html
    assert_no_small_counts_on_page(html)


def test_figures_span_the_municipalities(two_places, analyst_client):
    doc = parse(analyst_client.get("/netwerk?periode=2026"))
    places = doc.by_id("gemeenten").find("tbody").text()
    assert "Eerstestad" in places and "Tweedestad" in places
    recurring = doc.by_id("terugkerend").find("tbody")
    first_row = recurring.find("tr")
    assert first_row.find("td").text() == "2"  # a theme with enough signals in both


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_network_exports_hold_no_small_count(two_places, analyst_client, fmt):
    page = parse(analyst_client.get("/netwerk?periode=2026-k3"))
    links = [a.attrs["href"] for a in page.find_all("a") if f".{fmt}?" in a.attrs["href"]]
    assert len(links) >= 10
    for link in links:
        response = analyst_client.get(link)
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith('attachment; filename="netwerk-')
        assert_no_small_counts_in_export(exported_rows(response.get_data(), fmt))


def test_htmx_gets_the_panels_only(two_places, analyst_client):
    response = analyst_client.get("/netwerk?periode=2026", headers={"HX-Request": "true"})
    assert 'id="panelen"' in text(response) and "<html" not in text(response)
