"""Dutch labels of codes that several domains show: statuses, roles, meeting kinds, mail
settings, what a record is. "Mijn gegevens", the exports and the person pages read them here,
so a code never reaches a person as itself."""

from webapp.models import (
    ActionStatus,
    AgreementStatus,
    JoinRequestStatus,
    MeetingKind,
    Role,
    SignalStatus,
)

MEETING_KIND_LABELS = {
    MeetingKind.CONSULTATION: "Overleg",
    MeetingKind.SIGNAL_DAY: "Signaaldag",
    MeetingKind.NETWORK: "Netwerkmoment",
    MeetingKind.WORK_SESSION: "Werksessie",
    MeetingKind.ACTION_DAY: "Actiedag",
}

AGREEMENT_STATUS_LABELS = {
    AgreementStatus.DRAFT: "ontwerp",
    AgreementStatus.ACTIVE: "actief",
    AgreementStatus.ENDED: "beëindigd",
}
JOIN_REQUEST_STATUS_LABELS = {
    JoinRequestStatus.PENDING: "wacht op een beslissing",
    JoinRequestStatus.APPROVED: "goedgekeurd",
    JoinRequestStatus.DECLINED: "geweigerd",
}

# A processor's mail setting (Membership.notify); the form's longer wording is in
# webapp/processing/forms.py.
NOTIFY_LABELS = {
    "immediate": "meteen, één e-mail per nieuw signaal",
    "digest": "één keer per dag een overzicht",
    "none": "geen e-mails",
}

# Mail about the status of the signals one gave or follows (Membership.status_mail).
STATUS_MAIL_LABELS = {
    "immediate": "bij elke wijziging een e-mail, met de toelichting",
    "digest": "een dagelijks overzicht van de wijzigingen",
    "none": "geen e-mails",
}

# Authentication events (AuthEvent.kind): for a person reading their own and in the access log.
AUTH_EVENT_LABELS = {
    "login": "aangemeld",
    "login_failed": "aanmelden mislukt",
    "login_throttled": "aanmelden tijdelijk geweigerd (te veel pogingen)",
    "locked": "account tijdelijk vergrendeld",
    "password_reset_requested": "wachtwoordherstel gevraagd",
    "password_reset": "wachtwoord hersteld",
    "role_granted": "rol gekregen",
    "two_factor": "tweestapsverificatie gewijzigd",
    "two_factor_on": "tweestapsverificatie aangezet",
    "two_factor_off": "tweestapsverificatie uitgezet",
    "two_factor_failed": "tweestapsverificatie: verkeerde code",
    "recovery_code_used": "herstelcode gebruikt",
    "invitation_accepted": "uitnodiging aanvaard",
    "logout": "afgemeld",
    "session_expired": "sessie verlopen",
}

# What a record is (AuditEntry.subject_type holds the table's name).
SUBJECT_LABELS = {
    "signal": "signaal",
    "signal_card": "signaalfiche",
    "action": "actie",
    "action_update": "voortgang van een actie",
    "meeting": "bijeenkomst",
    "meeting_invitation": "uitnodiging voor een bijeenkomst",
    "municipality": "gemeente",
    "organisation": "organisatie",
    "theme": "thema",
    "target_group": "doelgroep",
    "agreement": "overeenkomst",
    "join_request": "aanvraag om mee te werken",
    "invitation": "uitnodiging",
    "membership": "rol",
    "user_account": "persoon",
    "privacy_text": "privacyverklaring",
    "supralocal_file": "bovenlokaal dossier",
    "supralocal_referral": "bovenlokale doorverwijzing",
    "internal_note": "interne notitie",
    "feedback": "terugkoppeling",
    "retention_setting": "bewaartermijn",
}


def _label(labels: dict, value):
    """The label, or the value itself when it is not a code of this kind (a new code shows
    rather than disappear; tests hold the known ones to labels)."""
    return labels.get(value, value)


def action_status_label(value: str) -> str:
    return ActionStatus(value).label


def meeting_kind_label(value: str) -> str:
    return MEETING_KIND_LABELS[MeetingKind(value)]


def signal_status_label(value: str) -> str:
    """`in_progress` is "in behandeling"."""
    return SignalStatus(value).label if value in SignalStatus._value2member_map_ else value


def role_label(value: str) -> str:
    """`giver` is "signaalgever"."""
    return Role(value).label if value in Role._value2member_map_ else value


def notify_label(value: str) -> str:
    return _label(NOTIFY_LABELS, value)


def status_mail_label(value: str) -> str:
    return _label(STATUS_MAIL_LABELS, value)


def auth_event_label(value: str) -> str:
    return _label(AUTH_EVENT_LABELS, value)


def subject_label(value: str) -> str:
    return _label(SUBJECT_LABELS, value)


def agreement_status_label(value: str) -> str:
    return _label({k.value: v for k, v in AGREEMENT_STATUS_LABELS.items()}, value)


def join_request_status_label(value: str) -> str:
    return _label({k.value: v for k, v in JOIN_REQUEST_STATUS_LABELS.items()}, value)
