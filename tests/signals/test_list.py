"""The signals of a municipality: newest first, filtered, paged, and as an htmx fragment."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.signals.helpers import (
    HTMX,
    parse,
    redirect_path,
    redirect_query,
    set_target_groups,
    text,
)
from webapp.models import Role, SignalStatus


def _titles(response) -> list[str]:
    return [h.text() for h in parse(response).by_id("resultaten").find_all("h3")]


def _link(response, rel: str) -> dict[str, list[str]] | None:
    node = parse(response).find("a", rel=rel)
    if node is None:
        return None
    href = urlsplit(node.attrs["href"])
    assert href.path.endswith("/signalen")
    return parse_qs(href.query)


@pytest.fixture
def many(make, kortrijk):
    """25 signals, numbered in the order they were given."""
    return [
        make.signal(kortrijk.municipality, kortrijk.giver, title=f"Signaal nummer {n:02d}")
        for n in range(1, 26)
    ]


def test_giver_sees_signals_newest_first_with_who_gave_them(client, login, make, kortrijk):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Eerste signaal")
    make.signal(kortrijk.municipality, None, title="Tweede signaal zonder account")
    make.signal(kortrijk.municipality, kortrijk.giver, title="Derde signaal")
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen"))

    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    doc = parse(response)
    assert doc.find("h1").text() == "Signalen in Kortrijk"
    assert _titles(response) == ["Derde signaal", "Tweede signaal zonder account", "Eerste signaal"]
    items = doc.by_id("resultaten").find_all("li", class_="card")
    assert "Ann Vermeulen (CAW Kortrijk)" in items[0].text()
    assert "zonder account" in items[1].text()
    assert doc.by_id("resultaten").find("p", role="status").text() == "3 signalen."


def test_list_shows_how_often_a_signal_was_reinforced(client, login, make, kortrijk):
    signal = make.signal(kortrijk.municipality, kortrijk.giver, title="Versterkt signaal")
    for user in (make.user(municipality=kortrijk.municipality) for _ in range(2)):
        login(user)
        client.post(kortrijk.url(f"signalen/{signal.id}/versterken"), data={})
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen"))

    assert "2 × versterkt" in parse(response).by_id("resultaten").text()


def test_list_shows_nothing_of_another_municipality(client, login, make, kortrijk, gent):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Signaal uit Kortrijk")
    make.signal(gent.municipality, gent.giver, title="Signaal uit Gent")
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen"))

    assert _titles(response) == ["Signaal uit Kortrijk"]
    assert "Signaal uit Gent" not in text(response)


@pytest.mark.parametrize("role", [Role.HEAD_PROCESSOR, Role.PROCESSOR, Role.ORG_PROCESSOR])
def test_processors_see_the_list_too(client, login, make, kortrijk, role):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Signaal uit Kortrijk")
    login(make.user(role, kortrijk.municipality))

    response = client.get(kortrijk.url("signalen"))

    assert response.status_code == 200
    assert _titles(response) == ["Signaal uit Kortrijk"]


# --- Filters -----------------------------------------------------------------------------------


@pytest.fixture
def varied(make, kortrijk):
    housing = make.signal(
        kortrijk.municipality,
        kortrijk.giver,
        title="Geen sociale woning voor grote gezinnen",
        description="Grote gezinnen wachten jaren op een sociale woning.",
        themes=("wonen",),
    )
    set_target_groups(make.app, housing, "gezinnen")
    make.signal(
        kortrijk.municipality,
        kortrijk.giver,
        title="Te weinig jeugdwerk in de wijk",
        description="Jongeren hangen rond zonder aanbod na school.",
        themes=("jeugd",),
        status=SignalStatus.IN_PROGRESS,
    )
    make.signal(
        kortrijk.municipality,
        None,
        title="Digitale kloof bij ouderen",
        description="Ouderen raken niet aan hun bankzaken: alles is online. 50% CRÈCHE_",
        themes=("digitale-inclusie",),
        status=SignalStatus.CLOSED,
    )


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("theme=wonen", ["Geen sociale woning voor grote gezinnen"]),
        ("target_group=gezinnen", ["Geen sociale woning voor grote gezinnen"]),
        ("target_group=kinderen", ["Digitale kloof bij ouderen", "Te weinig jeugdwerk in de wijk"]),
        ("status=in_progress", ["Te weinig jeugdwerk in de wijk"]),
        ("status=closed", ["Digitale kloof bij ouderen"]),
        ("q=jeugdwerk", ["Te weinig jeugdwerk in de wijk"]),
        ("q=JONGEREN", ["Te weinig jeugdwerk in de wijk"]),  # in the description, any case
        ("q=+bankzaken+", ["Digitale kloof bij ouderen"]),
        ("q=50%25", ["Digitale kloof bij ouderen"]),  # % is a literal, not a wildcard
        ("q=_", []),  # no word in it, so nothing to find
        ("q=woningen+gezin", ["Geen sociale woning voor grote gezinnen"]),  # stems, any order
        ("theme=wonen&status=closed", []),
        ("theme=jeugd&q=jeugdwerk&status=in_progress", ["Te weinig jeugdwerk in de wijk"]),
        ("q=&theme=&target_group=&status=", None),  # empty filters are no filters
    ],
)
def test_filters(client, login, kortrijk, varied, query, titles):
    login(kortrijk.giver)

    response = client.get(kortrijk.url(f"signalen?{query}"))

    assert response.status_code == 200
    if titles is None:
        assert len(_titles(response)) == 3
    else:
        assert _titles(response) == titles


def test_search_ignores_the_case_of_accented_letters(client, login, kortrijk, varied):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen?q=crèche"))

    assert _titles(response) == ["Digitale kloof bij ouderen"]


def test_filter_form_keeps_the_chosen_filters(client, login, kortrijk, varied):
    login(kortrijk.giver)

    doc = parse(client.get(kortrijk.url("signalen?q=woning&theme=wonen&status=submitted")))

    assert doc.find("input", name="q").attrs["value"] == "woning"
    theme = doc.find("select", name="theme")
    assert theme.find("option", value="wonen").attrs.get("selected") is not None
    status = doc.find("select", name="status")
    assert status.find("option", value="submitted").attrs.get("selected") is not None
    assert [o.text() for o in status.find_all("option")][:2] == ["Alle statussen", "ingediend"]


def test_filtered_list_without_results_says_so(client, login, kortrijk, varied):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen?q=zwembad"))

    results = parse(response).by_id("resultaten")
    assert results.find("p", role="status").text().startswith("0 signalen gevonden.")
    assert results.find("p", class_="empty").text() == "Geen signalen gevonden met deze filters."
    assert results.find("a", href="/kortrijk/signalen").text() == "Alle filters wissen"


def test_municipality_without_signals_invites_the_first(client, login, kortrijk):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen"))

    empty = parse(response).by_id("resultaten").find("p", class_="empty")
    assert empty.text() == "Er zijn nog geen signalen in Kortrijk. Geef het eerste signaal."
    assert empty.find("a").attrs["href"] == "/kortrijk/signalen/nieuw"


@pytest.mark.parametrize(
    "query",
    ["theme=bestaat-niet", "target_group=nope", "status=deleted", "q=" + "x" * 201],
)
def test_unknown_filter_values_are_a_bad_request(client, login, kortrijk, query):
    login(kortrijk.giver)

    response = client.get(kortrijk.url(f"signalen?{query}"))

    assert response.status_code == 400
    assert parse(response).find("h1").text() == "Dat verzoek begrijpen we niet"


def test_theme_of_another_municipality_is_not_a_filter_here(client, login, make, kortrijk, gent):
    # Same slug in both municipalities: the filter only looks at this municipality's signals.
    make.signal(gent.municipality, gent.giver, title="Gents woonsignaal", themes=("wonen",))
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen?theme=wonen"))

    assert response.status_code == 200
    assert _titles(response) == []


def test_search_with_a_nul_character_is_not_a_server_error(client, login, kortrijk, varied):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen?q=woning%00"))

    assert response.status_code == 200
    assert _titles(response) == ["Geen sociale woning voor grote gezinnen"]


# --- Pagination --------------------------------------------------------------------------------


def test_first_page_has_twenty_and_a_next_link(client, login, kortrijk, many):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen"))

    titles = _titles(response)
    assert len(titles) == 20
    assert titles[0] == "Signaal nummer 25"
    assert titles[-1] == "Signaal nummer 06"
    assert _link(response, "prev") is None
    assert _link(response, "next") == {"pagina": ["2"]}
    nav = parse(response).find("nav", class_="pager")
    assert nav.attrs["aria-label"] == "Paginering"
    assert "Pagina 1 van 2" in nav.text()
    assert "25 signalen." in parse(response).find("p", role="status").text()


def test_last_page_has_the_rest_and_a_previous_link(client, login, kortrijk, many):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen?pagina=2"))

    assert _titles(response) == [f"Signaal nummer {n:02d}" for n in range(5, 0, -1)]
    assert _link(response, "prev") == {"pagina": ["1"]}
    assert _link(response, "next") is None
    assert parse(response).find("a", rel="prev").text() == "Vorige"


def test_page_links_carry_the_filters(client, login, kortrijk, many):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen?q=nummer&theme=jeugd&status=submitted"))

    assert len(_titles(response)) == 20
    assert _link(response, "next") == {
        "pagina": ["2"],
        "q": ["nummer"],
        "theme": ["jeugd"],
        "status": ["submitted"],
    }
    assert parse(response).find("a", rel="next").text() == "Volgende"
    second = client.get(kortrijk.url("signalen?pagina=2&q=nummer&theme=jeugd&status=submitted"))
    assert _link(second, "prev") == {
        "pagina": ["1"],
        "q": ["nummer"],
        "theme": ["jeugd"],
        "status": ["submitted"],
    }


@pytest.mark.parametrize(
    "extra", ["_scheme=javascript", "_external=1", "_anchor=x", "gemeente=gent", "foo=bar"]
)
def test_page_links_carry_only_the_filters(client, login, kortrijk, many, extra):
    login(kortrijk.giver)

    response = client.get(kortrijk.url(f"signalen?q=nummer&{extra}"))

    assert response.status_code == 200
    href = parse(response).find("a", rel="next").attrs["href"]
    assert href == "/kortrijk/signalen?pagina=2&q=nummer"


def test_page_past_the_end_is_empty_but_links_back(client, login, kortrijk, many):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen?pagina=9"))

    assert response.status_code == 200
    assert _titles(response) == []


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "²", "١", "100001", "9" * 40, ""])
def test_bad_page_number_is_a_bad_request(client, login, kortrijk, many, page):
    login(kortrijk.giver)

    response = client.get(kortrijk.url(f"signalen?pagina={page}"))

    assert response.status_code == 400
    assert parse(response).find("h1").text() == "Dat verzoek begrijpen we niet"


# --- htmx --------------------------------------------------------------------------------------


def test_htmx_request_gets_only_the_results(client, login, kortrijk, many):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen?q=nummer+0&pagina=1"), headers=HTMX)

    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    body = text(response)
    assert "<html" not in body
    assert "<form" not in body
    assert body.lstrip().startswith('<section id="resultaten"')
    assert len(_titles(response)) == 9


def test_boosted_htmx_request_gets_the_full_page(client, login, kortrijk, many):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen"), headers={**HTMX, "HX-Boosted": "true"})

    assert "<html" in text(response)


def test_filter_form_works_with_and_without_htmx(client, login, kortrijk):
    login(kortrijk.giver)

    form = parse(client.get(kortrijk.url("signalen"))).find("form", role="search")

    assert form.attrs["method"] == "get"
    assert form.attrs["data-hx-get"] == "/kortrijk/signalen"
    assert form.attrs["data-hx-target"] == "#resultaten"
    assert form.find("button", type="submit").text() == "Filteren"


# --- Who may see the list ----------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, kortrijk):
    response = client.get(kortrijk.url("signalen?q=woning&pagina=2"))

    assert response.status_code == 302
    assert redirect_path(response) == "/login"
    assert redirect_query(response) == {"next": ["/kortrijk/signalen?q=woning&pagina=2"]}


def test_after_login_the_list_opens(client, login, make, kortrijk):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Signaal uit Kortrijk")
    response = client.get(kortrijk.url("signalen"))
    target = redirect_query(response)["next"][0]

    answer = client.post(
        f"/login?next={target}",
        data={"email": kortrijk.giver.email, "password": "correct-horse-battery"},
    )

    assert answer.status_code == 303
    assert answer.headers["Location"].endswith("/kortrijk/signalen")


def test_alderman_is_forbidden(client, login, make, kortrijk):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Geheim signaal")
    login(make.user(Role.ALDERMAN, kortrijk.municipality))

    response = client.get(kortrijk.url("signalen"))

    assert response.status_code == 403
    assert parse(response).find("h1").text() == "Geen toegang"
    assert "Geheim signaal" not in text(response)


def test_network_role_is_forbidden(client, login, make, kortrijk):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Geheim signaal")
    login(make.user(Role.NETWORK))

    response = client.get(kortrijk.url("signalen"))

    assert response.status_code == 403
    assert "Geheim signaal" not in text(response)


def test_giver_of_another_municipality_gets_not_found(client, login, make, kortrijk, gent):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Geheim signaal")
    login(gent.giver)

    response = client.get(kortrijk.url("signalen"))

    assert response.status_code == 404
    assert parse(response).find("h1").text() == "Niet gevonden"
    assert "Geheim signaal" not in text(response)


def test_navigation_shows_the_list_to_readers_only(client, login, make, kortrijk):
    anonymous = parse(client.get(kortrijk.url("signalen/nieuw")))
    assert anonymous.find("a", href="/kortrijk/signalen") is None

    login(kortrijk.giver)
    doc = parse(client.get(kortrijk.url("signalen/nieuw")))
    assert doc.find("a", href="/kortrijk/signalen").text() == "Signalen"
