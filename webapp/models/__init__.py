"""The shared models, one module per aggregate."""

from webapp.models import reporting  # noqa: F401  (indexes for the reports)
from webapp.models.attendance import ANSWER_LABELS, MeetingInvitation  # noqa: E402
from webapp.models.decision import (
    PolicyDecision,
    Priority,
    ProcessorDomain,
    SignalReferral,
    processor_domain,
)
from webapp.models.followup import FollowupLink
from webapp.models.logo import Logo
from webapp.models.municipality import Municipality, Organisation, TargetGroup, Theme
from webapp.models.network import (
    SupralocalFeedback,
    SupralocalFile,
    SupralocalReferral,
    SupralocalStatus,
)
from webapp.models.network_organisation import NetworkOrganisation
from webapp.models.network_theme import NetworkTheme
from webapp.models.partner import (
    Agreement,
    AgreementStatus,
    AgreementVersion,
    Engagement,
    JoinRequest,
    JoinRequestStatus,
)
from webapp.models.privacy import EmailChange, PrivacyRequest, RetentionSetting
from webapp.models.privacy_text import PRIVACY_KINDS, PrivacyText
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
from webapp.models.report_summary import (
    ReportFeedbackMonth,
    ReportMonth,
    ReportSignalState,
    ReportStale,
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
from webapp.models.signup import AccountRequest, MunicipalityRequest, RequestStatus
from webapp.models.site import SiteBuildLease, SiteState
from webapp.models.types import utcnow
from webapp.models.user import (
    ENGAGEMENT_KINDS,
    Invitation,
    Membership,
    PasswordReset,
    Role,
    User,
    UserEngagement,
)

__all__ = [
    "FollowupLink",
    "PolicyDecision",
    "ProcessorDomain",
    "Priority",
    "SignalReferral",
    "processor_domain",
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "Agreement",
    "AgreementStatus",
    "AgreementVersion",
    "AuditEntry",
    "CardStatus",
    "Engagement",
    "InternalNote",
    "Meeting",
    "MeetingKind",
    "MeetingInvitation",
    "ANSWER_LABELS",
    "SignalCard",
    "Feedback",
    "Follow",
    "Invitation",
    "JoinRequest",
    "JoinRequestStatus",
    "Membership",
    "Municipality",
    "Organisation",
    "PasswordReset",
    "PrivacyText",
    "PRIVACY_KINDS",
    "Reinforcement",
    "ReportFeedbackMonth",
    "ReportMonth",
    "ReportSignalState",
    "ReportStale",
    "ReviewedText",
    "Role",
    "Signal",
    "SignalStatus",
    "SiteBuildLease",
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
    "UserEngagement",
    "ENGAGEMENT_KINDS",
    "utcnow",
    "EmailChange",
    "PrivacyRequest",
    "RetentionSetting",
    "AccountRequest",
    "MunicipalityRequest",
    "RequestStatus",
    "Logo",
    "NetworkTheme",
    "NetworkOrganisation",
]
