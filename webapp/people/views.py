"""A person's own engagements: take part in consultation, signal days, working sessions, or be
contacted about their signals. Processors see them; other givers never do."""

from flask import flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import delete, select
from wtforms.fields.choices import SelectChoice

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
