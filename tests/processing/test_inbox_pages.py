"""The inbox paged by cursor: for each sort, every signal exactly once, in order, forwards and
back, also under filters and with ties on the time; bad and stale cursors; the way back after a
bulk change; htmx; and the same number of queries on a deep page as on the first."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.keyset import fill, most_reinforced_first, newest_first, oldest_first, walk
from tests.processing.test_queries import counted
from tests.signals.helpers import HTMX, parse, text
from webapp import pagination
from webapp.processing import inbox

SIZE = 4
SORTS = {
    "nieuwste": newest_first,
    "oudste": oldest_first,
    "meest-versterkt": most_reinforced_first,
}


@pytest.fixture
def head(as_user, town):
    return as_user(town.head)


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of four, numbered up to page 2: page 3 and on are reached by cursor."""
    monkeypatch.setattr(inbox, "PAGE_SIZE", SIZE)
    monkeypatch.setattr(pagination, "KEYSET_FROM_PAGE", 3)


@pytest.fixture
def rows(app, town):
    return fill(app, town.municipality, 40, organisation_id=town.caw.id)


def _titles(response) -> list[str]:
    return [h.find("a").text() for h in parse(response).by_id("resultaten").find_all("h3")]


def _chunks(titles: list[str]) -> list[list[str]]:
    return [titles[i : i + SIZE] for i in range(0, len(titles), SIZE)]


@pytest.mark.parametrize("sort", SORTS)
def test_every_sort_gives_every_signal_once_forwards_and_back(head, town, rows, small_pages, sort):
    pages, visited = walk(head, town.inbox(f"sort={sort}"), _titles)

    assert pages == _chunks(SORTS[sort](rows))
    assert "na" in parse_qs(urlsplit(visited[2]).query)
    back, _ = walk(head, visited[-1], _titles, rel="prev")
    assert back == pages[::-1]


@pytest.mark.parametrize("sort", SORTS)
def test_filters_combine_with_cursors(head, town, rows, small_pages, sort):
    wanted = [r for r in rows if "jeugd" in r.theme_slugs and r.status == "in_progress"]

    pages, visited = walk(head, town.inbox(f"theme=jeugd&status=in_progress&sort={sort}"), _titles)

    assert pages == _chunks(SORTS[sort](wanted))
    assert len(pages) >= 3
    for url in visited[1:]:
        query = parse_qs(urlsplit(url).query)
        assert query["theme"] == ["jeugd"]
        assert query["status"] == ["in_progress"]


def test_the_status_tabs_count_every_signal(head, town, rows, small_pages):
    _, visited = walk(head, town.inbox(), _titles)

    deep = parse(head.get(visited[-1]))

    tabs = deep.find("nav", **{"aria-label": "Aantal signalen per status"}).text()
    assert "alle (40)" in tabs
    assert "Pagina 10 van 10" in deep.find("nav", class_="pager").text()


@pytest.mark.parametrize(
    "query",
    [
        "na=abc",
        "voor=",
        "na=1.0.1",
        "na=3.1",
        "na=3.1.2.3",
        "sort=meest-versterkt&na=3.1.2",  # a cursor of another order
        "na=3.99999999999999999999.1",
        "na=3.253402300800000000.1",
        "na=3.1.1&voor=3.1.1",
    ],
)
def test_a_tampered_cursor_answers_400_with_a_dutch_message(head, town, rows, query):
    response = head.get(town.inbox(query))
    fragment = head.get(town.inbox(query), headers=HTMX)

    assert response.status_code == 400
    assert fragment.status_code == 400
    summary = parse(fragment).find("div", class_="error-summary")
    assert "Pagina: deze link naar een pagina klopt niet." in summary.text()
    assert summary.find("a").attrs["href"] == town.inbox()


def test_a_stale_previous_cursor_gives_the_first_page(head, town, rows, small_pages):
    newest = max(rows, key=lambda r: (r.created_at, r.id))
    micros = (newest.created_at - pagination.EPOCH) // pagination.MICROSECOND

    response = head.get(town.inbox(f"voor=5.{micros}.{newest.id}"))

    assert response.status_code == 200
    assert _titles(response) == _chunks(newest_first(rows))[0]


def test_a_cursor_past_the_end_links_to_the_first_page(head, town, rows, small_pages):
    response = head.get(town.inbox("status=submitted&na=9.0.0"))

    assert response.status_code == 200
    empty = parse(response).find("p", class_="empty")
    assert "Deze pagina is leeg" in empty.text()
    assert empty.find("a").attrs["href"] == town.inbox("status=submitted")


def test_a_bulk_change_returns_to_the_same_cursor_page(head, town, rows, small_pages):
    _, visited = walk(head, town.inbox("sort=oudste"), _titles)
    deep = head.get(visited[3])
    filters = parse(deep).find("input", name="filters").attrs["value"]
    assert parse_qs(filters) == parse_qs(urlsplit(visited[3]).query)

    response = head.post(
        town.url("verwerken/bulk"),
        data={
            "csrf_token": "",
            "filters": filters,
            "signal_ids": [],
        },
    )

    assert response.status_code == 303
    back = urlsplit(response.headers["Location"])
    assert back.path == town.inbox()
    assert parse_qs(back.query) == parse_qs(urlsplit(visited[3]).query)


def test_htmx_pages_swap_the_results(head, town, rows, small_pages):
    _, visited = walk(head, town.inbox("sort=meest-versterkt"), _titles)

    response = head.get(visited[4], headers=HTMX)

    assert "<html" not in text(response)
    assert _titles(response) == _chunks(most_reinforced_first(rows))[4]
    for rel in ("prev", "next"):
        link = parse(response).find("a", rel=rel)
        assert link.attrs["data-hx-get"] == link.attrs["href"]
        assert link.attrs["data-hx-push-url"] == "true"
    pages, _ = walk(head, visited[0], _titles, headers=HTMX)
    assert pages == _chunks(most_reinforced_first(rows))


@pytest.mark.parametrize("sort", SORTS)
def test_a_deep_page_costs_the_queries_of_the_first(app, head, town, rows, small_pages, sort):
    _, visited = walk(head, town.inbox(f"sort={sort}"), _titles)
    counts = {}
    for name, url in (("first", visited[0]), ("after", visited[6]), ("before", None)):
        if url is None:
            url = parse(head.get(visited[6])).find("a", rel="prev").attrs["href"]
            assert "voor" in parse_qs(urlsplit(url).query)
        with counted(app) as statements:
            assert head.get(url).status_code == 200
        counts[name] = len(statements)

    assert counts["first"] == counts["after"] == counts["before"], counts
