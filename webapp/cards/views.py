"""Signal cards (signaalfiches): processors bundle signals into a public summary with a status."""

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from common.markdown import render_markdown
from webapp import access, decisions, editing, search
from webapp.cards import services
from webapp.cards.forms import CardFilterForm, CardForm, EditCardForm, StatusForm, references_in
from webapp.extensions import db
from webapp.ids import CARD_ID, ids_from
from webapp.loading import found_or_404
from webapp.models import Action, CardStatus, Meeting, PolicyDecision, Signal, SignalCard, utcnow
from webapp.pagination import page_number, paginate
from webapp.publication import confirmed_hashes
from webapp.rendering import render_page

bp = Blueprint("cards", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")
bp.context_processor(editing.template_helpers)


def _load_card(card_id: int) -> SignalCard:
    """A card of this municipality that the current user may read, or 404."""
    return found_or_404(access.visible_cards(current_user, g.municipality), card_id)


def _processable(ids: list[int]) -> list[Signal]:
    """These signals, if the current user processes them here, in the order given."""
    if not ids:
        return []
    scope = access.processable_signals(current_user, g.municipality)
    found = {s.id: s for s in db.session.scalars(scope.where(Signal.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def _prepare(form: CardForm, offered: list[Signal]) -> None:
    form.themes.choices = [SelectChoice(t.id, t.name) for t in g.municipality.themes]
    form.signals.choices = [SelectChoice(s.id, f"{s.title} ({s.reference})") for s in offered]


def _chosen_signals(form: CardForm, offered: list[Signal]) -> list[Signal] | None:
    """The ticked signals plus those added by reference; None after a reference error."""
    chosen = [s for s in offered if s.id in (form.signals.data or [])]
    references = references_in(form.add_references.data)
    if not references:
        return chosen
    scope = access.processable_signals(current_user, g.municipality)
    found = {
        s.reference: s for s in db.session.scalars(scope.where(Signal.reference.in_(references)))
    }
    missing = [r for r in references if r not in found]
    if missing:
        form.add_references.errors.append(
            f"Geen signaal gevonden dat jij verwerkt met referentie {', '.join(missing)}."
        )
        return None
    return chosen + [found[r] for r in references if found[r] not in chosen]


def _fields(form: CardForm, signals: list[Signal]) -> dict:
    return {
        "title": form.title.data,
        "summary": form.summary.data or "",
        "themes": [t for t in g.municipality.themes if t.id in (form.themes.data or [])],
        "public_status": CardStatus(form.public_status.data),
        "published": form.published.data,
        "priority": form.priority.data or None,
        "signals": signals,
        "confirm_findings": form.confirm_personal_data.data,
    }


def _may_confirm(form: CardForm) -> bool:
    return form.may_publish(form.published.data, current_user, g.municipality)


def _after_save(card: SignalCard, change: services.CardChange, queued: int, saved: str):
    flash(saved + _mail_note(card, change, queued), "success")
    return redirect(url_for("cards.show_card", card_id=card.id), 303)


def _mail_note(card: SignalCard, change: services.CardChange, sent: int) -> str:
    if change.notifies(card):
        people = "persoon" if sent == 1 else "personen"
        return f" {sent} betrokken {people} kregen een e-mail."
    if change.status_changed and not card.published:
        return " De fiche is nog een ontwerp: niemand kreeg een bericht."
    return ""


@bp.route("/fiches/nieuw", methods=["GET", "POST"])
def new_card():
    # From a selection: the signal page links ?signalen=1&signalen=2; the inbox posts its
    # ticked `signal_ids` (the bulk form's field) without the rest of this form.
    starting = request.method == "GET" or "title" not in request.form
    source = request.args if request.method == "GET" else request.form
    requested = ids_from(source.getlist("signalen") or source.getlist("signal_ids"))
    offered = _processable(requested)
    if starting and len(offered) != len(requested):
        abort(404)

    if starting:
        form = CardForm(formdata=None, public_status=CardStatus.EXPLORING.value)
        _prepare(form, offered)
        form.signals.data = [s.id for s in offered]
        form.themes.data = sorted({t.id for s in offered for t in s.themes})
        if len(offered) == 1:
            form.title.data = offered[0].title
        return render_page("cards/form.html", form=form, card=None)

    form = CardForm()
    _prepare(form, offered)
    valid = form.validate()
    signals = _chosen_signals(form, offered) if valid else None
    if signals is None:
        return render_page("cards/form.html", status=400, form=form, card=None)
    if not form.review(may_confirm=_may_confirm(form)):
        return render_page("cards/form.html", status=422, form=form, card=None)
    card = editing.through_gate(
        form, lambda: services.create_card(g.municipality, current_user, **_fields(form, signals))
    )
    if card is editing.BLOCKED:
        return render_page("cards/form.html", status=422, form=form, card=None)
    change = services.CardChange(published_now=card.published)
    queued = services.notify_contributors(card, change, form.message.data)
    db.session.commit()
    return _after_save(card, change, queued, "De signaalfiche is gemaakt.")


@bp.route(f"/fiches/{CARD_ID}/bewerken", methods=["GET", "POST"])
def edit_card(card_id: int):
    card = _load_card(card_id)
    linked = card.signals
    own = _processable([s.id for s in linked])
    # Signals someone else linked that this processor does not handle stay linked untouched.
    kept = [s for s in linked if s not in own]

    if request.method == "GET":
        form = EditCardForm(
            formdata=None,
            title=card.title,
            summary=card.summary,
            public_status=card.public_status,
            priority=card.priority or "",
            published=card.published,
            version=editing.version_of(card),
        )
        _prepare(form, own)
        form.themes.data = [t.id for t in card.themes]
        form.signals.data = [s.id for s in own]
        return render_page("cards/form.html", form=form, card=card, kept=kept)

    form = EditCardForm()
    _prepare(form, own)
    valid = form.validate()
    signals = _chosen_signals(form, own) if valid else None
    if signals is None:
        return render_page("cards/form.html", status=400, form=form, card=card, kept=kept)
    confirmed = confirmed_hashes("signal_card", [card.id])[card.id]
    # Publishing the card publishes its decisions: they are reviewed with it.
    shown = decisions.decision_texts(card.decisions) if form.published.data else []
    if not form.review(extra=shown, may_confirm=_may_confirm(form), confirmed=confirmed):
        return render_page("cards/form.html", status=422, form=form, card=card, kept=kept)
    if not editing.claim_version(card, form.version.data):
        # The typed text stays; the form now carries the current version, so saving again
        # replaces it knowingly.
        form.version.data = editing.version_of(card)
        return render_page(
            "cards/form.html",
            status=409,
            form=form,
            card=card,
            kept=kept,
            stale=editing.STALE_MESSAGE,
            current_summary=render_markdown(card.summary),
        )
    change = editing.through_gate(
        form, lambda: services.update_card(card, current_user, **_fields(form, kept + signals))
    )
    if change is editing.BLOCKED:
        return render_page("cards/form.html", status=422, form=form, card=card, kept=kept)
    queued = services.notify_contributors(card, change, form.message.data)
    db.session.commit()
    return _after_save(card, change, queued, "De signaalfiche is opgeslagen.")


@bp.post(f"/fiches/{CARD_ID}/status")
def change_card_status(card_id: int):
    card = _load_card(card_id)
    form = StatusForm()
    if not form.validate():
        return render_page(
            "cards/show.html", block="status", status=400, **_detail_context(card, form)
        )
    if not form.review():
        return render_page(
            "cards/show.html", block="status", status=422, **_detail_context(card, form)
        )
    change = services.change_status(card, current_user, CardStatus(form.public_status.data))
    sent = services.notify_contributors(card, change, form.message.data)
    db.session.commit()
    if change.status_changed:
        message = f"De status is nu “{card.status_label}”." + _mail_note(card, change, sent)
    else:
        message = f"De fiche had de status “{card.status_label}” al. Er is niets verstuurd."
    if request.htmx:
        return render_page(
            "cards/show.html",
            block="status",
            **_detail_context(card, StatusForm(formdata=None), notice=message),
        )
    flash(message, "success")
    return redirect(url_for("cards.show_card", card_id=card.id), 303)


DECISION_ID = "<int(max=2147483647):decision_id>"


@bp.post(f"/fiches/{CARD_ID}/beslissingen")
def add_decision(card_id: int):
    card = _load_card(card_id)
    form = decisions.DecisionForm()

    def refused(status: int):
        return render_page(
            "cards/show.html",
            block="decisions",
            status=status,
            **_detail_context(card, decision_form=form),
        )

    if not form.validate():
        return refused(400)
    may_confirm = form.may_publish(card.published, current_user, g.municipality)
    confirmed = confirmed_hashes("signal_card", [card.id])[card.id]
    if not form.review(may_confirm=may_confirm, confirmed=confirmed):
        return refused(422)
    added = editing.through_gate(
        form,
        lambda: decisions.add_decision(
            g.municipality,
            current_user,
            card=card,
            meeting=None,
            confirm_findings=form.confirm_personal_data.data,
            decided_on=form.decided_on.data,
            taken_by=form.taken_by.data,
            body=form.body.data,
            plan_goal=form.plan_goal.data or "",
            link=form.link.data or "",
        ),
    )
    if added is editing.BLOCKED:
        return refused(422)
    db.session.commit()
    _, new = added
    message = "De beslissing staat bij de fiche." if new else "Die beslissing stond er al."
    if card.published and new:
        message += " Ze staat ook op de publieke fiche."
    if request.htmx:
        db.session.refresh(card)
        return render_page(
            "cards/show.html", block="decisions", **_detail_context(card, decision_notice=message)
        )
    flash(message, "success")
    return redirect(url_for("cards.show_card", card_id=card.id) + "#beslissingen", 303)


@bp.post(f"/fiches/{CARD_ID}/beslissingen/{DECISION_ID}/verwijderen")
def remove_decision(card_id: int, decision_id: int):
    card = _load_card(card_id)
    decision = db.session.scalars(
        select(PolicyDecision).where(
            PolicyDecision.id == decision_id, PolicyDecision.card_id == card.id
        )
    ).first()
    if decision is None:
        abort(404)
    decisions.remove_decision(g.municipality, current_user, decision)
    db.session.commit()
    flash("De beslissing is verwijderd.", "success")
    return redirect(url_for("cards.show_card", card_id=card.id) + "#beslissingen", 303)


def _detail_context(card: SignalCard, status_form: StatusForm | None = None, **extra) -> dict:
    user, municipality = current_user, g.municipality
    processes = access.manages(user, municipality, "cards")
    linked_actions = access.visible_actions(user, municipality).where(
        Action.cards.any(SignalCard.id == card.id)
    )
    linked_meetings = access.visible_meetings(user, municipality).where(
        Meeting.cards.any(SignalCard.id == card.id)
    )
    context = {
        "card": card,
        "summary": render_markdown(card.summary),
        "provenance": services.provenance(card),
        "actions": db.session.scalars(linked_actions.order_by(Action.title)).all(),
        "meetings": db.session.scalars(linked_meetings.order_by(Meeting.starts_at.desc())).all(),
        "signals": [],
        "agenda_options": [],
        "exact_counts": access.sees_exact_counts(user, municipality),
        "threshold": municipality.suppression_threshold,
    }
    if processes:
        if status_form is None:
            status_form = StatusForm(formdata=None)
        if not status_form.public_status.data:
            status_form.public_status.data = card.public_status
        context["status_form"] = status_form
        context.setdefault("decision_form", decisions.DecisionForm(formdata=None))
        context["signals"] = card.signals
        context["agenda_options"] = db.session.scalars(
            access.visible_meetings(user, municipality)
            .where(Meeting.starts_at >= utcnow(), ~Meeting.cards.any(SignalCard.id == card.id))
            .order_by(Meeting.starts_at)
            .limit(5)
        ).all()
    context.update(extra)
    return context


@bp.get(f"/fiches/{CARD_ID}")
def show_card(card_id: int):
    card = _load_card(card_id)
    return render_page("cards/show.html", **_detail_context(card))


@bp.get("/fiches")
def list_cards():
    processes = access.manages(current_user, g.municipality, "cards")
    form = CardFilterForm(request.args)
    if not processes:
        del form.state
    if not form.validate():
        abort(400)
    page = page_number()
    query = access.visible_cards(current_user, g.municipality)
    filters = {"q": (form.q.data or "").strip(), "status": form.status.data}
    if filters["q"]:
        query = search.matching(query, filters["q"], SignalCard)
    if filters["status"]:
        query = query.where(SignalCard.public_status == filters["status"])
    if processes and form.state.data:
        filters["state"] = form.state.data
        query = query.where(SignalCard.published.is_(form.state.data == "gepubliceerd"))
    listed = paginate(
        query,
        page,
        order_by=(SignalCard.updated_at.desc(), SignalCard.id.desc()),
        options=(selectinload(SignalCard.themes),),
    )
    return render_page(
        "cards/list.html",
        block="results",
        form=form,
        cards=listed.items,
        counts=services.signal_counts([c.id for c in listed.items]),
        exact_counts=access.sees_exact_counts(current_user, g.municipality),
        threshold=g.municipality.suppression_threshold,
        page=page,
        pages=listed.pages,
        total=listed.total,
        args={name: value for name, value in filters.items() if value},
    )
