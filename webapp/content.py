"""Hand-written texts from content/, with per-municipality overrides in content/<slug>/."""

from functools import lru_cache
from pathlib import Path

import markdown
from markupsafe import Markup, escape

from webapp.models import Municipality

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
FALLBACK_CONTACT = "lokaalsignaal@vvsg.be"


@lru_cache(maxsize=64)
def _read(slug: str, name: str) -> str:
    override = CONTENT_DIR / slug / name
    return (override if override.exists() else CONTENT_DIR / name).read_text(encoding="utf-8")


def privacy_statement(municipality: Municipality) -> Markup:
    """The municipality's privacy statement; values from the database are escaped first."""
    text = _read(municipality.slug, "privacyverklaring.md")
    text = text.replace("{gemeente}", str(escape(municipality.name)))
    text = text.replace("{contact}", str(escape(municipality.contact_email or FALLBACK_CONTACT)))
    return Markup(markdown.markdown(text, output_format="html"))
