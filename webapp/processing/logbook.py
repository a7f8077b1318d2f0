"""The audit log: every change by a processor, for the head processor to browse and filter."""

from datetime import timedelta

from flask import g, request
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.models import AuditEntry, User
from webapp.processing.forms import AuditFilterForm
from webapp.processing.inbox import start_of_day
from webapp.processing.views import _page_number, bp
from webapp.rendering import render_page

AUDIT_PAGE_SIZE = 50
ACTION_LABELS = {
    "signal.status": "status van een signaal",
    "publication.confirm": "bevestiging: geen persoonsgegevens, vrijgegeven voor publicatie",
    "signal.assign": "toewijzing van een signaal",
    "signal.note": "interne notitie",
    "signal.feedback": "terugkoppeling",
    "notifications.settings": "instellingen voor meldingen",
    "signal.redact": "persoonsgegevens verwijderd uit een signaal",
    "privacy.correct": "gegevens verbeterd",
    "privacy.email": "e-mailadres gewijzigd",
    "privacy.restrict": "verwerking beperkt",
    "privacy.erase": "account gewist",
}


def _audit_choices(form: AuditFilterForm) -> None:
    municipality_id = g.municipality.id
    actors = db.session.scalars(
        select(User)
        .where(
            User.id.in_(
                select(AuditEntry.actor_id).where(AuditEntry.municipality_id == municipality_id)
            )
        )
        .order_by(User.name, User.id)
    ).all()
    codes = db.session.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.municipality_id == municipality_id)
        .distinct()
        .order_by(AuditEntry.action)
    ).all()
    form.set_choices(actors, {code: ACTION_LABELS.get(code, code) for code in codes})


@bp.get("/verwerken/logboek")
def audit_log():
    form = AuditFilterForm(request.args)
    _audit_choices(form)
    page = _page_number()
    context = {
        "form": form,
        "entries": [],
        "total": 0,
        "page": page,
        "pages": 1,
        "args": {},
        "page_error": page is None,
    }
    if not form.validate() or page is None:
        return render_page("processing/audit_log.html", block="results", status=400, **context)
    query = select(AuditEntry).where(AuditEntry.municipality_id == g.municipality.id)
    if form.actor.data:
        query = query.where(AuditEntry.actor_id == int(form.actor.data))
    if form.action.data:
        query = query.where(AuditEntry.action == form.action.data)
    if form.since.data:
        query = query.where(AuditEntry.created_at >= start_of_day(form.since.data))
    if form.until.data:
        query = query.where(
            AuditEntry.created_at < start_of_day(form.until.data + timedelta(days=1))
        )
    total = db.session.scalar(query.with_only_columns(func.count()))
    entries = db.session.scalars(
        query.options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(AUDIT_PAGE_SIZE)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
    ).all()
    context.update(
        entries=entries,
        total=total,
        pages=max(1, -(-total // AUDIT_PAGE_SIZE)),
        args=form.url_args(),
        labels=ACTION_LABELS,
    )
    return render_page("processing/audit_log.html", block="results", **context)
