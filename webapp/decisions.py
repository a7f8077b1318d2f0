"""Policy decisions (beleidsbeslissingen, issue 21): what a body decided about a signal card or at
a meeting, with the goal of the multi-year plan it serves. A decision is public text: on a
published card, and on a public meeting whose minutes are public, it passes the personal-data
guard and the publication gate like the card's or the meeting's own texts (webapp/publication.py),
and its confirmations are kept with that card or meeting."""

from datetime import date, timedelta
from urllib.parse import urlsplit

from sqlalchemy import select
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from webapp import audit, publication
from webapp.extensions import db
from webapp.forms import DutchDateField, FormBodyForm, SingleLine, optional_id, tidy
from webapp.models import Meeting, Municipality, PolicyDecision, SignalCard, User
from webapp.review import ReviewMixin


def decision_texts(decisions) -> list[tuple[str, str, str]]:
    """The (field, label, text) a public decision shows, for each of `decisions`."""
    texts = []
    for decision in decisions:
        when = f"{decision.decided_on:%d-%m-%Y}"
        texts += [
            ("taken_by", f"Beslist door (beslissing van {when})", decision.taken_by),
            ("decision", f"Beslissing van {when}", decision.body),
            ("plan_goal", f"Doel in het meerjarenplan (beslissing van {when})", decision.plan_goal),
            ("link", f"Link (beslissing van {when})", decision.link),
        ]
    return texts


def card_public_texts(card: SignalCard, title=None, summary=None, decisions=None) -> list:
    """Everything a published card shows: its title, summary and decisions."""
    return publication.card_texts(
        card.title if title is None else title, card.summary if summary is None else summary
    ) + decision_texts(card.decisions if decisions is None else decisions)


def meeting_public_texts(meeting: Meeting, minutes_public=None, minutes=None, decisions=None):
    """What a public meeting's minutes add to its public texts (nothing while they are not
    public)."""
    public = meeting.minutes_public if minutes_public is None else minutes_public
    if not public:
        return []
    text = meeting.minutes if minutes is None else minutes
    shown = meeting.decisions if decisions is None else decisions
    return [("minutes", "Verslag", text or ""), *decision_texts(shown)]


def _plausible(form, field) -> None:
    if field.data is not None and not date(2000, 1, 1) <= field.data <= date.today() + timedelta(
        days=366
    ):
        raise ValidationError("Kies een datum tussen 2000 en volgend jaar.")


def _web_address(form, field) -> None:
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in field.data:
        raise ValidationError("Vul een webadres in dat begint met https://.")


class DecisionForm(ReviewMixin, FormBodyForm):
    review_fields = ("taken_by", "body", "plan_goal", "link")
    review_id = "beslissing"

    decided_on = DutchDateField(
        "Datum van de beslissing",
        id="beslissing-datum",
        validators=[InputRequired("Vul de datum van de beslissing in."), _plausible],
    )
    taken_by = StringField(
        "Beslist door",
        id="beslissing-orgaan",
        filters=[tidy],
        validators=[
            DataRequired("Zeg wie de beslissing nam, bijvoorbeeld het college."),
            Length(max=200, message="Dit veld heeft hoogstens 200 tekens."),
            SingleLine(),
        ],
    )
    body = TextAreaField(
        "Beslissing",
        id="beslissing-tekst",
        filters=[tidy],
        validators=[
            DataRequired("Schrijf wat er beslist is."),
            Length(max=3000, message="Een beslissing heeft hoogstens 3000 tekens."),
        ],
    )
    plan_goal = StringField(
        "Doel in het meerjarenplan",
        id="beslissing-doel",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=200, message="Dit veld heeft hoogstens 200 tekens."),
            SingleLine(),
        ],
    )
    link = StringField(
        "Link naar de beslissing of het doel",
        id="beslissing-link",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=500, message="Een webadres heeft hoogstens 500 tekens."),
            _web_address,
        ],
    )


class MeetingDecisionForm(DecisionForm):
    card_id = SelectField(
        "Over welke signaalfiche?",
        id="beslissing-fiche",
        coerce=optional_id,
        validators=[Optional()],
        invalid_value_message="Kies een signaalfiche uit de lijst.",
        invalid_choice_message="Kies een signaalfiche uit de lijst.",
    )


