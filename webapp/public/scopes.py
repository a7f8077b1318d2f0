"""What anyone may read: published cards, public actions and meetings, partner organisations,
agreements in force, and aggregate counts. The public microsites read the app only through
these; small counts are suppressed by the read model itself (webapp/public/snapshot.py).
"""

from datetime import date

from sqlalchemy import Select, distinct, extract, func, or_, select

from webapp.models import (
    Action,
    Agreement,
    AgreementStatus,
    Logo,
    Meeting,
    Membership,
    Municipality,
    Organisation,
    PolicyDecision,
    Role,
    Signal,
    SignalCard,
    User,
)
from webapp.models.network import SupralocalFeedback, SupralocalFile, SupralocalReferral
from webapp.models.processing import card_action, card_signal, meeting_card
from webapp.models.signal import signal_theme


def public_cards(municipality: Municipality) -> Select:
    """What anyone may read, such as the public microsite: published cards."""
    return select(SignalCard).where(
        SignalCard.municipality_id == municipality.id, SignalCard.published.is_(True)
    )


def public_actions(municipality: Municipality) -> Select:
    return select(Action).where(
        Action.municipality_id == municipality.id, Action.is_public.is_(True)
    )


def public_meetings(municipality: Municipality) -> Select:
    return select(Meeting).where(
        Meeting.municipality_id == municipality.id, Meeting.is_public.is_(True)
    )


def public_organisations(municipality: Municipality) -> Select:
    """The organisations of a municipality: names and kinds are public."""
    return select(Organisation).where(Organisation.municipality_id == municipality.id)


def active_agreements(municipality: Municipality, today: date) -> Select:
    """Agreements in force today; drafts and ended agreements are never public."""
    return select(Agreement).where(
        Agreement.municipality_id == municipality.id,
        Agreement.status == AgreementStatus.ACTIVE.value,
        or_(Agreement.starts_on.is_(None), Agreement.starts_on <= today),
        or_(Agreement.ends_on.is_(None), Agreement.ends_on >= today),
    )


def public_user_count(municipality: Municipality) -> Select:
    """How many active accounts hold a role in the municipality (a count, never who)."""
    return (
        select(func.count(distinct(Membership.user_id)))
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.municipality_id == municipality.id,
            Membership.role != Role.NETWORK.value,
            User.active.is_(True),
        )
    )


def public_signal_counts_by_status(municipality: Municipality) -> Select:
    """(status, number of signals) of a municipality."""
    return (
        select(Signal.status, func.count())
        .where(Signal.municipality_id == municipality.id)
        .group_by(Signal.status)
    )


def public_signal_counts_by_theme(municipality: Municipality) -> Select:
    """(theme id, number of signals) of a municipality."""
    return (
        select(signal_theme.c.theme_id, func.count())
        .join(Signal, Signal.id == signal_theme.c.signal_id)
        .where(Signal.municipality_id == municipality.id)
        .group_by(signal_theme.c.theme_id)
    )


def public_signal_counts_by_month(municipality: Municipality) -> Select:
    """(year, month, number of signals) by the month a signal came in (UTC)."""
    year = extract("year", Signal.created_at)
    month = extract("month", Signal.created_at)
    return (
        select(year, month, func.count())
        .where(Signal.municipality_id == municipality.id)
        .group_by(year, month)
    )


def public_card_provenance(municipality: Municipality) -> Select:
    """Per published card: (card id, signals, reinforcements, organisations) it bundles."""
    # Starts from the cards: a filter on the signals' municipality as well would lead SQLite to
    # probe every card for every signal of the municipality.
    cards = public_cards(municipality).with_only_columns(SignalCard.id)
    return (
        select(
            card_signal.c.card_id,
            func.count(distinct(Signal.id)),
            func.coalesce(func.sum(Signal.reinforcement_count), 0),
            func.count(distinct(Signal.organisation_id)),
        )
        .join(Signal, Signal.id == card_signal.c.signal_id)
        .where(card_signal.c.card_id.in_(cards))
        .group_by(card_signal.c.card_id)
    )


def public_card_actions(municipality: Municipality) -> Select:
    """(card id, action id) links where both the card and the action are public."""
    cards = public_cards(municipality).with_only_columns(SignalCard.id)
    actions = public_actions(municipality).with_only_columns(Action.id)
    return select(card_action.c.card_id, card_action.c.action_id).where(
        card_action.c.card_id.in_(cards), card_action.c.action_id.in_(actions)
    )


