"""Hand-written texts from content/, with per-municipality overrides in content/<slug>/."""

from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape
from sqlalchemy import select

from common.markdown import clean_content, render_markdown, to_html
from webapp.extensions import db
from webapp.models import Municipality, PrivacyText

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
FALLBACK_CONTACT = "lokaalsignaal@vvsg.be"


@lru_cache(maxsize=64)
def _read(slug: str, name: str) -> str:
    override = CONTENT_DIR / slug / name
    return (override if override.exists() else CONTENT_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=64)
def _signal_criteria(slug: str) -> Markup:
    return Markup(clean_content(to_html(_read(slug, "wanneer-signaleren.md"))))


def signal_criteria(municipality: Municipality) -> Markup:
    """"Wanneer signaleren?": when a problem is a signal (content/wanneer-signaleren.md, the
    microsites show the same text)."""
    return _signal_criteria(municipality.slug)


def privacy_statement(municipality: Municipality) -> Markup:
    """The municipality's privacy statement: the version its head processor wrote in the app
    (sanitised), else the hand-written text with the database's values escaped first (sanitised
    as our own content is)."""
    written = written_privacy_text(municipality, "privacy", municipality.privacy_version)
    if written is not None:
        return render_markdown(written)
    text = default_privacy_text(municipality)
    return clean_content(to_html(text))


def written_privacy_text(municipality: Municipality, kind: str, version: str | None = None):
    """The body of the newest (or the given) version written in the app, or None."""
    query = select(PrivacyText.body).where(
        PrivacyText.municipality_id == municipality.id, PrivacyText.kind == kind
    )
    if version is not None:
        query = query.where(PrivacyText.version == version)
    return db.session.scalars(query.order_by(PrivacyText.id.desc())).first()


def default_privacy_text(municipality: Municipality) -> str:
    """The hand-written privacy statement filled in for the municipality (Markdown)."""
    text = _read(municipality.slug, "privacyverklaring.md")
    text = text.replace("{gemeente}", str(escape(municipality.name)))
    text = text.replace("{contact}", str(escape(municipality.contact_email or FALLBACK_CONTACT)))
    return text
