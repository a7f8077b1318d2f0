"""The privacy rights: redaction by processors (here) and "Mijn gegevens" (mydata.py)."""

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user

from webapp import access
from webapp.extensions import db
from webapp.ids import SIGNAL_ID
from webapp.loading import found_or_404
from webapp.privacy import redaction
from webapp.privacy.blueprint import bp
from webapp.privacy.forms import REMOVE, RedactForm
from webapp.rendering import render_page


@bp.route(
    f"/<slug:gemeente>/verwerken/signalen/{SIGNAL_ID}/persoonsgegevens", methods=["GET", "POST"]
)
def redact_signal(signal_id: int):
    signal = found_or_404(access.processable_signals(current_user, g.municipality), signal_id)
    form = RedactForm()
    failed = None
    if request.method == "POST":
        if not form.target.data:
            abort(400)  # no form of ours sends this
        item = redaction.find(signal, form.target.data)
        if item is None:
            abort(404)  # already redacted away, or no text of this signal
        if form.validate_on_submit():
            replacement = None if form.mode.data == REMOVE else form.text.data
            if redaction.redact(signal, current_user, item, replacement):
                db.session.commit()
                flash(f"{item.label} aangepast: de oude tekst is nergens meer bewaard.", "success")
            else:
                flash("Er was niets te wijzigen.", "info")
            return redirect(url_for("privacy.redact_signal", signal_id=signal.id), 303)
        failed = item.key
    return render_page(
        "privacy/redact.html",
        status=400 if failed else 200,
        signal=signal,
        items=redaction.redactables(signal),
        form=form,
        failed=failed,
        placeholder=redaction.PLACEHOLDER,
    )
