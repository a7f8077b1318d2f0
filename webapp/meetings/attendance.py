"""Invitations to a meeting: processors invite people by engagement, role or organisation;
the invited answer "ik kom" or "ik kom niet" in the app. Everyone who sees the meeting sees the
count; who manages meetings sees the names."""

from flask import Response, abort, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from common.dutch import clock, local
from common.dutch import long_date as day
from webapp import access, audit
from webapp.extensions import db
from webapp.forms import FormBodyForm, MultiCheckboxField
from webapp.ids import MEETING_ID
from webapp.links import external_url
from webapp.loading import found_or_404
from webapp.meetings import ical
from webapp.meetings.blueprint import bp
from webapp.models import (
    ANSWER_LABELS,
    ENGAGEMENT_KINDS,
    Meeting,
    MeetingInvitation,
    Membership,
    Role,
    User,
    UserEngagement,
    utcnow,
)
from webapp.notifications import queue_mail
from webapp.rendering import render_page

INVITABLE_ROLES = [Role.GIVER, Role.PROCESSOR, Role.ORG_PROCESSOR, Role.HEAD_PROCESSOR]


class InvitePeopleForm(FormBodyForm):
    engagements = MultiCheckboxField("Met dit engagement", invalid="Kies uit de lijst.")
    roles = MultiCheckboxField("Met deze rol", invalid="Kies uit de lijst.")
    organisations = MultiCheckboxField(
        "Van deze organisatie", coerce=int, invalid="Kies uit de lijst."
    )


def _prepare(form: InvitePeopleForm) -> None:
    form.engagements.choices = [SelectChoice(k, v) for k, v in ENGAGEMENT_KINDS.items()]
    form.roles.choices = [SelectChoice(r.value, r.label) for r in INVITABLE_ROLES]
    form.organisations.choices = [SelectChoice(o.id, o.name) for o in g.municipality.organisations]


def _matching_people(form: InvitePeopleForm, meeting: Meeting) -> list[User]:
    """Active people of the municipality who meet every chosen criterion, not yet invited."""
    municipality = g.municipality
    query = select(User).where(
        User.active.is_(True),
        # Restricted processing (GDPR art. 18): not invited, not mailed.
        User.processing_restricted.is_(False),
        User.memberships.any(Membership.municipality_id == municipality.id),
        ~User.id.in_(
            select(MeetingInvitation.user_id).where(MeetingInvitation.meeting_id == meeting.id)
        ),
    )
    if form.engagements.data:
        query = query.where(
            User.id.in_(
                select(UserEngagement.user_id).where(
                    UserEngagement.municipality_id == municipality.id,
                    UserEngagement.kind.in_(form.engagements.data),
                )
            )
        )
    if form.roles.data:
        query = query.where(
            User.memberships.any(
                (Membership.municipality_id == municipality.id)
                & Membership.role.in_(form.roles.data)
            )
        )
    if form.organisations.data:
        query = query.where(User.organisation_id.in_(form.organisations.data))
    query = query.options(selectinload(User.organisation))  # shown beside each name
    return db.session.scalars(query.order_by(User.name, User.id).limit(1000)).all()


def _load_meeting(meeting_id: int) -> Meeting:
    return found_or_404(access.visible_meetings(current_user, g.municipality), meeting_id)


SEND = "versturen"  # the second step: the invitations go out
ADJUST = "aanpassen"  # back from the list to the choices


def _chosen_ids() -> set[int]:
    """The people ticked in the list of recipients (numbers only; anything else is ignored)."""
    return {
        int(value)
        for value in request.form.getlist("ontvangers")
        if value.isascii() and value.isdigit() and len(value) < 10
    }


