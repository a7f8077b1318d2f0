"""The municipality slug in URLs, kept apart from the application's own first path segments."""

from werkzeug.routing import BaseConverter

# First path segments of the application itself, including those DESIGN.md promises for later
# (a municipality there would be unreachable). tests/access/test_routing.py keeps this complete.
RESERVED_SEGMENTS = frozenset(
    {
        "assets",
        "e-mails",
        "doe-mee",
        "login",
        "logout",
        "mijn-gegevens",
        "netwerk",
        "sw.js",
        "uitnodiging",
        "wachtwoord-herstellen",
        "wachtwoord-vergeten",
    }
)


class MunicipalitySlugConverter(BaseConverter):
    """Matches a slug such as `oud-turnhout`, never one of the reserved segments."""

    regex = (
        r"(?!(?:"
        + "|".join(sorted(RESERVED_SEGMENTS))
        + r")(?:/|$))[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?"
    )
