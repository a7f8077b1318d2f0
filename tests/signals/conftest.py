"""Two municipalities with their people, and a typed-in draft signal, for the signal tests."""

from dataclasses import dataclass

import pytest

from tests.factories import Ref
from tests.signals.helpers import field_value, option_values, parse
from webapp.models import Role

DRAFT_TITLE = "Lange wachtlijst voor budgetbegeleiding"
DRAFT_DESCRIPTION = (
    "Gezinnen wachten maanden op budgetbegeleiding bij het OCMW; intussen stapelen de "
    "schulden zich op."
)


@dataclass
class Town:
    municipality: Ref
    organisation: Ref
    giver: Ref

    @property
    def slug(self) -> str:
        return self.municipality.slug

    def url(self, path: str) -> str:
        return f"/{self.slug}/{path.lstrip('/')}"


def _town(make, slug: str, name: str, giver_name: str) -> Town:
    municipality = make.municipality(slug=slug, name=name)
    organisation = make.organisation(municipality, name=f"CAW {name}")
    email = f"{giver_name.split()[0].lower()}@caw-{slug}.be"
    giver = make.user(
        Role.GIVER, municipality, organisation=organisation, name=giver_name, email=email
    )
    return Town(municipality, organisation, giver)


@pytest.fixture
def kortrijk(make) -> Town:
    return _town(make, "kortrijk", "Kortrijk", "Ann Vermeulen")


@pytest.fixture
def gent(make) -> Town:
    return _town(make, "gent", "Gent", "Bram Claes")


@pytest.fixture
def draft(client):
    """The fields of a freshly opened submit form, filled in validly; None drops a field."""

    def fill(town: Town, **overrides) -> dict:
        doc = parse(client.get(town.url("signalen/nieuw")))
        data = {
            "submission_token": field_value(doc, "submission_token"),
            "title": DRAFT_TITLE,
            "description": DRAFT_DESCRIPTION,
            "themes": option_values(doc, "themes")[:1],
            "target_groups": option_values(doc, "target_groups")[:2],
            "tried": "",
            "ideas": "",
            "action": "submit",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return fill
