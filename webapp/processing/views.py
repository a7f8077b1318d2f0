"""The processor's working day: the inbox with bulk changes, and notification settings.
Handling one signal is in handling.py, the audit log in logbook.py; all join this blueprint.
Who may come here is decided by webapp.access before a view runs; which signals they find
here, by access.processable_signals."""

from urllib.parse import parse_qsl, urlencode

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from webapp import access, notifications
from webapp.actions.forms import today
from webapp.actions.services import overdue
from webapp.extensions import db
from webapp.models import Signal, SignalStatus, User
from webapp.pagination import requested_position
from webapp.processing import services
from webapp.processing.blueprint import bp
from webapp.processing.forms import NOBODY, BulkForm, InboxFilterForm, NotificationForm
from webapp.processing.inbox import ORDERS, inbox_page
from webapp.rendering import render_page

INBOX_ARGS = (
    "q",
    "status",
    "theme",
    "target_group",
    "organisation",
    "assignee",
    "domain",
    "since",
    "until",
    "unhandled",
    "sort",
    "pagina",
    "na",
    "voor",
)


# --- The inbox ---------------------------------------------------------------------------------


def _filter_form(candidates: list[User]) -> InboxFilterForm:
    municipality = g.municipality
    form = InboxFilterForm(request.args)
    form.set_choices(
        municipality.themes, municipality.target_groups, municipality.organisations, candidates
    )
    return form


def _bulk_form(from_request: bool, candidates: list[User] | None = None) -> BulkForm:
    form = BulkForm() if from_request else BulkForm(formdata=None)
    form.set_choices(services.assignable_users(g.municipality, candidates=candidates))
    return form


@bp.get("/verwerken")
def inbox():
    candidates = services.processor_candidates(g.municipality)
    form = _filter_form(candidates)
    valid = form.validate()
    position = requested_position(ORDERS.get(form.sort.data, ORDERS["nieuwste"]))
    context = {
        "form": form,
        "result": None,
        "args": {},
        "status_args": {},
        "shows_log": access.decide("processing.audit_log", current_user, g.municipality).allowed,
        "page_error": position is None,
        "overdue_actions": _overdue_actions(),
    }
    if not valid or position is None:
        return render_page("processing/inbox.html", block="results", status=400, **context)
    args = form.url_args()
    result = inbox_page(current_user, g.municipality, form, position)
    bulk = _bulk_form(from_request=False, candidates=candidates)
    bulk.filters.data = urlencode({**args, **result.listed.here})
    context.update(
        result=result,
        args=args,
        filtered=bool(set(args) - {"sort"}),  # sorting alone hides nothing
        status_args=form.url_args(include_status=False),
        bulk_form=bulk,
        statuses=list(SignalStatus),
    )
    return render_page("processing/inbox.html", block="results", **context)


def _overdue_actions() -> int:
    """How many actions are past their deadline, for who manages actions (issue 21)."""
    if not access.manages(current_user, g.municipality, "actions"):
        return 0
    query = overdue(access.visible_actions(current_user, g.municipality), today())
    return db.session.scalar(query.with_only_columns(func.count()).order_by(None)) or 0


def _back_to_inbox(filters: str | None) -> str:
    """The inbox with the filters it was left with; only known parameters, on our own path."""
    kept = {
        name: value
        for name, value in parse_qsl(filters or "", keep_blank_values=False)
        if name in INBOX_ARGS
    }
    return url_for("processing.inbox", **kept)


@bp.post("/verwerken/bulk")
def bulk_update():
    municipality = g.municipality
    form = _bulk_form(from_request=True)
    form.validate_on_submit()
    if form.signal_ids.errors and form.signal_ids.data is None:
        abort(400)  # ids that no checkbox sends
    back = _back_to_inbox(form.filters.data)
    signals = []
    if form.signal_ids.data and not form.signal_ids.errors:
        signals = db.session.scalars(
            access.processable_signals(current_user, municipality)
            .where(Signal.id.in_(form.signal_ids.data))
            .options(selectinload(Signal.organisation), selectinload(Signal.assignee))
            .order_by(Signal.created_at.desc(), Signal.id.desc())
        ).all()
    if not signals and not form.signal_ids.errors:
        flash("Kies eerst een of meer signalen in de lijst.", "error")
        return redirect(back, 303)
    # Only the signals this processor handles count; other ids are ignored.
    ids = [s.id for s in signals]
    assignee = _bulk_assignee(form, ids)
    context = {"form": form, "signals": signals, "assignee": assignee, "back": back}
    if form.errors:
        return render_page("processing/bulk.html", status=400, **context)
    if not form.review():
        return render_page("processing/bulk.html", status=422, confirming=True, **context)
    if form.confirm.data != "1":
        return render_page("processing/bulk.html", confirming=True, **context)
    changed = services.bulk_update(
        municipality,
        current_user,
        ids,
        status=form.status.data or None,
        note=form.note.data,
        assignee=assignee,
        reassign=bool(form.assignee.data),
    )
    db.session.commit()
    if changed:
        flash(f"{changed} {'signaal' if changed == 1 else 'signalen'} bijgewerkt.", "success")
    else:
        flash("Geen signalen bijgewerkt: er was niets te wijzigen.", "info")
    return redirect(back, 303)


def _bulk_assignee(form: BulkForm, signal_ids: list[int]) -> User | None:
    """The chosen processor, who must handle every selected signal (None for nobody)."""
    value = form.assignee.data
    if not value or value == NOBODY or form.assignee.errors:
        return None
    assignee = db.session.get(User, int(value))
    if not services.handles(assignee, g.municipality, signal_ids):
        form.assignee.errors = [
            f"{assignee.name} behandelt niet alle gekozen signalen. Kies iemand anders."
        ]
    return assignee


# --- Notification settings ------------------------------------------------------------------------


@bp.route("/verwerken/meldingen", methods=["GET", "POST"])
def notification_settings():
    municipality = g.municipality
    current = next(
        (
            m.notify
            for m in current_user.memberships
            if m.municipality_id == municipality.id and m.role in access.PROCESSING_ROLES
        ),
        notifications.NOTIFY_DIGEST,
    )
    if request.method == "GET":
        form = NotificationForm(formdata=None, notify=current)
        return render_page("processing/notifications.html", form=form)
    form = NotificationForm()
    if not form.validate_on_submit():
        return render_page("processing/notifications.html", status=400, form=form)
    services.set_notifications(municipality, current_user, form.notify.data)
    db.session.commit()
    flash("Je keuze is bewaard.", "success")
    return redirect(url_for("processing.notification_settings"), 303)
