"""The municipality's privacy statement (its parts saved in the app, webapp/admin/privacy.py; its
template in common/privacy_statement.py) and the hand-written texts of content/ the app shows."""

import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup
from sqlalchemy import select

from common import privacy_statement as statement
from common.markdown import clean_content, render_markdown, to_html
from webapp.extensions import db
from webapp.models import Municipality, PrivacyText

VERSION_LINE = re.compile(r"\s*\**\s*versie\s*:", re.I)
CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


@lru_cache(maxsize=64)
def _read(slug: str, name: str) -> str:
    """A hand-written text of content/, or the municipality's own in content/<slug>/."""
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
    """The municipality's current privacy statement as sanitised HTML: the same text, with the
    same version, on the acceptance page, the statement page and the microsite."""
    return render_markdown(statement_markdown(municipality))


def current_statement(municipality: Municipality) -> PrivacyText | None:
    """The version of the statement users accept now, when it was written in the app."""
    return db.session.scalars(
        select(PrivacyText)
        .where(
            PrivacyText.municipality_id == municipality.id,
            PrivacyText.kind == "privacy",
            PrivacyText.version == municipality.privacy_version,
        )
        .order_by(PrivacyText.id.desc())
    ).first()


def statement_fields(municipality: Municipality, row: PrivacyText | None = None) -> dict[str, str]:
    """The parts of the current statement (`row`, read when not given): as saved, else the
    platform's defaults."""
    fields = statement.defaults(municipality.name, municipality.contact_email)
    row = row if row is not None else current_statement(municipality)
    if row is not None and row.fields is not None:
        fields.update({k: v for k, v in row.fields.items() if k in statement.PART_KEYS})
    return fields


def statement_markdown(municipality: Municipality) -> str:
    """The current statement as Markdown, its version written by the template, never by hand.

    A version saved as one Markdown text before the statement had parts keeps its text; a
    "Versie:" line in it is replaced by the version it was saved as.
    """
    row = current_statement(municipality)
    version = municipality.privacy_version
    if row is not None and row.fields is None:
        kept = [line for line in row.body.splitlines() if not VERSION_LINE.match(line)]
        return f"Versie: {version}\n\n" + "\n".join(kept) + "\n"
    return statement.render(statement_fields(municipality, row), version, municipality.name)


def written_privacy_text(municipality: Municipality, kind: str, version: str | None = None):
    """The body of the newest (or the given) version written in the app, or None."""
    query = select(PrivacyText.body).where(
        PrivacyText.municipality_id == municipality.id, PrivacyText.kind == kind
    )
    if version is not None:
        query = query.where(PrivacyText.version == version)
    return db.session.scalars(query.order_by(PrivacyText.id.desc())).first()


def statement_missing(municipality: Municipality) -> list[str]:
    """The required parts the current statement lacks (Dutch labels); [] when complete."""
    row = current_statement(municipality)
    if row is not None and row.fields is None:
        return ["de verklaring in onderdelen (ze is nog één vrije tekst)"]
    return statement.missing(statement_fields(municipality, row))
