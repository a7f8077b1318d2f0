"""Logos of a municipality and of its partner organisations, shown on the public microsites.

Kept in the database (checked by their bytes on upload, webapp/branding/images.py) and copied
into each site as a static file when it is built: a microsite never links to another server."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.models.types import UTCDateTime, utcnow

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


class Logo(db.Model):
    __tablename__ = "logo"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "m<municipality id>" for the municipality's own logo, "o<organisation id>" for a partner's.
    owner: Mapped[str] = mapped_column(String(30), unique=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE")
    )
    content_type: Mapped[str] = mapped_column(String(20))
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, deferred=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def file_name(self) -> str:
        """The name of the static file in a site: changes with the image, so caches refresh."""
        return f"{self.owner}-{self.sha256[:12]}.{EXTENSIONS[self.content_type]}"
