"""Dutch labels of codes that several domains show: action statuses and meeting kinds."""

from webapp.models import ActionStatus, MeetingKind

MEETING_KIND_LABELS = {
    MeetingKind.CONSULTATION: "Overleg",
    MeetingKind.SIGNAL_DAY: "Signaaldag",
    MeetingKind.NETWORK: "Netwerkmoment",
    MeetingKind.WORK_SESSION: "Werksessie",
    MeetingKind.ACTION_DAY: "Actiedag",
}


def action_status_label(value: str) -> str:
    return ActionStatus(value).label


def meeting_kind_label(value: str) -> str:
    return MEETING_KIND_LABELS[MeetingKind(value)]
