"""The audit log: every change by a processor, for the head processor to browse and filter."""

from datetime import timedelta

from flask import g, request
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from webapp import audit
from webapp.extensions import db
from webapp.models import AuditEntry, User
from webapp.pagination import one_page, page_count, requested_page
from webapp.processing.blueprint import bp
from webapp.processing.forms import AuditFilterForm
from webapp.processing.inbox import start_of_day
from webapp.rendering import render_page

AUDIT_PAGE_SIZE = 50


def distinct_audit_values(column, municipality_id: int) -> list:
    """The distinct non-NULL values of an audit column in one municipality, in order.

    A "loose index scan": each step asks the index on (municipality_id, column) for the next
    larger value, so the cost grows with the number of distinct values, not with the number
    of entries (a municipality gathers hundreds of thousands over the years).
    """
    here = AuditEntry.municipality_id == municipality_id
    found = select(func.min(column).label("value")).where(here).cte("found", recursive=True)
    following = select(func.min(column)).where(here, column > found.c.value).scalar_subquery()
    found = found.union_all(select(following).where(found.c.value.is_not(None)))
    return db.session.scalars(
        select(found.c.value).where(found.c.value.is_not(None)).order_by(found.c.value)
    ).all()


def _audit_choices(form: AuditFilterForm) -> None:
    municipality_id = g.municipality.id
    actor_ids = distinct_audit_values(AuditEntry.actor_id, municipality_id)
    actors = db.session.scalars(
        select(User).where(User.id.in_(actor_ids)).order_by(User.name, User.id)
    ).all()
    codes = distinct_audit_values(AuditEntry.action, municipality_id)
    form.set_choices(actors, {code: audit.label(code) for code in codes})


@bp.get("/verwerken/logboek")
def audit_log():
    form = AuditFilterForm(request.args)
    _audit_choices(form)
    page = requested_page()
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
        one_page(
            query.options(selectinload(AuditEntry.actor)).order_by(
                AuditEntry.created_at.desc(), AuditEntry.id.desc()
            ),
            page,
            AUDIT_PAGE_SIZE,
        )
    ).all()
    context.update(
        entries=entries,
        total=total,
        pages=page_count(total, AUDIT_PAGE_SIZE),
        args=form.url_args(),
        action_label=audit.label,
    )
    return render_page("processing/audit_log.html", block="results", **context)
