"""The network's coordinators link the organisation of each municipality that is one and the
same organisation (a CAW working in several municipalities) to one network identity. Each
municipality's organisation keeps its own agreement; the link grants nothing anywhere."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp import access
from webapp.extensions import db
from webapp.forms import FormBodyForm
from webapp.loading import found_or_404
from webapp.models import Municipality, NetworkOrganisation, Organisation
from webapp.rendering import render_page

bp = Blueprint("identities", __name__, template_folder="templates")


def link(organisation: Organisation, identity: str) -> NetworkOrganisation | None:
    """Link to the network identity `identity` (an id), to a new one named after the
    organisation ("nieuw"), or to none (""). Returns the identity linked."""
    if identity == "":
        organisation.network_organisation_id = None
        return None
    if identity == "nieuw":
        found = db.session.scalars(
            select(NetworkOrganisation).where(NetworkOrganisation.name == organisation.name)
        ).first()
        if found is None:
            found = NetworkOrganisation(name=organisation.name)
            db.session.add(found)
            db.session.flush()
    elif identity.isdigit():
        found = db.session.get(NetworkOrganisation, int(identity))
        if found is None:
            raise ValueError(identity)
    else:
        raise ValueError(identity)
    organisation.network_organisation_id = found.id
    db.session.flush()
    return found


@bp.route("/netwerk/organisaties", methods=["GET", "POST"])
def list_identities():
    scope = access.network_organisations(current_user)
    error = None
    if request.method == "POST":
        if FormBodyForm().validate():
            organisation_id = request.form.get("organisation_id", "")
            if not organisation_id.isdigit() or int(organisation_id) > 2**31 - 1:
                error = "Kies een organisatie."
            else:
                organisation = found_or_404(scope, int(organisation_id))
                try:
                    found = link(organisation, request.form.get("identity", ""))
                except ValueError:
                    error = "Kies een organisatie van het netwerk uit de lijst."
                else:
                    db.session.commit()
                    flash(
                        f"{organisation.name} ({organisation.municipality.name}) is "
                        + (f"gekoppeld aan {found.name}." if found else "losgekoppeld."),
                        "success",
                    )
                    return redirect(url_for("identities.list_identities"), 303)
        else:
            error = "Het formulier is verlopen. Probeer opnieuw."
    identities = db.session.scalars(
        select(NetworkOrganisation).order_by(NetworkOrganisation.name)
    ).all()
    organisations = db.session.scalars(
        scope.join(Municipality, Municipality.id == Organisation.municipality_id)
        .options(selectinload(Organisation.municipality))
        .order_by(Organisation.name, Municipality.name)
    ).all()
    linked: dict[int, list[Organisation]] = {}
    for organisation in organisations:
        if organisation.network_organisation_id is not None:
            linked.setdefault(organisation.network_organisation_id, []).append(organisation)
    return render_page(
        "identities/list.html",
        status=400 if error else 200,
        error=error,
        identities=identities,
        linked=linked,
        unlinked=[o for o in organisations if o.network_organisation_id is None],
        form=FormBodyForm(formdata=None),
    )
