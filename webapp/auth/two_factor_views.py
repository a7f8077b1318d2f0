"""Pages of two-factor authentication: the code after the password, and setting it up."""

import string
import time

from flask import abort, flash, g, redirect, request, session, url_for
from flask_login import current_user
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from webapp.auth import events, throttle, two_factor
from webapp.auth.blueprint import bp
from webapp.auth.sessions import complete_login
from webapp.extensions import db
from webapp.forms import FormBodyForm, tidy
from webapp.models import MunicipalitySecurity
from webapp.processing.blueprint import bp as processing_bp
from webapp.rendering import render_page

CODE_REFUSED = "Die code klopt niet. Typ de code die je app nu toont, of een herstelcode."
CODE_WAIT = "Te veel verkeerde codes. Meld je over een kwartier opnieuw aan."
CODES_KEY = "two_factor_new_codes"
CHECKED_KEY = "two_factor_checked_at"
NEEDED_KEY = "two_factor_needed"
RECHECK_SECONDS = 60
# Pages a processor who must still set up two-factor authentication can open.
SETUP_EXEMPT = {
    "auth.two_factor_settings",
    "auth.logout",
    "auth.login",
    "auth.login_code",
    "assets",
}


CODE_CHARACTERS = frozenset(string.ascii_letters + string.digits + " -")


def _plain_characters(form, field) -> None:
    """Codes are ASCII digits (and, for a recovery code, the letters a to f and a dash): any
    other character is a typing mistake, answered in Dutch before anything compares it."""
    # Whitespace of any kind (a pasted non-breaking space) is left out when the code is read.
    if field.data and not set("".join(field.data.split())) <= CODE_CHARACTERS:
        raise ValidationError(
            "Een code bestaat alleen uit de cijfers 0 tot 9 (een herstelcode ook uit de letters "
            "a tot f en een streepje). Typ de code zoals je app of je lijst ze toont."
        )


class CodeForm(FormBodyForm):
    code = StringField(
        "Code",
        filters=[tidy],
        validators=[
            DataRequired("Vul de code in."),
            Length(max=40, message="Een code heeft hoogstens 40 tekens."),
            _plain_characters,
        ],
    )


class RequirementForm(FormBodyForm):
    required = BooleanField("Verwerkers melden zich aan met tweestapsverificatie")


def _code_context(user) -> str:
    """Whose code counter a login uses: a known device's own, or the one of every other
    browser (an attacker who knows the password cannot block the owner's own browser)."""
    device = throttle.known_device(user.email, request.cookies.get(throttle.DEVICE_COOKIE))
    return f"device:{device}" if device is not None else "login"


def _too_many_codes(form, template: str, user, context: str, **context_values):
    """429 with a Dutch reason next to the field; nothing is compared."""
    events.record(events.THROTTLED, user.email, user, "code")
    db.session.commit()
    form.code.errors.append(CODE_WAIT)
    response = render_page(template, form=form, status=429, **context_values)
    response.headers["Retry-After"] = str(throttle.code_retry_after(user.id, context))
    return response


def _code_refused(user, where: str) -> None:
    events.record(events.TWO_FACTOR_FAILED, user.email, user, where)


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():
    user, next_url = two_factor.pending_user()
    if user is None:
        session.pop(two_factor.PENDING_KEY, None)
        flash("Meld je opnieuw aan met je e-mailadres en wachtwoord.", "info")
        return redirect(url_for("auth.login"), 303)
    form = CodeForm()
    if form.validate_on_submit():
        context = _code_context(user)
        if not throttle.code_allowed(user.id, context):
            return _too_many_codes(form, "auth/login_code.html", user, context)
        kind = two_factor.verify(user, form.code.data)
        if kind is not None:
            throttle.code_succeeded(user.id, context)
            if kind == "recovery":
                events.record(events.RECOVERY_CODE_USED, user.email, user, "login")
            return complete_login(user, next_url, detail=kind)
        throttle.code_failed(user.id, context)
        _code_refused(user, "login")
        db.session.commit()
        form.code.errors.append(CODE_REFUSED)
    return render_page("auth/login_code.html", form=form, status=400 if form.errors else 200)


