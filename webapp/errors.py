"""Error pages in plain Dutch, for full pages and htmx fragments alike."""

import logging

from flask import current_app, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: ("Dat verzoek begrijpen we niet", "Er klopt iets niet aan wat je browser doorstuurde."),
    401: ("Aanmelden nodig", "Meld je aan om verder te gaan."),
    403: ("Geen toegang", "Je hebt geen toegang tot deze pagina."),
    404: ("Niet gevonden", "Deze pagina bestaat niet, of je hebt er geen toegang toe."),
    405: ("Dat kan hier niet", "Deze pagina kan dat verzoek niet verwerken."),
    429: (
        "Even geduld",
        "Je probeerde dit te vaak na elkaar. Wacht een minuut en probeer het dan opnieuw.",
    ),
    413: ("Te groot", "Wat je doorstuurde is te groot. Maak je tekst korter en probeer opnieuw."),
    500: ("Er liep iets mis", "Er liep iets mis aan onze kant. Probeer het later opnieuw."),
}
CSRF_MESSAGE = (
    "Je sessie is verlopen of je formulier kwam niet van deze site. Laad de pagina opnieuw "
    "en verstuur je formulier nog eens."
)


def render_error(error):
    if isinstance(error, CSRFError):
        from webapp.kept_input import after_csrf_failure

        try:  # a registered form comes back with everything typed (webapp/kept_input.py)
            again = after_csrf_failure()
        except HTTPException as refused:  # no access to the page
            again = render_error(refused)
        if again is not None:
            return again
    if not isinstance(error, HTTPException):
        error = InternalServerError()
    if isinstance(error, CSRFError):
        status, title, text = 400, "Formulier niet aanvaard", CSRF_MESSAGE
    else:
        status = error.code or 500
        title, text = MESSAGES.get(status, MESSAGES[500])
    # Keep what the exception says beyond its body, such as Allow on a 405.
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    if request.headers.get("HX-Request") == "true":
        # An htmx request gets a short message in the page's message area, not a whole page
        # inside the section it meant to update.
        headers += [("HX-Retarget", "#htmx-fout"), ("HX-Reswap", "innerHTML")]
        return render_template("errors/_message.html", title=title, text=text), status, headers
    body = render_template("errors/error.html", status=status, title=title, text=text)
    return body, status, headers


RETRY_AFTER_SECONDS = 30
UNAVAILABLE_TEXT = (
    "Lokaal Signaal is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw."
)
log = logging.getLogger(__name__)


def render_database_away(error):
    """503 in Dutch when the database cannot be reached; the next request tries again.

    Rendered without the page layout: its context (the user, the municipality) would ask the
    database again. The pool's pre-ping replaces dead connections once it is back.
    """
    from webapp.extensions import db

    log.warning("Database unreachable: %s", error)
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection is gone; the session is reset anyway
        db.session.close()
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
    if request.headers.get("HX-Request") == "true":
        headers.update({"HX-Retarget": "#htmx-fout", "HX-Reswap": "innerHTML"})
        body = f'<p class="error" role="alert">{UNAVAILABLE_TEXT}</p>'
        return body, 503, headers
    body = current_app.jinja_env.get_template("errors/unavailable.html").render()
    return body, 503, headers
