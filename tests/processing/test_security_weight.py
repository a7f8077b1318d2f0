"""The pages of issue 10 keep the page-weight budgets (DESIGN.md §9)."""

import pytest

from tests.perf.test_page_weight import (
    FIRST_VISIT_BUDGET,
    REPEAT_VISIT_BUDGET,
    page_with_assets,
)


@pytest.mark.parametrize("path", ["verwerken/bezorging", "verwerken/beveiliging", None])
def test_security_pages_within_budget(town, as_user, path):
    head = as_user(town.head)
    url = town.url(path) if path else "/mijn-gegevens/tweestapsverificatie"
    first, repeat = page_with_assets(head, url)
    assert first <= FIRST_VISIT_BUDGET, first
    assert repeat <= REPEAT_VISIT_BUDGET, repeat
