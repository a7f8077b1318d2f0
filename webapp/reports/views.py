"""Reports for processors and aldermen: figures of one municipality, filtered by the URL."""

from flask import Blueprint, Response, g, url_for
from flask_login import current_user

from webapp import access
from webapp.models import utcnow
from webapp.rendering import render_page
from webapp.reports import cache, charts
from webapp.reports.context import export_file, filtered

bp = Blueprint("reports", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")


def _report():
    municipality = g.municipality
    chosen = filtered(
        [t.name for t in municipality.themes],
        [t.name for t in municipality.target_groups],
        (municipality.id,),
    )
    exact = access.sees_exact_counts(current_user, municipality)
    report = cache.report(chosen.scope, exact, municipality.suppression_threshold)
    return chosen, report


def _page_context(chosen, report) -> dict:
    return {
        "form": chosen.form,
        "args": chosen.args,
        "report": report,
        "charts": charts,
        "threshold": report.threshold,
        "now": utcnow(),
        "export_endpoint": "reports.export_table",
        "card_url": lambda card_id: url_for("cards.show_card", card_id=card_id),
    }


@bp.get("/rapporten")
def show_report():
    chosen, report = _report()
    return render_page("reports/show.html", block="panels", **_page_context(chosen, report))


@bp.get("/rapporten/college")
def college_report():
    chosen, report = _report()
    return render_page("reports/college.html", **_page_context(chosen, report))


@bp.get("/rapporten/<tabel>.<formaat>")
def export_table(tabel: str, formaat: str):
    _, report = _report()
    body, mimetype, name = export_file(
        f"rapport-{g.municipality.slug}", g.municipality.name, report, tabel, formaat
    )
    return Response(
        body,
        content_type=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
