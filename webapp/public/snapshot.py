"""What one municipality's public site shows, read from the database as plain data.

The microsites read it through webapp/public/reader.py. Only published data passes through here,
and only through the public scopes of webapp/public/scopes.py. Counts pass disclosure control
*here* (webapp/disclosure.py), before anything is rendered, hashed or written: an exact count
never leaves this module. The snapshot holds plain values (strings, numbers, lists, dicts) so
that it pickles to a worker process and hashes into the fingerprint that decides whether a
site needs rebuilding.
"""

import base64
from collections import defaultdict
from datetime import date, datetime
from functools import cache
from types import SimpleNamespace

from sqlalchemy import Date, Integer, bindparam, select

from common.dutch import BRUSSELS
from webapp.content import statement_markdown
from webapp.disclosure import rounded, shown
from webapp.extensions import db
from webapp.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Agreement,
    CardStatus,
    Engagement,
    Meeting,
    MeetingKind,
    Municipality,
    Organisation,
    PolicyDecision,
    Priority,
    SignalCard,
    SignalStatus,
    SiteState,
    SupralocalFeedback,
    SupralocalStatus,
    Theme,
)
from webapp.models.logo import EXTENSIONS as LOGO_EXTENSIONS
from webapp.models.processing import card_theme
from webapp.public import scopes
from webapp.public.scopes import public_actions, public_cards, public_meetings
from webapp.reports.figures import Scope
from webapp.reports.periods import Period
from webapp.reports.protected import ProtectedFigures, card_count, signal_cells

DEFAULT_THRESHOLD = 5
QUARTERS_SHOWN = 8
QUARTER_NAMES = ("jan-mrt", "apr-jun", "jul-sep", "okt-dec")
EARLIEST = date(2000, 1, 1)  # the first month the figures read
SNAPSHOT_VERSION = 1


@cache
def _queries() -> SimpleNamespace:
    """Every query of a snapshot, built once from the public scopes and run per municipality.

    The scopes only read `municipality.id`: called with a bound parameter in its place, each
    gives a statement that is built (and compiled) once and then executed 285 times, which
    keeps checking every site for changes fast.
    """
    place = SimpleNamespace(id=bindparam("municipality_id", type_=Integer))
    today = bindparam("today", type_=Date)
    card_ids = public_cards(place).with_only_columns(SignalCard.id)
    action_ids = public_actions(place).with_only_columns(Action.id)
    return SimpleNamespace(
        organisations=scopes.public_organisations(place)
        .with_only_columns(Organisation.id, Organisation.name, Organisation.kind)
        .order_by(Organisation.name, Organisation.id),
        agreements=scopes.active_agreements(place, today)
        .with_only_columns(
            Agreement.id,
            Agreement.organisation_id,
            Agreement.engagement,
            Agreement.title,
            Agreement.body,
            Agreement.starts_on,
            Agreement.ends_on,
        )
        .order_by(Agreement.id),
        cards=public_cards(place)
        .with_only_columns(
            SignalCard.id,
            SignalCard.title,
            SignalCard.summary,
            SignalCard.public_status,
            SignalCard.priority,
            SignalCard.published_at,
            SignalCard.created_at,
        )
        .order_by(SignalCard.published_at.desc(), SignalCard.id.desc()),
        card_themes=select(card_theme.c.card_id, Theme.name, Theme.position)
        .join(Theme, Theme.id == card_theme.c.theme_id)
        .where(card_theme.c.card_id.in_(card_ids))
        .order_by(card_theme.c.card_id, Theme.position),
        provenance=scopes.public_card_provenance(place),
        actions=public_actions(place)
        .with_only_columns(
            Action.id,
            Action.title,
            Action.description,
            Action.status,
            Action.organisation_id,
            Action.owner_service,
            Action.due_on,
        )
        .order_by(Action.created_at.desc(), Action.id.desc()),
        updates=select(ActionUpdate.action_id, ActionUpdate.happened_on, ActionUpdate.body)
        .where(ActionUpdate.action_id.in_(action_ids))
        .order_by(ActionUpdate.happened_on.desc(), ActionUpdate.id.desc()),
        meetings=public_meetings(place)
        .with_only_columns(
            Meeting.id,
            Meeting.kind,
            Meeting.title,
            Meeting.starts_at,
            Meeting.ends_at,
            Meeting.place,
            Meeting.description,
            Meeting.updated_at,
            Meeting.minutes,
            Meeting.minutes_public,
        )
        .order_by(Meeting.starts_at, Meeting.id),
        card_actions=scopes.public_card_actions(place).order_by("card_id", "action_id"),
        supralocal_files=scopes.public_supralocal_files(place),
        supralocal_feedback=scopes.public_supralocal_feedback(place).order_by(
            SupralocalFeedback.created_at.desc(), SupralocalFeedback.id.desc()
        ),
        card_meetings=scopes.public_card_meetings(place).order_by("card_id", "meeting_id"),
        card_decisions=scopes.public_card_decisions(place).order_by(
            PolicyDecision.decided_on.desc(), PolicyDecision.id.desc()
        ),
        meeting_decisions=scopes.public_meeting_decisions(place).order_by(
            PolicyDecision.decided_on.desc(), PolicyDecision.id.desc()
        ),
        users=scopes.public_user_count(place),
        themes=select(Theme.id, Theme.name)
        .where(Theme.municipality_id == place.id)
        .order_by(Theme.position, Theme.id),
        logos=scopes.public_logos(place).order_by("owner"),
    )


