"""Partner organisations of a municipality and the public join-request form."""

import secrets

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from common.personal_data import guard as privacy_guard
from webapp import access, publication
from webapp.extensions import db
from webapp.ids import MAX_ID
from webapp.loading import found_or_404
from webapp.models import (
    Agreement,
    Engagement,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Organisation,
    User,
)
from webapp.partners import joining, services
from webapp.partners.blueprint import bp
from webapp.partners.forms import (
    ENGAGEMENT_CHOICES,
    DecisionForm,
    JoinRequestForm,
    OrganisationForm,
)
from webapp.rate_limits import limited
from webapp.rendering import render_page

ORGANISATION_ID = f"<int(max={MAX_ID}):organisation_id>"
REQUEST_ID = f"<int(max={MAX_ID}):request_id>"
DUPLICATE_NAME = "Er is al een organisatie met die naam."
DECIDED_SHOWN = 50  # the latest decisions under the pending requests; older ones stay in the log


def _load_organisation(organisation_id: int) -> Organisation:
    return found_or_404(access.visible_organisations(current_user, g.municipality), organisation_id)


def _agreements_by_organisation() -> dict[int, list[Agreement]]:
    found: dict[int, list[Agreement]] = {}
    query = access.visible_agreements(current_user, g.municipality).order_by(Agreement.id.desc())
    for agreement in db.session.scalars(query):
        found.setdefault(agreement.organisation_id, []).append(agreement)
    return found


@bp.get("/partners")
def list_organisations():
    organisations = db.session.scalars(
        access.visible_organisations(current_user, g.municipality).order_by(Organisation.name)
    ).all()
    pending = 0
    if access.can_manage_partners(current_user, g.municipality):
        pending = db.session.scalar(
            access.reviewable_join_requests(current_user, g.municipality)
            .where(JoinRequest.status == JoinRequestStatus.PENDING.value)
            .with_only_columns(func.count())
        )
    return render_page(
        "partners/organisations.html",
        organisations=organisations,
        agreements=_agreements_by_organisation(),
        pending=pending,
    )


@bp.get(f"/partners/{ORGANISATION_ID}")
def show_organisation(organisation_id: int):
    organisation = _load_organisation(organisation_id)
    members = []
    if access.can_manage_partners(current_user, g.municipality):
        members = db.session.scalars(
            select(User)
            .where(
                User.organisation_id == organisation.id,
                User.memberships.any(Membership.municipality_id == g.municipality.id),
            )
            .order_by(User.name)
        ).all()
    return render_page(
        "partners/organisation.html",
        organisation=organisation,
        agreements=_agreements_by_organisation().get(organisation.id, []),
        members=members,
        engagement_choices=ENGAGEMENT_CHOICES,
    )


def _organisation_fields(form: OrganisationForm) -> dict:
    return {
        "name": form.name.data,
        "kind": form.kind.data,
        "website": form.website.data or None,
        "public_contact": form.public_contact.data or None,
    }


def _saved_fields(organisation: Organisation) -> dict:
    return {
        "name": organisation.name,
        "website": organisation.website,
        "public_contact": organisation.public_contact,
    }


def _name_taken(name: str, organisation_id: int | None = None) -> bool:
    query = access.visible_organisations(current_user, g.municipality).where(
        func.lower(Organisation.name) == name.lower()
    )
    if organisation_id is not None:
        query = query.where(Organisation.id != organisation_id)
    return db.session.scalars(query).first() is not None


def _validate(form: OrganisationForm, organisation_id: int | None = None) -> bool:
    """The form's own checks plus a name that no other organisation here has."""
    valid = form.validate()
    if form.name.data and _name_taken(form.name.data, organisation_id):
        form.name.errors = [*form.name.errors, DUPLICATE_NAME]
        return False
    return valid


def _organisation_texts(fields: dict) -> list[tuple[str, str, str]]:
    return publication.organisation_texts(
        fields["name"], fields["website"], fields["public_contact"]
    )


