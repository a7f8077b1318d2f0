"""Published data for the demo municipalities: cards, actions, meetings, agreements.

The demo loader (webapp/demo) creates municipalities, organisations, users and signals; what the
processing screens publish comes from here until the demo loader adds it itself. Every text is
invented and plainly fictional. Call inside an app context, after `load_demo()`.
"""

import random
from datetime import date, timedelta

from webapp.extensions import db
from webapp.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Agreement,
    AgreementStatus,
    CardStatus,
    Engagement,
    Meeting,
    MeetingKind,
    Municipality,
    Signal,
    SignalCard,
    utcnow,
)

CARDS = [
    (
        "Lange wachttijd voor budgetbegeleiding",
        "Eerstelijnswerkers zien dat mensen **maanden** wachten op budgetbegeleiding. Intussen "
        "lopen hun schulden verder op.\n\n- aanmelden kan alleen op afspraak\n- de wachtlijst "
        "is niet zichtbaar voor doorverwijzers",
        ["armoede"],
    ),
    (
        "Te weinig betaalbare huurwoningen voor grote gezinnen",
        "Gezinnen met vier of meer kinderen vinden geen woning die ze kunnen betalen. Sociale "
        "woningen met vier slaapkamers zijn zeldzaam.",
        ["wonen"],
    ),
    (
        "Digitale drempels bij het aanvragen van premies",
        "Premies aanvragen kan bijna alleen nog online. Wie geen computer of geen itsme heeft, "
        "loopt de premie mis. Zie ook [de Vlaamse premiezoeker](https://www.vlaanderen.be).",
        ["digitale-inclusie"],
    ),
    (
        "Geen opvang na schooltijd voor kinderen van ploegwerkers",
        "Ouders die in ploegen werken, vinden geen opvang na 18 uur. Kinderen blijven dan alleen "
        "thuis of bij buren.",
        ["jeugd", "onderwijs"],
    ),
    (
        "Geen bus naar het ziekenhuis in het weekend",
        "Sinds de nieuwe dienstregeling rijdt er in het weekend geen bus naar het ziekenhuis. "
        "Bezoek en nazorg worden zo moeilijk voor wie geen auto heeft.",
        ["mobiliteit", "zorg"],
    ),
    (
        "Jongeren zonder netwerk vinden geen studentenjob",
        "Jongeren zonder werkende ouders of kennissen vinden moeilijk een eerste job. Vacatures "
        "gaan vaak via via.",
        ["werk"],
    ),
    (
        "Eenzaamheid bij ouderen sinds het buurthuis dicht is",
        "Sinds het buurthuis sloot, zien thuisverplegers en poetshulpen meer ouderen die niemand "
        "meer spreken.",
        ["welzijn"],
    ),
]
CARD_STATUSES = [
    CardStatus.IN_ACTION,
    CardStatus.ON_AGENDA,
    CardStatus.EXPLORING,
    CardStatus.REFERRED_SUPRALOCAL,
    CardStatus.RESOLVED,
    CardStatus.EXPLORING,
    CardStatus.ON_AGENDA,
]
ACTIONS = [
    (
        "Extra zitdag budgetbegeleiding in het sociaal huis",
        "Elke dinsdag kan je zonder afspraak langskomen voor een eerste gesprek.",
        ActionStatus.ONGOING,
    ),
    (
        "Digipunt in de bibliotheek",
        "Vrijwilligers helpen bij online aanvragen, met een computer en een kaartlezer.",
        ActionStatus.ONGOING,
    ),
    (
        "Proefproject avondopvang",
        "Twee scholen houden de opvang open tot 20 uur, voor kinderen van ploegwerkers.",
        ActionStatus.PLANNED,
    ),
    (
        "Vraag aan De Lijn voor een weekendbus",
        "De gemeente vroeg samen met de buurgemeenten een weekendverbinding aan.",
        ActionStatus.DONE,
    ),
]
UPDATES = [
    "De eerste zitdag is gestart. Er kwamen twaalf mensen langs.",
    "We zoeken nog twee vrijwilligers voor de namiddag.",
    "De evaluatie met de partners staat gepland.",
]
MEETINGS = [
    (MeetingKind.CONSULTATION, "Eerstelijnsoverleg welzijn", "Sociaal huis, zaal 2"),
    (MeetingKind.SIGNAL_DAY, "Signaaldag wonen en armoede", "Cultuurcentrum"),
    (MeetingKind.NETWORK, "Netwerkbijeenkomst eerste lijn", "Stadhuis, raadzaal"),
    (MeetingKind.WORK_SESSION, "Werksessie digitale drempels", "Bibliotheek"),
]


