"""A municipality's own privacy statement and data-processing text, every version kept."""

import json
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.models.types import UTCDateTime, utcnow

PRIVACY_KINDS = {
    "privacy": "Privacyverklaring",
    "processing": "Verwerkingsovereenkomst en gegevensverwerking",
}


class PrivacyText(db.Model):
    __tablename__ = "privacy_text"
    __table_args__ = (UniqueConstraint("municipality_id", "kind", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    # For the privacy statement: the version users accept (Municipality.privacy_version).
    version: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    # The statement's parts (common/privacy_statement.py) as JSON; None for a version written
    # as one Markdown text before the parts existed, and for the processing text.
    fields_json: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def fields(self) -> dict | None:
        return json.loads(self.fields_json) if self.fields_json else None
