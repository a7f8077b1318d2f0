"""Requests from outside: a would-be giver asks a municipality for an account (the head
processor approves with an invitation or declines with a message), and a municipality asks
the network to take part (the overview site's "Doe mee als gemeente" form posts here).

Spam-safe: a rate limit per address and a honeypot field; the personal-data guard reads the
free text before anyone else does."""

import secrets

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_login import current_user

from common.personal_data import guard as privacy_guard
from webapp import access
from webapp.extensions import csrf, db
from webapp.ids import MAX_ID
from webapp.loading import found_or_404
from webapp.models import AccountRequest, MunicipalityRequest, RequestStatus
from webapp.rate_limits import limited
from webapp.rendering import render_page
from webapp.signup import services
from webapp.signup.forms import AccountDecisionForm, AccountRequestForm, MunicipalityRequestForm

bp = Blueprint("signup", __name__, template_folder="templates")
REQUEST_ID = f"<int(max={MAX_ID}):account_request_id>"
DECIDED_SHOWN = 50
FLAGGED = (
    "Je bericht bevat mogelijk persoonsgegevens. Haal ze weg, of bevestig hieronder dat het "
    "geen gegevens zijn van de mensen die je helpt."
)


def _flagged(form) -> str | None:
    """The highlighted message when the guard finds something the sender did not confirm."""
    findings = privacy_guard.scan(form.message.data or "")
    if findings and not form.confirm_personal_data.data:
        form.message.errors = [*form.message.errors, FLAGGED]
        return privacy_guard.highlight(form.message.data, findings)
    return None


# --- An account for a would-be giver -------------------------------------------------------


@bp.route("/<slug:gemeente>/account-aanvragen", methods=["GET", "POST"])
@limited(10, per_seconds=60)
def request_account():
    if request.method == "GET":
        form = AccountRequestForm(formdata=None, idempotency_key=secrets.token_urlsafe(24))
        return render_page("signup/account_request.html", form=form)
    form = AccountRequestForm()
    if form.is_bot():
        return redirect(url_for("signup.account_request_sent"), 303)
    valid = form.validate()
    flagged = _flagged(form)
    if not valid or flagged:
        if not form.idempotency_key.data:
            form.idempotency_key.data = secrets.token_urlsafe(24)
        return render_page("signup/account_request.html", form=form, flagged=flagged, status=400)
    services.submit_account_request(
        g.municipality,
        form.idempotency_key.data,
        name=form.name.data,
        email=form.email.data,
        organisation_name=form.organisation_name.data or "",
        job=form.job.data or "",
        message=(form.message.data or "").strip(),
    )
    db.session.commit()
    return redirect(url_for("signup.account_request_sent"), 303)


@bp.get("/<slug:gemeente>/account-aanvragen/verstuurd")
def account_request_sent():
    return render_page("signup/account_request_sent.html")


@bp.get("/<slug:gemeente>/accountaanvragen")
def list_account_requests():
    return _requests_page(AccountDecisionForm(formdata=None))


def _requests_page(form, failed: int | None = None, status: int = 200):
    scope = access.reviewable_account_requests(current_user, g.municipality).order_by(
        AccountRequest.created_at.desc(), AccountRequest.id.desc()
    )
    pending = AccountRequest.status == RequestStatus.PENDING.value
    return render_page(
        "signup/account_requests.html",
        status=status,
        pending=db.session.scalars(scope.where(pending)).all(),
        decided=db.session.scalars(scope.where(~pending).limit(DECIDED_SHOWN)).all(),
        form=form,
        failed=failed,
    )


@bp.post(f"/<slug:gemeente>/accountaanvragen/{REQUEST_ID}")
def decide_account_request(account_request_id: int):
    account_request = found_or_404(
        access.reviewable_account_requests(current_user, g.municipality), account_request_id
    )
    if account_request.status != RequestStatus.PENDING.value:
        flash("Over deze aanvraag is al beslist.", "info")
        return redirect(url_for("signup.list_account_requests"), 303)
    form = AccountDecisionForm()
    if not form.validate():
        return _requests_page(form, failed=account_request.id, status=400)
    if form.decision.data == "approve":
        services.approve_account_request(account_request, current_user, form.message.data or "")
        db.session.commit()
        flash(f"De uitnodiging is verstuurd naar {account_request.email}.", "success")
    else:
        services.decline_account_request(account_request, current_user, form.message.data or "")
        db.session.commit()
        flash("De aanvraag is geweigerd. De aanvrager krijgt je bericht per e-mail.", "success")
    return redirect(url_for("signup.list_account_requests"), 303)


# --- "Doe mee als gemeente": the overview site's form reaches the network ------------------


@bp.route("/doe-mee", methods=["GET", "POST"])
@csrf.exempt  # posted from the static overview site, which holds no session; see the docstring
@limited(5, per_seconds=600)
def request_membership():
    if request.method == "GET":
        return render_page(
            "signup/municipality_request.html", form=MunicipalityRequestForm(formdata=None)
        )
    form = MunicipalityRequestForm()
    if form.is_bot():
        return redirect(url_for("signup.membership_request_sent"), 303)
    valid = form.validate()
    flagged = _flagged(form)
    if not valid or flagged:
        return render_page(
            "signup/municipality_request.html", form=form, flagged=flagged, status=400
        )
    services.submit_municipality_request(
        municipality_name=form.municipality_name.data,
        contact_name=form.contact_name.data,
        contact_email=form.contact_email.data,
        job=form.job.data or "",
        message=(form.message.data or "").strip(),
    )
    db.session.commit()
    return redirect(url_for("signup.membership_request_sent"), 303)


@bp.get("/doe-mee/verstuurd")
def membership_request_sent():
    return render_page("signup/municipality_request_sent.html")


@bp.get("/netwerk/aanvragen")
def list_municipality_requests():
    scope = access.network_municipality_requests(current_user)
    open_ = MunicipalityRequest.handled_at.is_(None)
    return render_page(
        "signup/municipality_requests.html",
        waiting=db.session.scalars(
            scope.where(open_).order_by(MunicipalityRequest.created_at)
        ).all(),
        handled=db.session.scalars(
            scope.where(~open_).order_by(MunicipalityRequest.handled_at.desc()).limit(DECIDED_SHOWN)
        ).all(),
    )


@bp.post(f"/netwerk/aanvragen/<int(max={MAX_ID}):municipality_request_id>")
def handle_municipality_request(municipality_request_id: int):
    found = found_or_404(
        access.network_municipality_requests(current_user), municipality_request_id
    )
    services.mark_handled(found, current_user)
    db.session.commit()
    flash(f"De aanvraag van {found.municipality_name} staat bij de behandelde.", "success")
    return redirect(url_for("signup.list_municipality_requests"), 303)
