"""Write operations on signals: they flush, the request commits."""

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from webapp import notifications
from webapp.extensions import db
from webapp.models import (
    Follow,
    Municipality,
    Reinforcement,
    Signal,
    SignalStatus,
    StatusChange,
    Supplement,
    TargetGroup,
    Theme,
    User,
)


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def find_by_token(municipality: Municipality, token: str) -> Signal | None:
    return db.session.scalars(
        db.select(Signal).filter_by(municipality_id=municipality.id, idempotency_key=token)
    ).first()


def submit_signal(
    municipality: Municipality,
    *,
    token: str,
    title: str,
    description: str,
    themes: list[Theme],
    target_groups: list[TargetGroup],
    tried: str | None,
    ideas: str | None,
    giver: User | None,
    contact_email: str | None,
    confirmed_kinds: list[str],
) -> tuple[Signal, bool]:
    """Store a signal once per form token; returns the signal and whether it is new."""
    existing = find_by_token(municipality, token)
    if existing is not None:
        return existing, False
    signal = Signal(
        municipality=municipality,
        idempotency_key=token,
        title=title.strip(),
        description=description.strip(),
        tried=_clean(tried),
        ideas=_clean(ideas),
        themes=themes,
        target_groups=target_groups,
        submitted_by=giver,
        organisation=giver.organisation if giver else None,
        contact_email=None if giver else _clean(contact_email),
        personal_data_confirmed=",".join(confirmed_kinds) or None,
        status=SignalStatus.SUBMITTED.value,
    )
    signal.history.append(
        StatusChange(from_status=None, to_status=SignalStatus.SUBMITTED.value, changed_by=giver)
    )
    try:
        with db.session.begin_nested():
            db.session.add(signal)
    except IntegrityError:
        # The same form arrived twice at once: the other request stored it.
        existing = find_by_token(municipality, token)
        if existing is None:
            raise
        return existing, False
    notifications.signal_submitted(signal)
    return signal, True


def _add_once(signal: Signal, collection: str, item) -> bool:
    """Add a row to one of the signal's collections; False when a concurrent twin of this
    request (a double click) stored the same row first.

    The row joins the session inside the savepoint, so a unique violation rolls back only the
    savepoint and takes the row out of the session; flushing it outside would fail again at
    commit and leave the whole transaction unusable.
    """
    try:
        with db.session.begin_nested():
            getattr(signal, collection).append(item)
    except IntegrityError:
        db.session.expire(signal, [collection])
        return False
    return True


def is_following(signal: Signal, user: User) -> bool:
    return any(follow.user_id == user.id for follow in signal.follows)


def toggle_follow(signal: Signal, user: User, follow: bool) -> None:
    """Follow or unfollow; asking twice for the same state changes nothing."""
    current = next((f for f in signal.follows if f.user_id == user.id), None)
    if follow and current is None:
        _add_once(signal, "follows", Follow(user=user))
    elif not follow and current is not None:
        # A bulk delete: a concurrent twin deleting the same row is no error.
        db.session.execute(
            delete(Follow).where(Follow.signal_id == signal.id, Follow.user_id == user.id)
        )
        db.session.expire(signal, ["follows"])


def reinforcement_of(signal: Signal, user: User) -> Reinforcement | None:
    return next((r for r in signal.reinforcements if r.user_id == user.id), None)


def reinforce(signal: Signal, user: User, context: str | None) -> Reinforcement:
    """Say "I see this too"; a second time only updates the context."""
    context = _clean(context)
    reinforcement = reinforcement_of(signal, user)
    if reinforcement is None:
        reinforcement = Reinforcement(user=user, organisation=user.organisation, context=context)
        if _add_once(signal, "reinforcements", reinforcement):
            _count_reinforcement(signal)
            return reinforcement
        reinforcement = reinforcement_of(signal, user)  # the twin's row
    if context is not None:
        reinforcement.context = context
        db.session.flush()
    return reinforcement


def _count_reinforcement(signal: Signal) -> None:
    """Keep the inbox's sort column in step, in SQL so concurrent reinforcements all count."""
    db.session.execute(
        update(Signal)
        .where(Signal.id == signal.id)
        .values(
            reinforcement_count=Signal.reinforcement_count + 1,
            updated_at=Signal.updated_at,  # a reinforcement is no change to the signal itself
        )
        .execution_options(synchronize_session=False)
    )
    db.session.expire(signal, ["reinforcement_count"])


def supplement(signal: Signal, user: User, body: str, token: str) -> Supplement:
    """Add information once per form token."""

    def stored() -> Supplement | None:
        return next((s for s in signal.supplements if s.idempotency_key == token), None)

    existing = stored()
    if existing is not None:
        return existing
    item = Supplement(
        user=user, organisation=user.organisation, body=body.strip(), idempotency_key=token
    )
    if not _add_once(signal, "supplements", item):
        return stored()
    return item
