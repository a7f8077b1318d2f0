"""The processor's pages keep the page-weight budgets (DESIGN.md §9), full of data."""

import gzip

import brotli
import pytest

from tests.html import parse
from tests.perf.test_page_weight import (
    ENCODING,
    FIRST_VISIT_BUDGET,
    FRAGMENT_BUDGET,
    REPEAT_VISIT_BUDGET,
    page_with_assets,
    transferred,
)


@pytest.fixture
def busy(make, as_user, town, update_signal):
    """A full inbox page of signals, one of them with a long history, notes and feedback."""
    signals = [
        make.signal(
            town.municipality,
            town.giver if number % 2 else town.colleague,
            title=f"Signaal nummer {number} over wachtlijsten in de kinderopvang",
            description="Gezinnen wachten maanden op een plaats in de kinderopvang. " * 5,
        )
        for number in range(30)
    ]
    for signal in signals[::3]:
        update_signal(signal, assignee_id=town.processor.id, reinforcement_count=4)
    head = as_user(town.head)
    busy = signals[0]
    for status in ("in_progress", "on_agenda", "action"):
        head.post(town.handle(busy, "status"), data={"status": status, "note": "Toelichting."})
    head.post(town.handle(busy, "notities"), data={"body": "Een interne notitie. " * 10})
    head.post(town.handle(busy, "terugkoppeling"), data={"body": "Terugkoppeling. " * 10})
    return head, busy


@pytest.mark.parametrize("page", ["inbox", "handle", "log", "settings"])
def test_processor_pages_within_budget(town, busy, page, outbox):
    head, signal = busy
    url = {
        "inbox": town.inbox(),
        "handle": town.handle(signal),
        "log": town.url("verwerken/logboek"),
        "settings": town.url("verwerken/meldingen"),
    }[page]

    first, repeat = page_with_assets(head, url)

    assert first <= FIRST_VISIT_BUDGET, first
    assert repeat <= REPEAT_VISIT_BUDGET, repeat


@pytest.mark.parametrize(
    ("method", "path", "data", "block"),
    [
        ("GET", "verwerken?q=kinderopvang", None, "resultaten"),
        ("GET", "verwerken?pagina=2", None, "resultaten"),
        # A referral now names its organisation (issue 21): a plain status change here.
        ("POST", "status", {"status": "closed", "note": "Afgerond."}, "status"),
        ("POST", "notities", {"body": "Nog een notitie."}, "notities"),
        ("POST", "terugkoppeling", {"body": "Nog een terugkoppeling."}, "terugkoppeling"),
    ],
)
def test_processor_fragments_within_budget(town, busy, outbox, method, path, data, block):
    head, signal = busy
    url = town.url(path) if path.startswith("verwerken") else town.handle(signal, path)

    response = head.open(url, method=method, data=data, headers={**ENCODING, "HX-Request": "true"})

    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") in {"br", "gzip"}
    assert transferred(response) <= FRAGMENT_BUDGET, transferred(response)
    html = _decoded(response)
    assert "<html" not in html  # the block alone, not the page
    assert [node.attrs.get("id") for node in parse(html).find_all(id=block)] == [block]


def _decoded(response) -> str:
    body = response.get_data()
    if response.headers["Content-Encoding"] == "br":
        return brotli.decompress(body).decode()
    return gzip.decompress(body).decode()
