"""Page-weight budgets of the reports, the college report and the network view."""

import pytest

from tests.perf.test_page_weight import (
    ENCODING,
    FIRST_VISIT_BUDGET,
    FRAGMENT_BUDGET,
    REPEAT_VISIT_BUDGET,
    page_with_assets,
    transferred,
)
from tests.reports.conftest import report_town  # noqa: F401  (fixture)
from webapp.models import Role


@pytest.mark.parametrize(
    "path",
    ["rapporten?periode=2026-k3", "rapporten?periode=2026-09", "rapporten/college?periode=2026"],
)
@pytest.mark.parametrize("who", ["head", "alderman"])
def test_report_pages_within_budget(client, login, report_town, path, who):  # noqa: F811
    login(getattr(report_town, who))
    first, repeat = page_with_assets(client, report_town.url(path))
    print(path, who, first, repeat)
    assert first <= FIRST_VISIT_BUDGET, first
    assert repeat <= REPEAT_VISIT_BUDGET, repeat


def test_report_panels_fragment_within_budget(client, login, report_town):  # noqa: F811
    login(report_town.head)
    url = report_town.url("rapporten?periode=2026-k3&thema=Wonen")
    response = client.get(url, headers={**ENCODING, "HX-Request": "true"})
    assert 'id="panelen"' in client.get(url, headers={"HX-Request": "true"}).get_data(as_text=True)
    print("fragment", transferred(response))
    assert transferred(response) <= FRAGMENT_BUDGET


def test_network_pages_within_budget(app, client, login, make, report_town):  # noqa: F811
    login(make.user(Role.NETWORK))
    for path in ("/netwerk?periode=2026", "/netwerk/fiches"):
        first, repeat = page_with_assets(client, path)
        print(path, first, repeat)
        assert first <= FIRST_VISIT_BUDGET, (path, first)
        assert repeat <= REPEAT_VISIT_BUDGET, (path, repeat)
