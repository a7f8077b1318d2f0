"""What the report pages, the college report and the exports share: the filters from the URL,
the report built for this reader, and the export file."""

from dataclasses import dataclass

from flask import abort, request

from common.dutch import local
from common.spreadsheet import CONTENT_TYPES, csv_bytes, file_slug, xlsx_bytes
from webapp.models import utcnow
from webapp.reports import tables
from webapp.reports.figures import Scope
from webapp.reports.forms import ReportFilterForm

FORMATS = CONTENT_TYPES


@dataclass
class Filtered:
    form: ReportFilterForm
    scope: Scope
    args: dict  # the filters as URL parameters, for links and exports


def filtered(
    themes: list[str], target_groups: list[str], ids: tuple[int, ...] | None, network=False
):
    """The filters of this request, or 400 when one is not on offer."""
    today = local(utcnow()).date()
    form = ReportFilterForm(request.args)
    form.offer(today, themes, target_groups)
    if not form.validate():
        abort(400)
    period = form.chosen_period(today)
    if period.slug not in {choice.value for choice in form.periode.choices}:
        form.periode.choices.append((period.slug, period.label))
    form.periode.data = period.slug
    form.van.data = form.tot.data = None  # the range is now the chosen period
    scope = Scope(
        ids,
        period,
        theme=form.thema.data or None,
        target_group=form.doelgroep.data or None,
        network_theme=network and bool(form.thema.data),
    )
    args = {"periode": period.slug}
    if scope.theme:
        args["thema"] = scope.theme
    if scope.target_group:
        args["doelgroep"] = scope.target_group
    return Filtered(form, scope, args)


def filter_lines(where: str, report: tables.Report) -> list[str]:
    """The header rows of an export: what the figures are about."""
    scope = report.scope
    lines = [
        f"Lokaal Signaal: {where}",
        f"Periode: {scope.period.label} (vergeleken met {scope.period.previous.label})",
        f"Thema: {scope.theme or 'alle'}",
        f"Doelgroep: {scope.target_group or 'alle'}",
        f"Gemaakt op: {local(utcnow()):%d-%m-%Y %H:%M}",
    ]
    if not report.exact:
        lines.append(
            f"Elk aantal is per gemeente en per maand afgerond op een veelvoud van "
            f"{report.threshold} en dan opgeteld; 'minder dan {report.threshold}' is een "
            "afgeronde 0. Zo wijst geen cijfer naar één persoon, ook niet door af te trekken."
        )
    return lines


def export_cells(table: tables.Table, threshold: int) -> list[list]:
    return [
        [
            f"minder dan {threshold}" if cell is None and index in table.count_columns else cell
            for index, cell in enumerate(row)
        ]
        for row in table.rows
    ]


def export_file(prefix: str, where: str, report: tables.Report, key: str, fmt: str):
    """(body, mimetype, file name) of one table, or 404 for an unknown table or format."""
    table = report.tables.get(key)
    if table is None or fmt not in FORMATS:
        abort(404)
    scope = report.scope
    parts = [prefix, table.key, scope.period.slug]
    if scope.theme:
        parts += ["thema", file_slug(scope.theme)]
    if scope.target_group:
        parts += ["doelgroep", file_slug(scope.target_group)]
    name = "-".join(parts) + "." + fmt
    preamble = [f"Tabel: {table.title}", *filter_lines(where, report)]
    rows = export_cells(table, report.threshold)
    if fmt == "csv":
        body = csv_bytes(table.columns, rows, preamble)
    else:
        body = xlsx_bytes(table.title, table.columns, rows, preamble)
    return body, FORMATS[fmt], name
