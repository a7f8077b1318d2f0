"""Aldermen read aggregates only: no count between 1 and the threshold on any page, chart or
export they can reach, and never a signal's title, text or giver."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from tests.signals.helpers import parse, text
from webapp.reports.tables import build

QUERIES = ["periode=2026-k3", "periode=2026-08", "periode=2026", "periode=2026-k3&thema=Zorg"]
NOT_COUNTS = {"verschil", "aandeel (%)", "dagen", "plaats"}
SECRETS = ["Geheim signaal nummer", "Een verhaal dat niemand", "Gever caw", "Gever ocmw"]


def small(value: str) -> bool:
    return value.strip().isdigit() and 1 <= int(value) < 5


def assert_no_small_counts_on_page(html: str):
    doc = parse(html)
    counted = [td.text() for td in doc.find_all("td") if "data-count" in td.attrs]
    assert counted, "the page shows no counts at all"
    assert not [value for value in counted if small(value)]
    for svg_text in re.findall(r"<text[^>]*>([^<]*)</text>", html):
        assert not small(svg_text), svg_text
    for desc in re.findall(r"<desc[^>]*>([^<]*)</desc>", html):
        assert not re.search(r": [1-4](;|$)", desc), desc
    for secret in SECRETS:
        assert secret not in html


def exported_rows(data: bytes, fmt: str) -> list[list]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def assert_no_small_counts_in_export(rows: list[list]):
    blank = next(i for i, row in enumerate(rows) if not any(cell not in (None, "") for cell in row))
    header_index = blank + 1
    header = rows[header_index]
    for row in rows[header_index + 1 :]:
        for name, value in zip(header, row, strict=False):
            if name in NOT_COUNTS:
                continue
            assert not small(str(value)), (name, value)
    for row in rows:
        for value in row:
            assert not any(secret in str(value) for secret in SECRETS)


@pytest.mark.parametrize("query", QUERIES)
def test_the_alderman_reports_page_holds_no_small_count(client, login, report_town, query):
    login(report_town.alderman)
    html = text(client.get(report_town.url(f"rapporten?{query}")))
    assert "minder dan 5" in html  # the fixture does have small counts to hide
    assert_no_small_counts_on_page(html)
    assert_no_small_counts_on_page(text(client.get(report_town.url(f"rapporten/college?{query}"))))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_no_export_holds_a_small_count(client, login, report_town, fmt):
    login(report_town.alderman)
    page = parse(client.get(report_town.url("rapporten?periode=2026-k3")))
    links = [
        a.attrs["href"]
        for a in page.find_all("a")
        if a.attrs["href"].endswith(fmt) or f".{fmt}?" in a.attrs["href"]
    ]
    assert len(links) >= 10
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        rows = exported_rows(response.get_data(), fmt)
        assert_no_small_counts_in_export(rows)


def test_the_alderman_sees_fewer_exact_numbers_than_the_processor(client, login, report_town):
    login(report_town.head)
    exact = text(client.get(report_town.url("rapporten?periode=2026-08")))
    assert "minder dan 5" not in exact
    counted = [td.text() for td in parse(exact).find_all("td") if "data-count" in td.attrs]
    assert any(small(value) for value in counted)  # the processor does see small counts


def test_cards_in_the_report_are_published_ones_for_the_alderman(app, report_town):
    from webapp.reports.figures import Scope
    from webapp.reports.periods import Period

    scope = Scope((report_town.municipality.id,), Period.parse("2026"))
    with app.app_context():
        suppressed = build(scope, exact=False, threshold=5)
        exact = build(scope, exact=True, threshold=5)
    assert {row[0] for row in suppressed.tables["fiches"].rows} == {"Fiche 0", "Fiche 2"}
    assert {row[0] for row in exact.tables["fiches"].rows} == {"Fiche 0", "Fiche 1", "Fiche 2"}


def test_a_higher_threshold_set_for_the_municipality_applies(client, login, app, report_town):
    from webapp.extensions import db
    from webapp.models import Municipality

    with app.app_context():
        db.session.get(Municipality, report_town.municipality.id).suppression_threshold = 10
        db.session.commit()
    login(report_town.alderman)
    html = text(client.get(report_town.url("rapporten?periode=2026-k3")))
    assert "minder dan 10" in html
    counted = [td.text() for td in parse(html).find_all("td") if "data-count" in td.attrs]
    assert not [v for v in counted if v.isdigit() and 1 <= int(v) < 10]


@pytest.mark.parametrize("role", ["alderman"])
def test_a_logged_in_alderman_gets_a_clear_word_on_the_submit_page(
    client, login, report_town, role
):
    login(getattr(report_town, role))
    page = text(client.get(report_town.url("signalen/nieuw")))
    assert "Je bent aangemeld als bevoegde schepen" in page
    assert "Je geeft dit signaal zonder account" not in page


def test_a_logged_in_network_analyst_gets_a_clear_word_on_the_submit_page(
    client, login, make, report_town
):
    from webapp.models import Role

    login(make.user(Role.NETWORK))
    page = text(client.get(report_town.url("signalen/nieuw")))
    assert "Je bent aangemeld als netwerk (VVSG)" in page
    assert "Je geeft dit signaal zonder account" not in page
