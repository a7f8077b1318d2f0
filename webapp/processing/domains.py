"""Policy domains (beleidsdomeinen, issue 21): a municipality's themes are its policy domains
(webapp/admin/defaults.py); a head or colleague processor follows one or more of them. The inbox
filters on the domains one follows, the new-signal mails follow them, and a processor hears when
a signal is assigned to them.

A signal lies in a domain when it was assigned to that domain, or, while it has no domain of its
own yet, when it carries the domain as a theme.
"""

from flask import flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import and_, delete, insert, or_, select

from webapp.extensions import db
from webapp.forms import FormBodyForm, MultiCheckboxField
from webapp.models import Municipality, Signal, Theme, User, processor_domain
from webapp.models.signal import signal_theme
from webapp.processing.blueprint import bp
from webapp.rendering import render_page


def followed_domains(user: User, municipality: Municipality) -> list[int]:
    """The ids of the domains (themes) of this municipality the user follows."""
    if not user.is_authenticated:
        return []
    return list(
        db.session.scalars(
            select(processor_domain.c.theme_id)
            .join(Theme, Theme.id == processor_domain.c.theme_id)
            .where(processor_domain.c.user_id == user.id, Theme.municipality_id == municipality.id)
            .order_by(Theme.position, Theme.id)
        )
    )


def in_domains(theme_ids):
    """The condition on Signal: it lies in one of these domains."""
    themed = (
        select(signal_theme.c.signal_id)
        .where(signal_theme.c.signal_id == Signal.id, signal_theme.c.theme_id.in_(theme_ids))
        .exists()
    )
    return or_(Signal.domain_id.in_(theme_ids), and_(Signal.domain_id.is_(None), themed))


def narrowed_to_followed(query, user: User, municipality: Municipality):
    """`query` of signals, narrowed to the domains the user follows (unchanged when they follow
    none: they hear about everything, as before)."""
    followed = followed_domains(user, municipality)
    return query.where(in_domains(followed)) if followed else query


def follow(user: User, municipality: Municipality, theme_ids: list[int]) -> bool:
    """Follow exactly these domains of the municipality; False when nothing changed."""
    current = set(followed_domains(user, municipality))
    wanted = set(theme_ids)
    if current == wanted:
        return False
    if current - wanted:
        db.session.execute(
            delete(processor_domain).where(
                processor_domain.c.user_id == user.id,
                processor_domain.c.theme_id.in_(current - wanted),
            )
        )
    for theme_id in sorted(wanted - current):
        db.session.execute(insert(processor_domain).values(user_id=user.id, theme_id=theme_id))
    return True


class DomainsForm(FormBodyForm):
    domains = MultiCheckboxField(
        "Beleidsdomeinen die ik volg", coerce=int, invalid="Kies beleidsdomeinen uit de lijst."
    )


@bp.route("/verwerken/beleidsdomeinen", methods=["GET", "POST"])
def my_domains():
    municipality = g.municipality
    themes = [t for t in municipality.themes if not t.retired]
    form = DomainsForm() if request.method == "POST" else DomainsForm(formdata=None)
    form.domains.choices = [(t.id, t.name) for t in themes]
    if request.method == "GET":
        form.domains.data = followed_domains(current_user, municipality)
        return render_page("processing/domains.html", form=form)
    if not form.validate_on_submit():
        return render_page("processing/domains.html", status=400, form=form)
    changed = follow(current_user, municipality, form.domains.data or [])
    db.session.commit()
    if not changed:
        flash("Er was niets te wijzigen.", "info")
    elif form.domains.data:
        flash("Je volgt nu deze beleidsdomeinen.", "success")
    else:
        flash("Je volgt geen beleidsdomein meer: je hoort over alle nieuwe signalen.", "success")
    return redirect(url_for("processing.my_domains"), 303)
