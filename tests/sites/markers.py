"""Unique marker strings in every private field, and hostile markup in public ones.

Each marker is planted next to public data that *is* published (a published card bundling the
marked signal, a public meeting about it, a public action with an internal sibling), so a leak
through any link between public and private data would show.
"""

import secrets
from datetime import date, timedelta

from webapp.auth.services import create_user
from webapp.extensions import db
from webapp.models import (
    Action,
    ActionUpdate,
    Agreement,
    AgreementStatus,
    AuditEntry,
    Engagement,
    Feedback,
    Follow,
    InternalNote,
    Invitation,
    Meeting,
    MeetingKind,
    Municipality,
    Organisation,
    Reinforcement,
    Role,
    Signal,
    SignalCard,
    StatusChange,
    Supplement,
    utcnow,
)

TOKEN = secrets.token_hex(4)
HOSTILE_TITLE = '<script>alert("fiche")</script>Wachtlijst <b>vet</b> & "aanhalingen"'
HOSTILE_SUMMARY = (
    'Tekst met <img src="https://tracker.example/pixel.gif" onerror="alert(1)"> een beeld, '
    '[een link](javascript:alert(2)), <iframe src="https://evil.example"></iframe> en '
    '<a href="/gent/signalen/1" onclick="steal()">een interne link</a>.'
)


def marker(field: str) -> str:
    return f"MRK{TOKEN}-{field}"


def plant(slug: str = "kortrijk") -> dict:
    """Plant markers in one municipality; returns {field: marker} and the public ids planted."""
    place = db.session.scalars(db.select(Municipality).filter_by(slug=slug)).one()
    organisation = Organisation(municipality=place, name="Organisatie voor de markertest")
    db.session.add(organisation)
    now = utcnow().replace(microsecond=0)
    giver = create_user(
        f"{marker('giver-email').lower()}@example.org",
        marker("giver-name"),
        Role.GIVER,
        place,
        organisation=organisation,
    )
    reinforcer = create_user(
        f"{marker('reinforcer-email').lower()}@example.org",
        marker("reinforcer-name"),
        Role.GIVER,
        place,
    )
    processor = create_user(
        f"{marker('processor-email').lower()}@example.org",
        marker("processor-name"),
        Role.HEAD_PROCESSOR,
        place,
    )
    signals = []
    for number in range(6):
        signal = Signal(
            municipality=place,
            idempotency_key=f"marker-{TOKEN}-{number}",
            title=marker(f"signal-title-{number}"),
            description=marker(f"signal-description-{number}"),
            tried=marker(f"signal-tried-{number}"),
            ideas=marker(f"signal-ideas-{number}"),
            submitted_by=None if number == 0 else giver,
            organisation=organisation if number else None,
            contact_email=f"{marker('anonymous-contact').lower()}@example.org"
            if not number
            else None,
            personal_data_confirmed=marker("personal-data-confirmed"),
            themes=place.themes[:2],
            target_groups=place.target_groups[:1],
        )
        signal.history.append(
            StatusChange(to_status="submitted", note=marker("status-note"), changed_by=processor)
        )
        signal.supplements.append(
            Supplement(
                user=reinforcer,
                body=marker(f"supplement-{number}"),
                idempotency_key=f"marker-supplement-{TOKEN}-{number}",
            )
        )
        signal.reinforcements.append(Reinforcement(user=reinforcer, context=marker("reinforce")))
        signal.feedback.append(Feedback(author=processor, body=marker("feedback")))
        signal.notes.append(InternalNote(author=processor, body=marker("internal-note")))
        signal.follows.append(Follow(user=processor))
        db.session.add(signal)
        signals.append(signal)
    draft = SignalCard(
        municipality_id=place.id,
        title=marker("draft-card-title"),
        summary=marker("draft-card-summary"),
        published=False,
        signals=signals[:2],
        created_by_id=processor.id,
    )
    internal_action = Action(
        municipality_id=place.id,
        title=marker("internal-action-title"),
        description=marker("internal-action-description"),
        is_public=False,
        cards=[draft],
    )
    internal_action.updates.append(
        ActionUpdate(happened_on=date.today(), body=marker("internal-action-update"))
    )
    internal_meeting = Meeting(
        municipality_id=place.id,
        kind=MeetingKind.CONSULTATION.value,
        title=marker("internal-meeting-title"),
        description=marker("internal-meeting-description"),
        place=marker("internal-meeting-place"),
        starts_at=now + timedelta(days=3),
        is_public=False,
        cards=[draft],
        signals=signals[:1],
    )
    published = SignalCard(
        municipality_id=place.id,
        title="Fiche die gemarkeerde signalen bundelt",
        summary="Deze fiche bundelt signalen met private velden.",
        published=True,
        published_at=now,
        signals=signals,
        actions=[internal_action],
        meetings=[internal_meeting],
        created_by_id=processor.id,
    )
    public_meeting = Meeting(
        municipality_id=place.id,
        kind=MeetingKind.SIGNAL_DAY.value,
        title="Publieke signaaldag over gemarkeerde signalen",
        starts_at=now + timedelta(days=5),
        is_public=True,
        signals=signals,
        cards=[draft, published],
    )
    public_action = Action(
        municipality_id=place.id,
        title="Publieke actie naast een interne",
        is_public=True,
        cards=[draft, published],
    )
    db.session.add_all([draft, internal_action, internal_meeting, published, public_meeting])
    db.session.add(public_action)
    for status, field in ((AgreementStatus.DRAFT, "draft"), (AgreementStatus.ENDED, "ended")):
        db.session.add(
            Agreement(
                municipality_id=place.id,
                organisation=organisation,
                engagement=int(Engagement.OWN_STAFF),
                status=status.value,
                title=marker(f"{field}-agreement-title"),
                body=marker(f"{field}-agreement-body"),
            )
        )
    # Active, but not yet in force, and one in force whose contact person stays private.
    db.session.add(
        Agreement(
            municipality_id=place.id,
            organisation=organisation,
            engagement=int(Engagement.BROAD_MANDATE),
            status=AgreementStatus.ACTIVE.value,
            title=marker("future-agreement-title"),
            starts_on=date.today() + timedelta(days=30),
        )
    )
    db.session.add(
        Agreement(
            municipality_id=place.id,
            organisation=organisation,
            engagement=int(Engagement.OWN_STAFF),
            status=AgreementStatus.ACTIVE.value,
            title="Overeenkomst met de markerorganisatie",
            contact_name=marker("agreement-contact-name"),
            contact_email=f"{marker('agreement-contact-email').lower()}@example.org",
        )
    )
    db.session.add(
        AuditEntry(
            municipality_id=place.id,
            actor=processor,
            action="edit",
            subject_type="signal",
            summary=marker("audit"),
        )
    )
    db.session.add(
        Invitation(
            municipality_id=place.id,
            email=f"{marker('invitation-email').lower()}@example.org",
            token_hash=marker("invitation-token"),
            expires_at=now + timedelta(days=3),
        )
    )
    db.session.flush()
    return {
        "public_meeting_id": public_meeting.id,
        "public_action_id": public_action.id,
        "published_card_id": published.id,
    }


