"""Every report table as CSV and XLSX: the same numbers as the page, the filters in the file
name and in the header rows."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.reports.test_page import cells
from tests.signals.helpers import parse

QUERY = "periode=2026-k3&thema=Wonen"
TABLES = [
    "overzicht",
    "themas",
    "doelgroepen",
    "statussen",
    "organisaties",
    "topthemas",
    "verloop",
    "bereik",
    "terugkoppeling",
    "fiches",
]


def read(data: bytes, fmt: str) -> list[list[str]]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(data)).active
    return [["" if c.value is None else _plain(c.value) for c in row] for row in sheet.iter_rows()]


def _plain(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def page_value(shown: str) -> str:
    """A page cell as the file writes it: no thousands dots, a decimal point, no plus sign."""
    if shown.replace(".", "").replace(",", "").lstrip("+-").isdigit():
        return shown.replace(".", "").replace(",", ".").lstrip("+")
    return shown


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("key", TABLES)
def test_export_holds_the_page_numbers(client, login, report_town, fmt, key):
    login(report_town.head)
    page = client.get(report_town.url(f"rapporten?{QUERY}"))
    shown = cells(page, key)
    response = client.get(report_town.url(f"rapporten/{key}.{fmt}?{QUERY}"))
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert f'filename="rapport-rapportstad-{key}-2026-k3-thema-wonen.{fmt}"' in disposition
    # One content type, with one charset for a CSV (issue 17).
    assert (
        response.headers["Content-Type"]
        == {
            "csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }[fmt]
    )
    rows = read(response.get_data(), fmt)
    assert rows[0][0].startswith("Tabel: ")
    preamble = " ".join(row[0] for row in rows[:8] if row)
    assert "kwartaal 3 van 2026" in preamble and "Thema: Wonen" in preamble
    assert "Doelgroep: alle" in preamble
    blank = next(i for i, row in enumerate(rows) if not any(rows[i]))
    body = rows[blank + 2 :]
    exported = {row[0]: [value for value in row[1:] if value != ""] for row in body}
    expected = {
        label: [page_value(v) for v in values if v != ""] for label, values in shown.items()
    }
    if key == "topthemas":  # the rank is the row header on the page
        exported = {row[0]: row[1:] for row in body}
    assert exported == expected


def test_an_unknown_table_or_format_is_404(client, login, report_town):
    login(report_town.head)
    assert client.get(report_town.url("rapporten/geheim.csv")).status_code == 404
    assert client.get(report_town.url("rapporten/themas.pdf")).status_code == 404


def test_every_panel_links_its_exports(client, login, report_town):
    login(report_town.alderman)
    doc = parse(client.get(report_town.url(f"rapporten?{QUERY}")))
    hrefs = [a.attrs["href"] for a in doc.find_all("a")]
    for key in TABLES:
        assert any(f"/rapporten/{key}.xlsx?" in href and "thema=Wonen" in href for href in hrefs)