def _same(decision: PolicyDecision, fields: dict) -> bool:
    return all(getattr(decision, name) == value for name, value in fields.items())


def add_decision(
    municipality: Municipality,
    actor: User,
    *,
    card: SignalCard | None,
    meeting: Meeting | None,
    confirm_findings: bool = False,
    **fields,
) -> tuple[PolicyDecision, bool]:
    """Record a decision on a card and/or at a meeting; (decision, False) when the very same
    decision was recorded there already (a double submit stores one record). Where the decision
    goes public, it passes the publication gate of that card or meeting."""
    column_of = {PolicyDecision.card_id: card, PolicyDecision.meeting_id: meeting}
    where = [
        column.is_(None) if subject is None else column == subject.id
        for column, subject in column_of.items()
    ]
    existing = db.session.scalars(
        select(PolicyDecision).where(
            PolicyDecision.municipality_id == municipality.id,
            PolicyDecision.decided_on == fields["decided_on"],
            *where,
        )
    ).all()
    for decision in existing:
        if _same(decision, fields):
            return decision, False
    decision = PolicyDecision(municipality_id=municipality.id, **fields)
    new_texts = decision_texts([decision])
    gates = []
    if card is not None:
        gates.append((card, card.published))
    if meeting is not None:
        gates.append((meeting, meeting.is_public and meeting.minutes_public))
    confirmed = {
        id(subject): publication.gate(
            type(subject).__tablename__,
            municipality,
            actor,
            subject.id,
            new_texts,
            public=public,
            confirm=confirm_findings,
        )
        for subject, public in gates
    }
    decision.card_id = card.id if card else None
    decision.meeting_id = meeting.id if meeting else None
    decision.created_by_id = actor.id
    db.session.add(decision)
    db.session.flush()
    _reconfirm(municipality, actor, card, meeting, confirmed)
    where = f"signaalfiche “{card.title}”" if card else f"bijeenkomst “{meeting.title}”"
    subject = card if card is not None else meeting
    audit.record(
        municipality,
        actor,
        "decision.add",
        subject,
        f"Beslissing van {fields['decided_on']:%d-%m-%Y} ({fields['taken_by']}) bij {where}.",
    )
    return decision, True


def remove_decision(municipality: Municipality, actor: User, decision: PolicyDecision) -> None:
    card = db.session.get(SignalCard, decision.card_id) if decision.card_id else None
    meeting = db.session.get(Meeting, decision.meeting_id) if decision.meeting_id else None
    summary = f"Beslissing van {decision.decided_on:%d-%m-%Y} ({decision.taken_by}) verwijderd."
    db.session.delete(decision)
    db.session.flush()
    for subject in (card, meeting):
        if subject is not None:
            db.session.expire(subject, ["decisions"])
    _reconfirm(municipality, actor, card, meeting, {})
    audit.record(municipality, actor, "decision.remove", card or meeting, summary)


def _reconfirm(municipality, actor, card, meeting, confirmed: dict) -> None:
    """Record the confirmations given now, and keep those of every text still shown."""
    if card is not None:
        db.session.expire(card, ["decisions"])
        texts = card_public_texts(card)
        publication.confirm(
            municipality, actor, card, confirmed.get(id(card), []), [t for _, _, t in texts]
        )
    if meeting is not None:
        db.session.expire(meeting, ["decisions"])
        texts = meeting_full_texts(meeting)
        publication.confirm(
            municipality, actor, meeting, confirmed.get(id(meeting), []), [t for _, _, t in texts]
        )


def meeting_full_texts(meeting: Meeting, **fields) -> list:
    """Every public text of a meeting: its own and, when public, its minutes and decisions."""
    return publication.meeting_texts(
        fields.get("title", meeting.title),
        fields.get("place", meeting.place),
        fields.get("description", meeting.description),
    ) + meeting_public_texts(
        meeting,
        minutes_public=fields.get("minutes_public"),
        minutes=fields.get("minutes"),
    )
