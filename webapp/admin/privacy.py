"""The municipality's own privacy statement and data-processing text, versioned.

The head processor fills in the statement's parts (common/privacy_statement.py). Saving a
changed statement makes a new version, which every user accepts before sharing anything again
(webapp/privacy/consent.py). A statement with a required part left empty can still be saved:
losing what was typed helps nobody, and the old version would stay in force with the same gap.
It is flagged as incomplete here and on the settings page, and the published text says which
part "nog aan te vullen" is.
"""

import json
import re

from flask import flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from common import privacy_statement as statement
from common.dutch import local
from webapp import audit, content
from webapp.admin.blueprint import bp
from webapp.extensions import db
from webapp.forms import FormBodyForm, tidy, without_nul
from webapp.models import PrivacyText, utcnow
from webapp.rendering import render_page

ENTERPRISE_NUMBER = re.compile(r"(BE)?\s*[01]\d{3}[.\s]?\d{3}[.\s]?\d{3}", re.I)


def _enterprise_number(form, field) -> None:
    value = (field.data or "").strip()
    if value and not ENTERPRISE_NUMBER.fullmatch(value):
        raise ValidationError("Een ondernemingsnummer heeft tien cijfers, zoals BE 0207.451.227.")


def _part_field(part: statement.Part):
    limit = 20_000 if part.long else 300
    validators = [Length(max=limit, message=f"Hoogstens {limit:,} tekens.".replace(",", "."))]
    if part.key == "enterprise_number":
        validators.append(_enterprise_number)
    if part.key == "authority":
        return SelectField(
            part.label,
            choices=[SelectChoice(k, v) for k, v in statement.AUTHORITY_NAMES.items()],
            validate_choice=True,
        )
    kind = TextAreaField if part.long else StringField
    return kind(part.label, filters=[tidy], validators=validators)


class PrivacyForm(FormBodyForm):
    processing = TextAreaField(
        "Gegevensverwerking en verwerkingsovereenkomsten (Markdown)",
        filters=[without_nul],
        validators=[Length(max=50_000, message="Hoogstens 50.000 tekens.")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Needed for a complete statement, yet saved without them: marked, never refused.
        for part in statement.PARTS:
            # A select always holds a choice: the HTML rules forbid marking it required here.
            if part.required and part.key != "authority":
                self[part.key].flags.required = True
        self.authority.pre_validate = self._known_authority

    def _known_authority(self, form):
        if self.authority.data not in statement.AUTHORITIES:
            raise ValidationError("Kies de Vlaamse Toezichtcommissie of de GBA.")

    def parts(self) -> dict[str, str]:
        return {part.key: self[part.key].data or "" for part in statement.PARTS}


for _part in statement.PARTS:
    setattr(PrivacyForm, _part.key, _part_field(_part))


def _next_version(current: str | None, taken: set[str]) -> str:
    """2026-1, 2026-2, ...: a new year starts again at 1."""
    year = str(local(utcnow()).year)
    number = 1
    if current and current.startswith(f"{year}-") and current[5:].isdigit():
        number = int(current[5:]) + 1
    while f"{year}-{number}" in taken:
        number += 1
    return f"{year}-{number}"


def _versions(kind: str) -> list[PrivacyText]:
    return db.session.scalars(
        select(PrivacyText)
        .where(PrivacyText.municipality_id == g.municipality.id, PrivacyText.kind == kind)
        .order_by(PrivacyText.id.desc())
    ).all()


def _save_statement(municipality, parts: dict[str, str]) -> str:
    """A new version of the statement made of these parts; returns its version."""
    taken = {v.version for v in _versions("privacy")}
    version = _next_version(municipality.privacy_version, taken)
    db.session.add(
        PrivacyText(
            municipality_id=municipality.id,
            kind="privacy",
            version=version,
            body=statement.render(parts, version, municipality.name),
            fields_json=json.dumps(parts, ensure_ascii=False, sort_keys=True),
            author_id=current_user.id,
        )
    )
    municipality.privacy_version = version
    return version


@bp.route("/instellingen/privacy", methods=["GET", "POST"])
def privacy_texts():
    municipality = g.municipality
    current_parts = content.statement_fields(municipality)
    current_processing = content.written_privacy_text(municipality, "processing") or ""
    if request.method == "GET":
        form = PrivacyForm(formdata=None, processing=current_processing, **current_parts)
    else:
        form = PrivacyForm()
    if request.method == "POST" and form.validate():
        changed = []
        parts = form.parts()
        legacy = content.current_statement(municipality)
        if parts != current_parts or (legacy is not None and legacy.fields is None):
            version = _save_statement(municipality, parts)
            changed.append(f"privacyverklaring versie {version}")
        if (form.processing.data or "").strip() != current_processing.strip():
            version = str(len(_versions("processing")) + 1)
            db.session.add(
                PrivacyText(
                    municipality_id=municipality.id,
                    kind="processing",
                    version=version,
                    body=form.processing.data or "",
                    author_id=current_user.id,
                )
            )
            changed.append(f"gegevensverwerking versie {version}")
        if changed:
            db.session.flush()
            audit.record(
                municipality,
                current_user,
                "municipality.privacy",
                municipality,
                "Nieuwe " + " en ".join(changed) + ".",
            )
            db.session.commit()
            message = "Opgeslagen: " + " en ".join(changed) + "."
            if any(c.startswith("privacy") for c in changed):
                message += " Iedereen aanvaardt de nieuwe versie voor hij of zij nog iets deelt."
            flash(message, "success")
            absent = statement.missing(parts)
            if absent:
                flash(
                    "De verklaring is nog onvolledig. Vul nog aan: " + ", ".join(absent) + ".",
                    "error",
                )
        else:
            flash("Er was niets veranderd. Er is geen nieuwe versie gemaakt.", "info")
        return redirect(url_for("admin.privacy_texts"), 303)
    return render_page(
        "admin/privacy.html",
        status=400 if form.errors else 200,
        form=form,
        parts=statement.PARTS,
        missing=statement.missing(current_parts),
        privacy_versions=_versions("privacy"),
        processing_versions=_versions("processing"),
    )
