"""Meetings where the first line comes together (overleg, signaaldag, netwerkmoment, actiedag,
werksessie), their agenda of cards and signals, and the public iCalendar feed."""

from flask import Response, abort, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from common.dutch import local
from webapp import access, decisions, editing
from webapp.extensions import db
from webapp.ids import MEETING_ID, as_id
from webapp.loading import found_or_404
from webapp.meetings import attendance, ical, services
from webapp.meetings.blueprint import bp
from webapp.meetings.forms import (
    AgendaItemForm,
    EditMeetingForm,
    MeetingFilterForm,
    MeetingForm,
    default_period,
)
from webapp.models import Meeting, MeetingKind, PolicyDecision, Signal, SignalCard, utcnow
from webapp.models.processing import meeting_signal
from webapp.pagination import page_number, paginate
from webapp.publication import confirmed_hashes
from webapp.rendering import render_page


def _load_meeting(meeting_id: int) -> Meeting:
    """A meeting of this municipality that the current user may read, or 404."""
    return found_or_404(access.visible_meetings(current_user, g.municipality), meeting_id)


def _card_choices(cards: list[SignalCard]) -> list[SelectChoice]:
    return [SelectChoice(c.id, c.title + ("" if c.published else " (ontwerp)")) for c in cards]


def _prepare(form: MeetingForm, cards: list[SignalCard], signals: list[Signal]) -> None:
    form.cards.choices = _card_choices(cards)
    form.signals.choices = [SelectChoice(s.id, f"{s.title} ({s.reference})") for s in signals]


def _fields(form: MeetingForm, cards: list[SignalCard], signals: list[Signal]) -> dict:
    starts_at, ends_at = form.period()
    return {
        "kind": MeetingKind(form.kind.data),
        "title": form.title.data,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": form.place.data or "",
        "description": form.description.data or "",
        "is_public": form.is_public.data,
        "minutes": form.minutes.data or "",
        "minutes_public": form.minutes_public.data,
        "cards": [c for c in cards if c.id in (form.cards.data or [])],
        "signals": signals,
        "confirm_findings": form.confirm_personal_data.data,
    }


def _reviewed(form: MeetingForm, meeting: Meeting | None = None) -> bool:
    may_confirm = form.may_publish(form.is_public.data, current_user, g.municipality)
    confirmed = confirmed_hashes("meeting", [meeting.id])[meeting.id] if meeting else set()
    # Public minutes make the meeting's decisions public too: they are reviewed with it.
    shown = meeting.decisions if meeting and form.minutes_public.data else []
    return form.review(
        extra=decisions.decision_texts(shown), may_confirm=may_confirm, confirmed=confirmed
    )


@bp.route("/agenda/nieuw", methods=["GET", "POST"])
def new_meeting():
    cards = editing.linkable_cards()
    if request.method == "GET":
        form = MeetingForm(formdata=None, kind=MeetingKind.CONSULTATION.value, **default_period())
        _prepare(form, cards, [])
        return render_page("meetings/form.html", form=form, meeting=None)
    form = MeetingForm()
    _prepare(form, cards, [])
    if not form.validate():
        return render_page("meetings/form.html", status=400, form=form, meeting=None)
    if not _reviewed(form):
        return render_page("meetings/form.html", status=422, form=form, meeting=None)
    meeting = editing.through_gate(
        form,
        lambda: services.create_meeting(g.municipality, current_user, **_fields(form, cards, [])),
    )
    if meeting is editing.BLOCKED:
        return render_page("meetings/form.html", status=422, form=form, meeting=None)
    db.session.commit()
    flash("De bijeenkomst staat in de agenda.", "success")
    return redirect(url_for("meetings.show_meeting", meeting_id=meeting.id), 303)


