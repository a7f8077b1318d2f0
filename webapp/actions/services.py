"""Write operations on actions: they flush, the request commits."""

from datetime import date

from webapp import audit
from webapp.extensions import db
from webapp.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Municipality,
    Organisation,
    SignalCard,
    User,
)


def create_action(
    municipality: Municipality,
    actor: User,
    *,
    title: str,
    description: str,
    organisation: Organisation | None,
    status: ActionStatus,
    is_public: bool,
    cards: list[SignalCard],
) -> Action:
    """A new action, linked to these cards."""
    action = Action(
        municipality_id=municipality.id,
        title=title,
        description=description,
        organisation=organisation,
        status=status.value,
        is_public=is_public,
        cards=cards,
    )
    audit.add_recorded(
        municipality,
        actor,
        "action.create",
        action,
        f"Actie “{title}” gemaakt ({'openbaar' if is_public else 'intern'}, {status.label}).",
    )
    return action


def update_action(
    action: Action,
    actor: User,
    *,
    title: str,
    description: str,
    organisation: Organisation | None,
    status: ActionStatus,
    is_public: bool,
    cards: list[SignalCard],
) -> None:
    """Save every field of an action (the caller has checked the version)."""
    details = []
    if action.status != status.value:
        details.append(f"status nu {status.label}")
    if action.is_public != is_public:
        details.append("nu openbaar" if is_public else "nu intern")
    action.title = title
    action.description = description
    action.organisation = organisation
    action.status = status.value
    action.is_public = is_public
    action.cards = cards
    db.session.flush()
    audit.record(
        db.session.get(Municipality, action.municipality_id),
        actor,
        "action.update",
        action,
        f"Actie “{title}” bewerkt" + (f": {', '.join(details)}." if details else "."),
    )


def add_update(action: Action, actor: User, happened_on: date, body: str) -> ActionUpdate:
    """A dated progress update on an action."""
    update = ActionUpdate(happened_on=happened_on, body=body, author_id=actor.id)
    action.updates.append(update)
    db.session.flush()
    audit.record(
        db.session.get(Municipality, action.municipality_id),
        actor,
        "action.progress",
        action,
        f"Voortgang bij actie “{action.title}” ({happened_on:%d-%m-%Y}).",
    )
    return update
