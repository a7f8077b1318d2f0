"""Write operations of the supra-local level: they flush, the request commits."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp import audit, data_version
from webapp.extensions import db
from webapp.links import external_url
from webapp.models import (
    CardStatus,
    Membership,
    Municipality,
    Role,
    SignalCard,
    SupralocalFeedback,
    SupralocalFile,
    SupralocalReferral,
    SupralocalStatus,
    User,
    utcnow,
)
from webapp.notifications import queue_mail


def refer_card(card: SignalCard, user: User, motivation: str) -> SupralocalReferral:
    """Mark a card "bovenlokaal doorverwezen" with the head processor's motivation."""
    referral = db.session.get(SupralocalReferral, card.id)
    if referral is None:
        referral = SupralocalReferral(card_id=card.id, motivation=motivation, referred_by=user)
        db.session.add(referral)
    else:
        referral.motivation = motivation
        referral.referred_by = user
    card.public_status = CardStatus.REFERRED_SUPRALOCAL.value
    card.updated_at = utcnow()
    audit.record(
        card.municipality,
        user,
        "card.refer_supralocal",
        card,
        f"Fiche “{card.title}” bovenlokaal doorverwezen.",
    )
    db.session.flush()
    return referral


def referral_of(card: SignalCard) -> SupralocalReferral | None:
    return db.session.get(SupralocalReferral, card.id)


def network_cards() -> select:
    """Published cards of every municipality: what the network may read."""
    return select(SignalCard).where(SignalCard.published.is_(True))


def waiting_referrals() -> select:
    """Referred, published cards that are not in a file yet, oldest referral first."""
    return (
        select(SupralocalReferral)
        .join(SignalCard, SignalCard.id == SupralocalReferral.card_id)
        .where(SignalCard.published.is_(True), SupralocalReferral.file_id.is_(None))
        .order_by(SupralocalReferral.created_at)
    )


def create_file(
    user: User, title: str, summary: str, card_ids: list[int], token: str | None
) -> tuple[SupralocalFile, bool]:
    """A new file bundling these referred cards; (the file, whether it is new)."""
    if token:
        existing = db.session.scalars(
            select(SupralocalFile).where(SupralocalFile.idempotency_key == token)
        ).first()
        if existing is not None:
            return existing, False
    referrals = _referrals(card_ids)
    file = SupralocalFile(
        title=title, summary=summary, created_by_id=user.id, idempotency_key=token or None
    )
    try:
        with db.session.begin_nested():
            db.session.add(file)
            for referral in referrals:
                referral.file = file
    except IntegrityError:
        existing = db.session.scalars(
            select(SupralocalFile).where(SupralocalFile.idempotency_key == token)
        ).first()
        if existing is None:
            raise
        return existing, False
    _sites_changed(file)
    notify_municipalities(file, None, created=True)
    return file, True


def _sites_changed(file: SupralocalFile) -> None:
    """The file shows on the public card pages: those sites need a rebuild."""
    db.session.flush()
    places = {m.id for m in involved_municipalities(file)}
    if places:
        data_version.move(db.session.connection(), places)


def _referrals(card_ids: list[int]) -> list[SupralocalReferral]:
    if not card_ids:
        return []
    return list(
        db.session.scalars(
            select(SupralocalReferral)
            .join(SignalCard, SignalCard.id == SupralocalReferral.card_id)
            .where(SupralocalReferral.card_id.in_(card_ids), SignalCard.published.is_(True))
        )
    )


def change_file(
    file: SupralocalFile, user: User, status: SupralocalStatus, message: str | None
) -> SupralocalFeedback | None:
    """A new status and/or feedback for the municipalities of the file."""
    changed = file.status != status.value
    file.status = status.value
    file.updated_at = utcnow()
    feedback = None
    if message or changed:
        body = message or f"Het dossier heeft nu de status “{status.label}”."
        if message and changed:
            body = f"Nieuwe status: {status.label}.\n\n{message}"
        feedback = SupralocalFeedback(file_id=file.id, author_id=user.id, body=body)
        db.session.add(feedback)
        _sites_changed(file)
        notify_municipalities(file, feedback)
    return feedback


def involved_municipalities(file: SupralocalFile) -> list[Municipality]:
    return list(
        db.session.scalars(
            select(Municipality)
            .join(SignalCard, SignalCard.municipality_id == Municipality.id)
            .join(SupralocalReferral, SupralocalReferral.card_id == SignalCard.id)
            .where(SupralocalReferral.file_id == file.id)
            .distinct()
            .order_by(Municipality.name)
        )
    )


def notify_municipalities(file: SupralocalFile, feedback, created: bool = False) -> int:
    """E-mail the processors of every municipality whose card is in the file."""
    sent = 0
    for municipality in involved_municipalities(file):
        cards = [r.card for r in file.referrals if r.card.municipality_id == municipality.id]
        people = db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.municipality_id == municipality.id,
                Membership.role.in_([Role.HEAD_PROCESSOR.value, Role.PROCESSOR.value]),
                User.active.is_(True),
            )
            .distinct()
        )
        for person in people:
            queue_mail(
                person.email,
                f"Bovenlokaal dossier: {file.title}",
                "network/mail_file.txt",
                name=person.name,
                municipality=municipality,
                file=file,
                feedback=feedback,
                created=created,
                cards=[
                    (
                        c.title,
                        external_url("cards.show_card", gemeente=municipality.slug, card_id=c.id),
                    )
                    for c in cards
                ],
            )
            sent += 1
    return sent
