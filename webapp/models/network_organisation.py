"""An organisation that works in several municipalities (a CAW, an Eerstelijnszone) exists once
in the network: one identity that links the organisation of each municipality, each of which
keeps its own agreement with that municipality.

A link, not a merge: every right still follows the per-municipality organisation (its
agreement, its staff's memberships), so the link opens nothing in another municipality."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db


class NetworkOrganisation(db.Model):
    __tablename__ = "network_organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
