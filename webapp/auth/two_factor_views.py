"""Pages of two-factor authentication: the code after the password, and setting it up."""

import time

from flask import abort, flash, g, redirect, request, session, url_for
from flask_login import current_user
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

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


class CodeForm(FormBodyForm):
    code = StringField(
        "Code",
        filters=[tidy],
        validators=[
            DataRequired("Vul de code in."),
            Length(max=40, message="Een code heeft hoogstens 40 tekens."),
        ],
    )


class RequirementForm(FormBodyForm):
    required = BooleanField("Verwerkers melden zich aan met tweestapsverificatie")


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():
    user, next_url = two_factor.pending_user()
    if user is None:
        session.pop(two_factor.PENDING_KEY, None)
        flash("Meld je opnieuw aan met je e-mailadres en wachtwoord.", "info")
        return redirect(url_for("auth.login"), 303)
    form = CodeForm()
    if form.validate_on_submit():
        if not throttle.code_allowed(user.id):
            session.pop(two_factor.PENDING_KEY, None)
            events.record(events.THROTTLED, user.email, user, "code")
            db.session.commit()
            form.code.errors.append(CODE_WAIT)
            return render_page("auth/login_code.html", form=form, status=429)
        kind = two_factor.verify(user, form.code.data)
        if kind is not None:
            throttle.code_succeeded(user.id)
            return complete_login(user, next_url, detail=kind)
        throttle.code_failed(user.id)
        events.record(events.FAILURE, user.email, user, "code")
        db.session.commit()
        form.code.errors.append(CODE_REFUSED)
    return render_page("auth/login_code.html", form=form, status=400 if form.errors else 200)


@bp.route("/mijn-gegevens/tweestapsverificatie", methods=["GET", "POST"])
def two_factor_settings():
    factor = two_factor.of(current_user)
    required = two_factor.required_for(current_user)
    form = CodeForm()
    if form.validate_on_submit():
        action = request.form.get("action", "enable")
        if factor is None:
            codes = two_factor.enable(current_user, two_factor.setup_secret(), form.code.data)
            if codes is not None:
                events.record(events.TWO_FACTOR, current_user.email, current_user, "aan")
                db.session.commit()
                session[CODES_KEY] = codes
                session.pop(NEEDED_KEY, None)
                flash("Tweestapsverificatie staat aan. Bewaar je herstelcodes.", "success")
                return redirect(url_for("auth.two_factor_settings"), 303)
        elif two_factor.verify(current_user, form.code.data) is not None:
            if action == "disable" and not required:
                two_factor.disable(current_user)
                session.pop(CHECKED_KEY, None)
                events.record(events.TWO_FACTOR, current_user.email, current_user, "uit")
                db.session.commit()
                flash("Tweestapsverificatie staat uit.", "success")
                return redirect(url_for("auth.two_factor_settings"), 303)
            session[CODES_KEY] = two_factor.new_recovery_codes(current_user)
            events.record(events.TWO_FACTOR, current_user.email, current_user, "herstelcodes")
            db.session.commit()
            flash("Je nieuwe herstelcodes staan hieronder; de oude werken niet meer.", "success")
            return redirect(url_for("auth.two_factor_settings"), 303)
        db.session.commit()  # a spent recovery code stays spent
        form.code.errors.append(CODE_REFUSED)
    secret = two_factor.setup_secret() if factor is None else None
    return render_page(
        "auth/two_factor.html",
        form=form,
        factor=factor,
        required=required,
        secret=secret,
        uri=two_factor.provisioning_uri(current_user, secret) if secret else None,
        new_codes=session.pop(CODES_KEY, None),
        remaining=two_factor.remaining_recovery_codes(current_user) if factor else 0,
        status=400 if form.errors else 200,
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
