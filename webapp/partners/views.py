"""Agreements (samenwerkingsovereenkomsten): reading, editing with a live preview and
optimistic locking, versions and their differences, and the draft -> active -> ended steps."""

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from common.markdown import render_markdown
from common.personal_data import guard as privacy_guard
from webapp import access, publication, textdiff
from webapp.extensions import db
from webapp.ids import MAX_ID
from webapp.loading import found_or_404
from webapp.models import AgreementStatus, AgreementVersion
from webapp.partners import services
from webapp.partners.blueprint import bp
from webapp.partners.forms import AgreementForm
from webapp.rendering import render_page

AGREEMENT_ID = f"<int(max={MAX_ID}):agreement_id>"
CONFLICT_MESSAGE = (
    "Iemand anders heeft deze overeenkomst opgeslagen terwijl jij ze bewerkte. Niets is "
    "verloren: hun versie staat links, jouw tekst rechts in het formulier. Neem over wat je "
    "wilt behouden en sla opnieuw op."
)


def _load_agreement(agreement_id: int):
    """An agreement of this municipality that the current user may read, or 404."""
    return found_or_404(access.visible_agreements(current_user, g.municipality), agreement_id)


def _fields(form: AgreementForm) -> dict:
    fields = {name: form[name].data for name in services.AGREEMENT_FIELDS}
    # A field left out of the post is empty, never NULL.
    for name in ("body", "signatories"):
        fields[name] = fields[name] or ""
    for name in ("contact_name", "contact_email"):
        fields[name] = fields[name] or None
    return fields


@bp.get(f"/overeenkomsten/{AGREEMENT_ID}")
def show_agreement(agreement_id: int):
    agreement = _load_agreement(agreement_id)
    return render_page(
        "partners/agreement.html",
        agreement=agreement,
        body=render_markdown(agreement.body),
        may_change_status=access.can_change_agreement_status(current_user, g.municipality),
        next_status=services.NEXT_STATUS.get(AgreementStatus(agreement.status)),
    )


@bp.route(f"/overeenkomsten/{AGREEMENT_ID}/bewerken", methods=["GET", "POST"])
def edit_agreement(agreement_id: int):
    agreement = _load_agreement(agreement_id)
    if agreement.status == AgreementStatus.ENDED.value:
        flash("Een beëindigde overeenkomst bewerk je niet meer. Maak een nieuwe.", "info")
        return redirect(url_for("partners.show_agreement", agreement_id=agreement.id), 303)
    if request.method == "GET":
        form = AgreementForm(formdata=None, obj=agreement)
        return render_page(
            "partners/agreement_form.html",
            form=form,
            agreement=agreement,
            preview=render_markdown(agreement.body),
        )
    form = AgreementForm()
    if request.form.get("stap") == "voorbeeld":
        # The preview button (without JavaScript) and the live preview (htmx) save nothing.
        return render_page(
            "partners/agreement_form.html",
            block="preview",
            form=form,
            agreement=agreement,
            preview=render_markdown(form.body.data),
            previewing=True,
        )
    if not form.validate():
        return render_page(
            "partners/agreement_form.html",
            status=400,
            form=form,
            agreement=agreement,
            preview=render_markdown(form.body.data),
        )
    fields = _fields(form)
    texts = _public_texts(fields)
    flagged = publication.unconfirmed(agreement, texts)
    head = access.may_confirm_publication(current_user, g.municipality)
    may_confirm = head or agreement.status != AgreementStatus.ACTIVE.value
    if flagged and not (may_confirm and form.confirm_personal_data.data):
        return _review(form, agreement, flagged, may_confirm)
    if not services.save_agreement(agreement, current_user, form.version.data, **fields):
        return _conflict(agreement, form)
    if head:
        # A head processor's confirmation is kept, so that the agreement may go public.
        current = [text for *_, text in texts]
        publication.confirm(g.municipality, current_user, agreement, flagged, current)
    db.session.commit()
    flash(f"De overeenkomst is opgeslagen als versie {agreement.version}.", "success")
    return redirect(url_for("partners.show_agreement", agreement_id=agreement.id), 303)


def _public_texts(fields: dict) -> list[tuple[str, str, str]]:
    return publication.agreement_texts(
        fields["title"],
        fields["contact_name"],
        fields["contact_email"],
        fields["signatories"],
        fields["body"],
    )


