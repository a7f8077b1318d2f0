"""Demo partnerships: agreements with a version history and in every state, organisation
processors of both processing engagements and one whose agreement ended, and join requests."""

from datetime import timedelta

from sqlalchemy import select

from common.dutch import local as brussels_time
from webapp.auth.services import create_user
from webapp.extensions import db
from webapp.models import (
    ENGAGEMENT_KINDS,
    Agreement,
    AgreementStatus,
    AgreementVersion,
    Engagement,
    JoinRequest,
    Meeting,
    MeetingInvitation,
    Membership,
    Municipality,
    Organisation,
    Role,
    User,
    UserEngagement,
    utcnow,
)

# (local part of the e-mail, name, organisation kind): the processors of a demo municipality
# beside the CAW's (engagement 1): the OCMW's broad mandate, and a community centre whose
# agreement ended (so that person is a plain giver again).
ORG_PROCESSORS = [
    ("organisatieverwerker-breed", "Olivia Mandaats (demo)", "ocmw"),
    ("organisatieverwerker-gestopt", "Stijn Afgelopen (demo)", "community"),
]
JOIN_REQUESTS = [
    (
        "Jeugdhuis De Sleutel",
        "other",
        Engagement.STAFF_SIGNAL,
        "Tien jeugdwerkers willen signalen geven.",
    ),
    (
        "Huisartsenkring Zuid",
        "other",
        Engagement.CONSULTATION,
        "We denken graag mee in het overleg.",
    ),
]
FIRST_DRAFT = "Ontwerp: de organisatie en {gemeente} werken samen in Lokaal Signaal."


def load_partnerships(municipality: Municipality, email_of, password_hash: str) -> None:
    """Add the demo partnerships once (idempotent: skipped when the join requests exist)."""
    marker = f"demo-{municipality.slug}-join-1"
    if db.session.scalars(select(JoinRequest.id).filter_by(idempotency_key=marker)).first():
        return
    head = db.session.scalars(
        select(User).filter_by(email=email_of("hoofdverwerker", municipality.slug))
    ).first()
    organisations = {
        o.kind: o
        for o in db.session.scalars(select(Organisation).filter_by(municipality_id=municipality.id))
    }
    for agreement in db.session.scalars(
        select(Agreement).filter_by(municipality_id=municipality.id)
    ):
        _history(agreement, head, municipality)
    if "community" in organisations:
        _ended_agreement(municipality, organisations["community"], head)
    for local, name, kind in ORG_PROCESSORS:
        if kind not in organisations:
            continue
        email = email_of(local, municipality.slug)
        if db.session.scalars(select(User.id).filter_by(email=email)).first():
            continue
        user = create_user(
            email, name, Role.ORG_PROCESSOR, municipality, organisation=organisations[kind]
        )
        user.password_hash = password_hash
    _engagements_and_invitations(municipality, head)
    for number, (name, kind, engagement, message) in enumerate(JOIN_REQUESTS, start=1):
        db.session.add(
            JoinRequest(
                municipality_id=municipality.id,
                idempotency_key=f"demo-{municipality.slug}-join-{number}",
                organisation_name=name,
                kind=kind,
                contact_name="Contactpersoon (demo)",
                contact_email=f"aanvraag{number}.{municipality.slug}@demo.lokaalsignaal.be",
                engagement=int(engagement),
                message=message,
            )
        )
    db.session.flush()


def _history(agreement: Agreement, author: User | None, municipality: Municipality) -> None:
    """Two saved versions (a first draft, then the full text), plus the activation."""
    start = utcnow() - timedelta(days=75)
    texts = [FIRST_DRAFT.format(gemeente=municipality.name), agreement.body]
    notes = ["aangemaakt", "bewerkt"]
    if agreement.status == AgreementStatus.ACTIVE.value:
        texts.append(agreement.body)
        notes.append("actief")
    for number, (body, note) in enumerate(zip(texts, notes, strict=True), start=1):
        agreement.versions.append(
            AgreementVersion(
                number=number,
                title=agreement.title,
                body=body,
                status=AgreementStatus.ACTIVE.value if note == "actief" else "draft",
                engagement=agreement.engagement,
                author_id=author.id if author else None,
                note=note,
                created_at=start + timedelta(days=5 * number),
            )
        )
    agreement.version = len(texts)


def _ended_agreement(municipality: Municipality, organisation: Organisation, head) -> None:
    today = brussels_time(utcnow()).date()
    agreement = Agreement(
        municipality=municipality,
        organisation=organisation,
        engagement=int(Engagement.OWN_STAFF),
        status=AgreementStatus.ENDED.value,
        title=f"Samenwerkingsovereenkomst {organisation.name} (afgelopen)",
        body="Deze samenwerking liep een jaar en is afgerond.",
        contact_name="Contactpersoon (demo)",
        starts_on=today - timedelta(days=400),
        ends_on=today - timedelta(days=35),
    )
    db.session.add(agreement)
    _history(agreement, head, municipality)
    agreement.versions.append(
        AgreementVersion(
            number=3,
            title=agreement.title,
            body=agreement.body,
            status=AgreementStatus.ENDED.value,
            engagement=agreement.engagement,
            author_id=head.id if head else None,
            note="beëindigd",
            created_at=utcnow() - timedelta(days=35),
        )
    )
    agreement.version = 3


def _engagements_and_invitations(municipality: Municipality, head: User | None) -> None:
    """Every member states an engagement or two; the next meeting has invitations, some
    answered."""
    people = db.session.scalars(
        select(User)
        .where(User.memberships.any(Membership.municipality_id == municipality.id))
        .order_by(User.id)
    ).all()
    kinds = list(ENGAGEMENT_KINDS)
    for index, person in enumerate(people):
        for kind in {kinds[index % len(kinds)], kinds[(index * 3 + 1) % len(kinds)]}:
            db.session.add(
                UserEngagement(user_id=person.id, municipality_id=municipality.id, kind=kind)
            )
    meeting = db.session.scalars(
        select(Meeting)
        .where(Meeting.municipality_id == municipality.id, Meeting.starts_at >= utcnow())
        .order_by(Meeting.starts_at)
    ).first()
    if meeting is None:
        return
    answers = ["yes", "no", None]
    for index, person in enumerate(people[:6]):
        answer = answers[index % len(answers)]
        db.session.add(
            MeetingInvitation(
                meeting_id=meeting.id,
                user_id=person.id,
                invited_by_id=head.id if head else None,
                answer=answer,
                answered_at=utcnow() if answer else None,
            )
        )
