"""Storing and removing logos; each change moves the municipality's data version so that its
microsite (and the overview, for the municipality's own logo) is built again. They flush; the
request commits."""

import hashlib

from sqlalchemy import select

from webapp import audit, data_version
from webapp.branding.images import check
from webapp.extensions import db
from webapp.models import Logo, Municipality, Organisation, User, utcnow


def owner_of(municipality: Municipality, organisation: Organisation | None) -> str:
    return f"o{organisation.id}" if organisation is not None else f"m{municipality.id}"


def logo_of(municipality: Municipality, organisation: Organisation | None = None) -> Logo | None:
    return db.session.scalars(
        select(Logo).where(
            Logo.owner == owner_of(municipality, organisation),
            Logo.municipality_id == municipality.id,
        )
    ).first()


def store(
    municipality: Municipality, organisation: Organisation | None, data: bytes, actor: User
) -> Logo:
    """Check the bytes (LogoRefused says why not) and keep them as the logo."""
    image = check(data)
    logo = logo_of(municipality, organisation)
    if logo is None:
        logo = Logo(
            owner=owner_of(municipality, organisation),
            municipality_id=municipality.id,
            organisation_id=organisation.id if organisation is not None else None,
        )
        db.session.add(logo)
    logo.content_type = image.content_type
    logo.width, logo.height, logo.size = image.width, image.height, len(data)
    logo.sha256 = hashlib.sha256(data).hexdigest()
    logo.data = data
    logo.uploaded_by_id = actor.id
    logo.uploaded_at = utcnow()
    db.session.flush()
    whose = f"van {organisation.name}" if organisation is not None else f"van {municipality.name}"
    audit.record(municipality, actor, "logo.upload", logo, f"Logo {whose} opgeladen.")
    data_version.move(db.session.connection(), {municipality.id})
    return logo


def remove(municipality: Municipality, organisation: Organisation | None, actor: User) -> bool:
    logo = logo_of(municipality, organisation)
    if logo is None:
        return False
    whose = f"van {organisation.name}" if organisation is not None else f"van {municipality.name}"
    audit.record(municipality, actor, "logo.remove", logo, f"Logo {whose} verwijderd.")
    db.session.delete(logo)
    db.session.flush()
    data_version.move(db.session.connection(), {municipality.id})
    return True


def public_logos(municipality: Municipality) -> dict[str, Logo]:
    """Every logo of the municipality by owner, with its bytes (for the microsite)."""
    from sqlalchemy.orm import undefer

    return {
        logo.owner: logo
        for logo in db.session.scalars(
            select(Logo).where(Logo.municipality_id == municipality.id).options(undefer(Logo.data))
        )
    }
