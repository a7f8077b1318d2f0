"""The audit trail: every change a processor makes, with who and when."""

from webapp.extensions import db
from webapp.models import AuditEntry, Municipality, User

# Every code passed to `record`, as the audit log names it in its filter and its entries
# (tests/processing/test_audit_log.py checks that none is missing).
ACTION_LABELS = {
    "signal.status": "status van een signaal",
    "signal.assign": "toewijzing van een signaal",
    "signal.note": "interne notitie",
    "signal.feedback": "terugkoppeling",
    "notifications.settings": "instellingen voor meldingen",
    "card.create": "nieuwe signaalfiche",
    "card.update": "signaalfiche bewerkt",
    "card.status": "status van een signaalfiche",
    "action.create": "nieuwe actie",
    "action.update": "actie bewerkt",
    "action.progress": "voortgang van een actie",
    "meeting.create": "nieuwe bijeenkomst",
    "meeting.update": "bijeenkomst bewerkt",
    "meeting.agenda": "agenda van een bijeenkomst",
    "signal.followup_revoke": "opvolglinks ingetrokken",
    "publication.confirm": "bevestiging: geen persoonsgegevens, vrijgegeven voor publicatie",
    "signal.redact": "persoonsgegevens verwijderd uit een signaal",
    "privacy.correct": "gegevens verbeterd",
    "privacy.email": "e-mailadres gewijzigd",
    "privacy.restrict": "verwerking beperkt",
    "privacy.erase": "account gewist",
    "privacy.purge": "bewaartermijnen toegepast",
    "card.refer_supralocal": "signaalfiche bovenlokaal doorverwezen",
    "agreement.create": "nieuwe overeenkomst",
    "agreement.save": "overeenkomst bewaard",
    "agreement.active": "overeenkomst in werking",
    "agreement.ended": "overeenkomst beëindigd",
    "agreement.draft": "overeenkomst terug naar ontwerp",
    "organisation.create": "nieuwe organisatie",
    "organisation.update": "organisatie bewerkt",
    "join_request.approved": "aanvraag om mee te werken goedgekeurd",
    "join_request.declined": "aanvraag om mee te werken afgewezen",
    "account_request.approved": "accountaanvraag goedgekeurd",
    "account_request.declined": "accountaanvraag geweigerd",
    "logo.upload": "logo opgeladen",
    "theme.network": "netwerkthema's gekoppeld",
    "logo.remove": "logo verwijderd",
    "invitation.create": "uitnodiging verstuurd",
    "invitation.resend": "uitnodiging opnieuw verstuurd",
    "invitation.revoke": "uitnodiging ingetrokken",
    "person.role": "rol gewijzigd",
    "person.deactivate": "account gedeactiveerd",
    "person.reactivate": "account geheractiveerd",
    "privacy.request": "privacyverzoek ontvangen",
    "privacy.request_answered": "privacyverzoek beantwoord",
    "privacy.object": "bezwaar ontvangen",
    "meeting.invite": "uitnodigingen voor een bijeenkomst",
    "municipality.settings": "instellingen van de gemeente",
    "municipality.privacy": "nieuwe versie van de privacyverklaring",
    "privacy.consent_accepted": "akkoord met de privacyverklaring",
    "privacy.consent_withdrawn": "toestemming ingetrokken",
    "theme.add": "nieuw thema",
    "theme.rename": "thema hernoemd",
    "theme.retire": "thema (niet meer) in gebruik",
    "target_group.add": "nieuwe doelgroep",
    "target_group.rename": "doelgroep hernoemd",
    "target_group.retire": "doelgroep (niet meer) in gebruik",
    "decision.add": "beleidsbeslissing toegevoegd",
    "decision.remove": "beleidsbeslissing verwijderd",
}


def label(action: str) -> str:
    """The Dutch name of an audit code; an unknown code says so rather than showing itself."""
    return ACTION_LABELS.get(action, "andere wijziging")


def record(
    municipality: Municipality,
    actor: User | None,
    action: str,
    subject,
    summary: str,
) -> AuditEntry:
    """Add an entry for a change to `subject` (a model instance); flushed with the change.

    `action` names the change in code ("signal.status", "card.publish", ...); `summary` says it
    in Dutch for the head processor who browses the log.
    """
    entry = AuditEntry(
        municipality_id=municipality.id,
        actor_id=actor.id if actor is not None else None,
        action=action,
        subject_type=type(subject).__tablename__,
        subject_id=subject.id,
        summary=summary,
    )
    db.session.add(entry)
    return entry


def add_recorded(municipality: Municipality, actor: User | None, action: str, new, summary: str):
    """Add a new record (flushed, so it has its id) together with its audit entry."""
    db.session.add(new)
    db.session.flush()
    record(municipality, actor, action, new, summary)
    return new
