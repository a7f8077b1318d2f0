"""Write operations on actions: they flush, the request commits."""

from datetime import date

from sqlalchemy import Select

from webapp import audit, publication
from webapp.extensions import db
from webapp.models import (  # noqa: I001
    Action,
    ActionStatus,
    ActionUpdate,
    Municipality,
    Organisation,
    SignalCard,
    User,
)
from webapp.models.processing import OPEN_ACTION_STATUSES


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
    owner_service: str = "",
    due_on: date | None = None,
    confirm_findings: bool = False,
) -> Action:
    """A new action, linked to these cards; a public one passes the publication gate."""
    texts = _texts(title, description, owner_service, [])
    confirmed = publication.gate(
        "action", municipality, actor, None, texts, public=is_public, confirm=confirm_findings
    )
    action = Action(
        municipality_id=municipality.id,
        title=title,
        description=description,
        organisation=organisation,
        owner_service=owner_service or "",
        due_on=due_on,
        status=status.value,
        is_public=is_public,
        cards=cards,
    )
    db.session.add(action)
    db.session.flush()
    publication.confirm(municipality, actor, action, confirmed, [t for _, _, t in texts])
    audit.record(
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
    owner_service: str = "",
    due_on: date | None = None,
    confirm_findings: bool = False,
) -> None:
    """Save every field of an action (the caller has checked the version); a public action
    passes the publication gate, progress updates included."""
    municipality = db.session.get(Municipality, action.municipality_id)
    texts = _texts(title, description, owner_service, _progress(action))
    confirmed = publication.gate(
        "action", municipality, actor, action.id, texts, public=is_public, confirm=confirm_findings
    )
    details = []
    if action.status != status.value:
        details.append(f"status nu {status.label}")
    if action.is_public != is_public:
        details.append("nu openbaar" if is_public else "nu intern")
    action.title = title
    action.description = description
    if action.due_on != due_on:
        details.append(f"deadline {due_on:%d-%m-%Y}" if due_on else "geen deadline meer")
    action.organisation = organisation
    action.owner_service = owner_service or ""
    action.due_on = due_on
    action.status = status.value
    action.is_public = is_public
    action.cards = cards
    db.session.flush()
    publication.confirm(municipality, actor, action, confirmed, [t for _, _, t in texts])
    audit.record(
        municipality,
        actor,
        "action.update",
        action,
        f"Actie “{title}” bewerkt" + (f": {', '.join(details)}." if details else "."),
    )


def add_update(
    action: Action, actor: User, happened_on: date, body: str, confirm_findings: bool = False
) -> ActionUpdate:
    """A dated progress update on an action; on a public action it passes the gate."""
    municipality = db.session.get(Municipality, action.municipality_id)
    new_text = publication.update_text(happened_on, body)
    confirmed = publication.gate(
        "action",
        municipality,
        actor,
        action.id,
        [new_text],
        public=action.is_public,
        confirm=confirm_findings,
    )
    update = ActionUpdate(happened_on=happened_on, body=body, author_id=actor.id)
    action.updates.append(update)
    db.session.flush()
    texts = _texts(action.title, action.description, action.owner_service, _progress(action))
    publication.confirm(municipality, actor, action, confirmed, [t for _, _, t in texts])
    audit.record(
        municipality,
        actor,
        "action.progress",
        action,
        f"Voortgang bij actie “{action.title}” ({happened_on:%d-%m-%Y}).",
    )
    return update


def _texts(title: str, description: str, owner_service: str, progress) -> list:
    """Everything a public action shows, its owning service included."""
    texts = publication.action_texts(title, description, progress)
    texts.insert(2, ("owner_service", "Verantwoordelijke dienst", owner_service or ""))
    return texts


def overdue(query: Select, today: date) -> Select:
    """The actions of `query` past their deadline that are neither done nor stopped."""
    return query.where(
        Action.due_on.is_not(None),
        Action.due_on < today,
        Action.status.in_(OPEN_ACTION_STATUSES),
    )


def _progress(action: Action) -> list:
    return [(update.happened_on, update.body) for update in action.updates]
