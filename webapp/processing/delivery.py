"""What did not reach the outside world: undelivered mail and failed microsite builds, for the
head processor (the mail worker retries both by itself)."""

from flask import g

from webapp import outbox
from webapp.extensions import db
from webapp.models import SiteBuildFailure
from webapp.processing.blueprint import bp
from webapp.rendering import render_page


@bp.get("/verwerken/bezorging")
def delivery_status():
    return render_page(
        "processing/delivery.html",
        mails=outbox.undelivered(g.municipality.id),
        site_failure=db.session.get(SiteBuildFailure, g.municipality.id),
    )
