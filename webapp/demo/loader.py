"""Loads the demo data; running it twice changes nothing."""

import random
from datetime import timedelta

from common.dutch import local as brussels_time
from webapp.admin.services import create_municipality
from webapp.auth.services import create_user
from webapp.demo import data
from webapp.demo.branding import load_logos, load_network_organisations, load_network_themes
from webapp.demo.decisions import load_decisions
from webapp.demo.followup import load_followup
from webapp.demo.partners import load_partnerships
from webapp.demo.privacy import load_privacy_statement
from webapp.demo.supralocal import load_supralocal
from webapp.extensions import db
from webapp.models import (
    Agreement,
    AgreementStatus,
    Engagement,
    Follow,
    Municipality,
    Organisation,
    Reinforcement,
    Role,
    Signal,
    SignalStatus,
    StatusChange,
    User,
    utcnow,
)
from webapp.models.user import hash_password

DEMO_PASSWORD = "demo-wachtwoord-2026"
DEMO_DOMAIN = "demo.lokaalsignaal.be"
SIGNALS_PER_MUNICIPALITY = 25
EXTRA_GIVERS = 3
# Where each final status sits on the way from "submitted".
PATHS = {
    SignalStatus.SUBMITTED: [],
    SignalStatus.IN_PROGRESS: [SignalStatus.IN_PROGRESS],
    SignalStatus.ON_AGENDA: [SignalStatus.IN_PROGRESS, SignalStatus.ON_AGENDA],
    SignalStatus.REFERRED: [SignalStatus.IN_PROGRESS, SignalStatus.REFERRED],
    SignalStatus.ACTION: [SignalStatus.IN_PROGRESS, SignalStatus.ACTION],
    SignalStatus.CLOSED: [SignalStatus.IN_PROGRESS, SignalStatus.ACTION, SignalStatus.CLOSED],
    SignalStatus.NOT_RETAINED: [SignalStatus.IN_PROGRESS, SignalStatus.NOT_RETAINED],
}
NOTES = {
    SignalStatus.IN_PROGRESS: "We bekijken dit signaal met de betrokken diensten.",
    SignalStatus.ON_AGENDA: "Geagendeerd op het volgende eerstelijnsoverleg.",
    SignalStatus.REFERRED: "Doorgegeven aan het netwerk: dit vraagt een bovenlokale aanpak.",
    SignalStatus.ACTION: "Er loopt een actie rond dit signaal.",
    SignalStatus.CLOSED: "De actie is afgerond.",
    SignalStatus.NOT_RETAINED: "Niet weerhouden: dit is een individuele vraag, geen structureel "
    "probleem. We verwezen door naar het onthaal.",
}
ROLE_ACCOUNTS = [
    (Role.GIVER, "signaalgever"),
    (Role.HEAD_PROCESSOR, "hoofdverwerker"),
    (Role.PROCESSOR, "verwerker"),
    (Role.ORG_PROCESSOR, "organisatieverwerker"),
    (Role.ALDERMAN, "schepen"),
]


def demo_email(local: str, slug: str | None = None) -> str:
    return f"{local}.{slug}@{DEMO_DOMAIN}" if slug else f"{local}@{DEMO_DOMAIN}"


def load_demo(seed: int = 2026) -> list[str]:
    """Create every demo municipality that does not exist yet; returns the slugs created."""
    rng = random.Random(seed)
    # One hash for the one demo password: hashing it per account would take seconds.
    password_hash = hash_password(DEMO_PASSWORD)
    created = []
    for index, spec in enumerate(data.MUNICIPALITIES):
        if db.session.scalars(db.select(Municipality).filter_by(slug=spec["slug"])).first():
            continue
        _load_municipality(index, spec, rng, password_hash)
        created.append(spec["slug"])
    # Cards, actions and meetings, also for demo municipalities loaded before they existed.
    for number, spec in enumerate(data.MUNICIPALITIES):
        place = db.session.scalars(db.select(Municipality).filter_by(slug=spec["slug"])).one()
        load_privacy_statement(place, number)
        load_followup(place, demo_email("hoofdverwerker", spec["slug"]), f"{seed}-{spec['slug']}")
        load_partnerships(place, demo_email, password_hash)
        load_logos(place)
        load_decisions(place, f"{seed}-{spec['slug']}-besluit")
    if not db.session.scalars(db.select(User).filter_by(email=demo_email("netwerk"))).first():
        create_user(
            demo_email("netwerk"), "Netwerk Demo (VVSG)", Role.NETWORK, None, password=DEMO_PASSWORD
        )
    db.session.flush()
    load_supralocal()
    load_network_organisations()
    load_network_themes()
    return created


