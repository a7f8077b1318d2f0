"""Handling one signal: everything about it, and changing its status, assignment, internal
notes and feedback; each change answers htmx with the updated block of the page."""

from flask import flash, g, redirect, request, url_for
from flask_login import current_user

from webapp import access, notifications
from webapp.extensions import db
from webapp.followup import services as followup
from webapp.ids import SIGNAL_ID
from webapp.kept_input import keeps_typed_input
from webapp.loading import found_or_404
from webapp.models import Signal, SignalStatus, User
from webapp.processing import services
from webapp.processing.blueprint import bp
from webapp.processing.forms import AssignForm, FeedbackForm, NoteForm, StatusForm
from webapp.rendering import render_page


def _load_signal(signal_id: int) -> Signal:
    """A signal this processor handles, or 404 (also for another municipality's)."""
    return found_or_404(access.processable_signals(current_user, g.municipality), signal_id)


def _assign_form(signal: Signal, formdata=None) -> AssignForm:
    municipality = g.municipality
    assignees = services.assignable_users(municipality, signal)
    if signal.assignee is not None and signal.assignee not in assignees:
        assignees.append(signal.assignee)  # still shown, even if no longer assignable
    if formdata is None:
        form = AssignForm(
            formdata=None,
            assignee=str(signal.assignee_id or ""),
            domain=str(signal.domain_id or ""),
        )
    else:
        form = AssignForm()
    form.set_choices(assignees, municipality.themes)
    return form


def _status_form(signal: Signal | None = None) -> StatusForm:
    """The status form; referring a signal names the organisation (issue 21)."""
    if signal is None:
        form = StatusForm()
    else:
        referral = signal.referral
        form = StatusForm(
            formdata=None,
            status=signal.status,
            referred_to=str(referral.organisation_id) if referral else "",
        )
    form.set_organisations(g.municipality.organisations)
    return form


def _handle_context(signal: Signal, **extra) -> dict:
    context = {
        "signal": signal,
        "status_form": _status_form(signal),
        "note_form": NoteForm(formdata=None),
        "feedback_form": FeedbackForm(formdata=None),
        "show_contact": access.can_see_contact_email(current_user, signal),
        "followup_links": 0 if signal.submitted_by_id else followup.active_links(signal),
    }
    context.update(extra)
    if "assign_form" not in context:
        context["assign_form"] = _assign_form(signal)
    return context


@bp.get(f"/verwerken/signalen/{SIGNAL_ID}")
def handle_signal(signal_id: int):
    signal = _load_signal(signal_id)
    return render_page("processing/handle.html", **_handle_context(signal))


def _refused(signal: Signal, block: str, status: int = 400, **forms):
    """The form again with its errors or findings: the block for htmx, else the whole page with a
    summary of the errors at its top (the form itself may be far below the fold on a phone)."""
    [refused] = forms.values()
    return render_page(
        "processing/handle.html",
        block=block,
        status=status,
        **_handle_context(signal, refused_form=refused, **forms),
    )


@keeps_typed_input("processing.send_feedback")
def _feedback_typed_again():
    """The handling page with the feedback as typed, after a refused CSRF token."""
    signal = _load_signal(request.view_args["signal_id"])
    return _refused(signal, "feedback", feedback_form=FeedbackForm())


def _after_change(signal: Signal, block: str, message: str, category: str = "success"):
    """htmx gets the updated block with the confirmation in it; a plain POST is redirected."""
    if request.htmx:
        return render_page(
            "processing/handle.html",
            block=block,
            **_handle_context(signal, notice=message, notice_block=block),
        )
    flash(message, category)
    return redirect(url_for("processing.handle_signal", signal_id=signal.id), 303)


@bp.route(f"/verwerken/signalen/{SIGNAL_ID}/status", methods=["GET", "POST"])
def change_status(signal_id: int):
    signal = _load_signal(signal_id)
    if request.method == "GET":
        # The address a refused change leaves in the address bar: reloaded, it is the page.
        return redirect(url_for("processing.handle_signal", signal_id=signal.id), 303)
    form = _status_form()
    if not form.validate_on_submit():
        return _refused(signal, "status", status_form=form)
    if not form.review():
        return _refused(signal, "status", 422, status_form=form)
    organisation = None
    if form.status.data == SignalStatus.REFERRED.value:
        organisation = next(
            o for o in g.municipality.organisations if str(o.id) == form.referred_to.data
        )
    if not services.change_status(
        signal, current_user, form.status.data, form.note.data, referred_to=organisation
    ):
        db.session.rollback()
        form.status.errors = [f"Dit signaal heeft de status {signal.status_label} al."]
        return _refused(signal, "status", status_form=form)
    db.session.commit()
    where = f" naar {signal.referral.organisation.name}" if signal.referral else ""
    return _after_change(signal, "status", f"De status is nu: {signal.status_label}{where}.")


@bp.post(f"/verwerken/signalen/{SIGNAL_ID}/toewijzen")
def assign_signal(signal_id: int):
    signal = _load_signal(signal_id)
    form = _assign_form(signal, formdata=request.form)
    if not form.validate_on_submit():
        return _refused(signal, "assign", assign_form=form)
    assignee = db.session.get(User, int(form.assignee.data)) if form.assignee.data else None
    if (
        assignee is not None
        and assignee.id != signal.assignee_id
        and assignee not in services.assignable_users(g.municipality, signal)
    ):
        form.assignee.errors = [f"{assignee.name} kan dit signaal niet behandelen."]
        return _refused(signal, "assign", assign_form=form)
    domain = next((t for t in g.municipality.themes if str(t.id) == form.domain.data), None)
    before = signal.assignee_id
    changed = services.assign(signal, current_user, assignee, domain)
    if assignee is not None and assignee.id != before:
        notifications.signal_assigned(signal, current_user, assignee)
    db.session.commit()
    if not changed:
        return _after_change(signal, "assign", "Er was niets te wijzigen.", "info")
    who = assignee.name if assignee else "niemand"
    where = f", beleidsdomein {domain.name}" if domain else ""
    return _after_change(signal, "assign", f"Toegewezen aan {who}{where}.")


@bp.post(f"/verwerken/signalen/{SIGNAL_ID}/notities")
def add_note(signal_id: int):
    signal = _load_signal(signal_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _refused(signal, "notes", note_form=form)
    if not form.review():
        return _refused(signal, "notes", 422, note_form=form)
    services.add_note(signal, current_user, form.body.data)
    db.session.commit()
    return _after_change(signal, "notes", "Je interne notitie is bewaard.")


@bp.post(f"/verwerken/signalen/{SIGNAL_ID}/terugkoppeling")
def send_feedback(signal_id: int):
    signal = _load_signal(signal_id)
    form = FeedbackForm()
    if not form.validate_on_submit():
        return _refused(signal, "feedback", feedback_form=form)
    if not form.review():
        return _refused(signal, "feedback", 422, feedback_form=form)
    _, mails = services.give_feedback(signal, current_user, form.body.data)
    db.session.commit()
    if mails:
        sent = f"gaat per e-mail naar {mails} {'persoon' if mails == 1 else 'personen'}"
    else:
        sent = "wordt naar niemand gemaild: er is geen gever of volger om te verwittigen"
    return _after_change(signal, "feedback", f"Je terugkoppeling staat bij het signaal en {sent}.")
