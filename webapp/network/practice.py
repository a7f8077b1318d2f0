"""The learning network ("praktijkvoorbeelden"): processors of every municipality browse and
search what all municipalities published (cards, their public actions, meetings and decisions)
with their outcome. Read only through the public scopes: nothing unpublished crosses a
municipality."""

from collections import defaultdict

from flask import Blueprint, request
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from common.markdown import render_markdown
from webapp import access, editing, search
from webapp.extensions import db
from webapp.ids import CARD_ID
from webapp.loading import found_or_404
from webapp.models import CardStatus, Municipality, SignalCard
from webapp.models.network import SupralocalFile, SupralocalReferral
from webapp.pagination import PAGE_SIZE, page_number
from webapp.rendering import render_page

bp = Blueprint("learning", __name__, template_folder="templates")
bp.context_processor(editing.template_helpers)

OUTCOMES = [(status.value, status.label) for status in CardStatus]


def _filters() -> dict[str, str]:
    q = (request.args.get("q") or "").replace("\x00", "").strip()[:200]
    place = (request.args.get("gemeente") or "").strip()[:60]
    outcome = (request.args.get("uitkomst") or "").strip()
    if outcome not in dict(OUTCOMES):
        outcome = ""
    return {"q": q, "gemeente": place, "uitkomst": outcome}


def _narrowed(filters: dict[str, str]):
    query = access.network_public_cards()
    if filters["q"]:
        query = search.matching(query, filters["q"], SignalCard)
    if filters["gemeente"]:
        query = query.where(
            SignalCard.municipality_id.in_(
                select(Municipality.id).where(Municipality.slug == filters["gemeente"])
            )
        )
    if filters["uitkomst"]:
        query = query.where(SignalCard.public_status == filters["uitkomst"])
    return query


def outcomes_of(card_ids: list[int]) -> tuple[dict, dict]:
    """The public actions and meetings of these cards: {card id: [action]}, {card id: [meeting]}."""
    actions, meetings = defaultdict(list), defaultdict(list)
    if card_ids:
        for card_id, action in db.session.execute(access.network_public_card_actions(card_ids)):
            actions[card_id].append(action)
        for card_id, meeting in db.session.execute(access.network_public_card_meetings(card_ids)):
            meetings[card_id].append(meeting)
    return actions, meetings


@bp.get("/netwerk/praktijkvoorbeelden")
def list_examples():
    page = page_number()
    filters = _filters()
    query = _narrowed(filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    cards = db.session.scalars(
        query.options(selectinload(SignalCard.municipality), selectinload(SignalCard.themes))
        .order_by(SignalCard.updated_at.desc(), SignalCard.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    actions, meetings = outcomes_of([card.id for card in cards])
    args = {k: v for k, v in filters.items() if v}
    return render_page(
        "learning/list.html",
        block="results",
        cards=cards,
        actions=actions,
        meetings=meetings,
        filters=filters,
        outcomes=OUTCOMES,
        municipalities=db.session.scalars(select(Municipality).order_by(Municipality.name)).all(),
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        args=args,
    )


@bp.get(f"/netwerk/praktijkvoorbeelden/{CARD_ID}")
def show_example(card_id: int):
    card = found_or_404(access.network_public_cards(), card_id)
    actions, meetings = outcomes_of([card.id])
    decisions = db.session.scalars(access.network_public_card_decisions([card.id])).all()
    file = db.session.scalars(
        select(SupralocalFile)
        .join(SupralocalReferral, SupralocalReferral.file_id == SupralocalFile.id)
        .where(SupralocalReferral.card_id == card.id)
    ).first()
    return render_page(
        "learning/show.html",
        card=card,
        summary=render_markdown(card.summary, heading_offset=2),
        actions=actions[card.id],
        meetings=meetings[card.id],
        decisions=decisions,
        file=file,
    )
