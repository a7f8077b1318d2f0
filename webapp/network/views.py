"""The network view (VVSG): figures across municipalities, published cards of every
municipality, and supra-local files; plus the head processor's referral of a card."""

import secrets

from flask import Blueprint, Response, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from webapp import access, search
from webapp.disclosure import BASE as DEFAULT_THRESHOLD
from webapp.extensions import db
from webapp.ids import CARD_ID
from webapp.loading import found_or_404
from webapp.models import (
    Municipality,
    SignalCard,
    SupralocalFile,
    SupralocalReferral,
    SupralocalStatus,
    TargetGroup,
)
from webapp.network import services, themes
from webapp.network.figures import recurring_themes
from webapp.network.forms import FileForm, FileStatusForm, ReferForm
from webapp.pagination import PAGE_SIZE, page_number
from webapp.rendering import render_page
from webapp.reports import cache, charts
from webapp.reports.context import export_file, filtered
from webapp.reports.protected import ProtectedFigures

bp = Blueprint("network", __name__, template_folder="templates")
FILE_ID = "<int(max=2147483647):file_id>"


def _names(model) -> list[str]:
    return list(db.session.scalars(select(model.name).distinct().order_by(model.name)))


def _report():
    # Themes in the network's vocabulary: a renamed theme does not split the filter.
    chosen = filtered(themes.network_names(), _names(TargetGroup), None, network=True)
    report = cache.report(chosen.scope, exact=False, threshold=DEFAULT_THRESHOLD, network=True)
    return chosen, report


@bp.get("/netwerk")
def overview():
    chosen, report = _report()
    return render_page(
        "network/overview.html",
        block="panels",
        form=chosen.form,
        args=chosen.args,
        report=report,
        charts=charts,
        threshold=report.threshold,
        export_endpoint="network.export_table",
        card_url=None,
        recurring=cache.cached(("recurring",), chosen.scope, lambda: _recurring(chosen.scope)),
        waiting=db.session.scalars(
            services.waiting_referrals().options(selectinload(SupralocalReferral.card))
        ).all(),
        files=db.session.scalars(
            select(SupralocalFile).order_by(SupralocalFile.updated_at.desc()).limit(20)
        ).all(),
        file_form=_file_form(),
    )


def _recurring(scope) -> list[dict]:
    published = ProtectedFigures(scope, DEFAULT_THRESHOLD, exact_source=cache.source_for(scope))
    return recurring_themes(
        scope,
        DEFAULT_THRESHOLD,
        per_place=themes.regroup(published.by_place("theme", scope.period)),
    )


def _file_form(form: FileForm | None = None) -> FileForm:
    if form is None:
        form = FileForm(formdata=None, submission_token=secrets.token_urlsafe(16))
    return form


@bp.get("/netwerk/rapporten/<tabel>.<formaat>")
def export_table(tabel: str, formaat: str):
    _, report = _report()
    body, mimetype, name = export_file("netwerk", "alle gemeenten", report, tabel, formaat)
    return Response(
        body,
        content_type=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/netwerk/fiches")
def list_cards():
    page = page_number()
    q = (request.args.get("q") or "").replace("\x00", "").strip()[:200]
    place = (request.args.get("gemeente") or "").strip()
    query = services.network_cards()
    if q:
        query = search.matching(query, q, SignalCard)
    if place:
        query = query.join(Municipality, Municipality.id == SignalCard.municipality_id).where(
            Municipality.slug == place
        )
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    referred = SignalCard.id.in_(select(SupralocalReferral.card_id))
    cards = db.session.scalars(
        query.options(selectinload(SignalCard.municipality), selectinload(SignalCard.themes))
        .order_by(referred.desc(), SignalCard.updated_at.desc(), SignalCard.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    referrals = {
        r.card_id: r
        for r in db.session.scalars(
            select(SupralocalReferral).where(SupralocalReferral.card_id.in_([c.id for c in cards]))
        )
    }
    args = {k: v for k, v in {"q": q, "gemeente": place}.items() if v}
    return render_page(
        "network/cards.html",
        block="results",
        cards=cards,
        referrals=referrals,
        q=q,
        place=place,
        municipalities=db.session.scalars(select(Municipality).order_by(Municipality.name)).all(),
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        args=args,
    )


@bp.post("/netwerk/dossiers")
def new_file():
    form = FileForm()
    if not form.validate():
        flash("Het dossier is niet gemaakt: " + _first_error(form), "error")
        return redirect(url_for("network.overview"), 303)
    file, created = services.create_file(
        current_user,
        form.title.data,
        form.summary.data or "",
        form.card_ids.data,
        form.submission_token.data,
    )
    db.session.commit()
    if created:
        flash(
            "Het bovenlokale dossier is gemaakt. De betrokken gemeenten kregen bericht.", "success"
        )
    return redirect(url_for("network.show_file", file_id=file.id), 303)


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return "controleer het formulier."


def _load_file(file_id: int) -> SupralocalFile:
    return found_or_404(select(SupralocalFile), file_id)


@bp.get(f"/netwerk/dossiers/{FILE_ID}")
def show_file(file_id: int):
    file = _load_file(file_id)
    return render_page(
        "network/file.html",
        file=file,
        form=FileStatusForm(formdata=None, status=file.status),
        municipalities=services.involved_municipalities(file),
    )


@bp.post(f"/netwerk/dossiers/{FILE_ID}/status")
def change_file_status(file_id: int):
    file = _load_file(file_id)
    form = FileStatusForm()
    if not form.validate():
        return render_page(
            "network/file.html",
            status=400,
            file=file,
            form=form,
            municipalities=services.involved_municipalities(file),
        )
    feedback = services.change_file(
        file, current_user, SupralocalStatus(form.status.data), form.message.data
    )
    db.session.commit()
    if feedback is None:
        flash("Er veranderde niets: er is niets verstuurd.", "info")
    else:
        flash(
            "Opgeslagen. De signaalverwerkers van de betrokken gemeenten kregen bericht.", "success"
        )
    return redirect(url_for("network.show_file", file_id=file.id), 303)


@bp.route(f"/<slug:gemeente>/fiches/{CARD_ID}/bovenlokaal", methods=["GET", "POST"])
def refer_card(card_id: int):
    card = found_or_404(access.visible_cards(current_user, g.municipality), card_id)
    referral = services.referral_of(card)
    form = ReferForm(formdata=None, motivation=referral.motivation if referral else None)
    if request.method == "POST":
        form = ReferForm()
        if not card.published:
            form.motivation.errors = [
                "Publiceer de fiche eerst: het netwerk leest alleen gepubliceerde fiches."
            ]
        elif form.validate():
            services.refer_card(card, current_user, form.motivation.data)
            db.session.commit()
            flash(
                "De fiche is bovenlokaal doorverwezen. Het netwerk ziet ze nu bovenaan.", "success"
            )
            return redirect(url_for("cards.show_card", card_id=card.id), 303)
        return render_page("network/refer.html", status=400, card=card, form=form)
    return render_page("network/refer.html", card=card, form=form)


@bp.app_context_processor
def supralocal_helpers():
    return {"supralocal_of": services.referral_of}
