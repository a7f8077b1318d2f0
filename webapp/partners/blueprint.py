"""The partners blueprint: views.py (agreements) and organisations.py add their routes to it."""

from flask import Blueprint, g
from flask_login import current_user

from webapp import access
from webapp.models import Engagement
from webapp.partners import services
from webapp.partners.forms import GRANT_LABELS, kind_label

bp = Blueprint("partners", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")


@bp.context_processor
def helpers() -> dict:
    return {
        "engagement_label": lambda value: Engagement(value).label,
        "agreement_status_label": services.status_label,
        "kind_label": kind_label,
        "grant_labels": GRANT_LABELS,
        "manages_partners": access.can_manage_partners(current_user, g.get("municipality")),
    }
