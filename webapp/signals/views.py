"""The giver's journey: give a signal, find and read signals, follow, reinforce, supplement."""

import time

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from webapp import access, fragments, search, vocabulary
from webapp.extensions import db
from webapp.followup import services as followup
from webapp.ids import SIGNAL_ID, as_id
from webapp.kept_input import keeps_typed_input
from webapp.loading import found_or_404
from webapp.models import Follow, Reinforcement, Signal, Supplement, TargetGroup, Theme
from webapp.pagination import (
    POSITION_ARGS,
    KeyOrder,
    Position,
    count_rows,
    keyset_page,
    requested_position,
)
from webapp.rendering import render_page
from webapp.signals import services
from webapp.signals.forms import (
    TOKEN_PATTERN,
    FollowForm,
    ReinforceForm,
    SignalFilterForm,
    SignalForm,
    SupplementForm,
    new_form_token,
)
from webapp.signals.similarity import similar_signals

bp = Blueprint("signals", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")

COUNT_CAP = 1000


def _load_signal(signal_id: int) -> Signal:
    """A signal of this municipality that the current user may read, or 404."""
    return found_or_404(access.visible_signals(current_user, g.municipality), signal_id)


def _choices(form: SignalForm) -> None:
    municipality = g.municipality
    form.themes.choices = [SelectChoice(t.id, t.name) for t in vocabulary.themes(municipality)]
    form.target_groups.choices = [
        SelectChoice(t.id, t.name) for t in vocabulary.target_groups(municipality)
    ]


@bp.route("/signalen/nieuw", methods=["GET", "POST"])
def new_signal():
    municipality = g.municipality
    form = SignalForm()
    _choices(form)
    with_account = access.submits_with_account(current_user, municipality)
    scope = access.visible_signals(current_user, municipality)
    # Nothing posted: the fields are as empty as for everyone, and kept rendered.
    pristine = request.method == "GET"
    context = {"form": form, "with_account": with_account, "similar": None, "pristine": pristine}

    if request.method == "GET":
        form.submission_token.data = new_form_token()
        # A message may name the person ("Welkom, ..."): such a page stays no-store.
        shell = not session.get("_flashes")
        response = render_page("signals/new.html", **context)
        if shell:
            # Nothing of anyone in it but the form's tokens: the browser may keep it for the
            # back button, and the service worker as the offline shell (docs/offline.md).
            response.headers["Cache-Control"] = "private, no-cache"
        return response

    if request.form.get("reinforce_id"):
        return _reinforce_from_draft(form, scope, context)

    if request.form.get("action") == "check":
        if with_account:  # without an account there is nothing to search (and to say about it)
            context["similar"] = _similar(form, scope)
        return render_page("signals/new.html", block="similar", **context)

    if not form.validate_on_submit():
        # One round: what is missing and what the review step finds, in the same answer.
        form.review()
        return render_page("signals/new.html", status=400, **context)

    existing = services.find_by_token(municipality, form.submission_token.data)
    if existing is not None:
        return _confirm(existing)

    if not form.review():
        return render_page("signals/new.html", status=422, **context)
    texts = form.texts()

    themes = [t for t in municipality.current_themes if t.id in form.themes.data]
    groups = [t for t in municipality.current_target_groups if t.id in form.target_groups.data]
    signal, _ = services.submit_signal(
        municipality,
        token=form.submission_token.data,
        title=texts["title"],
        description=texts["description"],
        themes=themes,
        target_groups=groups,
        tried=texts["tried"],
        ideas=texts["ideas"],
        giver=current_user if with_account else None,
        contact_email=None if with_account else form.contact_email.data,
        confirmed_kinds=form.confirmed_kinds,
    )
    db.session.commit()
    return _confirm(signal)


@keeps_typed_input("signals.new_signal")
def _new_signal_typed_again():
    """The submit form with everything posted, after a refused CSRF token; stores nothing."""
    form = SignalForm()
    _choices(form)
    if not TOKEN_PATTERN.regex.match(form.submission_token.data or ""):
        form.submission_token.data = new_form_token()
    with_account = access.submits_with_account(current_user, g.municipality)
    context = {"form": form, "with_account": with_account, "similar": None, "pristine": False}
    return render_page("signals/new.html", status=400, **context)


def _similar(form: SignalForm, scope) -> list[Signal]:
    """Signals like the draft; the ticked themes and target groups count as likeness too."""
    return similar_signals(
        scope,
        form.title.data or "",
        form.description.data or "",
        theme_ids=_ticked(form.themes),
        target_group_ids=_ticked(form.target_groups),
    )


def _ticked(field) -> list[int]:
    """The ids ticked in a checkbox group; a half-typed draft's odd values are ignored."""
    return [int(v) for v in field.raw_data or () if v.isascii() and v.isdigit() and len(v) < 10]


CONFIRMATION_MINUTES = 30


def _confirm(signal: Signal):
    confirmation = {"reference": signal.reference, "at": int(time.time())}
    if signal.submitted_by_id is None:
        # The link is made when the next page shows it, once: the session cookie can be read
        # by whoever holds it, so it carries only that a link is due, never the token.
        confirmation["followup_due"] = True
    session["submitted_signal"] = confirmation
    return redirect(url_for("signals.submitted"), 303)


def _reinforce_from_draft(form: SignalForm, scope, context):
    """A giver who finds their signal already given reinforces it; the draft stays typed."""
    signal_id = as_id(request.form["reinforce_id"])
    signal = None
    if signal_id is not None:
        signal = db.session.scalars(scope.where(Signal.id == signal_id)).first()
    if signal is None:
        abort(404)
    services.reinforce(signal, current_user, None)
    db.session.commit()
    similar = _similar(form, scope)
    if signal not in similar:
        # Newer signals may have pushed it out of the list: the confirmation must still show.
        similar = [signal, *similar[:4]]
    context["similar"] = similar
    context["reinforced_id"] = signal.id
    return render_page("signals/new.html", block="similar", **context)


@bp.get("/signalen/ontvangen")
def submitted():
    # Shown for a short while only: on a shared computer the next person must not see it.
    recent = session.get("submitted_signal")
    fresh = (
        isinstance(recent, dict) and time.time() - recent.get("at", 0) < CONFIRMATION_MINUTES * 60
    )
    signal = (
        fresh
        and db.session.scalars(
            select(Signal).filter_by(
                municipality_id=g.municipality.id, reference=str(recent.get("reference"))
            )
        ).first()
    )
    if not signal:
        session.pop("submitted_signal", None)
        return redirect(url_for("signals.new_signal"), 303)
    followup_link = None
    if recent.pop("followup_due", False) and signal.submitted_by_id is None:
        # Shown once: the giver without an account keeps it, we keep its hash.
        followup_link = followup.new_link(signal)
        db.session.commit()
    session["submitted_signal"] = recent
    return render_page("signals/submitted.html", signal=signal, followup_link=followup_link)


def _filter_form() -> SignalFilterForm:
    form = SignalFilterForm(request.args)
    form.theme.choices = [SelectChoice("", "Alle thema's")] + [
        SelectChoice(t.slug, t.name) for t in vocabulary.themes(g.municipality, retired=True)
    ]
    form.target_group.choices = [SelectChoice("", "Alle doelgroepen")] + [
        SelectChoice(t.slug, t.name) for t in vocabulary.target_groups(g.municipality, retired=True)
    ]
    return form


def _filtered(filters: dict, dense: bool = False):
    """The signals this user may read under the list's filters."""
    query = access.visible_signals(current_user, g.municipality)
    if filters["q"]:
        query = search.matching(query, filters["q"], dense=dense)
    if filters["theme"]:
        query = query.where(Signal.themes.any(Theme.slug == filters["theme"]))
    if filters["target_group"]:
        query = query.where(Signal.target_groups.any(TargetGroup.slug == filters["target_group"]))
    if filters["status"]:
        query = query.where(Signal.status == filters["status"])
    return query


NEWEST_FIRST = KeyOrder((Signal.created_at, Signal.id), descending=True)


@bp.get("/signalen")
def list_signals():
    form = _filter_form()
    if not form.validate():
        abort(400)
    position = requested_position(NEWEST_FIRST)
    if position is None:
        abort(400)
    filters = {
        "q": (form.q.data or "").strip(),
        "theme": form.theme.data,
        "target_group": form.target_group.data,
        "status": form.status.data,
    }
    # Only the filters go into the page links: other parameters (gemeente, _anchor, _external)
    # would steer url_for.
    args = {name: value for name, value in filters.items() if value}
    # The rows, the count and the pager are the same for every reader of this municipality
    # under the same filters and position: rendered once per change of its data.
    audience = access.signal_audience(current_user, g.municipality)
    results = fragments.cached(
        "signals.list",
        (audience, tuple(filters.items()), position),
        lambda: _results(filters, position, args),
    )
    response = render_page("signals/list.html", block="results", form=form, results=results)
    if request.htmx:
        # The address bar shows the filters in use and the position, without the empty
        # filters the form sent.
        here = {name: request.args[name] for name in POSITION_ARGS if name in request.args}
        response.headers["HX-Push-Url"] = url_for("signals.list_signals", **args, **here)
    return response


def _results(filters: dict, position: Position, args: dict) -> str:
    """The list's rows, count and pager, rendered."""
    query = _filtered(filters)
    # Counting stops past COUNT_CAP: counting 100,000 rows on every page costs more than the
    # page itself, and "more than 1.000" says enough.
    total = count_rows(query.limit(COUNT_CAP + 1))
    if filters["q"] and total > COUNT_CAP:
        query = _filtered(filters, dense=True)
    listed = keyset_page(
        query,
        NEWEST_FIRST,
        position,
        options=(
            selectinload(Signal.themes),
            selectinload(Signal.submitted_by),
            selectinload(Signal.organisation),
        ),
        total=total if total <= COUNT_CAP else None,
    )
    signals = listed.items
    counts = {s.id: s.reinforcement_count for s in signals}  # the column, not a count query
    return render_template(
        "signals/_results.html",
        signals=signals,
        counts=counts,
        listed=listed,
        total=total,
        count_cap=COUNT_CAP,
        args=args,
    )


def _detail_context(signal: Signal, **extra) -> dict:
    context = {
        "signal": signal,
        "following": services.is_following(signal, current_user),
        "reinforcement": services.reinforcement_of(signal, current_user),
        # Fresh forms (formdata=None): after a POST they must not echo the posted text, nor
        # reuse its token, which would make the next supplement count as a repeat of this one.
        "follow_form": FollowForm(formdata=None),
        "reinforce_form": ReinforceForm(formdata=None),
        "supplement_form": SupplementForm(formdata=None, submission_token=new_form_token()),
        "show_contact": access.can_see_contact_email(current_user, signal),
    }
    context.update(extra)
    return context


@bp.get(f"/signalen/{SIGNAL_ID}")
def show_signal(signal_id: int):
    signal = _load_signal(signal_id)
    return render_page("signals/show.html", **_detail_context(signal))


@bp.post(f"/signalen/{SIGNAL_ID}/volgen")
def toggle_follow(signal_id: int):
    signal = _load_signal(signal_id)
    form = FollowForm()
    if not form.validate_on_submit():
        abort(400)
    follow = request.form.get("follow") != "0"
    services.toggle_follow(signal, current_user, follow)
    db.session.commit()
    message = "Je volgt dit signaal." if follow else "Je volgt dit signaal niet meer."
    return _after_change(signal, "follow", message)


@bp.post(f"/signalen/{SIGNAL_ID}/versterken")
def reinforce_signal(signal_id: int):
    signal = _load_signal(signal_id)
    form = ReinforceForm()
    if not form.validate_on_submit():
        return render_page(
            "signals/show.html",
            block="reinforce",
            status=400,
            **_detail_context(signal, reinforce_form=form),
        )
    if not form.review():
        return render_page(
            "signals/show.html",
            block="reinforce",
            status=422,
            **_detail_context(signal, reinforce_form=form),
        )
    services.reinforce(signal, current_user, form.context.data)
    db.session.commit()
    return _after_change(signal, "reinforce", "Je hebt dit signaal versterkt. Dank je.")


@bp.post(f"/signalen/{SIGNAL_ID}/aanvullen")
def supplement_signal(signal_id: int):
    signal = _load_signal(signal_id)
    form = SupplementForm()
    if not form.validate_on_submit():
        return render_page(
            "signals/show.html",
            block="supplements",
            status=400,
            **_detail_context(signal, supplement_form=form),
        )
    if not form.review():
        return render_page(
            "signals/show.html",
            block="supplements",
            status=422,
            **_detail_context(signal, supplement_form=form),
        )
    services.supplement(signal, current_user, form.body.data, form.submission_token.data)
    db.session.commit()
    return _after_change(signal, "supplements", "Je aanvulling is toegevoegd.")


@keeps_typed_input("signals.supplement_signal")
def _supplement_typed_again():
    """The signal's page with the supplement as typed, after a refused CSRF token."""
    signal = _load_signal(request.view_args["signal_id"])
    form = SupplementForm()
    if not TOKEN_PATTERN.regex.match(form.submission_token.data or ""):
        form.submission_token.data = new_form_token()
    return render_page(
        "signals/show.html", status=400, **_detail_context(signal, supplement_form=form)
    )


def _after_change(signal: Signal, block: str, message: str):
    """htmx gets the updated block with the confirmation in it; a plain POST is redirected."""
    if request.htmx:
        db.session.refresh(signal)
        return render_page(
            "signals/show.html",
            block=block,
            **_detail_context(signal, notice=message, notice_block=block),
        )
    flash(message, "success")
    return redirect(url_for("signals.show_signal", signal_id=signal.id), 303)


@bp.get("/mijn-signalen")
def my_signals():
    scope = access.visible_signals(current_user, g.municipality)
    user_id = current_user.id

    def listed(query):
        query = query.options(
            selectinload(Signal.themes),
            selectinload(Signal.submitted_by),
            selectinload(Signal.organisation),
        )
        newest_first = (Signal.created_at.desc(), Signal.id.desc())  # ids break equal times
        return db.session.scalars(query.order_by(*newest_first).limit(100)).all()

    return render_page(
        "signals/mine.html",
        submitted=listed(scope.where(Signal.submitted_by_id == user_id)),
        followed=listed(scope.join(Follow).where(Follow.user_id == user_id)),
        reinforced=listed(scope.join(Reinforcement).where(Reinforcement.user_id == user_id)),
        supplemented=listed(scope.where(Signal.supplements.any(Supplement.user_id == user_id))),
    )
