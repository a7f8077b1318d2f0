"""A municipality with someone in every role, and a second one next door, for the tests of
cards, actions and meetings (imported by their conftest files)."""

from dataclasses import dataclass

import pytest

from tests.factories import Ref
from webapp.models import Role


@dataclass
class Town:
    municipality: Ref
    organisation: Ref
    partner: Ref
    head: Ref
    processor: Ref
    giver: Ref
    colleague: Ref
    alderman: Ref

    @property
    def slug(self) -> str:
        return self.municipality.slug

    def url(self, path: str) -> str:
        return f"/{self.slug}/{path.lstrip('/')}"


def build_town(make, slug: str, name: str) -> Town:
    municipality = make.municipality(slug=slug, name=name)
    organisation = make.organisation(municipality, name=f"CAW {name}")
    partner = make.organisation(municipality, name=f"OCMW {name}")

    def person(role, local, full_name, organisation=organisation):
        return make.user(
            role,
            municipality,
            name=full_name,
            email=f"{local}@{slug}.example.org",
            organisation=organisation,
        )

    return Town(
        municipality=municipality,
        organisation=organisation,
        partner=partner,
        head=person(Role.HEAD_PROCESSOR, "hoofd", "Hanne Hoofd"),
        processor=person(Role.PROCESSOR, "verwerker", "Victor Verwerker", partner),
        giver=person(Role.GIVER, "gever", "Ann Gever"),
        colleague=person(Role.GIVER, "collega", "Chris Collega", partner),
        alderman=person(Role.ALDERMAN, "schepen", "Sara Schepen"),
    )


@pytest.fixture
def town(make) -> Town:
    return build_town(make, "kortrijk", "Kortrijk")


@pytest.fixture
def other_town(make) -> Town:
    return build_town(make, "gent", "Gent")