@bp.route("/mijn-gegevens/tweestapsverificatie", methods=["GET", "POST"])
def two_factor_settings():
    factor = two_factor.of(current_user)
    required = two_factor.required_for(current_user)
    form = CodeForm()
    secret = two_factor.setup_secret() if factor is None else None

    def page():
        return dict(
            factor=factor,
            required=required,
            secret=secret,
            uri=two_factor.provisioning_uri(current_user, secret) if secret else None,
            new_codes=session.pop(CODES_KEY, None),
            remaining=two_factor.remaining_recovery_codes(current_user) if factor else 0,
        )

    if form.validate_on_submit():
        # Switching on, off and new recovery codes: one counter per user, so that a hijacked
        # session cannot try every code to switch the second factor off.
        if not throttle.code_allowed(current_user.id, "settings"):
            return _too_many_codes(form, "auth/two_factor.html", current_user, "settings", **page())
        action = request.form.get("action", "enable")
        if factor is None:
            codes = two_factor.enable(current_user, secret, form.code.data)
            if codes is not None:
                throttle.code_succeeded(current_user.id, "settings")
                events.record(events.TWO_FACTOR_ON, current_user.email, current_user)
                db.session.commit()
                session[CODES_KEY] = codes
                session.pop(NEEDED_KEY, None)
                flash("Tweestapsverificatie staat aan. Bewaar je herstelcodes.", "success")
                return redirect(url_for("auth.two_factor_settings"), 303)
        elif (kind := two_factor.verify(current_user, form.code.data)) is not None:
            throttle.code_succeeded(current_user.id, "settings")
            if kind == "recovery":
                events.record(
                    events.RECOVERY_CODE_USED, current_user.email, current_user, "instellingen"
                )
            if action == "disable" and not required:
                two_factor.disable(current_user)
                session.pop(CHECKED_KEY, None)
                events.record(events.TWO_FACTOR_OFF, current_user.email, current_user)
                db.session.commit()
                flash("Tweestapsverificatie staat uit.", "success")
                return redirect(url_for("auth.two_factor_settings"), 303)
            session[CODES_KEY] = two_factor.new_recovery_codes(current_user)
            events.record(events.TWO_FACTOR, current_user.email, current_user, "herstelcodes")
            db.session.commit()
            flash("Je nieuwe herstelcodes staan hieronder; de oude werken niet meer.", "success")
            return redirect(url_for("auth.two_factor_settings"), 303)
        throttle.code_failed(current_user.id, "settings")
        _code_refused(current_user, "instellingen")
        db.session.commit()  # the count, the event; a spent recovery code stays spent
        form.code.errors.append(CODE_REFUSED)
    return render_page(
        "auth/two_factor.html", form=form, status=400 if form.errors else 200, **page()
    )


@bp.before_app_request
def demand_two_factor():
    """A processor of a municipality that requires it sets up two-factor first.

    The answer is kept in the session and asked again once a minute: a head processor's new
    requirement holds within a minute, and other requests cost no query.
    """
    if not current_user.is_authenticated or request.endpoint is None:
        return None
    now = time.time()
    if now - session.get(CHECKED_KEY, 0) >= RECHECK_SECONDS:
        needed = two_factor.of(current_user) is None and two_factor.required_for(current_user)
        session[CHECKED_KEY] = now
        session[NEEDED_KEY] = needed
    if not session.get(NEEDED_KEY) or request.endpoint in SETUP_EXEMPT:
        return None
    flash("Je gemeente vraagt tweestapsverificatie voor verwerkers. Zet ze eerst aan.", "info")
    return redirect(url_for("auth.two_factor_settings"), 303)


@processing_bp.route("/verwerken/beveiliging", methods=["GET", "POST"])
def security_settings():
    setting = db.session.get(MunicipalitySecurity, g.municipality.id)
    form = RequirementForm(data={"required": bool(setting and setting.require_two_factor)})
    if form.validate_on_submit():
        if setting is None:
            setting = MunicipalitySecurity(municipality_id=g.municipality.id)
            db.session.add(setting)
        setting.require_two_factor = bool(form.required.data)
        events.record(
            events.TWO_FACTOR,
            current_user.email,
            current_user,
            f"{g.municipality.slug}: {'verplicht' if form.required.data else 'vrij'}",
        )
        db.session.commit()
        session.pop(CHECKED_KEY, None)  # the head processor is held to it at once too
        flash("De keuze is bewaard.", "success")
        return redirect(url_for("processing.security_settings"), 303)
    if request.method == "POST":
        abort(400)
    return render_page("processing/security.html", form=form)
