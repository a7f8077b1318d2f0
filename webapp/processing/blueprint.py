"""The processing blueprint: views.py, handling.py, logbook.py, delivery.py and
auth/two_factor_views.py (the security page) add their routes to it."""

from flask import Blueprint, g
from flask_login import current_user

from webapp import access

bp = Blueprint("processing", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")


@bp.context_processor
def card_links() -> dict:
    """An organisation processor whose agreement does not tick cards processes signals but
    makes no cards: no "Signaalfiche maken" button that answers 403."""
    return {"makes_cards": access.manages(current_user, g.get("municipality"), "cards")}
