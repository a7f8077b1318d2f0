"""Uploading logos: the head processor the municipality's, the municipality's processors or the
organisation's own processor a partner's. Shown on the public microsites only."""

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_login import current_user

from webapp import access
from webapp.branding import services
from webapp.branding.images import MAX_BYTES, MAX_HEIGHT, MAX_WIDTH, LogoRefused
from webapp.extensions import db
from webapp.forms import FormBodyForm
from webapp.ids import MAX_ID
from webapp.loading import found_or_404
from webapp.rendering import render_page

bp = Blueprint("branding", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")
ORGANISATION_ID = f"<int(max={MAX_ID}):organisation_id>"


def _uploaded() -> bytes:
    file = request.files.get("logo")
    if file is None:
        return b""
    return file.stream.read(MAX_BYTES + 1)


def _page(organisation, error: str | None = None, status: int = 200):
    return render_page(
        "branding/logo.html",
        status=status,
        organisation=organisation,
        logo=services.logo_of(g.municipality, organisation),
        form=FormBodyForm(formdata=None),
        error=error,
        limits={"kb": MAX_BYTES // 1024, "width": MAX_WIDTH, "height": MAX_HEIGHT},
    )


def _handle(organisation, back: str):
    if request.method == "GET":
        return _page(organisation)
    if not FormBodyForm().validate():
        return _page(organisation, "Het formulier is verlopen. Probeer opnieuw.", 400)
    if request.form.get("remove"):
        if services.remove(g.municipality, organisation, current_user):
            db.session.commit()
            flash("Het logo is verwijderd; het verdwijnt van de publieke site.", "success")
        return redirect(back, 303)
    try:
        services.store(g.municipality, organisation, _uploaded(), current_user)
    except LogoRefused as refused:
        db.session.rollback()
        return _page(organisation, str(refused), 400)
    db.session.commit()
    flash("Het logo is opgeslagen. Het staat binnen enkele minuten op de publieke site.", "success")
    return redirect(back, 303)


@bp.route("/instellingen/logo", methods=["GET", "POST"])
def municipality_logo():
    return _handle(None, url_for("branding.municipality_logo"))


@bp.route(f"/organisaties/{ORGANISATION_ID}/logo", methods=["GET", "POST"])
def organisation_logo(organisation_id: int):
    organisation = found_or_404(
        access.logo_organisations(current_user, g.municipality), organisation_id
    )
    return _handle(
        organisation, url_for("branding.organisation_logo", organisation_id=organisation.id)
    )
