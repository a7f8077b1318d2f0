from dataclasses import dataclass

import pytest

from tests.factories import Ref
from tests.reports import world
from webapp.models import Role


@dataclass
class ReportTown:
    municipality: Ref
    card_ids: list[int]
    specs: list
    head: Ref
    processor: Ref
    alderman: Ref
    giver: Ref

    def url(self, path: str) -> str:
        return f"/{self.municipality.slug}/{path.lstrip('/')}"


@pytest.fixture
def report_town(app, make) -> ReportTown:
    specs = world.spec()
    municipality_id, card_ids = world.once(app, "report_town", lambda: world.build(app, specs))
    municipality = Ref(municipality_id, slug="rapportstad")
    return ReportTown(
        municipality,
        card_ids,
        specs,
        head=make.user(Role.HEAD_PROCESSOR, municipality, email="hoofd@rapportstad.example.org"),
        processor=make.user(
            Role.PROCESSOR, municipality, email="verwerker@rapportstad.example.org"
        ),
        alderman=make.user(Role.ALDERMAN, municipality, email="schepen@rapportstad.example.org"),
        giver=make.user(Role.GIVER, municipality, email="gever@rapportstad.example.org"),
    )
