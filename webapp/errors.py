"""Error pages in plain Dutch, for full pages and htmx fragments alike."""

from flask import render_template, request
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
