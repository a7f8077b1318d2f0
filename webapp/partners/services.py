"""Write operations on organisations, agreements and join requests: they flush, the request
commits. Mail leaves through the outbox after the commit (webapp.notifications.queue_mail)."""

from datetime import date, datetime, time, timedelta

from markupsafe import Markup
from sqlalchemy import or_, select, update

from common.dutch import BRUSSELS, local, long_date
from webapp import audit, textdiff
from webapp.extensions import db
from webapp.labels import AGREEMENT_STATUS_LABELS
from webapp.models import (
    Agreement,
    AgreementStatus,
    AgreementVersion,
    Engagement,
    Municipality,
    Organisation,
    SiteState,
    User,
    utcnow,
)

AGREEMENT_FIELDS = (
    "title",
    "engagement",
    "grants_cards",
    "grants_actions",
    "grants_meetings",
    "starts_on",
    "ends_on",
    "contact_name",
    "contact_email",
    "signatories",
    "body",
)
STATUS_LABELS = AGREEMENT_STATUS_LABELS
NEXT_STATUS = {
    AgreementStatus.DRAFT: AgreementStatus.ACTIVE,
    AgreementStatus.ACTIVE: AgreementStatus.ENDED,
}


def status_label(value: str) -> str:
    return STATUS_LABELS[AgreementStatus(value)]


def _snapshot(agreement: Agreement, author: User | None, note: str) -> AgreementVersion:
    version = AgreementVersion(
        agreement=agreement,
        number=agreement.version,
        title=agreement.title,
        body=agreement.body or "",
        status=agreement.status,
        engagement=agreement.engagement,
        author_id=author.id if author else None,
        note=note,
    )
    db.session.add(version)
    return version


def create_organisation(municipality: Municipality, actor: User | None, **fields) -> Organisation:
    """A new partner organisation of the municipality."""
    organisation = Organisation(municipality_id=municipality.id, **fields)
    db.session.add(organisation)
    db.session.flush()
    audit.record(
        municipality,
        actor,
        "organisation.create",
        organisation,
        f"Organisatie “{organisation.name}” toegevoegd.",
    )
    return organisation


def update_organisation(organisation: Organisation, actor: User, **fields) -> None:
    for name, value in fields.items():
        setattr(organisation, name, value)
    audit.record(
        organisation.municipality,
        actor,
        "organisation.update",
        organisation,
        f"Organisatie “{organisation.name}” bewerkt.",
    )


def create_agreement(
    municipality: Municipality,
    organisation: Organisation,
    actor: User | None,
    engagement: Engagement,
    title: str | None = None,
    body: str = "",
) -> Agreement:
    """A draft agreement with its first version."""
    agreement = Agreement(
        municipality_id=municipality.id,
        organisation=organisation,
        engagement=int(engagement),
        status=AgreementStatus.DRAFT.value,
        title=title or f"Samenwerkingsovereenkomst met {organisation.name}",
        body=body,
        signatories="",
        version=1,
    )
    db.session.add(agreement)
    db.session.flush()
    _snapshot(agreement, actor, "aangemaakt")
    audit.record(
        municipality,
        actor,
        "agreement.create",
        agreement,
        f"Ontwerp van overeenkomst “{agreement.title}” gemaakt.",
    )
    return agreement