def _gate(form: OrganisationForm, organisation: Organisation | None, fields: dict):
    """Every organisation is public: a flagged name, website or contact address is fixed, or
    confirmed by a head processor (webapp/publication.py). Returns the review page or None."""
    texts = _organisation_texts(fields)
    if organisation is None:
        flagged = publication.flagged_texts(texts)
    else:
        flagged = publication.unconfirmed(organisation, texts)
    may_confirm = access.may_confirm_publication(current_user, g.municipality)
    if not flagged or (may_confirm and form.confirm_personal_data.data):
        return None, flagged
    for item in flagged:
        form[_FORM_FIELDS[item.field]].errors = [
            "Dit lijkt op persoonsgegevens. Pas het aan"
            + (
                ", of bevestig hieronder dat het geen gegevens van burgers zijn."
                if may_confirm
                else "; alleen een hoofdsignaalverwerker kan bevestigen dat het mag."
            )
        ]
    page = render_page(
        "partners/organisation_form.html",
        form=form,
        organisation=organisation,
        status=400,
        flagged=[(f.label, privacy_guard.highlight(f.text, f.findings)) for f in flagged],
        may_confirm=may_confirm,
    )
    return page, flagged


# The guard's field names (webapp/publication.py) and the form's.
_FORM_FIELDS = {"name": "name", "website": "website", "contact_email": "public_contact"}


def _keep_confirmations(organisation: Organisation, flagged, fields: dict) -> None:
    texts = [text for *_, text in _organisation_texts(fields)]
    publication.confirm(g.municipality, current_user, organisation, flagged, texts)


@bp.route("/partners/nieuw", methods=["GET", "POST"])
def new_organisation():
    form = OrganisationForm()
    if request.method == "POST" and _validate(form):
        fields = _organisation_fields(form)
        page, flagged = _gate(form, None, fields)
        if page is not None:
            return page
        organisation = services.create_organisation(g.municipality, current_user, **fields)
        _keep_confirmations(organisation, flagged, fields)
        db.session.commit()
        flash(f"“{organisation.name}” staat bij de partners.", "success")
        return redirect(url_for("partners.show_organisation", organisation_id=organisation.id), 303)
    status = 400 if form.errors else 200
    return render_page(
        "partners/organisation_form.html", form=form, organisation=None, status=status
    )


@bp.route(f"/partners/{ORGANISATION_ID}/bewerken", methods=["GET", "POST"])
def edit_organisation(organisation_id: int):
    organisation = _load_organisation(organisation_id)
    if request.method == "GET":
        form = OrganisationForm(formdata=None, obj=organisation)
        return render_page("partners/organisation_form.html", form=form, organisation=organisation)
    form = OrganisationForm()
    if _validate(form, organisation.id):
        fields = _organisation_fields(form)
        page, flagged = _gate(form, organisation, fields)
        if page is not None:
            return page
        services.update_organisation(organisation, current_user, **fields)
        _keep_confirmations(organisation, flagged, fields)
        db.session.commit()
        flash("De organisatie is opgeslagen.", "success")
        return redirect(url_for("partners.show_organisation", organisation_id=organisation.id), 303)
    return render_page(
        "partners/organisation_form.html", form=form, organisation=organisation, status=400
    )


@bp.post(f"/partners/{ORGANISATION_ID}/overeenkomsten")
def new_agreement(organisation_id: int):
    organisation = _load_organisation(organisation_id)
    value = request.form.get("engagement", "")
    if value not in {str(e.value) for e in Engagement}:
        flash("Kies hoe de organisatie meewerkt.", "error")
        return redirect(url_for("partners.show_organisation", organisation_id=organisation.id), 303)
    agreement = services.create_agreement(
        g.municipality, organisation, current_user, Engagement(int(value))
    )
    db.session.commit()
    flash("Er is een ontwerp van overeenkomst gemaakt. Vul het aan en sla op.", "success")
    return redirect(url_for("partners.edit_agreement", agreement_id=agreement.id), 303)


