"""Reading answers as a user (or a screen reader) does, and stored rows as an auditor does."""

import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import func, select

from tests.html import Node, parse  # noqa: F401  (the helpers of every domain's tests)
from webapp.extensions import db
from webapp.models import Follow, Reinforcement, Signal, Supplement, TargetGroup, Theme

REFERENCE_RE = re.compile(r"\b[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b")
HTMX = {"HX-Request": "true"}


def text(response) -> str:
    return response.get_data(as_text=True)


def textarea_value(node: Node) -> str:
    """What a browser shows in a textarea: its content without the one leading newline."""
    value = node.raw_text()
    if value.startswith("\r\n"):
        return value[2:]
    return value.removeprefix("\n")


def field_value(doc: Node, name: str) -> str | None:
    """The value a browser would show in the named input or textarea."""
    node = doc.find("textarea", name=name)
    if node is not None:
        return textarea_value(node)
    node = doc.find("input", name=name)
    return None if node is None else node.attrs.get("value", "")


def error_for(doc: Node, field_id: str) -> str | None:
    """The error message a screen reader reads for a field: via its aria-describedby."""
    control = doc.by_id(field_id)
    assert control is not None, f"no element with id {field_id!r}"
    described = control.attrs.get("aria-describedby", "").split()
    errors = [doc.by_id(i) for i in described]
    messages = [n.text() for n in errors if n is not None and "error" in n.attrs.get("class", "")]
    return " ".join(messages) or None


def checked_values(doc: Node, name: str) -> set[str]:
    return {n.attrs["value"] for n in doc.find_all("input", name=name) if "checked" in n.attrs}


def option_values(doc: Node, name: str) -> list[str]:
    return [n.attrs["value"] for n in doc.find_all("input", name=name)]


def redirect_path(response) -> str:
    return urlsplit(response.headers["Location"]).path


def redirect_query(response) -> dict[str, list[str]]:
    return parse_qs(urlsplit(response.headers["Location"]).query)


# --- Stored rows -------------------------------------------------------------------------------


def stored_signals(app) -> list[dict]:
    """Every stored signal as plain data, oldest first."""
    with app.app_context():
        rows = db.session.scalars(select(Signal).order_by(Signal.id)).all()
        result = [
            {
                "id": s.id,
                "municipality_id": s.municipality_id,
                "reference": s.reference,
                "title": s.title,
                "description": s.description,
                "tried": s.tried,
                "ideas": s.ideas,
                "submitted_by_id": s.submitted_by_id,
                "organisation_id": s.organisation_id,
                "contact_email": s.contact_email,
                "personal_data_confirmed": s.personal_data_confirmed,
                "status": s.status,
                "themes": sorted(t.slug for t in s.themes),
                "target_groups": sorted(t.slug for t in s.target_groups),
                "history": [h.to_status for h in s.history],
            }
            for s in rows
        ]
        db.session.remove()
        return result


def count(app, model) -> int:
    with app.app_context():
        number = db.session.scalar(select(func.count()).select_from(model))
        db.session.remove()
        return number


def reinforcements(app) -> list[tuple[int, int, str | None]]:
    """(signal id, user id, context) of every reinforcement."""
    with app.app_context():
        rows = db.session.execute(
            select(Reinforcement.signal_id, Reinforcement.user_id, Reinforcement.context)
        ).all()
        db.session.remove()
        return [tuple(r) for r in rows]


def supplements(app) -> list[tuple[int, int, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(Supplement.signal_id, Supplement.user_id, Supplement.body)
        ).all()
        db.session.remove()
        return [tuple(r) for r in rows]


def follows(app) -> list[tuple[int, int]]:
    with app.app_context():
        rows = db.session.execute(select(Follow.signal_id, Follow.user_id)).all()
        db.session.remove()
        return [tuple(r) for r in rows]


def ids_of(app, model, municipality, *slugs: str) -> list[int]:
    """Theme or target group ids of a municipality, by slug."""
    assert model in (Theme, TargetGroup)
    with app.app_context():
        rows = db.session.scalars(
            select(model).where(model.municipality_id == municipality.id, model.slug.in_(slugs))
        ).all()
        db.session.remove()
        return [row.id for row in rows]


def set_target_groups(app, signal, *slugs: str) -> None:
    with app.app_context():
        row = db.session.get(Signal, signal.id)
        row.target_groups = [t for t in row.municipality.target_groups if t.slug in slugs]
        db.session.commit()
        db.session.remove()
