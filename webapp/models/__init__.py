"""The shared models, one module per aggregate."""

from webapp.models import reporting  # noqa: F401  (indexes for the reports)
from webapp.models.followup import FollowupLink
from webapp.models.municipality import Municipality, Organisation, TargetGroup, Theme
from webapp.models.network import (
    SupralocalFeedback,
    SupralocalFile,
    SupralocalReferral,
    SupralocalStatus,
)
from webapp.models.partner import Agreement, AgreementStatus, Engagement
from webapp.models.privacy import EmailChange, RetentionSetting
from webapp.models.processing import (
    Action,
    ActionStatus,
    ActionUpdate,
    AuditEntry,
    CardStatus,
    InternalNote,
    Meeting,
    MeetingKind,
    SignalCard,
)
from webapp.models.review import ReviewedText
from webapp.models.signal import (
    Feedback,
    Follow,
    Reinforcement,
    Signal,
    SignalStatus,
    StatusChange,
    Supplement,
)
from webapp.models.site import SiteState
from webapp.models.types import utcnow
from webapp.models.user import Invitation, Membership, PasswordReset, Role, User

__all__ = [
    "FollowupLink",
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "Agreement",
    "AgreementStatus",
    "AuditEntry",
    "CardStatus",
    "Engagement",
    "InternalNote",
    "Meeting",
    "MeetingKind",
    "SignalCard",
    "Feedback",
    "Follow",
    "Invitation",
    "Membership",
    "Municipality",
    "Organisation",
    "PasswordReset",
    "Reinforcement",
    "ReviewedText",
    "Role",
    "Signal",
    "SignalStatus",
    "SiteState",
    "SupralocalFeedback",
    "SupralocalFile",
    "SupralocalReferral",
    "SupralocalStatus",
    "StatusChange",
    "Supplement",
    "TargetGroup",
    "Theme",
    "User",
    "utcnow",
    "EmailChange",
    "RetentionSetting",
]
