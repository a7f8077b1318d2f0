"""A person's data in Dutch: the rows of the registry (webapp/privacy/registry.py) with Dutch
keys, codes as words ("in behandeling", "signaalgever"), numbers of records as their names
("CAW Oost-Vlaanderen", not 19) and moments as "7 december 2026 om 16.18" in Belgian time.

"Mijn gegevens", its downloads and the person pages read the same rows. The formatters here
(`value`, `moment`) are for any page that shows a person's records.
"""

import re
from collections import defaultdict
from contextlib import suppress
from datetime import date, datetime

from sqlalchemy import select

from common.dutch import long_date, moment
from webapp import audit
from webapp.extensions import db
from webapp.labels import (
    agreement_status_label,
    auth_event_label,
    join_request_status_label,
    notify_label,
    role_label,
    signal_status_label,
    status_mail_label,
    subject_label,
)
from webapp.models import (
    ANSWER_LABELS,
    Action,
    Agreement,
    Engagement,
    Meeting,
    Municipality,
    Organisation,
    Role,
    Signal,
    SignalCard,
    SupralocalFile,
    SupralocalStatus,
    Theme,
)
from webapp.models.privacy_text import PRIVACY_KINDS
from webapp.models.user import ENGAGEMENT_KINDS

# The Dutch key of each exported column: the export's keys and the page's labels (documented in
# docs/mijn-gegevens.md; tests/privacy/test_dutch_export.py holds every column to one).
FIELD_LABELS = {
    "id": "nummer",
    "name": "naam",
    "email": "e-mailadres",
    "organisation_id": "organisatie",
    "active": "actief",
    "processing_restricted": "naam afgeschermd",
    "erased_at": "gewist op",
    "last_login_at": "laatst aangemeld",
    "created_at": "aangemaakt op",
    "municipality_id": "gemeente",
    "role": "rol",
    "notify": "meldingen",
    "last_digest_at": "laatste overzicht",
    "privacy_consent_version": "privacyverklaring versie",
    "privacy_consent_at": "toestemming gegeven op",
    "reference": "referentie",
    "title": "titel",
    "description": "wat werd vastgesteld",
    "tried": "wat werd al geprobeerd",
    "ideas": "ideeën",
    "status": "status",
    "contact_email": "contactadres",
    "personal_data_confirmed": "bevestigd zonder persoonsgegevens",
    "assignee_id": "toegewezen aan",
    "domain_id": "beleidsdomein",
    "reinforcement_count": "versterkingen",
    "updated_at": "laatst gewijzigd",
    "signal_id": "signaal",
    "context": "toelichting",
    "body": "tekst",
    "from_status": "van status",
    "to_status": "naar status",
    "note": "toelichting",
    "published": "gepubliceerd",
    "action_id": "actie",
    "happened_on": "datum",
    "action": "soort wijziging",
    "subject_type": "over",
    "subject_id": "over nummer",
    "summary": "samenvatting",
    "expires_at": "geldig tot",
    "used_at": "gebruikt op",
    "revoked_at": "ingetrokken op",
    "new_email": "nieuw e-mailadres",
    "kind": "soort",
    "address": "IP-adres",
    "detail": "toelichting",
    "enabled_at": "aangezet op",
    "meeting_id": "bijeenkomst",
    "answer": "antwoord",
    "answered_at": "geantwoord op",
    "agreement_id": "overeenkomst",
    "number": "versie",
    "engagement": "manier van meewerken",
    "version": "versie",
    "organisation_name": "organisatie",
    "decision_message": "bericht bij de beslissing",
    "decided_at": "beslist op",
    "card_id": "signaalfiche",
    "motivation": "motivering",
    "file_id": "dossier",
    "received_on": "ontvangen op",
    "deadline": "antwoord uiterlijk op",
    "state": "stand van zaken",
    "restricts": "verwerking beperkt tot het verzoek behandeld is",
    "outcome": "uitkomst",
    "status_mail": "e-mails over de status van signalen",
    "last_status_digest_at": "laatste overzicht van statuswijzigingen",
    "decided_on": "datum van de beslissing",
    "taken_by": "beslist door",
    "theme_id": "beleidsdomein",
    "content_type": "soort bestand",
    "width": "breedte (pixels)",
    "height": "hoogte (pixels)",
    "uploaded_at": "opgeladen op",
    "municipality_name": "naam van de gemeente",
    "handled_at": "behandeld op",
}
# The keys of a mail row (webapp/outbox.py gives them in English).
MAIL_LABELS = {
    "to": "aan",
    "subject": "onderwerp",
    "created_at": "aangemaakt op",
    "sent_at": "verstuurd op",
}


