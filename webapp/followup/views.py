"""The follow-up page behind a private link, and the processor's button that revokes the links."""

from flask import Blueprint, abort, flash, g, redirect, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from webapp import access
from webapp.extensions import db
from webapp.followup import services
from webapp.ids import SIGNAL_ID
from webapp.loading import found_or_404
from webapp.rendering import render_page

bp = Blueprint("followup", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")


@bp.get("/opvolging/<token>")
def show_followup(token: str):
    signal = services.signal_for(g.municipality, token) if len(token) <= 100 else None
    if signal is None:
        abort(404)
    return render_page(
        "followup/show.html", signal=signal, updates=services.updates_for_giver(signal)
    )


@bp.post(f"/verwerken/signalen/{SIGNAL_ID}/opvolglinks-intrekken")
def revoke_links(signal_id: int):
    signal = found_or_404(access.processable_signals(current_user, g.municipality), signal_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    revoked = services.revoke_links(signal, current_user)
    db.session.commit()
    if revoked:
        flash("De opvolglinks werken niet meer. De gever kan het signaal zo niet meer opvolgen.")
    else:
        flash("Er was geen werkende opvolglink meer.")
    return redirect(url_for("processing.handle_signal", signal_id=signal.id), 303)
