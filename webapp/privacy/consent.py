"""Consent to the privacy statement: the gate before sharing, the acceptance page, withdrawal and
the statement page.

The rule itself is the policy's (webapp/access/consent.py). A blocked change is answered with
the acceptance page, which carries what was typed along as hidden fields (nothing is stored
before consent, nothing typed is lost, and it works with JavaScript off). Accepting records the
consent and sends the browser back with the same fields to where they were going (307 keeps the
method and the body): the original view then stores it once, its own idempotency key included.
"""

from urllib.parse import urlsplit

from flask import current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user
from werkzeug.exceptions import HTTPException
from wtforms import BooleanField
from wtforms.validators import DataRequired

from webapp import audit
from webapp.access import consent as policy
from webapp.auth import services as auth_services
from webapp.extensions import db
from webapp.forms import FormBodyForm
from webapp.links import same_site_path
from webapp.models import Municipality, User
from webapp.privacy.blueprint import bp
from webapp.rendering import render_page

PENDING_ACTION = "_na_akkoord"  # the hidden field naming the action to go on with
OWN_FIELDS = frozenset({"csrf_token", "privacy_consent", PENDING_ACTION})
ASKED = "consent_asked"  # the session's "municipality id:version" keys already shown
# Fields of the app's forms that hold no typed text (tokens, ids, buttons): not shown back.
TECHNICAL = ("token", "_id", "action", "idempotency", "actie")


class AcceptForm(FormBodyForm):
    privacy_consent = BooleanField(
        "Ik heb de privacyverklaring gelezen en ga ermee akkoord.",
        validators=[DataRequired("Vink aan dat je akkoord gaat om verder te gaan.")],
    )


class WithdrawForm(FormBodyForm):
    confirm = BooleanField(
        "Ja, ik trek mijn toestemming in.",
        validators=[DataRequired("Vink aan dat je je toestemming intrekt.")],
    )


def _pending_fields(form) -> list[tuple[str, str]]:
    return [(name, value) for name, value in form.items(multi=True) if name not in OWN_FIELDS]


def _typed(pending: list[tuple[str, str]]) -> list[str]:
    """What the person typed, to show it back: texts, not tokens, ids or choices."""
    return [
        value
        for name, value in pending
        if not any(part in name for part in TECHNICAL)
        and not value.isdigit()
        and any(char.isalpha() for char in value)
    ]


def _pending_target(value: str | None) -> str | None:
    """The action to go on with: a path of this app that takes a POST, never a privacy page."""
    path = same_site_path(value)
    if path is None:
        return None
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(urlsplit(path).path, method="POST")
    except HTTPException:
        return None
    return None if policy.exempt(endpoint) else path


def _mark_asked(municipality: Municipality) -> None:
    asked = list(session.get(ASKED, []))
    key = policy.asked_key(municipality)
    if key not in asked:
        session[ASKED] = [*asked[-9:], key]


def _acceptance(municipality, form, pending, target, status, next_url):
    """The acceptance page, with what was typed along in hidden fields."""
    _mark_asked(municipality)
    return render_page(
        "privacy/accept.html",
        block="consent",
        status=status,
        form=form,
        place=municipality,
        pending=pending if target else [],
        typed=_typed(pending) if target else [],
        target=target,
        pending_field=PENDING_ACTION,
        next_url=next_url,
        given=_consent_of(current_user, municipality),
    )


def _consent_of(user: User, municipality: Municipality) -> str | None:
    return next(
        (
            m.privacy_consent_version
            for m in user.memberships
            if m.municipality_id == municipality.id and m.privacy_consent_version
        ),
        None,
    )


def _came_from() -> str | None:
    """The page the person was on, to go back to without accepting."""
    if request.htmx and request.htmx.current_url:
        parts = urlsplit(request.htmx.current_url)
        return same_site_path(parts.path + (f"?{parts.query}" if parts.query else ""))
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc and referrer.netloc != request.host:
        return None
    return same_site_path(referrer.path + (f"?{referrer.query}" if referrer.query else ""))


