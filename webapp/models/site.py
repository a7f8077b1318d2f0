"""Whether a municipality's public microsite may be out of date, and who builds it now."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.models.types import UTCDateTime, utcnow


class SiteState(db.Model):
    """A municipality's data version (webapp/data_version.py): one row per municipality whose
    data changed at least once.

    Database triggers bump `generation` in the same transaction as every write to the tables
    the caches and the microsites read (migration 0015). The site generator never writes here:
    it remembers in its own output directory which generation it built, and `sites build
    --stale` rebuilds where they differ.
    """

    __tablename__ = "site_state"

    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True
    )
    generation: Mapped[int] = mapped_column(default=1, server_default="1")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SiteBuildLease(db.Model):
    """Who builds a public site right now, and until when (webapp/site_lease.py).

    `site` is a municipality's slug, or the overview's key. A row outlives its build only until
    `expires_at`: a worker that died holding a lease blocks nobody for long.
    """

    __tablename__ = "site_build_lease"

    site: Mapped[str] = mapped_column(String(80), primary_key=True)
    holder: Mapped[str] = mapped_column(String(120))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