@bp.route(f"/agenda/{MEETING_ID}/bewerken", methods=["GET", "POST"])
def edit_meeting(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    cards = editing.linkable_cards()
    scope = access.processable_signals(current_user, g.municipality)
    linked_ids = [s.id for s in meeting.signals]
    own = db.session.scalars(scope.where(Signal.id.in_(linked_ids))).all() if linked_ids else []
    # Signals on the agenda that this processor does not handle stay there untouched.
    kept = [s for s in meeting.signals if s not in own]
    if request.method == "GET":
        starts, ends = local(meeting.starts_at), meeting.ends_at and local(meeting.ends_at)
        form = EditMeetingForm(
            formdata=None,
            kind=meeting.kind,
            title=meeting.title,
            day=starts.date(),
            starts=starts.time(),
            ends=ends.time() if ends else None,
            place=meeting.place,
            description=meeting.description,
            is_public=meeting.is_public,
            minutes=meeting.minutes,
            minutes_public=meeting.minutes_public,
            cards=[c.id for c in meeting.cards],
            signals=[s.id for s in own],
            version=editing.version_of(meeting),
        )
        _prepare(form, cards, own)
        return render_page("meetings/form.html", form=form, meeting=meeting, kept=kept)
    form = EditMeetingForm()
    _prepare(form, cards, own)
    if not form.validate():
        return render_page("meetings/form.html", status=400, form=form, meeting=meeting, kept=kept)
    if not _reviewed(form, meeting):
        return render_page("meetings/form.html", status=422, form=form, meeting=meeting, kept=kept)
    if not editing.claim_version(meeting, form.version.data):
        form.version.data = editing.version_of(meeting)
        return render_page(
            "meetings/form.html",
            status=409,
            form=form,
            meeting=meeting,
            kept=kept,
            stale=editing.STALE_MESSAGE,
        )
    chosen = [s for s in own if s.id in (form.signals.data or [])]
    saved = editing.through_gate(
        form,
        lambda: services.update_meeting(
            meeting, current_user, **_fields(form, cards, kept + chosen)
        ),
    )
    if saved is editing.BLOCKED:
        return render_page("meetings/form.html", status=422, form=form, meeting=meeting, kept=kept)
    db.session.commit()
    flash("De bijeenkomst is opgeslagen.", "success")
    return redirect(url_for("meetings.show_meeting", meeting_id=meeting.id), 303)


@bp.post(f"/agenda/{MEETING_ID}/agendapunten")
def add_agenda_item(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    form = AgendaItemForm()
    form.card_id.choices = [SelectChoice("", "")] + _card_choices(editing.linkable_cards())
    if not form.validate():
        if form.return_to.data in ("card", "signal"):
            abort(400)  # a button of another page, which has no field to show this on
        return render_page(
            "meetings/show.html", block="agenda", status=400, **_detail_context(meeting, form)
        )
    item = _agenda_item(form)
    if item is None:
        form.signal_reference.errors.append(
            "Geen signaal gevonden dat jij verwerkt met die referentie."
        )
        return render_page(
            "meetings/show.html", block="agenda", status=400, **_detail_context(meeting, form)
        )
    added = services.put_on_agenda(meeting, current_user, item)
    db.session.commit()
    what = "De signaalfiche" if isinstance(item, SignalCard) else "Het signaal"
    message = (
        f"{what} staat nu op de agenda van “{meeting.title}”."
        if added
        else f"{what} stond al op de agenda van “{meeting.title}”."
    )
    if form.return_to.data == "card" and isinstance(item, SignalCard):
        flash(message, "success")
        return redirect(url_for("cards.show_card", card_id=item.id), 303)
    if form.return_to.data == "signal" and isinstance(item, Signal):
        flash(message, "success")
        return redirect(url_for("signals.show_signal", signal_id=item.id), 303)
    if request.htmx:
        db.session.refresh(meeting)
        return render_page(
            "meetings/show.html", block="agenda", **_detail_context(meeting, notice=message)
        )
    flash(message, "success")
    return redirect(url_for("meetings.show_meeting", meeting_id=meeting.id), 303)


def _agenda_item(form: AgendaItemForm) -> SignalCard | Signal | None:
    """The card or signal the form names; 404 for a posted id that is no such thing here."""
    if form.card_id.data is not None:
        return db.session.get(SignalCard, form.card_id.data)  # one of the offered choices
    scope = access.processable_signals(current_user, g.municipality)
    if form.signal_id.data:
        signal_id = as_id(form.signal_id.data)
        if signal_id is None:
            abort(400)
        signal = db.session.scalars(scope.where(Signal.id == signal_id)).first()
        if signal is None:
            abort(404)
        return signal
    reference = form.signal_reference.data.upper()
    return db.session.scalars(scope.where(Signal.reference == reference)).first()


DECISION_ID = "<int(max=2147483647):decision_id>"


def _decision_form(formdata=None) -> decisions.MeetingDecisionForm:
    form = decisions.MeetingDecisionForm(formdata=formdata)
    form.card_id.choices = [SelectChoice("", "Geen signaalfiche")] + _card_choices(
        editing.linkable_cards()
    )
    return form


@bp.post(f"/agenda/{MEETING_ID}/beslissingen")
def add_decision(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    form = _decision_form(request.form)

    def refused(status: int):
        return render_page(
            "meetings/show.html",
            block="decisions",
            status=status,
            **_detail_context(meeting, decision_form=form),
        )

    if not form.validate():
        return refused(400)
    card = db.session.get(SignalCard, form.card_id.data) if form.card_id.data else None
    public = (meeting.is_public and meeting.minutes_public) or (card is not None and card.published)
    may_confirm = form.may_publish(public, current_user, g.municipality)
    confirmed = confirmed_hashes("meeting", [meeting.id])[meeting.id]
    if card is not None:
        confirmed = confirmed | confirmed_hashes("signal_card", [card.id])[card.id]
    if not form.review(may_confirm=may_confirm, confirmed=confirmed):
        return refused(422)
    added = editing.through_gate(
        form,
        lambda: decisions.add_decision(
            g.municipality,
            current_user,
            card=card,
            meeting=meeting,
            confirm_findings=form.confirm_personal_data.data,
            decided_on=form.decided_on.data,
            taken_by=form.taken_by.data,
            body=form.body.data,
            plan_goal=form.plan_goal.data or "",
            link=form.link.data or "",
        ),
    )
    if added is editing.BLOCKED:
        return refused(422)
    db.session.commit()
    _, new = added
    message = "De beslissing staat bij de bijeenkomst." if new else "Die beslissing stond er al."
    if request.htmx:
        db.session.refresh(meeting)
        return render_page(
            "meetings/show.html",
            block="decisions",
            **_detail_context(meeting, decision_notice=message),
        )
    flash(message, "success")
    return redirect(url_for("meetings.show_meeting", meeting_id=meeting.id) + "#beslissingen", 303)


@bp.post(f"/agenda/{MEETING_ID}/beslissingen/{DECISION_ID}/verwijderen")
def remove_decision(meeting_id: int, decision_id: int):
    meeting = _load_meeting(meeting_id)
    decision = db.session.scalars(
        select(PolicyDecision).where(
            PolicyDecision.id == decision_id, PolicyDecision.meeting_id == meeting.id
        )
    ).first()
    if decision is None:
        abort(404)
    decisions.remove_decision(g.municipality, current_user, decision)
    db.session.commit()
    flash("De beslissing is verwijderd.", "success")
    return redirect(url_for("meetings.show_meeting", meeting_id=meeting.id) + "#beslissingen", 303)


def _detail_context(meeting: Meeting, agenda_form: AgendaItemForm | None = None, **extra) -> dict:
    user, municipality = current_user, g.municipality
    cards = access.visible_cards(user, municipality).where(
        SignalCard.meetings.any(Meeting.id == meeting.id)
    )
    signals = access.visible_signals(user, municipality).where(
        Signal.id.in_(
            select(meeting_signal.c.signal_id).where(meeting_signal.c.meeting_id == meeting.id)
        )
    )
    processes = access.manages(user, municipality, "meetings")
    if processes and agenda_form is None:
        agenda_form = AgendaItemForm(formdata=None)
    if agenda_form is not None:
        on_agenda = {c.id for c in meeting.cards}
        agenda_form.card_id.choices = [SelectChoice("", "Kies een signaalfiche")] + [
            choice
            for choice in _card_choices(editing.linkable_cards())
            if choice.value not in on_agenda
        ]
    context = {
        "meeting": meeting,
        "cards": db.session.scalars(cards.order_by(SignalCard.title)).all(),
        "signals": db.session.scalars(signals.order_by(Signal.created_at)).all()
        if processes
        else [],
        "agenda_form": agenda_form,
        "minutes_shown": processes or meeting.minutes_public,
        "decision_form": _decision_form() if processes else None,
    }
    context.update(attendance.attendance_context(meeting))
    context.update(extra)
    return context


@bp.get(f"/agenda/{MEETING_ID}")
def show_meeting(meeting_id: int):
    return render_page("meetings/show.html", **_detail_context(_load_meeting(meeting_id)))


@bp.get("/agenda")
def list_meetings():
    form = MeetingFilterForm(request.args)
    if not form.validate():
        abort(400)
    page = page_number()
    query = access.visible_meetings(current_user, g.municipality)
    args = {}
    if form.kind.data:
        args["kind"] = form.kind.data
        query = query.where(Meeting.kind == form.kind.data)
    now = utcnow()
    upcoming = db.session.scalars(
        query.where(Meeting.starts_at >= now).order_by(Meeting.starts_at, Meeting.id).limit(100)
    ).all()
    past_query = query.where(Meeting.starts_at < now)
    past = paginate(past_query, page, order_by=(Meeting.starts_at.desc(), Meeting.id.desc()))
    return render_page(
        "meetings/list.html",
        block="results",
        form=form,
        upcoming=upcoming,
        past=past.items,
        total_past=past.total,
        page=page,
        pages=past.pages,
        args=args,
    )


@bp.get("/agenda.ics")
def ical_feed():
    meetings = db.session.scalars(
        access.public_meetings(g.municipality)
        .where(Meeting.starts_at >= ical.feed_since())
        .order_by(Meeting.starts_at, Meeting.id)
    ).all()
    response = Response(ical.calendar_of(g.municipality, meetings), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{g.municipality.slug}.ics"'
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
