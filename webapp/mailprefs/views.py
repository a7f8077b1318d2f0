"""A giver's mail settings, and the unsubscribe link of every mail (RFC 8058)."""

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_login import current_user

from webapp.extensions import csrf, db
from webapp.mailprefs import services
from webapp.mailprefs.forms import StatusMailForm
from webapp.notifications import status_mail_membership
from webapp.rendering import render_page

bp = Blueprint("mailprefs", __name__, template_folder="templates")


@bp.route("/<slug:gemeente>/mijn-e-mails", methods=["GET", "POST"])
def mail_settings():
    membership = status_mail_membership(current_user, g.municipality)
    if membership is None:  # the policy lets signal readers in only; they hold one
        abort(404)
    if request.method == "GET":
        form = StatusMailForm(formdata=None, status_mail=membership.status_mail)
        return render_page("mailprefs/settings.html", form=form)
    form = StatusMailForm()
    if not form.validate_on_submit():
        return render_page("mailprefs/settings.html", status=400, form=form)
    membership.status_mail = form.status_mail.data
    db.session.commit()
    flash("Je keuze is bewaard.", "success")
    return redirect(url_for("mailprefs.mail_settings"), 303)


@bp.route("/e-mails/afmelden/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: the mail client posts without a session; the signed token is the proof
def unsubscribe(token: str):
    """GET asks with a button (a mail scanner that opens links must not unsubscribe anyone);
    a POST, from that button or the mail client's one-click, unsubscribes."""
    address = services.address_of(token)
    if address is None:
        abort(404)
    if request.method == "POST":
        services.unsubscribe(address)
        db.session.commit()
    return render_page("mailprefs/unsubscribe.html", token=token, done=request.method == "POST")
