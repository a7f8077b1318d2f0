"""Demo supra-local level: every demo card in the status "bovenlokaal doorverwezen" gets a
head processor's motivation, and the network has bundled some of them into two files.

Runs once: when any supra-local file exists, it leaves everything alone.
"""

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import (
    CardStatus,
    Municipality,
    SignalCard,
    SupralocalFeedback,
    SupralocalFile,
    SupralocalReferral,
    SupralocalStatus,
)

MOTIVATION = (
    "Dit probleem komt in onze gemeente telkens terug, maar de oplossing ligt bij de Vlaamse "
    "of federale regelgeving. Lokaal kunnen we het alleen verzachten."
)
FILES = [
    {
        "title": "Wachttijden en drempels in de sociale dienstverlening",
        "summary": "Meerdere gemeenten zien dezelfde wachttijden en administratieve drempels. "
        "Het netwerk bundelt hun signaalfiches om ze samen bij de Vlaamse overheid aan te "
        "kaarten.",
        "slugs": ["kortrijk", "oud-turnhout", "gent"],
        "status": SupralocalStatus.RAISED,
        "feedback": [
            "We bundelen de fiches van drie gemeenten in één dossier.",
            "Het dossier is besproken op het overleg met het kabinet van de Vlaamse minister "
            "van Welzijn. We houden jullie op de hoogte van het vervolg.",
        ],
    },
    {
        "title": "Betaalbaarheid van basisvoorzieningen voor gezinnen met een laag inkomen",
        "summary": "Signaalfiches over kosten die gezinnen met een klein budget niet kunnen "
        "dragen, uit twee gemeenten.",
        "slugs": ["bornem", "eeklo"],
        "status": SupralocalStatus.EXAMINED,
        "feedback": ["We onderzoeken welke Vlaamse regeling hier het best op inspeelt."],
    },
]


def load_supralocal() -> bool:
    """Add the demo referrals and files; False when a supra-local file already exists."""
    if db.session.scalars(select(SupralocalFile.id)).first() is not None:
        return False
    referred = db.session.execute(
        select(SignalCard, Municipality.slug)
        .join(Municipality, Municipality.id == SignalCard.municipality_id)
        .where(
            SignalCard.published.is_(True),
            SignalCard.public_status == CardStatus.REFERRED_SUPRALOCAL.value,
        )
        .order_by(SignalCard.id)
    ).all()
    referrals: dict[str, list[SupralocalReferral]] = {}
    for card, slug in referred:
        referral = db.session.get(SupralocalReferral, card.id)
        if referral is None:
            referral = SupralocalReferral(card_id=card.id, motivation=MOTIVATION)
            db.session.add(referral)
        referrals.setdefault(slug, []).append(referral)
    for spec in FILES:
        file = SupralocalFile(
            title=spec["title"], summary=spec["summary"], status=spec["status"].value
        )
        db.session.add(file)
        for slug in spec["slugs"]:
            for referral in referrals.get(slug, [])[:1]:
                referral.file = file
        for body in spec["feedback"]:
            file.feedback.append(SupralocalFeedback(body=body))
    db.session.flush()
    return True
