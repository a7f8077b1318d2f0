"""A municipality with a partner organisation, its staff, and processors of each kind."""

from dataclasses import dataclass

import pytest

from tests.factories import Ref
from webapp.extensions import db
from webapp.models import Agreement, Role


@dataclass
class Partners:
    municipality: Ref
    partner: Ref
    head: Ref
    processor: Ref
    org_processor: Ref
    staff: Ref
    giver: Ref

    def url(self, path: str) -> str:
        return f"/{self.municipality.slug}/{path}"


@pytest.fixture
def partners(make):
    municipality = make.municipality(slug="partnerstad", name="Partnerstad")
    partner = make.organisation(municipality, name="CAW Partnerstad")
    return Partners(
        municipality=municipality,
        partner=partner,
        head=make.user(Role.HEAD_PROCESSOR, municipality, name="Hanne Hoofd"),
        processor=make.user(Role.PROCESSOR, municipality, name="Pieter Verwerker"),
        org_processor=make.user(
            Role.ORG_PROCESSOR, municipality, name="Olga Partner", organisation=partner
        ),
        staff=make.user(Role.GIVER, municipality, name="Sam Medewerker", organisation=partner),
        giver=make.user(Role.GIVER, municipality, name="Gert Gever"),
    )


@pytest.fixture
def other_place(make):
    municipality = make.municipality(slug="anderstad", name="Anderstad")
    partner = make.organisation(municipality, name="OCMW Anderstad")
    return {"municipality": municipality, "partner": partner}


def agreement_row(app, agreement_id: int) -> dict:
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        row = {
            "status": agreement.status,
            "title": agreement.title,
            "body": agreement.body,
            "version": agreement.version,
            "engagement": agreement.engagement,
            "versions": [(v.number, v.body, v.author_id) for v in agreement.versions],
        }
        db.session.remove()
        return row


def set_agreement(app, agreement_id: int, **values) -> None:
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        for name, value in values.items():
            setattr(agreement, name, value)
        db.session.commit()
        db.session.remove()
