"""The giver list paged by cursor: every signal exactly once, in order, forwards and back, under
filters; numbered first pages; bad and stale cursors; htmx and plain links."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.keyset import fill, newest_first, walk
from tests.signals.helpers import HTMX, parse
from webapp import pagination
from webapp.signals import views

SIZE = 4


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of four, numbered up to page 2: page 3 and on are reached by cursor."""
    monkeypatch.setattr(pagination, "PAGE_SIZE", SIZE)
    monkeypatch.setattr(pagination, "KEYSET_FROM_PAGE", 3)


@pytest.fixture
def rows(app, kortrijk):
    return fill(app, kortrijk.municipality, 40)


def _titles(response) -> list[str]:
    return [h.text() for h in parse(response).by_id("resultaten").find_all("h3")]


def _chunks(titles: list[str]) -> list[list[str]]:
    return [titles[i : i + SIZE] for i in range(0, len(titles), SIZE)]


@pytest.mark.parametrize("cap", [1000, 10], ids=["counted", "past-the-count-cap"])
def test_every_signal_once_in_order_forwards_and_back(
    client, login, kortrijk, rows, small_pages, monkeypatch, cap
):
    monkeypatch.setattr(views, "COUNT_CAP", cap)
    login(kortrijk.giver)

    pages, visited = walk(client, kortrijk.url("signalen"), _titles)

    assert pages == _chunks(newest_first(rows))
    assert [parse_qs(urlsplit(url).query).keys() for url in visited[1:3]] == [
        {"pagina"},
        {"na"},
    ]
    back, _ = walk(client, visited[-1], _titles, rel="prev")
    assert back == pages[::-1]


def test_filters_combine_with_cursors(client, login, kortrijk, rows, small_pages):
    login(kortrijk.giver)
    wanted = [r for r in rows if "jeugd" in r.theme_slugs and r.status == "submitted"]

    pages, visited = walk(client, kortrijk.url("signalen?theme=jeugd&status=submitted"), _titles)

    assert pages == _chunks(newest_first(wanted))
    assert len(pages) >= 3
    for url in visited[1:]:
        query = parse_qs(urlsplit(url).query)
        assert query["theme"] == ["jeugd"]
        assert query["status"] == ["submitted"]


def test_the_pager_says_where_the_reader_is(client, login, kortrijk, rows, small_pages):
    login(kortrijk.giver)
    _, visited = walk(client, kortrijk.url("signalen"), _titles)

    fourth = parse(client.get(visited[3])).find("nav", class_="pager")

    assert fourth.attrs["aria-label"] == "Paginering"
    current = fourth.find_all(aria_current="page")
    assert [c.text() for c in current] == ["Pagina 4 van 10"]
    numbers = [a.text() for a in fourth.find("ul", class_="pages").find_all("a")]
    assert numbers == ["1", "2"]
    first = next(a for a in fourth.find_all("a") if a.text() == "Eerste")
    assert first.attrs["href"] == kortrijk.url("signalen")
    second = parse(client.get(visited[1])).find("nav", class_="pager")
    assert [c.text() for c in second.find_all(aria_current="page")] == ["2"]


def test_a_numbered_page_still_works(client, login, kortrijk, rows, small_pages):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen?pagina=5"))

    assert _titles(response) == _chunks(newest_first(rows))[4]


@pytest.mark.parametrize(
    "query",
    [
        "na=abc",
        "na=",
        "voor=3.1",
        "na=1.0.1",  # page 1 is never reached by cursor
        "na=3.1.2.3",
        "na=3.-5.1",
        "na=3.1e3.1",
        "na=3.99999999999999999999.1",
        "na=3.253402300800000000.1",  # after the year 9999
        "na=3.1.1&voor=3.1.1",
        "na=" + "1" * 200,
    ],
)
def test_a_tampered_cursor_is_a_bad_request(client, login, kortrijk, rows, query):
    login(kortrijk.giver)

    response = client.get(kortrijk.url(f"signalen?{query}"))

    assert response.status_code == 400
    assert parse(response).find("h1").text() == "Dat verzoek begrijpen we niet"


def test_a_stale_previous_cursor_gives_the_first_page(client, login, kortrijk, rows, small_pages):
    login(kortrijk.giver)
    newest = max(rows, key=lambda r: (r.created_at, r.id))
    micros = (newest.created_at - pagination.EPOCH) // pagination.MICROSECOND

    # Page 4 of a list whose first rows were removed: nothing comes before this row anymore.
    response = client.get(kortrijk.url(f"signalen?voor=4.{micros}.{newest.id}"))

    assert response.status_code == 200
    assert _titles(response) == _chunks(newest_first(rows))[0]
    assert parse(response).find("a", rel="prev") is None


def test_a_cursor_past_the_end_shows_an_empty_page(client, login, kortrijk, rows, small_pages):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen?na=11.0.0"))

    assert response.status_code == 200
    assert _titles(response) == []
    empty = parse(response).find("p", class_="empty")
    assert "Deze pagina is leeg." in empty.text()
    assert empty.find("a").attrs["href"] == kortrijk.url("signalen")


def test_htmx_pages_swap_the_results_and_push_the_address(
    client, login, kortrijk, rows, small_pages
):
    login(kortrijk.giver)
    _, visited = walk(client, kortrijk.url("signalen"), _titles)

    response = client.get(visited[3], headers=HTMX)

    assert response.get_data(as_text=True).lstrip().startswith('<section id="resultaten"')
    assert response.headers["HX-Push-Url"] == visited[3]
    assert _titles(response) == _chunks(newest_first(rows))[3]
    following = parse(response).find("a", rel="next")
    assert following.attrs["data-hx-get"] == following.attrs["href"] == visited[4]
    assert following.attrs["data-hx-target"] == "#resultaten"
    pages, _ = walk(client, visited[0], _titles, headers=HTMX)
    assert pages == _chunks(newest_first(rows))