# A column that holds the number of another record, and what names that record.
REFERENCES = {
    "organisation_id": Organisation.name,
    "municipality_id": Municipality.name,
    "signal_id": Signal.reference,
    "action_id": Action.title,
    "meeting_id": Meeting.title,
    "agreement_id": Agreement.title,
    "card_id": SignalCard.title,
    "file_id": SupralocalFile.title,
    "domain_id": Theme.name,
}
CHUNK = 500  # ids per query: the databases' limits on bound parameters


class Names:
    """The names of every record the rows point at, read with one query per kind of record."""

    def __init__(self, rows_per_source: dict[str, list[dict]]):
        wanted: dict[str, set[int]] = defaultdict(set)
        for rows in rows_per_source.values():
            for values in rows:
                for name in REFERENCES.keys() & values.keys():
                    if values[name] is not None:
                        wanted[name].add(values[name])
        self._names: dict[str, dict[int, str]] = {}
        for name, ids in wanted.items():
            column = REFERENCES[name]
            key = column.class_.id
            found: dict[int, str] = {}
            ordered = sorted(ids)
            for start in range(0, len(ordered), CHUNK):
                part = ordered[start : start + CHUNK]
                found.update(db.session.execute(select(key, column).where(key.in_(part))).all())
            self._names[name] = found

    def get(self, column: str, number: int) -> str:
        return self._names.get(column, {}).get(number) or f"nummer {number}"


def _supralocal_status(value: str) -> str:
    return SupralocalStatus(value).label if value in SupralocalStatus._value2member_map_ else value


def _engagement(value: int) -> str:
    return Engagement(value).label if value in Engagement._value2member_map_ else str(value)


# The status column means something else per source.
STATUS_BY_SOURCE = {
    "overeenkomstversies": agreement_status_label,
    "aanvragen-beslist": join_request_status_label,
    "bovenlokale-dossiers": _supralocal_status,
}
KIND_BY_SOURCE = {
    "engagementen": lambda value: ENGAGEMENT_KINDS.get(value, value),
    "privacyteksten": lambda value: PRIVACY_KINDS.get(value, value),
    "aanmeldingen": auth_event_label,
}
CODES = {
    "role": role_label,
    "notify": notify_label,
    "status_mail": status_mail_label,
    "from_status": signal_status_label,
    "to_status": signal_status_label,
    "action": audit.label,
    "subject_type": subject_label,
    "engagement": _engagement,
    "answer": lambda value: ANSWER_LABELS.get(value, value),
}


ROLE_DETAIL = re.compile(r"^(\w+)( in .*)$")


def _role_in_words(detail: str) -> str:
    """An event's detail that names a role code ("giver in gent (uitnodiging 5)") in Dutch."""
    found = ROLE_DETAIL.match(detail)
    if found and found.group(1) in {role.value for role in Role}:
        return Role(found.group(1)).label + found.group(2)
    return detail


def value(raw):
    """A plain value as a person reads it: yes or no, a Belgian moment, a Dutch date."""
    if raw is True:
        return "ja"
    if raw is False:
        return "nee"
    if isinstance(raw, datetime):
        return moment(raw)
    if isinstance(raw, date):
        return long_date(raw)
    return raw


def _one(user, source_key: str, name: str, raw, names: Names):
    if raw is None:
        return None
    if name == "status":
        return STATUS_BY_SOURCE.get(source_key, signal_status_label)(raw)
    if name == "kind" and source_key in KIND_BY_SOURCE:
        return KIND_BY_SOURCE[source_key](raw)
    if name == "detail" and source_key == "aanmeldingen":
        return _role_in_words(raw)
    if name in CODES:
        return CODES[name](raw)
    if name == "assignee_id":
        # Another person's name is theirs: the giver reads that someone took it up.
        return "jij" if raw == user.id else "een signaalverwerker van de gemeente"
    if name in REFERENCES:
        return names.get(name, raw)
    return value(raw)


def row(user, source_key: str, values: dict, names: Names) -> dict:
    """One row of a source with Dutch keys and readable values."""
    return {
        FIELD_LABELS[name]: _one(user, source_key, name, raw, names) for name, raw in values.items()
    }


def mail(values: dict) -> dict:
    """A mail row of the outbox (ISO moments, English keys) in Dutch."""
    readable = {}
    for name, raw in values.items():
        if name.endswith("_at") and isinstance(raw, str) and raw:
            with suppress(ValueError):
                raw = datetime.fromisoformat(raw)
        readable[MAIL_LABELS.get(name, name)] = value(raw)
    return readable
