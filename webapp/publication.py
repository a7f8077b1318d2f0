"""The publication gate: nothing the personal-data guard flags goes public unreviewed.

A card, action or meeting whose public texts hold a finding can be made (or stay) public only
when a head processor confirms each flagged text. A confirmation covers one exact text (kept as
a hash, never the text): change the text and it needs confirming again. The services call
`gate` before they save and `confirm` after; the site generator asks `confirmed_hashes`.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select

from common.personal_data import guard as privacy_guard
from common.personal_data.guard import Finding
from webapp import access, audit
from webapp.extensions import db
from webapp.models import Municipality, ReviewedText, User

# What a field is meant to hold is not a finding in it: a meeting's place is a venue whose
# street address is public, the municipality's contact address is an e-mail address and its
# coordinator is a named public role. Everything else in those fields is still checked.
IGNORED_KINDS = {
    "place": {"address"},
    "contact_email": {"email"},
    "coordinator_name": {"person"},
    "contact_name": {"person"},
    "signatories": {"person"},
    # The privacy statement must name the controller's address, contact and DPO (AVG art. 13).
    "privacy_statement": {"email", "address", "phone", "person"},
}


def text_hash(text: str) -> str:
    """What a confirmation remembers of a text."""
    return hashlib.sha256(b"lokaal-signaal/reviewed-text\x00" + text.encode()).hexdigest()


def findings_in(field: str, text: str) -> list[Finding]:
    """The guard's findings in one public text; `field` names what kind of text it is."""
    ignored = IGNORED_KINDS.get(field, set())
    return [f for f in privacy_guard.scan(text) if f.kind not in ignored]


@dataclass(frozen=True)
class FlaggedText:
    field: str  # title, summary, description, place, update
    label: str  # Dutch, for the review step
    text: str
    findings: list[Finding]


class PublicationBlocked(Exception):
    """A public text holds a finding nobody with the right to do so has confirmed."""

    def __init__(self, flagged: list[FlaggedText]):
        self.flagged = flagged
        names = ", ".join(f.label for f in flagged)
        super().__init__(f"Persoonsgegevens in: {names}")


def card_texts(title: str, summary: str) -> list[tuple[str, str, str]]:
    """The (field, label, text) a published card shows."""
    return [("title", "Titel", title), ("summary", "Publieke samenvatting", summary or "")]


def action_texts(title: str, description: str, updates) -> list[tuple[str, str, str]]:
    """What a public action shows: its own texts and every progress update, given as
    (happened_on, body) pairs."""
    return [
        ("title", "Titel", title),
        ("description", "Beschrijving", description or ""),
        *(update_text(happened_on, body) for happened_on, body in updates),
    ]


def update_text(happened_on, body: str) -> tuple[str, str, str]:
    return ("update", f"Voortgang van {happened_on:%d-%m-%Y}", body or "")


def meeting_texts(title: str, place: str, description: str) -> list[tuple[str, str, str]]:
    """What a public meeting shows on the agenda and in the feed."""
    return [
        ("title", "Titel", title),
        ("place", "Plaats", place or ""),
        ("description", "Beschrijving", description or ""),
    ]


def agreement_texts(
    title: str, contact_name: str, contact_email: str, signatories: str, body: str
) -> list[tuple[str, str, str]]:
    """Every text an agreement in force shows to anyone, in the app and on the site."""
    return [
        ("title", "Titel", title or ""),
        ("contact_name", "Contactpersoon", contact_name or ""),
        ("contact_email", "E-mailadres van de contactpersoon", contact_email or ""),
        ("signatories", "Ondertekenaars", signatories or ""),
        ("body", "Tekst van de overeenkomst", body or ""),
    ]


def organisation_texts(name: str, website: str, public_contact: str) -> list[tuple[str, str, str]]:
    """What anyone reads of a partner organisation (every organisation is public)."""
    return [
        ("name", "Naam van de organisatie", name or ""),
        ("website", "Website", website or ""),
        ("contact_email", "Publiek contactadres", public_contact or ""),
    ]


