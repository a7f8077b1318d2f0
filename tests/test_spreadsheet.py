"""Downloads never carry a live formula: the reports' exports and the microsites' open data."""

import csv
import io

import pytest
from openpyxl import load_workbook

from common.spreadsheet import csv_bytes, file_slug, xlsx_bytes
from sites import opendata

DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_quoted_in_csv_and_xlsx(text):
    rows = [[text, 3, -2]]
    data = csv_bytes(["a", "b", "c"], rows)
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert read[1] == ["'" + text, "3", "-2"]
    sheet = load_workbook(io.BytesIO(xlsx_bytes("blad", ["a", "b", "c"], rows))).active
    assert [cell.value for cell in sheet[2]] == ["'" + text, 3, -2]
    assert sheet[2][0].data_type == "s"  # text, not a formula
    assert sheet[2][2].data_type == "n"  # numbers stay numbers


def test_preamble_lines_come_before_the_header():
    data = csv_bytes(["thema", "signalen"], [["Wonen", 12]], preamble=["Periode: 2026"])
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert read == [["Periode: 2026"], [], ["thema", "signalen"], ["Wonen", "12"]]


def test_open_data_neutralises_a_card_title():
    snapshot = {
        "threshold": 5,
        "cards": [
            {
                "id": 1,
                "title": "=cmd|' /C calc'!A0",
                "status_label": "verkennen",
                "published_on": "2026-11-30",
                "themes": ["Wonen"],
                "signals": None,
                "reinforcements": 7,
            }
        ],
    }
    data = opendata.cards_csv(snapshot).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data), delimiter=";"))
    assert rows[0]["titel"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["signalen"] == "<5"


def test_file_slug():
    assert file_slug("Integratie en inburgering") == "integratie-en-inburgering"
    assert file_slug("Dak- en thuislozen / ‘x’") == "dak-en-thuislozen-x"


def test_csv_opens_in_columns_in_flemish_excel():
    data = csv_bytes(["thema", "signalen"], [["Wonen; huren", 12], ["Armoede", 7]])
    assert data.startswith("\ufeff".encode())  # the byte order mark
    lines = data.decode("utf-8-sig").splitlines()
    assert lines == ["thema;signalen", '"Wonen; huren";12', "Armoede;7"]
