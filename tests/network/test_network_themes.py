"""The network vocabulary of themes: a municipality that renames a theme does not split the
network's filter, theme table or recurring themes; the head processor maps themes on a page of
its own; the figures stay under disclosure control."""

import pytest
from sqlalchemy import select

from tests.reports import world
from tests.reports.test_suppression import assert_no_small_counts_on_page
from tests.signals.helpers import parse, text
from webapp import data_version
from webapp.extensions import db
from webapp.models import Municipality, NetworkTheme, Role, Theme


@pytest.fixture
def renamed(app):
    """Two municipalities; the second renamed its theme "Zorg" to "Zorg en welzijn"."""
    world.build(app, world.spec(seed=7), slug="eerstestad")
    world.build(app, world.spec(seed=8, count=40), slug="tweedestad")
    with app.app_context():
        place = db.session.scalars(select(Municipality).filter_by(slug="tweedestad")).one()
        theme = db.session.scalars(
            select(Theme).filter_by(municipality_id=place.id, name="Zorg")
        ).one()
        theme.name = "Zorg en welzijn"
        data_version.move(db.session.connection(), {place.id})
        db.session.commit()


@pytest.fixture
def analyst(client, login, make):
    login(make.user(Role.NETWORK, email="netwerk@vvsg.example.org"))
    return client


def _rows(doc, table_id: str) -> dict[str, str]:
    body = doc.by_id(table_id).find("tbody")
    return {row.find("th").text(): row.find("td").text() for row in body.find_all("tr")}


def test_a_renamed_theme_does_not_split_the_network(renamed, analyst):
    doc = parse(analyst.get("/netwerk?periode=2026"))
    offered = [o.text() for o in doc.find("select", name="thema").find_all("option")]
    assert "Zorg" in offered and "Zorg en welzijn" not in offered
    themes = _rows(doc, "themas")
    assert "Zorg" in themes and "Zorg en welzijn" not in themes
    html = text(analyst.get("/netwerk?periode=2026&thema=Zorg"))
    assert_no_small_counts_on_page(html)


def test_the_network_filter_counts_both_municipalities(app, renamed, analyst):
    doc = parse(analyst.get("/netwerk?periode=2026&thema=Zorg"))
    places = doc.by_id("gemeenten").find("tbody").text()
    assert "Eerstestad" in places and "Tweedestad" in places


def test_the_head_processor_maps_themes_on_a_page_of_its_own(app, client, login, make):
    place = make.municipality(slug="koppelstad", name="Koppelstad")
    head = make.user(Role.HEAD_PROCESSOR, place)
    with app.app_context():
        theme = db.session.scalars(
            select(Theme).filter_by(municipality_id=place.id, slug="mobiliteit")
        ).one()
        theme_id = theme.id
        assert theme.network_theme_id is not None  # a default theme starts mapped
        wonen = db.session.scalars(select(NetworkTheme.id).filter_by(slug="wonen")).one()
    login(head)
    url = "/koppelstad/instellingen/netwerkthemas"
    assert "Netwerkthema's" in text(client.get(url))
    bad = client.post(url, data={f"thema-{theme_id}": "999999"})
    assert bad.status_code == 400 and "Kies een netwerkthema uit de lijst." in text(bad)
    assert client.post(url, data={f"thema-{theme_id}": str(wonen)}).status_code == 303
    with app.app_context():
        assert db.session.get(Theme, theme_id).network_theme_id == wonen
