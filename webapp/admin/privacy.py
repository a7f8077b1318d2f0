"""The municipality's own privacy statement and data-processing text, versioned: a new version
of the privacy statement asks every user to accept again at their next login."""

from flask import flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from common.dutch import local
from webapp import audit, content
from webapp.admin.blueprint import bp
from webapp.extensions import db
from webapp.forms import FormBodyForm, without_nul
from webapp.models import PrivacyText, utcnow
from webapp.rendering import render_page


class PrivacyForm(FormBodyForm):
    privacy = TextAreaField(
        "Privacyverklaring (Markdown)",
        filters=[without_nul],
        validators=[
            DataRequired("De privacyverklaring mag niet leeg zijn."),
            Length(max=50_000, message="Hoogstens 50.000 tekens."),
        ],
    )
    processing = TextAreaField(
        "Gegevensverwerking en verwerkingsovereenkomsten (Markdown)",
        filters=[without_nul],
        validators=[Length(max=50_000, message="Hoogstens 50.000 tekens.")],
    )


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


@bp.route("/instellingen/privacy", methods=["GET", "POST"])
def privacy_texts():
    municipality = g.municipality
    current_privacy = content.written_privacy_text(
        municipality, "privacy", municipality.privacy_version
    ) or content.default_privacy_text(municipality)
    current_processing = content.written_privacy_text(municipality, "processing") or ""
    if request.method == "GET":
        form = PrivacyForm(formdata=None, privacy=current_privacy, processing=current_processing)
    else:
        form = PrivacyForm()
    if request.method == "POST" and form.validate():
        changed = []
        if form.privacy.data.strip() != current_privacy.strip():
            taken = {v.version for v in _versions("privacy")}
            version = _next_version(municipality.privacy_version, taken)
            db.session.add(
                PrivacyText(
                    municipality_id=municipality.id,
                    kind="privacy",
                    version=version,
                    body=form.privacy.data,
                    author_id=current_user.id,
                )
            )
            municipality.privacy_version = version
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
                message += " Iedereen aanvaardt de nieuwe versie bij de volgende aanmelding."
            flash(message, "success")
        else:
            flash("Er was niets veranderd. Er is geen nieuwe versie gemaakt.", "info")
        return redirect(url_for("admin.privacy_texts"), 303)
    return render_page(
        "admin/privacy.html",
        status=400 if form.errors else 200,
        form=form,
        privacy_versions=_versions("privacy"),
        processing_versions=_versions("processing"),
    )
