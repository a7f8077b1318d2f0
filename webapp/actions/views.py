"""Actions: what the municipality and its partners do about signals, with dated progress."""

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import func
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from webapp import access, editing
from webapp.actions import services
from webapp.actions.forms import (
    ActionFilterForm,
    ActionForm,
    EditActionForm,
    UpdateForm,
    today,
)
from webapp.extensions import db
from webapp.ids import ACTION_ID, as_id
from webapp.loading import found_or_404
from webapp.models import Action, ActionStatus, SignalCard
from webapp.pagination import page_number, paginate
from webapp.publication import confirmed_hashes, update_text
from webapp.rendering import render_page

bp = Blueprint("actions", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")
bp.context_processor(editing.template_helpers)


def _load_action(action_id: int) -> Action:
    """An action of this municipality that the current user may read, or 404."""
    return found_or_404(access.visible_actions(current_user, g.municipality), action_id)


def _prepare(form: ActionForm, cards: list[SignalCard]) -> None:
    form.organisation.choices = [SelectChoice("", "Geen organisatie")] + [
        SelectChoice(o.id, o.name) for o in g.municipality.organisations
    ]
    form.cards.choices = [
        SelectChoice(c.id, c.title + ("" if c.published else " (ontwerp)")) for c in cards
    ]


def _fields(form: ActionForm, cards: list[SignalCard]) -> dict:
    organisations = {o.id: o for o in g.municipality.organisations}
    return {
        "title": form.title.data,
        "description": form.description.data,
        "organisation": organisations.get(form.organisation.data),
        "owner_service": form.owner_service.data or "",
        "due_on": form.due_on.data,
        "status": ActionStatus(form.status.data),
        "is_public": form.is_public.data,
        "cards": [c for c in cards if c.id in (form.cards.data or [])],
        "confirm_findings": form.confirm_personal_data.data,
    }


def _reviewed(form: ActionForm, action: Action | None) -> bool:
    """The review step; making an action public also publishes its progress updates."""
    public = form.is_public.data
    updates = action.updates if action is not None and public else []
    return form.review(
        extra=[update_text(u.happened_on, u.body) for u in updates],
        may_confirm=form.may_publish(public, current_user, g.municipality),
        confirmed=confirmed_hashes("action", [action.id])[action.id] if action else set(),
    )


@bp.route("/acties/nieuw", methods=["GET", "POST"])
def new_action():
    cards = editing.linkable_cards()
    if request.method == "GET":
        form = ActionForm(formdata=None, status=ActionStatus.PLANNED.value)
        _prepare(form, cards)
        # From a card page: ?fiche=12 ticks that card.
        card_id = as_id(request.args.get("fiche", ""))
        form.cards.data = [c.id for c in cards if c.id == card_id]
        return render_page("actions/form.html", form=form, action=None)
    form = ActionForm()
    _prepare(form, cards)
    if not form.validate():
        return render_page("actions/form.html", status=400, form=form, action=None)
    if not _reviewed(form, None):
        return render_page("actions/form.html", status=422, form=form, action=None)
    action = editing.through_gate(
        form, lambda: services.create_action(g.municipality, current_user, **_fields(form, cards))
    )
    if action is editing.BLOCKED:
        return render_page("actions/form.html", status=422, form=form, action=None)
    db.session.commit()
    flash("De actie is gemaakt.", "success")
    return redirect(url_for("actions.show_action", action_id=action.id), 303)


@bp.route(f"/acties/{ACTION_ID}/bewerken", methods=["GET", "POST"])
def edit_action(action_id: int):
    action = _load_action(action_id)
    cards = editing.linkable_cards()
    if request.method == "GET":
        form = EditActionForm(
            formdata=None,
            title=action.title,
            description=action.description,
            organisation=action.organisation_id,
            owner_service=action.owner_service,
            due_on=action.due_on,
            status=action.status,
            is_public=action.is_public,
            cards=[c.id for c in action.cards],
            version=editing.version_of(action),
        )
        _prepare(form, cards)
        return render_page("actions/form.html", form=form, action=action)
    form = EditActionForm()
    _prepare(form, cards)
    if not form.validate():
        return render_page("actions/form.html", status=400, form=form, action=action)
    if not _reviewed(form, action):
        return render_page("actions/form.html", status=422, form=form, action=action)
    if not editing.claim_version(action, form.version.data):
        form.version.data = editing.version_of(action)
        return render_page(
            "actions/form.html", status=409, form=form, action=action, stale=editing.STALE_MESSAGE
        )
    saved = editing.through_gate(
        form, lambda: services.update_action(action, current_user, **_fields(form, cards))
    )
    if saved is editing.BLOCKED:
        return render_page("actions/form.html", status=422, form=form, action=action)
    db.session.commit()
    flash("De actie is opgeslagen.", "success")
    return redirect(url_for("actions.show_action", action_id=action.id), 303)


@bp.post(f"/acties/{ACTION_ID}/voortgang")
def add_update(action_id: int):
    action = _load_action(action_id)
    form = UpdateForm()
    if not form.validate():
        return render_page(
            "actions/show.html", block="updates", status=400, **_detail_context(action, form)
        )
    may_confirm = form.may_publish(action.is_public, current_user, g.municipality)
    if not form.review(may_confirm=may_confirm):
        return render_page(
            "actions/show.html", block="updates", status=422, **_detail_context(action, form)
        )
    services.add_update(
        action,
        current_user,
        form.happened_on.data,
        form.body.data,
        confirm_findings=form.confirm_personal_data.data,
    )
    db.session.commit()
    message = "De voortgang is toegevoegd."
    if request.htmx:
        db.session.refresh(action)
        return render_page(
            "actions/show.html", block="updates", **_detail_context(action, notice=message)
        )
    flash(message, "success")
    return redirect(url_for("actions.show_action", action_id=action.id), 303)


def _detail_context(action: Action, update_form: UpdateForm | None = None, **extra) -> dict:
    cards = access.visible_cards(current_user, g.municipality).where(
        SignalCard.actions.any(Action.id == action.id)
    )
    context = {
        "action": action,
        "today": today(),
        "cards": db.session.scalars(cards.order_by(SignalCard.title)).all(),
        "update_form": update_form or UpdateForm(formdata=None, happened_on=today()),
    }
    context.update(extra)
    return context


@bp.get(f"/acties/{ACTION_ID}")
def show_action(action_id: int):
    return render_page("actions/show.html", **_detail_context(_load_action(action_id)))


@bp.get("/acties")
def list_actions():
    processes = access.manages(current_user, g.municipality, "actions")
    form = ActionFilterForm(request.args)
    if not processes:
        del form.visibility
    if not form.validate():
        abort(400)
    page = page_number()
    query = access.visible_actions(current_user, g.municipality)
    filters = {"status": form.status.data, "deadline": form.deadline.data}
    if filters["status"]:
        query = query.where(Action.status == filters["status"])
    if filters["deadline"]:
        query = services.overdue(query, today())
    if processes and form.visibility.data:
        filters["visibility"] = form.visibility.data
        query = query.where(Action.is_public.is_(form.visibility.data == "openbaar"))
    newest_first = (Action.updated_at.desc(), Action.id.desc())
    listed = paginate(
        query, page, order_by=newest_first, options=[selectinload(Action.organisation)]
    )
    return render_page(
        "actions/list.html",
        block="results",
        form=form,
        actions=listed.items,
        today=today(),
        overdue_total=db.session.scalar(
            services.overdue(access.visible_actions(current_user, g.municipality), today())
            .with_only_columns(func.count())
            .order_by(None)
        )
        if processes
        else 0,
        page=page,
        pages=listed.pages,
        total=listed.total,
        args={name: value for name, value in filters.items() if value},
    )