# (organisation kind, engagement, status): one of each way to take part, and a draft.
AGREEMENTS = [
    ("caw", Engagement.OWN_STAFF, AgreementStatus.ACTIVE),
    ("ocmw", Engagement.BROAD_MANDATE, AgreementStatus.ACTIVE),
    ("school", Engagement.STAFF_SIGNAL, AgreementStatus.ACTIVE),
    ("els", Engagement.CONSULTATION, AgreementStatus.ACTIVE),
    ("vdab", Engagement.STAFF_SIGNAL, AgreementStatus.DRAFT),
]
AGREEMENT_TEXT = (
    "De organisatie en {gemeente} werken samen in Lokaal Signaal. De organisatie neemt dit "
    "engagement op: {engagement}. Ze duidt een contactpersoon aan, volgt de afspraken over "
    "gegevensverwerking en neemt deel aan het eerstelijnsoverleg. De overeenkomst loopt een "
    "jaar en wordt daarna samen geëvalueerd."
)


def _agreements(municipality: Municipality, by_kind: dict[str, Organisation]) -> None:
    starts = brussels_time(utcnow()).date() - timedelta(days=60)
    for kind, engagement, status in AGREEMENTS:
        organisation = by_kind[kind]
        db.session.add(
            Agreement(
                municipality=municipality,
                organisation=organisation,
                engagement=int(engagement),
                status=status.value,
                title=f"Samenwerkingsovereenkomst {organisation.name}",
                body=AGREEMENT_TEXT.format(gemeente=municipality.name, engagement=engagement.label),
                contact_name="Contactpersoon (demo)",
                starts_on=starts,
                ends_on=starts + timedelta(days=365),
            )
        )


def _load_municipality(index: int, spec: dict, rng: random.Random, password_hash: str) -> None:
    municipality = create_municipality(
        spec["slug"],
        spec["name"],
        spec["contact_email"],
        spec["public_url"],
        spec["coordinator_name"],
    )
    region = data.REGIONS[spec["slug"]]
    organisations = []
    for kind, pattern in data.ORGANISATION_TEMPLATES:
        organisation = Organisation(
            municipality=municipality,
            kind=kind,
            name=pattern.format(name=spec["name"], region=region),
        )
        db.session.add(organisation)
        organisations.append(organisation)

    by_kind = {organisation.kind: organisation for organisation in organisations}
    _agreements(municipality, by_kind)

    people = iter(rng.sample(data.PEOPLE, len(ROLE_ACCOUNTS) + EXTRA_GIVERS))
    users = {}
    for role, local in ROLE_ACCOUNTS:
        first, last = next(people)
        # The organisation processor works at the CAW, whose agreement makes it the processor
        # of its own staff's signals.
        employer = by_kind["caw"] if role == Role.ORG_PROCESSOR else rng.choice(organisations)
        users[role] = create_user(
            demo_email(local, spec["slug"]),
            f"{first} {last}",
            role,
            municipality,
            organisation=employer,
        )
        users[role].password_hash = password_hash
    givers = [users[Role.GIVER]]
    for number in range(1, EXTRA_GIVERS + 1):
        first, last = next(people)
        giver = create_user(
            demo_email(f"collega{number}", spec["slug"]),
            f"{first} {last}",
            Role.GIVER,
            municipality,
            organisation=rng.choice(organisations),
        )
        giver.password_hash = password_hash
        givers.append(giver)

    themes = {t.slug: t for t in municipality.themes}
    groups = {t.slug: t for t in municipality.target_groups}
    processor = users[Role.HEAD_PROCESSOR]
    now = utcnow()
    for offset in range(SIGNALS_PER_MUNICIPALITY):
        item = data.SIGNALS[(index * 5 + offset) % len(data.SIGNALS)]
        created_at = now - timedelta(days=item["days_ago"], hours=rng.randint(0, 10))
        anonymous = rng.random() < 0.15
        giver = None if anonymous else rng.choice(givers)
        signal = Signal(
            municipality=municipality,
            idempotency_key=f"demo-{spec['slug']}-{offset}",
            title=item["title"],
            description=item["description"],
            tried=item["tried"],
            ideas=item["ideas"],
            themes=[themes[s] for s in item["themes"]],
            target_groups=[groups[s] for s in item["target_groups"]],
            submitted_by=giver,
            organisation=giver.organisation if giver else None,
            status=item["status"],
            created_at=created_at,
            updated_at=created_at,
        )
        signal.history.append(
            StatusChange(
                to_status=SignalStatus.SUBMITTED.value, changed_by=giver, created_at=created_at
            )
        )
        previous = SignalStatus.SUBMITTED
        for step, status in enumerate(PATHS[SignalStatus(item["status"])], start=1):
            signal.history.append(
                StatusChange(
                    from_status=previous.value,
                    to_status=status.value,
                    note=NOTES[status],
                    changed_by=processor,
                    created_at=created_at + timedelta(days=3 * step),
                )
            )
            previous = status
        others = [g for g in givers if g is not giver]
        for reinforcer in rng.sample(others, min(item["reinforcements"], len(others))):
            signal.reinforcements.append(
                Reinforcement(
                    user=reinforcer,
                    organisation=reinforcer.organisation,
                    created_at=created_at + timedelta(days=1),
                )
            )
        signal.reinforcement_count = len(signal.reinforcements)
        if others and rng.random() < 0.4:
            signal.follows.append(Follow(user=rng.choice(others)))
        db.session.add(signal)
    db.session.flush()
