"""Demo logos: every demo municipality and its partners with an agreement get a small logo,
drawn from code (webapp/branding/drawing.py), as if the head processor had uploaded them."""

import hashlib

from sqlalchemy import select

from webapp.branding.drawing import badge_png
from webapp.branding.images import check
from webapp.extensions import db
from webapp.models import Agreement, Logo, Municipality


def _logo(owner: str, municipality_id: int, organisation_id: int | None, seed: str) -> None:
    if db.session.scalars(select(Logo.id).where(Logo.owner == owner)).first():
        return
    data = badge_png(seed)
    image = check(data)
    db.session.add(
        Logo(
            owner=owner,
            municipality_id=municipality_id,
            organisation_id=organisation_id,
            content_type=image.content_type,
            width=image.width,
            height=image.height,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
        )
    )


def load_logos(municipality: Municipality) -> None:
    _logo(f"m{municipality.id}", municipality.id, None, municipality.slug)
    partners = db.session.scalars(
        select(Agreement.organisation_id)
        .where(Agreement.municipality_id == municipality.id)
        .distinct()
    )
    for organisation_id in partners:
        _logo(f"o{organisation_id}", municipality.id, organisation_id, f"o{organisation_id}")
    db.session.flush()


def load_network_themes() -> None:
    """The network vocabulary at work: Gent renamed "Mobiliteit" to "Mobiliteit en vervoer"
    (as in issue 21); its theme still counts under the network theme "Mobiliteit"."""
    from webapp.models import Theme
    from webapp.network.themes import vocabulary

    network = {theme.slug: theme.id for theme in vocabulary()}
    gent = db.session.scalars(select(Municipality).filter_by(slug="gent")).first()
    if gent is None:
        return
    theme = db.session.scalars(
        select(Theme).filter_by(municipality_id=gent.id, slug="mobiliteit")
    ).first()
    if theme is not None and theme.name == "Mobiliteit":
        theme.name = "Mobiliteit en vervoer"
        theme.network_theme_id = network.get("mobiliteit")
    db.session.flush()


# The CAW of these East Flemish demo municipalities is one organisation in the network.
ONE_CAW = ("gent", "eeklo", "dendermonde", "sint-niklaas")


def load_network_organisations() -> None:
    """One CAW working in several municipalities: each municipality keeps its own organisation
    and agreement, linked to one network identity (webapp/network/organisations.py)."""
    from webapp.models import NetworkOrganisation, Organisation

    identity = db.session.scalars(
        select(NetworkOrganisation).filter_by(name="CAW Oost-Vlaanderen")
    ).first()
    if identity is None:
        identity = NetworkOrganisation(name="CAW Oost-Vlaanderen")
        db.session.add(identity)
        db.session.flush()
    caws = db.session.scalars(
        select(Organisation)
        .join(Municipality, Municipality.id == Organisation.municipality_id)
        .where(Municipality.slug.in_(ONE_CAW), Organisation.kind == "caw")
    )
    for organisation in caws:
        if organisation.network_organisation_id is None:
            organisation.network_organisation_id = identity.id
    db.session.flush()
