"""A person's own engagements: take part in consultation, signal days, working sessions, or be
contacted about their signals. Processors see them; other givers never do."""

from flask import flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import delete, select
from wtforms import BooleanField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from webapp.auth import services as auth_services
from webapp.extensions import db
from webapp.forms import FormBodyForm, MultiCheckboxField
from webapp.models import ENGAGEMENT_KINDS, UserEngagement
from webapp.people.blueprint import bp
from webapp.rendering import render_page


class EngagementForm(FormBodyForm):
    engagements = MultiCheckboxField(
        "Waarvoor mag de gemeente op je rekenen?",
        choices=[SelectChoice(kind, label) for kind, label in ENGAGEMENT_KINDS.items()],
        invalid="Kies uit de lijst.",
    )


def engagements_of(user_id: int, municipality_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(UserEngagement.kind).where(
                UserEngagement.user_id == user_id,
                UserEngagement.municipality_id == municipality_id,
            )
        )
    )


def set_engagements(user_id: int, municipality_id: int, kinds: list[str]) -> None:
    """Replace the person's engagements in the municipality by these."""
    db.session.execute(
        delete(UserEngagement).where(
            UserEngagement.user_id == user_id, UserEngagement.municipality_id == municipality_id
        )
    )
    for kind in dict.fromkeys(kinds):
        db.session.add(UserEngagement(user_id=user_id, municipality_id=municipality_id, kind=kind))
    db.session.flush()


@bp.route("/mijn-engagement", methods=["GET", "POST"])
def my_engagements():
    municipality = g.municipality
    if request.method == "GET":
        form = EngagementForm(
            formdata=None, engagements=engagements_of(current_user.id, municipality.id)
        )
        return render_page("people/engagements.html", form=form)
    form = EngagementForm()
    if not form.validate():
        return render_page("people/engagements.html", form=form, status=400)
    set_engagements(current_user.id, municipality.id, form.engagements.data or [])
    db.session.commit()
    flash("Je engagement is opgeslagen.", "success")
    return redirect(url_for("people.my_engagements"), 303)


class AcceptPrivacyForm(FormBodyForm):
    consent = BooleanField(
        "Ik heb de nieuwe privacyverklaring gelezen en ga ermee akkoord.",
        validators=[DataRequired("Vink aan dat je akkoord gaat om verder te gaan.")],
    )


def _safe_next(target: str | None) -> str | None:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.route("/privacy-akkoord", methods=["GET", "POST"])
def accept_privacy():
    municipality = g.municipality
    form = AcceptPrivacyForm()
    if form.validate_on_submit():
        auth_services.accept_privacy(current_user, municipality)
        db.session.commit()
        flash(f"Bedankt. Je gaat akkoord met versie {municipality.privacy_version}.", "success")
        target = _safe_next(request.args.get("next"))
        return redirect(target or url_for("main.municipality_home"), 303)
    return render_page("people/accept_privacy.html", form=form, status=400 if form.errors else 200)