@bp.route("/meedoen", methods=["GET", "POST"])
@limited(10, per_seconds=60)
def join_request():
    form = JoinRequestForm()
    if request.method == "GET":
        form = JoinRequestForm(formdata=None, idempotency_key=secrets.token_urlsafe(24))
        return render_page("partners/join_request.html", form=form)
    if not form.validate():
        if not form.idempotency_key.data:
            form.idempotency_key.data = secrets.token_urlsafe(24)
        return render_page("partners/join_request.html", form=form, status=400)
    findings = privacy_guard.scan(form.message.data or "")
    if findings and not form.confirm_personal_data.data:
        # The head processor reads the message: personal data is fixed or confirmed first.
        form.message.errors = [
            "Je bericht bevat mogelijk persoonsgegevens. Haal ze weg, of bevestig hieronder "
            "dat het geen gegevens zijn van de mensen die jullie helpen."
        ]
        return render_page(
            "partners/join_request.html",
            form=form,
            status=400,
            flagged=privacy_guard.highlight(form.message.data, findings),
        )
    try:
        joining.submit_join_request(
            g.municipality,
            form.idempotency_key.data,
            organisation_name=form.organisation_name.data,
            kind=form.kind.data,
            website=form.website.data or None,
            contact_name=form.contact_name.data,
            contact_email=form.contact_email.data,
            engagement=form.engagement.data,
            message=(form.message.data or "").strip(),
        )
        db.session.commit()
    except IntegrityError:  # pragma: no cover - a key reused in another municipality
        db.session.rollback()
        abort(400)
    return redirect(url_for("partners.join_request_sent"), 303)


@bp.get("/meedoen/verstuurd")
def join_request_sent():
    return render_page("partners/join_request_sent.html")


@bp.get("/partners/aanvragen")
def list_join_requests():
    requests = access.reviewable_join_requests(current_user, g.municipality).order_by(
        JoinRequest.created_at.desc(), JoinRequest.id.desc()
    )
    pending = JoinRequest.status == JoinRequestStatus.PENDING.value
    return render_page(
        "partners/join_requests.html",
        pending=db.session.scalars(requests.where(pending)).all(),
        decided=db.session.scalars(requests.where(~pending).limit(DECIDED_SHOWN)).all(),
        form=DecisionForm(formdata=None),
        status_labels=joining.STATUS_LABELS,
    )


@bp.post(f"/partners/aanvragen/{REQUEST_ID}")
def decide_join_request(request_id: int):
    join_request = found_or_404(
        access.reviewable_join_requests(current_user, g.municipality), request_id
    )
    if join_request.status != JoinRequestStatus.PENDING.value:
        flash("Over deze aanvraag is al beslist.", "info")
        return redirect(url_for("partners.list_join_requests"), 303)
    form = DecisionForm()
    if not form.validate():
        requests = [join_request]
        return render_page(
            "partners/join_requests.html",
            status=400,
            pending=requests,
            decided=[],
            form=form,
            failed=join_request.id,
            status_labels=joining.STATUS_LABELS,
        )
    if form.decision.data == "approve":
        organisation = joining.approve(join_request, current_user, form.message.data or "")
        db.session.commit()
        flash(
            f"De aanvraag is goedgekeurd. “{organisation.name}” staat bij de partners.", "success"
        )
        if publication.unconfirmed(organisation, _organisation_texts(_saved_fields(organisation))):
            flash(
                "De naam of het contactadres van de organisatie lijkt op persoonsgegevens. De "
                "organisatie staat niet op de publieke site tot je het aanpast of bevestigt.",
                "error",
            )
            return redirect(
                url_for("partners.edit_organisation", organisation_id=organisation.id), 303
            )
        if join_request.agreement_id:
            return redirect(
                url_for("partners.edit_agreement", agreement_id=join_request.agreement_id), 303
            )
        return redirect(url_for("partners.show_organisation", organisation_id=organisation.id), 303)
    joining.decline(join_request, current_user, form.message.data or "")
    db.session.commit()
    flash("De aanvraag is geweigerd. De aanvrager krijgt je bericht per e-mail.", "success")
    return redirect(url_for("partners.list_join_requests"), 303)
