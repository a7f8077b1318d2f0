"""Logging in and out, invitations and password resets."""

from urllib.parse import urlsplit

from flask import (
    abort,
    flash,
    g,
    redirect,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from wtforms.fields.choices import SelectChoice

from webapp import access, kept_input
from webapp.auth import events, services, sessions, throttle, two_factor
from webapp.auth.blueprint import bp
from webapp.auth.forms import (
    AcceptInvitationForm,
    ForgotPasswordForm,
    InviteForm,
    JoinMunicipalityForm,
    LoginForm,
    ResetPasswordForm,
)
from webapp.extensions import db
from webapp.forms import with_prompt
from webapp.models import Role
from webapp.rendering import render_page

LOGIN_FAILED = "Dat e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."
LOGIN_WAIT = (
    "Even geduld: er waren te veel mislukte pogingen. Probeer het over {seconds} seconden opnieuw."
)
LOGIN_LOCKED = (
    "Even geduld: dit account is na te veel mislukte pogingen tijdelijk vergrendeld. Probeer "
    "het over {minutes} minuten opnieuw, of kies een nieuw wachtwoord via "
    "\u2018Wachtwoord vergeten\u2019: dat heft de vergrendeling meteen op."
)
RESET_SENT = (
    "Als dit adres bij ons bekend is, krijg je binnen enkele minuten een e-mail met een link "
    "om een nieuw wachtwoord te kiezen. Kijk ook in je map met ongewenste mail."
)


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths: never send someone elsewhere after logging in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    # Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become
    # "//evil.example": refuse control characters and whitespace altogether.
    if any(ord(char) < 33 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        email = services.normalise_email(form.email.data)
        address = request.remote_addr or ""
        device = throttle.known_device(email, request.cookies.get(throttle.DEVICE_COOKIE))
        verdict = throttle.check_login(email, address, device)
        if not verdict.allowed:
            events.record(events.THROTTLED, email, detail=verdict.reason)
            db.session.commit()
            return _throttled(form, verdict)
        user = services.authenticate(email, form.password.data)
        if user is not None:
            throttle.login_succeeded(email, address, device)
            next_url = _safe_next(request.args.get("next"))
            if two_factor.of(user) is not None:
                session.clear()
                two_factor.start_pending(user, next_url)
                db.session.commit()
                return redirect(url_for("auth.login_code"), 303)
            # A typed form carried through the login is offered again (webapp/kept_input.py).
            return kept_input.after_login(sessions.complete_login(user, next_url))
        locked = throttle.login_failed(email, address, device)
        known_user = services.find_user(email)
        events.record(events.FAILURE, email, known_user)
        if locked:
            events.record(events.LOCKED, email, known_user)
        db.session.commit()
        form.password.errors.append(LOGIN_FAILED)
    return render_page("auth/login.html", form=form, status=400 if form.errors else 200)


def _throttled(form, verdict):
    """429 with the typed address kept and a Dutch reason next to the password field."""
    if verdict.reason == "locked":
        message = LOGIN_LOCKED.format(minutes=max(1, verdict.retry_after // 60))
    else:
        message = LOGIN_WAIT.format(seconds=verdict.retry_after)
    form.password.errors.append(message)
    response = render_page("auth/login.html", form=form, status=429)
    response.headers["Retry-After"] = str(verdict.retry_after)
    return response


@bp.post("/logout")
def logout():
    current_user.end_sessions()
    events.record(events.LOGOUT, current_user.email, current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash("Je bent afgemeld.", "success")
    return redirect(url_for("main.home"), 303)


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        known = throttle.is_known_device(
            services.normalise_email(form.email.data), request.cookies.get(throttle.DEVICE_COOKIE)
        )
        if not throttle.reset_request_allowed(request.remote_addr or "", known):
            db.session.commit()
            abort(429)
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(RESET_SENT, "info")
        return redirect(url_for("auth.login"), 303)
    return render_page("auth/forgot_password.html", form=form, status=400 if form.errors else 200)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    reset = services.find_password_reset(token)
    if reset is None:
        return render_page("auth/link_invalid.html", status=404, kind="reset")
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(reset, form.password.data)
        email = reset.user.email
        db.session.commit()
        flash("Je nieuwe wachtwoord is ingesteld. Meld je ermee aan.", "success")
        # The link came through the owner's mailbox: from now on this browser is a known
        # device for the account, which no attacker's failures can slow down.
        return sessions.remember_device(redirect(url_for("auth.login"), 303), email)
    return render_page("auth/reset_password.html", form=form, status=400 if form.errors else 200)


@bp.route("/<slug:gemeente>/uitnodigingen", methods=["GET", "POST"])
def invite():
    municipality = g.municipality
    # Most invitations are for givers: the form starts there (the prompt stays for the others).
    form = InviteForm(role=Role.GIVER.value)
    roles = access.invitable_roles(current_user, municipality)
    form.role.choices = with_prompt(
        "Kies een rol", [SelectChoice(role.value, role.label) for role in roles]
    )
    organisations = {org.id: org for org in municipality.organisations}
    form.organisation.choices = [
        SelectChoice(0, "Geen organisatie of nog niet bekend"),
        *[SelectChoice(org.id, org.name) for org in organisations.values()],
    ]
    if form.validate_on_submit() and _organisation_fits_role(form, municipality):
        services.invite(
            municipality,
            form.email.data,
            Role(form.role.data),
            current_user,
            organisations.get(form.organisation.data),
        )
        db.session.commit()
        flash(f"De uitnodiging is verstuurd naar {form.email.data.strip()}.", "success")
        return redirect(url_for("auth.invite"), 303)
    return render_page("auth/invite.html", form=form, status=400 if form.errors else 200)


def _organisation_fits_role(form: InviteForm, municipality) -> bool:
    """An organisation processor is invited for an organisation with a (draft or active)
    agreement: that agreement decides what they may do."""
    if form.role.data != Role.ORG_PROCESSOR.value:
        return True
    if form.organisation.data and access.has_agreement(municipality, form.organisation.data):
        return True
    form.organisation.errors = [
        *form.organisation.errors,
        "Kies een organisatie met een samenwerkingsovereenkomst: die bepaalt wat een "
        "signaalverwerker bij een sociale organisatie mag.",
    ]
    return False


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    invitation = services.find_invitation(token)
    if invitation is None or not invitation.is_usable():
        return render_page("auth/link_invalid.html", status=404, kind="invitation")
    municipality = invitation.municipality
    existing = services.find_user(invitation.email)
    if existing is not None:
        return _join_existing(invitation, existing)

    # No organisation field: what the invitee would post for one is ignored.
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        user = services.accept_invitation(
            invitation, form.name.data, form.password.data, form.engagements.data or []
        )
        db.session.commit()
        session.clear()
        login_user(user)
        sessions.started()
        flash(f"Welkom bij Lokaal Signaal {municipality.name}, {user.name}.", "success")
        return redirect(url_for("main.municipality_home", gemeente=municipality.slug), 303)
    return render_page(
        "auth/accept_invitation.html",
        form=form,
        invitation=invitation,
        status=400 if form.errors else 200,
    )


def _join_existing(invitation, user):
    """Someone who already has an account joins with it, after logging in as themselves."""
    if not current_user.is_authenticated or current_user.id != user.id:
        return render_page("auth/join_login_first.html", invitation=invitation)
    form = JoinMunicipalityForm()
    if form.validate_on_submit():
        services.join_with_existing_account(invitation, user)
        db.session.commit()
        flash(f"Je doet nu mee in {invitation.municipality.name}.", "success")
        return redirect(
            url_for("main.municipality_home", gemeente=invitation.municipality.slug), 303
        )
    return render_page(
        "auth/join_municipality.html",
        form=form,
        invitation=invitation,
        status=400 if form.errors else 200,
    )
