"""The reports page: filters in the URL, panels for htmx, the same numbers as the figures."""

import pytest

from tests.signals.helpers import HTMX, parse, text


def cells(response, key):
    """{row label: [cell texts]} of one report table."""
    table = parse(response).by_id(key).find("table")
    return {
        row.find("th").text(): [cell.text() for cell in row.find_all("td")]
        for row in table.find("tbody").find_all("tr")
    }


def test_processor_sees_exact_figures_for_the_period(client, login, report_town):
    login(report_town.head)
    response = client.get(report_town.url("rapporten?periode=2026-k3"))
    assert response.status_code == 200
    overview = cells(response, "overzicht")
    from tests.reports.test_figures import Q2, Q3, within

    now = sum(within(s.created_at, Q3) for s in report_town.specs)
    before = sum(within(s.created_at, Q2) for s in report_town.specs)
    assert overview["signalen"][:2] == [str(now), str(before)]
    difference = now - before
    assert overview["signalen"][2] == (f"+{difference}" if difference > 0 else str(difference))
    page = text(response)
    assert "kwartaal 3 van 2026" in page
    assert '<svg class="chart"' in page and "<title" in page and "<desc" in page


def test_filters_live_in_the_url_and_htmx_gets_the_panels(client, login, report_town):
    login(report_town.head)
    full = client.get(report_town.url("rapporten?periode=2026-k3&thema=Wonen"))
    fragment = client.get(report_town.url("rapporten?periode=2026-k3&thema=Wonen"), headers=HTMX)
    assert fragment.status_code == 200
    assert "<html" not in text(fragment) and 'id="panelen"' in text(fragment)
    assert cells(full, "overzicht") == cells(fragment, "overzicht")
    assert "HX-Request" in fragment.headers["Vary"]
    assert "thema=Wonen" in text(full)  # exports and the college report keep the filter


@pytest.mark.parametrize("query", ["periode=2026-k9", "thema=Onbestaand", "doelgroep=%00"])
def test_a_filter_that_is_not_offered_answers_400(client, login, report_town, query):
    login(report_town.head)
    assert client.get(report_town.url(f"rapporten?{query}")).status_code == 400


def test_without_a_period_the_current_year_is_shown(client, login, report_town):
    login(report_town.alderman)
    response = client.get(report_town.url("rapporten"))
    assert response.status_code == 200
    assert 'value="2026" selected' in text(response) or 'selected value="2026"' in text(response)


def test_a_new_signal_shows_at_once(client, login, make, report_town):
    """Built reports are reused, but never after the data changed."""
    from tests.factories import Ref

    login(report_town.head)
    url = report_town.url("rapporten?periode=2026")
    before = int(cells(client.get(url), "overzicht")["signalen"][0])
    make.signal(Ref(report_town.municipality.id), report_town.giver)
    after = int(cells(client.get(url), "overzicht")["signalen"][0])
    assert after == before + 1
