"""Nothing typed is lost when a form's session ends (docs/offline.md), JavaScript off too.

A registered form whose CSRF token is refused comes back with everything typed. When the person
is no longer logged in, the login page carries what they typed (hidden fields); after the login
a page offers the form again, which posts it back with `_herstel` and a fresh token: the form is
shown filled in, and nothing is stored until they send it themselves.
"""

from flask import current_app, flash, g, render_template, request, session
from flask_login import current_user
from werkzeug.exceptions import HTTPException, NotFound

KEPT_AFTER_CSRF = (
    "Je formulier werd niet aanvaard: je sessie was verlopen of de pagina stond te lang open. "
    "Alles wat je typte staat er nog. Kijk het na en verstuur het opnieuw."
)
KEPT_AFTER_LOGIN = (
    "Je bent opnieuw aangemeld. Alles wat je typte staat er nog. Kijk het na en verstuur het."
)
KEPT_PREFIX = "bewaard:"
RESTORE = "_herstel"
# endpoint -> a function that renders the form again from what was posted, writing nothing
TYPED_AGAIN: dict = {}


def keeps_typed_input(endpoint: str):
    """Register how a form is shown again with everything typed: never a bare 400 for it."""

    def register(render):
        TYPED_AGAIN[endpoint] = render
        return render

    return register


def _kept_fields() -> list[tuple[str, str]]:
    """What the form posted, without its CSRF token (a new session gets a new one)."""
    return [
        (name, value)
        for name, values in request.form.lists()
        for value in values
        if name != "csrf_token" and name != RESTORE and not name.startswith(KEPT_PREFIX)
    ]


def login_keeping_input():
    """The login page (401) that carries the typed form through the login."""
    from webapp.auth.forms import LoginForm

    kept = {"url": request.path, "fields": _kept_fields()}
    return render_template("auth/login.html", form=LoginForm(formdata=None), kept=kept), 401


def after_csrf_failure():
    """The form again for a refused POST of a registered form; None for anything else.

    CSRF protection runs before the access policy: the policy decides here first, so a
    refused token never shows more than the form would have.
    """
    render = TYPED_AGAIN.get(request.endpoint)
    if render is None or request.method != "POST" or request.headers.get("HX-Request"):
        return None
    from webapp import access

    try:
        refusal = access.enforce(request.endpoint, current_user, g.get("municipality"))
    except HTTPException as refused:
        if refused.code == 401:
            return login_keeping_input()
        raise
    if refusal is not None:
        return refusal
    flash(KEPT_AFTER_CSRF, "error")
    return render()


def _registered_path(path: str) -> bool:
    """Whether a path is one of the registered forms of this app (what a login may go back to)."""
    if not path.startswith("/") or path.startswith("//"):
        return False
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(path, method="POST")
    except (NotFound, HTTPException):
        return False
    return endpoint in TYPED_AGAIN


def after_login(response):
    """After a login that carried a typed form: offer the form again instead of redirecting.

    Not when the privacy statement waits for acceptance: that comes first (the text is lost
    then, as it would be without this).
    """
    url = request.form.get(KEPT_PREFIX + "url", "")
    fields = [
        (name.removeprefix(KEPT_PREFIX + "field:"), value)
        for name, values in request.form.lists()
        if name.startswith(KEPT_PREFIX + "field:")
        for value in values
    ]
    if not fields or not _registered_path(url) or "privacy-akkoord" in response.location:
        return response
    # The login form made a token of the session before the login, which is gone: a new one.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    body = render_template("auth/kept.html", kept={"url": url, "fields": fields})
    response.status_code = 200
    del response.headers["Location"]
    response.set_data(body)
    response.mimetype = "text/html"
    return response


def restore():
    """Before the view: a form posted back after the login is shown again, not sent."""
    if request.method != "POST" or RESTORE not in request.form:
        return None
    render = TYPED_AGAIN.get(request.endpoint)
    if render is None:
        return None
    session.pop("_flashes", None)  # "Welkom, ..." was shown on the page before
    flash(KEPT_AFTER_LOGIN, "info")
    response = render()
    response.status_code = 200  # nothing wrong with this form: it is shown to be checked
    return response
