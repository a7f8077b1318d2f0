"""Starting a session after login; session lifetimes for processors (OWASP ASVS 7.3): an idle
timeout and an absolute timeout.

Processors read signals about vulnerable people, often on shared office computers: a session
that nobody uses for SESSION_IDLE_MINUTES, or that is older than SESSION_ABSOLUTE_HOURS, ends
on the server side and the next request goes to the login page. Only that session ends: the
user's sessions on other devices keep running (logout, reset and deactivation end them all).
Other roles keep their session until they log out.
"""

import time

from flask import current_app, flash, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from webapp import access, kept_input
from webapp.auth import events, services, throttle
from webapp.extensions import db
from webapp.models import utcnow

EXPIRED = (
    "Je sessie is verlopen omdat je een tijd niets deed of lang aangemeld was. Meld je opnieuw aan."
)
# Writing the session on every request would send a cookie with every response: once a minute
# is precise enough for a thirty-minute limit.
TOUCH_EVERY = 60


def started(now: float | None = None) -> None:
    """Call right after login_user: both clocks start."""
    now = now or time.time()
    session["login_at"] = now
    session["seen_at"] = now


def _is_processor(user) -> bool:
    return any(m.role in access.PROCESSING_ROLES for m in user.memberships)


def check_lifetime():
    """Before every request: end an idle or too old processor session."""
    if not current_user.is_authenticated or not _is_processor(current_user):
        return None
    now = time.time()
    config = current_app.config
    login_at = session.get("login_at") or now
    seen_at = session.get("seen_at") or now
    idle = now - seen_at > config["SESSION_IDLE_MINUTES"] * 60
    too_old = now - login_at > config["SESSION_ABSOLUTE_HOURS"] * 3600
    if idle or too_old:
        # This session only: the user's sessions on other devices go on. The clocks are in
        # the signed cookie, so a copy of this cookie replayed later is just as expired.
        events.record(
            events.SESSION_EXPIRED, current_user.email, current_user, "idle" if idle else "absolute"
        )
        db.session.commit()
        logout_user()
        session.clear()
        flash(EXPIRED, "info")
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        login = url_for("auth.login", next=target)
        if request.headers.get("HX-Request") == "true":
            # htmx would swap the login page into a fragment: let it load the whole page.
            return "", 401, {"HX-Redirect": login}
        if request.method == "POST" and request.endpoint in kept_input.TYPED_AGAIN:
            # A typed form is carried through the login (webapp/kept_input.py).
            return kept_input.login_keeping_input()
        return redirect(login, 303)
    if "login_at" not in session:
        session["login_at"] = now
    if now - seen_at >= TOUCH_EVERY or "seen_at" not in session:
        session["seen_at"] = now
    return None


def _landing_for(user) -> str:
    municipalities = user.municipalities()
    if len(municipalities) == 1:
        return url_for("main.municipality_home", gemeente=municipalities[0].slug)
    return url_for("main.home")


def complete_login(user, next_url: str | None, detail: str = ""):
    """Log the user in (after the password, and the code where one is set)."""
    events.record(events.SUCCESS, user.email, user, detail)
    user.last_login_at = utcnow()  # inactive accounts are purged after a while
    db.session.commit()
    session.clear()
    login_user(user)
    started()
    flash(f"Welkom, {user.name}.", "success")
    target = next_url or _landing_for(user)
    outdated = services.outdated_privacy_consent(user)
    if outdated is not None:
        # A new privacy statement: accepted first, then on to where they were going.
        target = url_for("privacy.accept_privacy", gemeente=outdated.slug, next=target)
    return remember_device(redirect(target, 303), user.email)


def remember_device(response, email: str):
    """Mark this browser as a known device of the account (after a login or a reset)."""
    response.set_cookie(
        throttle.DEVICE_COOKIE,
        throttle.device_cookie_value(email, request.cookies.get(throttle.DEVICE_COOKIE)),
        max_age=180 * 24 * 3600,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response
