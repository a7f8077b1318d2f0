"""An organisation working in several municipalities exists once in the network: one identity
links each municipality's organisation, each with its own agreement. The link grants nothing:
the organisation's processor in one municipality still sees nothing of another's."""

from sqlalchemy import select

from tests.signals.helpers import text
from webapp.extensions import db
from webapp.models import (
    AgreementStatus,
    Engagement,
    NetworkOrganisation,
    Organisation,
    Role,
)


def test_the_network_links_one_caw_of_two_municipalities(
    app, client, login, make, town, other_town
):
    login(make.user(Role.NETWORK))
    page = text(client.get("/netwerk/organisaties"))
    assert "CAW Kortrijk in Kortrijk" in page and "CAW Gent in Gent" in page
    assert (
        client.post(
            "/netwerk/organisaties",
            data={"organisation_id": town.organisation.id, "identity": "nieuw"},
        ).status_code
        == 303
    )
    with app.app_context():
        identity = db.session.scalars(select(NetworkOrganisation)).one()
    client.post(
        "/netwerk/organisaties",
        data={"organisation_id": other_town.organisation.id, "identity": str(identity.id)},
    )
    with app.app_context():
        linked = db.session.scalars(
            select(Organisation.municipality_id).where(
                Organisation.network_organisation_id == identity.id
            )
        ).all()
    assert sorted(linked) == sorted([town.municipality.id, other_town.municipality.id])
    refused = client.post(
        "/netwerk/organisaties",
        data={"organisation_id": town.partner.id, "identity": "geen-getal"},
    )
    assert refused.status_code == 400
    # Unlinking leaves the identity, without that organisation.
    client.post(
        "/netwerk/organisaties", data={"organisation_id": town.organisation.id, "identity": ""}
    )
    with app.app_context():
        assert db.session.get(Organisation, town.organisation.id).network_organisation_id is None


def test_a_linked_organisations_processor_sees_nothing_of_the_other_municipality(
    app, client, login, make, town, other_town
):
    for place in (town, other_town):
        make.agreement(
            place.municipality, place.organisation, Engagement.BROAD_MANDATE, AgreementStatus.ACTIVE
        )
    with app.app_context():
        identity = NetworkOrganisation(name="CAW Regio")
        db.session.add(identity)
        db.session.flush()
        for organisation_id in (town.organisation.id, other_town.organisation.id):
            db.session.get(Organisation, organisation_id).network_organisation_id = identity.id
        db.session.commit()
    other_signal = make.signal(other_town.municipality, title="Signaal van Gent")
    caw = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.organisation)
    login(caw)
    assert client.get(town.url("verwerken")).status_code == 200  # their own inbox
    for path in ("verwerken", f"signalen/{other_signal.id}", "partners", "rapporten"):
        assert client.get(other_town.url(path)).status_code == 404, path
    assert "Signaal van Gent" not in text(client.get(town.url("verwerken")))
