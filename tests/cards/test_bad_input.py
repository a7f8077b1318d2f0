"""Bad input to the cards, actions and meetings routes: 400 or 404, never a 500."""

import io

import pytest

from tests.signals.helpers import text

JUNK_VALUES = ["", "\x00", "x" * 5000, "²", "-1", "99999999999999999999", "1e3", "<script>"]


@pytest.fixture
def items(make, town):
    signal = make.signal(town.municipality, town.giver)
    return {
        "card": make.card(town.municipality, signals=(signal,)),
        "action": make.action(town.municipality),
        "meeting": make.meeting(town.municipality),
    }


def _posts(items) -> list[str]:
    card, action, meeting = items["card"].id, items["action"].id, items["meeting"].id
    return [
        "fiches/nieuw",
        f"fiches/{card}/bewerken",
        f"fiches/{card}/status",
        "acties/nieuw",
        f"acties/{action}/bewerken",
        f"acties/{action}/voortgang",
        "agenda/nieuw",
        f"agenda/{meeting}/bewerken",
        f"agenda/{meeting}/agendapunten",
    ]


FIELDS = [
    "title",
    "summary",
    "themes",
    "public_status",
    "published",
    "signalen",
    "add_references",
    "message",
    "version",
    "description",
    "organisation",
    "status",
    "is_public",
    "cards",
    "happened_on",
    "body",
    "kind",
    "day",
    "starts",
    "ends",
    "place",
    "signals",
    "card_id",
    "signal_reference",
    "signal_id",
    "return_to",
]


@pytest.mark.parametrize("value", JUNK_VALUES)
def test_junk_in_every_field_is_refused_calmly(client, login, town, items, value):
    login(town.head)
    data = {name: [value, value] for name in FIELDS}

    for path in _posts(items):
        response = client.post(town.url(path), data=data)
        assert response.status_code in (200, 303, 400, 404, 409), (path, text(response)[:300])


def test_json_and_files_are_no_form(client, login, town, items):
    login(town.head)

    for path in _posts(items):
        as_json = client.post(town.url(path), json={"title": ["a"], "signalen": [{"x": 1}]})
        assert as_json.status_code in (200, 400, 404), path
        with_file = client.post(
            town.url(path), data={"title": (io.BytesIO(b"x"), "x.txt"), "signalen": "1"}
        )
        assert with_file.status_code in (200, 400, 404), path


@pytest.mark.parametrize(
    "query",
    ["pagina=abc", "pagina=0", "pagina=²", "status=nope", "state=nope", "kind=nope", "q=\x00"],
)
def test_bad_list_filters_answer_400_or_ignore(client, login, town, query):
    login(town.head)

    for path in ("fiches", "acties", "agenda"):
        response = client.get(town.url(f"{path}?{query}"))
        assert response.status_code in (200, 400), (path, query)