def plant_hostile(slug: str = "gent") -> None:
    """Markup and scripts in public fields: they must arrive escaped or cleaned."""
    place = db.session.scalars(db.select(Municipality).filter_by(slug=slug)).one()
    organisation = Organisation(municipality=place, name='<i onmouseover="x()">Hostiele vzw</i>')
    db.session.add(organisation)
    card = SignalCard(
        municipality_id=place.id,
        title=HOSTILE_TITLE,
        summary=HOSTILE_SUMMARY,
        published=True,
        published_at=utcnow(),
    )
    db.session.add(card)
    db.session.add(
        Meeting(
            municipality_id=place.id,
            kind=MeetingKind.WORK_SESSION.value,
            title="<script>alert('overleg')</script>Werksessie",
            description="<style>body{display:none}</style>Gewone uitleg.",
            place="<svg onload=alert(3)>",
            starts_at=utcnow() + timedelta(days=2),
            is_public=True,
            cards=[card],
        )
    )
    db.session.flush()
    db.session.add(
        Agreement(
            municipality_id=place.id,
            organisation_id=organisation.id,
            engagement=int(Engagement.OWN_STAFF),
            status=AgreementStatus.ACTIVE.value,
            title="Overeenkomst <em>met</em> opmaak",
            body="<script>alert(4)</script>\n\n# Kop in de tekst\n\nGewone tekst.",
        )
    )
    db.session.flush()


def all_markers() -> list[str]:
    """Every marker planted, as the prefix shared by all of them."""
    return [f"MRK{TOKEN}"]