@bp.route(f"/agenda/{MEETING_ID}/uitnodigen", methods=["GET", "POST"])
def invite_people(meeting_id: int):
    """Two steps, both plain forms: the choices show who will be invited, by name; only the
    second step, with the people still ticked, sends the invitations."""
    meeting = _load_meeting(meeting_id)
    form = InvitePeopleForm()
    _prepare(form)
    step = request.form.get("stap")
    if request.method == "POST" and form.validate() and step != ADJUST:
        chosen = form.engagements.data or form.roles.data or form.organisations.data
        people = _matching_people(form, meeting) if chosen else []
        if not chosen:
            form.engagements.errors = ["Kies minstens één engagement, rol of organisatie."]
        elif not people:
            form.engagements.errors = ["Niemand (meer) om uit te nodigen met deze keuze."]
        elif step != SEND:
            return render_page(
                "meetings/invite_people.html",
                form=form,
                meeting=meeting,
                people=people,
                ticked={person.id for person in people},
            )
        else:
            ticked = _chosen_ids()
            # Only who was shown and stayed ticked, and still matches (not invited meanwhile).
            recipients = [person for person in people if person.id in ticked]
            if not recipients:
                return render_page(
                    "meetings/invite_people.html",
                    status=400,
                    form=form,
                    meeting=meeting,
                    people=people,
                    ticked=ticked,
                    recipients_error="Vink minstens één persoon aan om uit te nodigen.",
                )
            _invite(meeting, recipients)
            db.session.commit()
            names = ", ".join(person.name for person in recipients[:5])
            more = f" en {len(recipients) - 5} anderen" if len(recipients) > 5 else ""
            flash(
                f"{len(recipients)} {'persoon' if len(recipients) == 1 else 'mensen'} "
                f"uitgenodigd: {names}{more}.",
                "success",
            )
            return redirect(url_for("meetings.show_meeting", meeting_id=meeting.id), 303)
    return render_page(
        "meetings/invite_people.html",
        status=400 if form.errors else 200,
        form=form,
        meeting=meeting,
    )


def _invite(meeting: Meeting, people: list[User]) -> None:
    when = f"{day(local(meeting.starts_at).date())} om {clock(meeting.starts_at)}"
    for person in people:
        db.session.add(
            MeetingInvitation(
                meeting_id=meeting.id, user_id=person.id, invited_by_id=current_user.id
            )
        )
        queue_mail(
            person.email,
            f"Uitnodiging: {meeting.title}",
            "mail/meeting_invitation.txt",
            name=person.name,
            inviter=current_user.name,
            municipality=g.municipality.name,
            title=meeting.title,
            when=when,
            place=meeting.place or "nog niet bekend",
            link=external_url(
                "meetings.show_meeting", meeting_id=meeting.id, gemeente=g.municipality.slug
            ),
            ics=external_url(
                "meetings.meeting_ics", meeting_id=meeting.id, gemeente=g.municipality.slug
            ),
        )
    db.session.flush()
    audit.record(
        g.municipality,
        current_user,
        "meeting.invite",
        meeting,
        f"{len(people)} mensen uitgenodigd voor “{meeting.title}”.",
    )


@bp.post(f"/agenda/{MEETING_ID}/antwoord")
def answer_invitation(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    invitation = db.session.scalars(
        select(MeetingInvitation).where(
            MeetingInvitation.meeting_id == meeting.id,
            MeetingInvitation.user_id == current_user.id,
        )
    ).first()
    if invitation is None:
        abort(404)
    answer = request.form.get("answer")
    if answer not in ANSWER_LABELS:
        abort(400)
    invitation.answer = answer
    invitation.answered_at = utcnow()
    db.session.commit()
    flash(f"Je antwoord is doorgegeven: {ANSWER_LABELS[answer]}.", "success")
    return redirect(url_for("meetings.show_meeting", meeting_id=meeting.id), 303)


@bp.get(f"/agenda/{MEETING_ID}.ics")
def meeting_ics(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    response = Response(ical.calendar_of(g.municipality, [meeting]), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="overleg-{meeting.id}.ics"'
    return response


def attendance_context(meeting: Meeting) -> dict:
    """For the meeting page: the counts, the viewer's own invitation, names for managers."""
    counts = {
        answer or "open": number
        for answer, number in db.session.execute(
            select(MeetingInvitation.answer, func.count())
            .where(MeetingInvitation.meeting_id == meeting.id)
            .group_by(MeetingInvitation.answer)
        )
    }
    own = None
    if current_user.is_authenticated:
        own = db.session.scalars(
            select(MeetingInvitation).where(
                MeetingInvitation.meeting_id == meeting.id,
                MeetingInvitation.user_id == current_user.id,
            )
        ).first()
    invited = []
    if access.manages(current_user, g.municipality, "meetings"):
        invited = db.session.scalars(
            select(MeetingInvitation)
            .join(MeetingInvitation.user)
            .where(MeetingInvitation.meeting_id == meeting.id)
            .order_by(User.name)
        ).all()
    return {
        "attendance": counts,
        "own_invitation": own,
        "invited": invited,
        "answer_labels": ANSWER_LABELS,
    }