def unconfirmed(subject, texts: Iterable[tuple[str, str, str]]) -> list[FlaggedText]:
    """The flagged texts of a saved record that no head processor confirmed yet."""
    subject_type = type(subject).__tablename__
    known = confirmed_hashes(subject_type, [subject.id])[subject.id]
    return [f for f in flagged_texts(texts) if text_hash(f.text) not in known]


def flagged_texts(texts: Iterable[tuple[str, str, str]]) -> list[FlaggedText]:
    """The (field, label, text) triples in which the guard finds something."""
    flagged = []
    for field, label, text in texts:
        found = findings_in(field, text or "")
        if found:
            flagged.append(FlaggedText(field, label, text, found))
    return flagged


def confirmed_hashes(subject_type: str, subject_ids: Iterable[int]) -> dict[int, set[str]]:
    """Per record, the hashes of its texts a head processor confirmed."""
    ids = list(subject_ids)
    hashes: dict[int, set[str]] = {i: set() for i in ids}
    if not ids:
        return hashes
    rows = db.session.execute(
        select(ReviewedText.subject_id, ReviewedText.text_hash).where(
            ReviewedText.subject_type == subject_type, ReviewedText.subject_id.in_(ids)
        )
    )
    for subject_id, digest in rows:
        hashes[subject_id].add(digest)
    return hashes


def check(
    subject_type: str,
    subject_id: int | None,
    texts: Iterable[tuple[str, str, str]],
    *,
    may_confirm: bool,
    confirm: bool,
) -> list[FlaggedText]:
    """Before a public save: the flagged texts that this save confirms (empty when none).

    Raises PublicationBlocked when a flagged text is not confirmed yet and this save may not
    or does not confirm it.
    """
    flagged = flagged_texts(texts)
    if not flagged:
        return []
    known = confirmed_hashes(subject_type, [subject_id])[subject_id] if subject_id else set()
    pending = [f for f in flagged if text_hash(f.text) not in known]
    if pending and not (may_confirm and confirm):
        raise PublicationBlocked(pending)
    return pending


def gate(
    subject_type: str,
    municipality: Municipality,
    actor: User,
    subject_id: int | None,
    texts: list[tuple[str, str, str]],
    *,
    public: bool,
    confirm: bool,
) -> list[FlaggedText]:
    """`check` for a record that will be public after the save; only a head processor may
    confirm. Nothing to check for a draft or an internal record."""
    if not public:
        return []
    may_confirm = access.may_confirm_publication(actor, municipality)
    return check(subject_type, subject_id, texts, may_confirm=may_confirm, confirm=confirm)


def confirm(
    municipality: Municipality,
    actor: User,
    subject,
    confirmed: list[FlaggedText],
    current_texts: Iterable[str],
) -> None:
    """Record the confirmations of a save (with an audit entry) and forget those of texts that
    are gone, so an old confirmation never covers a text again."""
    subject_type = type(subject).__tablename__
    current = {text_hash(text or "") for text in current_texts}
    db.session.execute(
        delete(ReviewedText).where(
            ReviewedText.subject_type == subject_type,
            ReviewedText.subject_id == subject.id,
            ReviewedText.text_hash.not_in(current),
        )
    )
    if not confirmed:
        return
    for flagged in confirmed:
        db.session.add(
            ReviewedText(
                municipality_id=municipality.id,
                subject_type=subject_type,
                subject_id=subject.id,
                text_hash=text_hash(flagged.text),
            )
        )
    db.session.flush()
    kinds = privacy_guard.summary(f for flagged in confirmed for f in flagged.findings)
    found = ", ".join(f"{count} × {label}" for label, count in kinds)
    fields = ", ".join(flagged.label.lower() for flagged in confirmed)
    audit.record(
        municipality,
        actor,
        "publication.confirm",
        subject,
        f"Bevestigd dat de gemarkeerde tekst geen persoonsgegevens van burgers bevat ({fields}: "
        f"{found}); vrijgegeven voor publicatie.",
    )