def public_card_meetings(municipality: Municipality) -> Select:
    """(card id, meeting id) links where both the card and the meeting are public."""
    cards = public_cards(municipality).with_only_columns(SignalCard.id)
    meetings = public_meetings(municipality).with_only_columns(Meeting.id)
    return select(meeting_card.c.card_id, meeting_card.c.meeting_id).where(
        meeting_card.c.card_id.in_(cards), meeting_card.c.meeting_id.in_(meetings)
    )


def public_supralocal_files(municipality: Municipality) -> Select:
    """(card id, file id, file title, file status) of published cards the network bundled
    into a supra-local file: the file and its feedback are public, like the cards."""
    cards = public_cards(municipality).with_only_columns(SignalCard.id)
    return (
        select(
            SupralocalReferral.card_id,
            SupralocalFile.id,
            SupralocalFile.title,
            SupralocalFile.status,
        )
        .join(SupralocalFile, SupralocalFile.id == SupralocalReferral.file_id)
        .where(SupralocalReferral.card_id.in_(cards))
    )


def public_supralocal_feedback(municipality: Municipality) -> Select:
    """(file id, date, text) of the network's feedback on files holding a published card."""
    files = public_supralocal_files(municipality).with_only_columns(SupralocalReferral.file_id)
    return select(
        SupralocalFeedback.file_id, SupralocalFeedback.created_at, SupralocalFeedback.body
    ).where(SupralocalFeedback.file_id.in_(files))


DECISION_COLUMNS = (
    PolicyDecision.id,
    PolicyDecision.decided_on,
    PolicyDecision.taken_by,
    PolicyDecision.body,
    PolicyDecision.plan_goal,
    PolicyDecision.link,
)


def public_card_decisions(municipality: Municipality) -> Select:
    """(card id, decision columns...) of the decisions on published cards (issue 21)."""
    cards = public_cards(municipality).with_only_columns(SignalCard.id)
    return select(PolicyDecision.card_id, *DECISION_COLUMNS).where(
        PolicyDecision.card_id.in_(cards)
    )


def public_minutes_meetings(municipality: Municipality) -> Select:
    """Public meetings whose minutes and decisions the processor made public."""
    return public_meetings(municipality).where(Meeting.minutes_public.is_(True))


def public_meeting_decisions(municipality: Municipality) -> Select:
    """(meeting id, decision columns...) of the decisions of public meetings with public
    minutes."""
    meetings = public_minutes_meetings(municipality).with_only_columns(Meeting.id)
    return select(PolicyDecision.meeting_id, *DECISION_COLUMNS).where(
        PolicyDecision.meeting_id.in_(meetings)
    )
# --- The learning network: what every municipality published, read across municipalities ----


def network_public_cards() -> Select:
    """Published cards of every municipality (the learning network's praktijkvoorbeelden)."""
    return select(SignalCard).where(SignalCard.published.is_(True))


def network_public_card_actions(card_ids: list[int]) -> Select:
    """(card id, action) for public actions linked to these cards, in any municipality."""
    return (
        select(card_action.c.card_id, Action)
        .join(Action, Action.id == card_action.c.action_id)
        .where(card_action.c.card_id.in_(card_ids), Action.is_public.is_(True))
        .order_by(Action.title, Action.id)
    )


def network_public_card_meetings(card_ids: list[int]) -> Select:
    """(card id, meeting) for public meetings that had these cards on their agenda."""
    return (
        select(meeting_card.c.card_id, Meeting)
        .join(Meeting, Meeting.id == meeting_card.c.meeting_id)
        .where(meeting_card.c.card_id.in_(card_ids), Meeting.is_public.is_(True))
        .order_by(Meeting.starts_at.desc(), Meeting.id)
    )


def network_public_card_decisions(card_ids: list[int]) -> Select:
    """The decisions on these cards, as the microsite shows them on a published card
    (`public_card_decisions`), newest first."""
    published = network_public_cards().with_only_columns(SignalCard.id)
    return (
        select(PolicyDecision)
        .where(PolicyDecision.card_id.in_(card_ids), PolicyDecision.card_id.in_(published))
        .order_by(PolicyDecision.decided_on.desc(), PolicyDecision.id.desc())
    )


def public_logos(municipality: Municipality) -> Select:
    """(owner, content type, width, height, sha256, bytes) of the logos of the municipality and
    its organisations: they are made to be shown."""
    return select(
        Logo.owner, Logo.content_type, Logo.width, Logo.height, Logo.sha256, Logo.data
    ).where(Logo.municipality_id == municipality.id)