def _run(name: str, municipality: Municipality, **params):
    # Plain rows on the session's connection: the ORM layer adds nothing to a column query.
    return db.session.connection().execute(
        getattr(_queries(), name), {"municipality_id": municipality.id, **params}
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def generations(municipality_ids: list[int] | None = None) -> dict[int, int]:
    """The app's stale-marker per municipality (0 when it never marked one)."""
    query = select(SiteState.municipality_id, SiteState.generation)
    if municipality_ids is not None:
        query = query.where(SiteState.municipality_id.in_(municipality_ids))
    return dict(db.session.execute(query).all())


def site_municipalities(slugs: list[str] | None = None) -> list[Municipality]:
    """The municipalities whose sites to build (all when `slugs` is None), by slug."""
    query = select(Municipality).order_by(Municipality.slug)
    if slugs is not None:
        query = query.where(Municipality.slug.in_(slugs))
    return list(db.session.scalars(query))


def unknown_slugs(slugs: list[str]) -> list[str]:
    """The slugs that name no municipality, sorted."""
    known = set(db.session.scalars(select(Municipality.slug).where(Municipality.slug.in_(slugs))))
    return sorted(set(slugs) - known)


def end_reading() -> None:
    """End the read transaction: a long build must not hold a database snapshot open."""
    db.session.rollback()


def collect(municipality: Municipality, now: datetime, threshold: int = DEFAULT_THRESHOLD) -> dict:
    """The public snapshot of one municipality at `now` (an aware datetime); counts are
    rounded to the municipality's threshold when that is higher than `threshold`."""
    threshold = max(threshold, municipality.suppression_threshold or threshold)
    today = now.astimezone(BRUSSELS).date()
    organisations = _organisations(municipality)
    agreements = _agreements(municipality, today, organisations)
    card_themes = _run("card_themes", municipality).all()
    cards = _cards(municipality, threshold, card_themes)
    actions = _actions(municipality, organisations)
    meetings = _meetings(municipality, now)
    _link(cards, actions, meetings, municipality)
    _decisions(cards, meetings, municipality)
    _supralocal(cards, municipality)
    logos = _logos(municipality)
    for organisation in organisations.values():
        organisation["logo"] = logos.get(f"o{organisation['id']}")
    return {
        "version": SNAPSHOT_VERSION,
        "slug": municipality.slug,
        "name": municipality.name,
        "contact_email": municipality.contact_email,
        "public_url": municipality.public_url,
        "coordinator_name": municipality.coordinator_name,
        "privacy_version": municipality.privacy_version,
        # The statement users accept in the app, with that same version in its text.
        "privacy_statement": statement_markdown(municipality),
        "threshold": threshold,
        "figures": _figures(municipality, now, threshold),
        "themes": _important_themes(card_themes),
        "cards": cards,
        "actions": actions,
        "meetings": meetings,
        "organisations": list(organisations.values()),
        "agreements": agreements,
        "logo": logos.get(f"m{municipality.id}"),
    }


def _logos(municipality: Municipality) -> dict[str, dict]:
    """The logos by owner, as the site's static files: a name that changes with the image, its
    size, and its bytes in base64 (the snapshot holds plain values)."""
    logos = {}
    for row in _run("logos", municipality):
        extension = LOGO_EXTENSIONS[row.content_type]
        logos[row.owner] = {
            "file": f"{row.owner}-{row.sha256[:12]}.{extension}",
            "width": row.width,
            "height": row.height,
            "data": base64.b64encode(row.data).decode("ascii"),
        }
    return logos


def headline(snapshot: dict) -> dict:
    """The few figures the overview site shows for a municipality."""
    upcoming = [m for m in snapshot["meetings"] if m["upcoming"]]
    return {
        "slug": snapshot["slug"],
        "name": snapshot["name"],
        "signals": snapshot["figures"]["signals"],
        "users": snapshot["figures"]["users"],
        "cards": len(snapshot["cards"]),
        "actions": len(snapshot["actions"]),
        "partners": sum(1 for o in snapshot["organisations"] if o["agreements"]),
        "next_meeting": upcoming[0]["starts_at"] if upcoming else None,
        "threshold": snapshot["threshold"],
        "logo": snapshot.get("logo"),
    }


def _organisations(municipality: Municipality) -> dict[int, dict]:
    rows = _run("organisations", municipality).all()
    return {
        row.id: {"id": row.id, "name": row.name, "kind": row.kind, "agreements": []} for row in rows
    }


def _agreements(municipality: Municipality, today, organisations: dict[int, dict]) -> list[dict]:
    rows = _run("agreements", municipality, today=today).all()
    agreements = []
    for row in rows:
        organisation = organisations.get(row.organisation_id)
        if organisation is None:
            continue
        engagement = Engagement(row.engagement)
        organisation["agreements"].append(row.id)
        agreements.append(
            {
                "id": row.id,
                "organisation_id": organisation["id"],
                "organisation": organisation["name"],
                "engagement": int(engagement),
                "engagement_label": engagement.label,
                "title": row.title,
                "body": row.body or "",
                "starts_on": row.starts_on.isoformat() if row.starts_on else None,
                "ends_on": row.ends_on.isoformat() if row.ends_on else None,
            }
        )
    return agreements


def _cards(municipality: Municipality, threshold: int, card_themes) -> list[dict]:
    rows = _run("cards", municipality).all()
    themes: dict[int, list[str]] = defaultdict(list)
    for card_id, name, _position in card_themes:
        themes[card_id].append(name)
    provenance = {row[0]: row[1:] for row in _run("provenance", municipality).all()}
    cards = []
    for row in rows:
        signals, reinforcements, organisations = provenance.get(row.id, (0, 0, 0))
        status = CardStatus(row.public_status)
        cards.append(
            {
                "id": row.id,
                "title": row.title,
                "summary": row.summary or "",
                "status": status.value,
                "status_label": status.label,
                "published_on": (row.published_at or row.created_at)
                .astimezone(BRUSSELS)
                .date()
                .isoformat(),
                "themes": themes.get(row.id, []),
                "priority": Priority(row.priority).label if row.priority else None,
                "decisions": [],
                **{
                    name: shown(card_count(row.id, name, int(value), threshold))
                    for name, value in (
                        ("signals", signals),
                        ("reinforcements", reinforcements),
                        ("organisations", organisations),
                    )
                },
                "actions": [],
                "meetings": [],
            }
        )
    return cards


def _actions(municipality: Municipality, organisations: dict[int, dict]) -> list[dict]:
    rows = _run("actions", municipality).all()
    updates: dict[int, list[dict]] = defaultdict(list)
    for update in _run("updates", municipality):
        updates[update.action_id].append(
            {"date": update.happened_on.isoformat(), "body": update.body}
        )
    actions = []
    for row in rows:
        status = ActionStatus(row.status)
        organisation = organisations.get(row.organisation_id)
        actions.append(
            {
                "id": row.id,
                "title": row.title,
                "description": row.description or "",
                "status": status.value,
                "status_label": status.label,
                "organisation": organisation["name"] if organisation else None,
                "owner_service": row.owner_service or None,
                "due_on": row.due_on.isoformat() if row.due_on else None,
                "updates": updates.get(row.id, []),
                "cards": [],
            }
        )
    return actions


def _meetings(municipality: Municipality, now: datetime) -> list[dict]:
    rows = _run("meetings", municipality).all()
    meetings = []
    for row in rows:
        try:
            kind_label = MeetingKind(row.kind).value
        except ValueError:
            kind_label = "overleg"
        meetings.append(
            {
                "id": row.id,
                "kind": row.kind,
                "kind_label": kind_label,
                "title": row.title,
                "starts_at": _iso(row.starts_at),
                "ends_at": _iso(row.ends_at),
                "place": row.place or "",
                "description": row.description or "",
                "updated_at": _iso(row.updated_at),
                "upcoming": (row.ends_at or row.starts_at) >= now,
                # Minutes and decisions only where the processor made them public.
                "minutes": (row.minutes or "") if row.minutes_public else "",
                "decisions": [],
                "cards": [],
            }
        )
    return meetings


def _supralocal(cards: list[dict], municipality) -> None:
    """The supra-local file each card is in, with the network's feedback (newest first)."""
    feedback: dict[int, list[dict]] = defaultdict(list)
    for file_id, created_at, body in _run("supralocal_feedback", municipality):
        day = created_at.astimezone(BRUSSELS).date().isoformat()
        feedback[file_id].append({"date": day, "body": body})
    by_card = {card["id"]: card for card in cards}
    for card_id, file_id, title, status in _run("supralocal_files", municipality):
        if card_id in by_card:
            by_card[card_id]["supralocal"] = {
                "title": title,
                "status_label": SupralocalStatus(status).label,
                "feedback": feedback.get(file_id, []),
            }


def _link(cards: list[dict], actions: list[dict], meetings: list[dict], municipality) -> None:
    """Cross-links between public cards, actions and meetings (never to anything private)."""
    by_card = {card["id"]: card for card in cards}
    by_action = {action["id"]: action for action in actions}
    by_meeting = {meeting["id"]: meeting for meeting in meetings}
    for card_id, action_id in _run("card_actions", municipality):
        if card_id in by_card and action_id in by_action:
            by_card[card_id]["actions"].append(action_id)
            by_action[action_id]["cards"].append(card_id)
    for card_id, meeting_id in _run("card_meetings", municipality):
        if card_id in by_card and meeting_id in by_meeting:
            by_card[card_id]["meetings"].append(meeting_id)
            by_meeting[meeting_id]["cards"].append(card_id)


def _decision(row) -> dict:
    return {
        "id": row.id,
        "date": row.decided_on.isoformat(),
        "taken_by": row.taken_by,
        "body": row.body,
        "plan_goal": row.plan_goal or "",
        "link": row.link or "",
    }


def _decisions(cards: list[dict], meetings: list[dict], municipality) -> None:
    """The public decisions on published cards and at meetings with public minutes."""
    by_card = {card["id"]: card for card in cards}
    by_meeting = {meeting["id"]: meeting for meeting in meetings}
    for row in _run("card_decisions", municipality):
        if row.card_id in by_card:
            by_card[row.card_id]["decisions"].append(_decision(row))
    for row in _run("meeting_decisions", municipality):
        if row.meeting_id in by_meeting:
            by_meeting[row.meeting_id]["decisions"].append(_decision(row))


def _important_themes(card_themes) -> list[dict]:
    """Themes of the published cards, the most frequent first (card counts are not personal)."""
    tally: dict[tuple[str, int], int] = defaultdict(int)
    for _card, name, position in card_themes:
        tally[(name, position)] += 1
    ranked = sorted(tally.items(), key=lambda item: (-item[1], item[0][1]))
    return [{"name": name, "cards": count} for (name, _position), count in ranked]


def _figures(municipality: Municipality, now: datetime, threshold: int) -> dict:
    """The figures under disclosure control (webapp/disclosure.py): sums of the same rounded
    monthly base cells the alderman's reports add up, so no page or file of either says more
    than those cells; a rounded 0 becomes None ("minder dan <threshold>")."""
    local = now.astimezone(BRUSSELS)
    scope = Scope((municipality.id,), Period.containing(local.date(), "maand"))
    published = ProtectedFigures(
        scope, threshold, since=EARLIEST, cells=signal_cells(municipality.id)
    )
    by_status = published.labels("status")
    by_theme = published.labels("theme")
    users = _run("users", municipality).scalar() or 0
    themes = _run("themes", municipality).all()
    return {
        "users": shown(rounded(users, (municipality.id, "users"), threshold)),
        "signals": shown(sum(published.months().values())),
        "themes": [{"label": name, "count": shown(by_theme.get(name, 0))} for _, name in themes],
        "statuses": [
            {"label": status.label, "count": shown(by_status.get(status.value, 0))}
            for status in SignalStatus
        ],
        "quarters": _quarters(published.months(), now),
    }


def _quarters(per_month: dict, now: datetime) -> list[dict]:
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for month, count in per_month.items():
        counts[(month.year, (month.month - 1) // 3)] += count
    local = now.astimezone(BRUSSELS)
    current = (local.year, (local.month - 1) // 3)
    quarters = []
    year, quarter = current
    for _ in range(QUARTERS_SHOWN):
        quarters.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter else (year - 1, 3)
    # From the first quarter that published a count: an earlier start would tell that a
    # quarter read as 0 did hold a signal.
    nonzero = [q for q, count in counts.items() if count]
    first = min(nonzero) if nonzero else current
    shown_quarters = [q for q in reversed(quarters) if q >= first]
    return [
        {"label": f"{QUARTER_NAMES[q]} {y}", "count": shown(counts.get((y, q), 0))}
        for y, q in shown_quarters
    ]
