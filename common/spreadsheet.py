"""Tables as CSV and XLSX files for download: the one place every CSV and XLSX is written (the
app's reports, the personal-data exports, the microsites' open data).

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return) would run as a
formula when the file is opened in a spreadsheet: such text gets a leading apostrophe. A CSV is
separated by semicolons and starts with a byte order mark, as Excel in a Flemish (nl-BE) locale
expects: it then opens the file in columns with the accents right.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATOR = ";"
# One content type per format; give it as `content_type` (a `mimetype` gets a second charset).
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(value):
    """The cell as safe text: numbers stay numbers, formula-like text is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Sequence, rows: Iterable[Sequence], preamble: Sequence[str] = ()) -> bytes:
    """CSV with `;` and a byte order mark; `preamble` lines come first, one cell each, then a
    blank line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    for line in preamble:
        writer.writerow([neutralise(line)])
    if preamble:
        writer.writerow([])
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode()


def xlsx_bytes(
    sheet_title: str, header: Sequence, rows: Iterable[Sequence], preamble: Sequence[str] = ()
) -> bytes:
    """One worksheet: the preamble lines, a blank row, the header in bold, then the rows."""
    # openpyxl is imported on the first download, not at start-up: it alone cost a fifth of the
    # app's start (every command, every test process, every gunicorn worker).
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    for line in preamble:
        sheet.append([neutralise(line)])
    if preamble:
        sheet.append([])
    sheet.append([neutralise(cell) for cell in header])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_slug(text: str) -> str:
    """A part of a file name: lower case ASCII, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
