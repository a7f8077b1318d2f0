"""The shared models, one module per aggregate."""

from webapp.models.municipality import Municipality, Organisation, TargetGroup, Theme
from webapp.models.signal import (
    Feedback,
    Follow,
    Reinforcement,
    Signal,
    SignalStatus,
    StatusChange,
    Supplement,
)
from webapp.models.types import utcnow
from webapp.models.user import Invitation, Membership, PasswordReset, Role, User

__all__ = [
    "Feedback",
    "Follow",
    "Invitation",
    "Membership",
    "Municipality",
    "Organisation",
    "PasswordReset",
    "Reinforcement",
    "Role",
    "Signal",
    "SignalStatus",
    "StatusChange",
    "Supplement",
    "TargetGroup",
    "Theme",
    "User",
    "utcnow",
]
