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
