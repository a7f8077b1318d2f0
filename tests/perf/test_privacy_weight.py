"""Page-weight budgets of the privacy pages: Mijn gegevens, erasure, a person's data for the
head processor, and the redaction page."""

import pytest

from tests.perf.test_page_weight import (
    FIRST_VISIT_BUDGET,
    REPEAT_VISIT_BUDGET,
    page_with_assets,
)
from webapp.models import Role


@pytest.fixture
def place(make):
    """A giver with 30 signals (the page lists 20 per source) and their head processor."""
    town = make.municipality(slug="weegschaal")
    organisation = make.organisation(town, "CAW Weegschaal")
    giver = make.user(Role.GIVER, town, organisation=organisation)
    head = make.user(Role.HEAD_PROCESSOR, town)
    signals = [
        make.signal(
            town,
            giver,
            title=f"Signaal nummer {number} over wachtlijsten in de kinderopvang",
            description="Gezinnen wachten maanden op een plaats in de kinderopvang. " * 3,
        )
        for number in range(30)
    ]
    return giver, head, signals


def _within_budget(client, url: str) -> None:
    first, repeat = page_with_assets(client, url)
    assert first <= FIRST_VISIT_BUDGET, (url, first)
    assert repeat <= REPEAT_VISIT_BUDGET, (url, repeat)


def test_my_data_pages_within_budget(client, login, place):
    giver, _, _ = place
    login(giver)
    _within_budget(client, "/mijn-gegevens")
    _within_budget(client, "/mijn-gegevens/wissen")


def test_head_processor_privacy_pages_within_budget(client, login, place):
    giver, head, signals = place
    login(head)
    _within_budget(client, "/weegschaal/mensen?q=a")
    _within_budget(client, f"/weegschaal/mensen/{giver.id}")
    _within_budget(client, f"/weegschaal/verwerken/signalen/{signals[0].id}/persoonsgegevens")
