"""The demo municipalities' privacy statements, complete: every part seed 004 names, with
made-up address, enterprise number and DPO, so a visitor sees what a finished statement looks
like (the real values are the municipality's to fill in)."""

import json

from sqlalchemy import select

from common import privacy_statement as statement
from webapp.extensions import db
from webapp.models import Municipality, PrivacyText

DEMO_PROCESSORS = """\
- De hosting van Lokaal Signaal, in een datacenter in België, met een
  verwerkersovereenkomst (in deze demo fictief).
- De verzending van e-mails, via de mailserver van de gemeente."""


def load_privacy_statement(municipality: Municipality, number: int) -> None:
    """The current version as a statement in parts, once: a head processor's later versions
    stay."""
    written = db.session.scalars(
        select(PrivacyText.id).where(
            PrivacyText.municipality_id == municipality.id,
            PrivacyText.kind == "privacy",
            PrivacyText.version == municipality.privacy_version,
        )
    ).first()
    if written is not None:
        return
    parts = statement.defaults(municipality.name, municipality.contact_email)
    parts.update(
        controller_contact=municipality.contact_email
        or f"privacy@{municipality.slug}.example.org (fictief)",
        controller_address=f"Marktplein {number + 1}, {municipality.name} (fictief demo-adres)",
        enterprise_number=f"BE 0999.{number:03d}.{number * 7 % 1000:03d}",
        dpo_contact=f"dpo@{municipality.slug}.example.org (fictief)",
        processors=DEMO_PROCESSORS,
        authority="vtc",
    )
    db.session.add(
        PrivacyText(
            municipality_id=municipality.id,
            kind="privacy",
            version=municipality.privacy_version,
            body=statement.render(parts, municipality.privacy_version, municipality.name),
            fields_json=json.dumps(parts, ensure_ascii=False, sort_keys=True),
        )
    )
