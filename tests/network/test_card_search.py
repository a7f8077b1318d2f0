"""The network's card search is the one search (webapp/search.py): the same words give the same
cards in `/netwerk/fiches` as in a municipality's `/fiches`."""

import pytest

from tests.signals.helpers import parse
from webapp.models import Role

TITLES = (
    "Crèche zonder vrije plaatsen",
    "Schooluitval bij jongeren",
    "Tekort aan kinderopvang",
    "Huurwoningen zijn te duur",
)


@pytest.fixture
def cards(make, town):
    return [make.card(town.municipality, title=title, published=True) for title in TITLES]


def titles_found(client, path: str) -> list[str]:
    return sorted(h3.text() for h3 in parse(client.get(path)).find_all("h3"))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("creche", ["Crèche zonder vrije plaatsen"]),  # accents folded
        ("school", ["Schooluitval bij jongeren"]),  # a word start
        ("jongere", ["Schooluitval bij jongeren"]),  # one stem
        ("kinderopvang tekort", ["Tekort aan kinderopvang"]),  # every word, in any order
        ("de", []),  # a stop word alone looks for nothing
    ],
)
def test_the_same_words_give_the_same_cards(client, login, make, town, cards, words, expected):
    login(town.head)
    local = titles_found(client, town.url(f"fiches?q={words}"))
    client.post("/logout")
    login(make.user(Role.NETWORK))
    network = titles_found(client, f"/netwerk/fiches?q={words}&gemeente={town.slug}")
    assert local == network == expected