def add_public_data(seed: int = 2026) -> None:
    """Publish cards, actions, meetings and agreements in every municipality."""
    rng = random.Random(seed)
    now = utcnow().replace(microsecond=0)
    for municipality in db.session.scalars(db.select(Municipality).order_by(Municipality.slug)):
        _municipality(municipality, rng, now)
    db.session.flush()


def _municipality(municipality: Municipality, rng: random.Random, now) -> None:
    signals = db.session.scalars(
        db.select(Signal).where(Signal.municipality_id == municipality.id).order_by(Signal.id)
    ).all()
    themes = {theme.slug: theme for theme in municipality.themes}
    organisations = list(municipality.organisations)
    cards = []
    for index, (title, summary, card_themes) in enumerate(CARDS):
        # Some cards bundle many signals, some few: the few are shown as "minder dan 5".
        bundled = rng.sample(signals, min(len(signals), 7 if index % 2 == 0 else 2))
        card = SignalCard(
            municipality_id=municipality.id,
            title=title,
            summary=summary,
            public_status=CARD_STATUSES[index].value,
            published=True,
            published_at=now - timedelta(days=90 - index * 9),
            themes=[themes[slug] for slug in card_themes if slug in themes],
            signals=bundled,
        )
        db.session.add(card)
        cards.append(card)
    actions = []
    for index, (title, description, status) in enumerate(ACTIONS):
        action = Action(
            municipality_id=municipality.id,
            title=title,
            description=description,
            status=status.value,
            is_public=True,
            organisation=organisations[index % len(organisations)] if organisations else None,
            cards=[cards[index]],
        )
        for step, body in enumerate(UPDATES[: 1 + index % 3]):
            action.updates.append(
                ActionUpdate(happened_on=(now - timedelta(days=40 - step * 12)).date(), body=body)
            )
        db.session.add(action)
        actions.append(action)
    for index, (kind, title, place) in enumerate(MEETINGS * 2):
        days = 10 + index * 9 if index < len(MEETINGS) else -20 * (index - len(MEETINGS) + 1)
        starts = (now + timedelta(days=days)).replace(hour=12, minute=30, second=0)
        db.session.add(
            Meeting(
                municipality_id=municipality.id,
                kind=kind.value,
                title=title,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place=place,
                description="We bespreken de signaalfiches die op de agenda staan.",
                is_public=True,
                cards=[cards[index % len(cards)]],
            )
        )
    engagements = [Engagement.OWN_STAFF, Engagement.BROAD_MANDATE, Engagement.CONSULTATION]
    for organisation, engagement in zip(organisations, engagements, strict=False):
        db.session.add(
            Agreement(
                municipality_id=municipality.id,
                organisation_id=organisation.id,
                engagement=int(engagement),
                status=AgreementStatus.ACTIVE.value,
                title=f"Samenwerkingsovereenkomst met {organisation.name}",
                body=(
                    "## Wat we afspreken\n\nDe organisatie en de gemeente werken samen rond "
                    "signalen. De organisatie volgt de afspraken in deze tekst.\n\n"
                    "## Duur\n\nDeze overeenkomst loopt twee jaar."
                ),
                starts_on=date(2025, 9, 1),
                ends_on=date(2027, 8, 31),
            )
        )