def claim_agreement_version(agreement: Agreement, expected: int) -> bool:
    """Take the next version number, unless someone saved after version `expected` was read.

    One conditional UPDATE: of two saves that opened the same version, the second finds no row
    (PostgreSQL makes it wait for the first, then re-checks) and gets the conflict page.
    """
    result = db.session.execute(
        update(Agreement)
        .where(Agreement.id == agreement.id, Agreement.version == expected)
        .values(version=expected + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(agreement)
        return False
    agreement.version = expected + 1
    return True


def save_agreement(agreement: Agreement, actor: User, expected: int, **fields) -> bool:
    """Save the fields as a new version; False (nothing saved) when `expected` is outdated."""
    if not claim_agreement_version(agreement, expected):
        return False
    for name in AGREEMENT_FIELDS:
        if name in fields:
            setattr(agreement, name, fields[name])
    _snapshot(agreement, actor, "bewerkt")
    audit.record(
        agreement.municipality,
        actor,
        "agreement.save",
        agreement,
        f"Overeenkomst “{agreement.title}” opgeslagen (versie {agreement.version}).",
    )
    return True


def advance_status(agreement: Agreement, actor: User) -> AgreementStatus:
    """draft -> active -> ended; a new version records who did it and when."""
    current = AgreementStatus(agreement.status)
    target = NEXT_STATUS[current]
    db.session.execute(
        update(Agreement)
        .where(Agreement.id == agreement.id)
        .values(version=Agreement.version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(agreement)
    agreement.status = target.value
    _snapshot(agreement, actor, status_label(target.value))
    audit.record(
        agreement.municipality,
        actor,
        f"agreement.{target.value}",
        agreement,
        f"Overeenkomst “{agreement.title}” is nu {status_label(target.value)}.",
    )
    return target


def today() -> date:
    """The Belgian calendar day: an agreement starts and ends on Belgian days."""
    return local(utcnow()).date()


def activation_message(agreement: Agreement, on: date) -> str:
    """What activating this agreement on day `on` does for the public, said as the public
    site's scope decides it (webapp/public/scopes.py: active, started, not yet ended)."""
    site = f"de publieke site van {agreement.municipality.name}"
    if agreement.ends_on is not None and agreement.ends_on < on:
        return (
            f"De overeenkomst is actief, maar haar einddatum ({long_date(agreement.ends_on)}) is "
            f"voorbij: {site} toont ze niet. Pas de einddatum aan als ze nog loopt."
        )
    if agreement.starts_on is not None and agreement.starts_on > on:
        return (
            f"De overeenkomst is actief. Ze gaat in op {long_date(agreement.starts_on)} en "
            f"staat vanaf die dag op {site}."
        )
    return f"De overeenkomst is actief en staat binnen enkele minuten op {site}."


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), BRUSSELS)


def municipalities_with_agreement_turns(now: datetime | None = None) -> set[int]:
    """The municipalities where an active agreement started or ended (its end day passed)
    since their data version last moved: no write marks that day, so the public site would
    not know the agreement came in or went out of force."""
    now = now or utcnow()
    day = local(now).date()
    rows = db.session.execute(
        select(
            Agreement.municipality_id, Agreement.starts_on, Agreement.ends_on, SiteState.changed_at
        )
        .outerjoin(SiteState, SiteState.municipality_id == Agreement.municipality_id)
        .where(
            Agreement.status == AgreementStatus.ACTIVE.value,
            or_(Agreement.starts_on.is_not(None), Agreement.ends_on.is_not(None)),
        )
    )
    due = set()
    for municipality_id, starts_on, ends_on, changed_at in rows:
        turns = [starts_on, ends_on + timedelta(days=1) if ends_on else None]
        for turn in turns:
            if turn is None or turn > day:
                continue
            if changed_at is None or _midnight(turn) > changed_at:
                due.add(municipality_id)
    return due


def refresh_sites_for_agreement_turns(now: datetime | None = None) -> set[int]:
    """Move the data version of the municipalities whose agreements turned (the worker does this
    every minute), so their microsites and cached pages follow the calendar."""
    from webapp import data_version

    due = municipalities_with_agreement_turns(now)
    if due:
        data_version.move(db.session.connection(), due)
        db.session.commit()
    return due


def diff_versions(older: AgreementVersion, newer: AgreementVersion) -> Markup:
    """What changed from one version to another as the agreement reads: the title and the
    rendered text, word by word, insertions in <ins> and removals in <del>."""
    title = textdiff.words(older.title, newer.title)
    heading = Markup('<p class="diff-block diff-title">{}</p>').format(title)
    return heading + Markup("\n") + textdiff.rendered(older.body, newer.body)