def _review(form: AgreementForm, agreement, flagged, may_confirm: bool):
    """The review step: what the guard flagged, highlighted; only a head processor confirms a
    text of an agreement in force (or about to be), since it is public (webapp/publication.py)."""
    for item in flagged:
        counted = ", ".join(
            f"{count} × {label}" for label, count in privacy_guard.summary(item.findings)
        )
        advice = (
            "bevestig hieronder dat het geen gegevens van burgers zijn."
            if may_confirm
            else "vraag een hoofdsignaalverwerker om te bevestigen dat het geen gegevens van "
            "burgers zijn: alleen die mag dat voor een openbare overeenkomst."
        )
        form[item.field].errors = [
            f"De tekst bevat mogelijk persoonsgegevens ({counted}). Pas de tekst aan, of {advice}"
        ]
    return render_page(
        "partners/agreement_form.html",
        status=400,
        form=form,
        agreement=agreement,
        preview=render_markdown(form.body.data),
        flagged=[(f.label, privacy_guard.highlight(f.text, f.findings)) for f in flagged],
        may_confirm=may_confirm,
    )


def _other_differences(agreement, form: AgreementForm) -> list[str]:
    """The labels of the fields besides title and text where the typed form differs from
    the saved agreement (the conflict view marks those two word by word)."""
    differ = []
    for name in services.AGREEMENT_FIELDS:
        if name in ("title", "body") or name not in form:
            continue
        saved, typed = getattr(agreement, name), form[name].data
        if isinstance(saved, str) or isinstance(typed, str) or saved is None or typed is None:
            differ_here = textdiff.changed(
                "" if saved is None else str(saved), "" if typed is None else str(typed)
            )
        else:
            differ_here = saved != typed
        if differ_here:
            differ.append(form[name].label.text)
    return differ


def _conflict(agreement, form: AgreementForm):
    """Both texts side by side; the form now carries the current version, so saving again
    (after merging) replaces it knowingly."""
    theirs = db.session.scalars(
        select(AgreementVersion).where(
            AgreementVersion.agreement_id == agreement.id,
            AgreementVersion.number == agreement.version,
        )
    ).first()
    form.version.data = agreement.version
    form.version.raw_data = [str(agreement.version)]
    return render_page(
        "partners/agreement_form.html",
        status=409,
        form=form,
        agreement=agreement,
        theirs=theirs,
        conflict=CONFLICT_MESSAGE,
        other_differences=_other_differences(agreement, form),
        preview=render_markdown(form.body.data),
    )


@bp.get(f"/overeenkomsten/{AGREEMENT_ID}/versies")
def agreement_versions(agreement_id: int):
    agreement = _load_agreement(agreement_id)
    # With their authors in one query: each version may have another author.
    versions = db.session.scalars(
        select(AgreementVersion)
        .where(AgreementVersion.agreement_id == agreement.id)
        .options(selectinload(AgreementVersion.author))
        .order_by(AgreementVersion.number)
    ).all()
    by_number = {v.number: v for v in versions}
    diff = None
    older = newer = None
    if "van" in request.args or "naar" in request.args:
        older = by_number.get(_number(request.args.get("van")))
        newer = by_number.get(_number(request.args.get("naar")))
        if older is None or newer is None:
            abort(404)
        diff = services.diff_versions(older, newer)
    elif len(versions) >= 2:
        older, newer = versions[-2], versions[-1]
        diff = services.diff_versions(older, newer)
    return render_page(
        "partners/versions.html",
        agreement=agreement,
        versions=list(reversed(versions)),
        older=older,
        newer=newer,
        diff=diff,
    )


def _number(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@bp.post(f"/overeenkomsten/{AGREEMENT_ID}/status")
def change_agreement_status(agreement_id: int):
    agreement = _load_agreement(agreement_id)
    expected = services.NEXT_STATUS.get(AgreementStatus(agreement.status))
    if expected is None or request.form.get("status") != expected.value:
        flash("Deze overeenkomst had die status al. Er is niets veranderd.", "info")
        return redirect(url_for("partners.show_agreement", agreement_id=agreement.id), 303)
    if expected == AgreementStatus.ACTIVE:
        saved = {name: getattr(agreement, name) for name in services.AGREEMENT_FIELDS}
        if publication.unconfirmed(agreement, _public_texts(saved)):
            flash(
                "De overeenkomst bevat tekst die op persoonsgegevens lijkt en die nog niemand "
                "met dat recht bevestigde. Open ‘Bewerken’, pas de tekst aan of bevestig hem, "
                "en maak de overeenkomst dan actief.",
                "error",
            )
            return redirect(url_for("partners.show_agreement", agreement_id=agreement.id), 303)
    target = services.advance_status(agreement, current_user)
    db.session.commit()
    if target == AgreementStatus.ACTIVE:
        message = services.activation_message(agreement, services.today())
    else:
        message = "De overeenkomst is beëindigd. De rechten die ze gaf, gelden niet meer."
    flash(message, "success")
    return redirect(url_for("partners.show_agreement", agreement_id=agreement.id), 303)
