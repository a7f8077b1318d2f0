"""The shared models, one module per aggregate."""

from webapp.models.municipality import Municipality, Organisation, TargetGroup, Theme
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
from webapp.models.security import (  # noqa: F401
    AuthEvent,
    MunicipalitySecurity,
    OutboxMail,
    RecoveryCode,
    SiteBuildFailure,
    ThrottleCounter,
    TwoFactor,
)
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
    "StatusChange",
    "Supplement",
    "TargetGroup",
    "Theme",
    "User",
    "utcnow",
    "EmailChange",
    "RetentionSetting",
]

# Registers the session listener that marks a municipality's public site stale whenever its
# public data changes, for every session of the app, the CLI and the scripts alike.
from webapp import site_state  # noqa: E402, F401