def gate(endpoint: str | None):
    """Before every request (after the access policy): a change by someone who must accept the
    statement first gets the acceptance page; a running session is shown a new version once."""
    municipality = g.get("municipality")
    if policy.must_accept_first(endpoint, current_user, municipality):
        pending = _pending_fields(request.form)
        target = request.full_path.rstrip("?")
        response = _acceptance(
            municipality, AcceptForm(formdata=None), pending, target, 403, _came_from()
        )
        if request.htmx:
            # htmx swaps 2xx answers only: the acceptance form replaces the page's content.
            response.status_code = 200
            response.headers["HX-Retarget"] = "#inhoud"
            response.headers["HX-Reswap"] = "innerHTML"
        return response
    place = policy.to_ask(endpoint, current_user, municipality, session.get(ASKED, []))
    if place is not None:
        here = request.full_path.rstrip("?")
        return redirect(url_for("privacy.accept_privacy", gemeente=place.slug, next=here), 303)
    return None


@bp.route("/<slug:gemeente>/privacy-akkoord", methods=["GET", "POST"])
def accept_privacy():
    municipality = g.municipality
    next_url = same_site_path(request.args.get("next"))
    if request.method == "GET":
        return _acceptance(municipality, AcceptForm(formdata=None), [], None, 200, next_url)
    form = AcceptForm()
    pending = _pending_fields(request.form)
    target = _pending_target(request.form.get(PENDING_ACTION))
    if not form.validate():
        return _acceptance(municipality, form, pending, target, 400, next_url)
    if _consent_of(current_user, municipality) != municipality.privacy_version:
        auth_services.accept_privacy(current_user, municipality)
        audit.record(
            municipality,
            current_user,
            "privacy.consent_accepted",
            current_user._get_current_object(),
            f"Akkoord met de privacyverklaring, versie {municipality.privacy_version}.",
        )
        db.session.commit()
    flash(f"Bedankt. Je gaat akkoord met versie {municipality.privacy_version}.", "success")
    if target:
        # The same method and body to where they were going: what was typed is stored now.
        return redirect(target, 307)
    return redirect(next_url or url_for("main.municipality_home"), 303)


@bp.route("/<slug:gemeente>/privacy-akkoord/intrekken", methods=["GET", "POST"])
def withdraw_consent():
    municipality = g.municipality
    form = WithdrawForm() if request.method == "POST" else WithdrawForm(formdata=None)
    given = _consent_of(current_user, municipality)
    if request.method == "POST" and form.validate():
        if given is not None:
            for membership in current_user.memberships:
                if membership.municipality_id == municipality.id:
                    membership.privacy_consent_version = None
                    membership.privacy_consent_at = None
            audit.record(
                municipality,
                current_user,
                "privacy.consent_withdrawn",
                current_user._get_current_object(),
                f"Toestemming ingetrokken (privacyverklaring versie {given}).",
            )
            db.session.commit()
        # Withdrawn on purpose: not asked again at every page of this session.
        _mark_asked(municipality)
        flash(
            "Je toestemming is ingetrokken. Je kan verder lezen, maar je deelt niets meer met "
            "anderen tot je opnieuw akkoord gaat.",
            "success",
        )
        return redirect(url_for("privacy.my_data") + "#toestemming", 303)
    return render_page(
        "privacy/withdraw.html",
        status=400 if form.errors else 200,
        form=form,
        given=given,
    )


@bp.get("/<slug:gemeente>/privacyverklaring")
def show_statement():
    municipality = g.municipality
    given = _consent_of(current_user, municipality) if current_user.is_authenticated else None
    member = current_user.is_authenticated and any(
        m.municipality_id == municipality.id for m in current_user.memberships
    )
    return render_page("privacy/statement.html", given=given, member=member)
