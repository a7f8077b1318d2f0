"""The processor's inbox: every signal in scope, counted per status, filtered, searched, sorted
and paged; as a page without JavaScript and as an htmx fragment."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.signals.helpers import HTMX, parse, text
from webapp.models import Role, SignalStatus


def _titles(response) -> list[str]:
    results = parse(response).by_id("resultaten")
    return [h.find("a").text() for h in results.find_all("h3")]


def _counts(response) -> dict[str, str]:
    nav = parse(response).find("nav", **{"aria-label": "Aantal signalen per status"})
    counts = {}
    for link in nav.find_all("a"):
        label, _, number = link.text().rpartition(" (")
        counts[label] = int(number.rstrip(")"))
    return counts


def _status_line(response) -> str:
    return parse(response).by_id("resultaten").find("p", role="status").text()


def _link(response, rel: str) -> dict[str, list[str]] | None:
    node = parse(response).find("a", rel=rel)
    if node is None:
        return None
    href = urlsplit(node.attrs["href"])
    assert href.path.endswith("/verwerken")
    return parse_qs(href.query)


@pytest.fixture
def head(as_user, town):
    return as_user(town.head)


def test_inbox_lists_every_signal_with_what_a_processor_needs(app, head, make, town, update_signal):
    first = make.signal(town.municipality, town.giver, title="Wachtlijst budgetbegeleiding")
    second = make.signal(town.municipality, None, title="Geen plaats in de opvang")
    update_signal(first, reinforcement_count=3, assignee_id=town.processor.id)

    response = head.get(town.inbox())

    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    doc = parse(response)
    assert doc.find("h1").text() == "Signalen verwerken"
    assert _titles(response) == ["Geen plaats in de opvang", "Wachtlijst budgetbegeleiding"]
    rows = doc.by_id("resultaten").find_all("li", class_="card")
    assert rows[0].find("a").attrs["href"] == town.handle(second)
    assert "ingediend" in rows[0].text()
    assert "zonder account" in rows[0].text()
    assert "niet toegewezen" in rows[0].text()
    assert "0 × versterkt" in rows[0].text()
    assert "CAW Kortrijk" in rows[1].text()
    assert "toegewezen aan Pieter Verwerker" in rows[1].text()
    assert "3 × versterkt" in rows[1].text()
    checkbox = rows[1].find("input", type="checkbox")
    assert checkbox.attrs["name"] == "signal_ids"
    assert checkbox.attrs["value"] == str(first.id)
    label = doc.find("label", **{"for": checkbox.attrs["id"]})
    assert label.text() == "Kies Wachtlijst budgetbegeleiding"
    assert _status_line(response) == "2 signalen."


def test_colleague_processor_sees_every_signal_too(as_user, make, town):
    make.signal(town.municipality, town.giver, title="Signaal van de CAW")
    make.signal(town.municipality, town.colleague, title="Signaal van het OCMW")

    response = as_user(town.processor).get(town.inbox())

    assert sorted(_titles(response)) == ["Signaal van de CAW", "Signaal van het OCMW"]


def test_inbox_shows_nothing_of_another_municipality(head, make, town, other_town):
    make.signal(town.municipality, town.giver, title="Signaal uit Kortrijk")
    make.signal(other_town.municipality, other_town.giver, title="Signaal uit Gent")

    response = head.get(town.inbox())

    assert _titles(response) == ["Signaal uit Kortrijk"]
    assert "Signaal uit Gent" not in text(response)
    assert head.get(other_town.inbox()).status_code == 404


def test_empty_inbox_says_so(head, town):
    response = head.get(town.inbox())

    assert response.status_code == 200
    results = parse(response).by_id("resultaten")
    assert results.find("p", class_="empty").text() == "Er zijn nog geen signalen om te verwerken."
    assert results.find("form") is None


def test_no_match_says_so_and_offers_to_clear_filters(head, make, town):
    make.signal(town.municipality, town.giver)

    response = head.get(town.inbox("status=closed"))

    results = parse(response).by_id("resultaten")
    assert results.find("p", class_="empty").text() == "Geen signalen gevonden met deze filters."
    clear = next(a for a in results.find_all("a") if a.text() == "Alle filters wissen")
    assert clear.attrs["href"] == town.inbox()


# --- Counts per status -------------------------------------------------------------------------


def test_counts_per_status_follow_the_other_filters_but_not_the_status(head, make, town):
    make.signal(town.municipality, town.giver, themes=("wonen",))
    make.signal(town.municipality, town.giver, themes=("wonen",), status=SignalStatus.CLOSED)
    make.signal(town.municipality, town.giver, themes=("jeugd",), status=SignalStatus.CLOSED)
    make.signal(town.municipality, town.giver, themes=("jeugd",), status=SignalStatus.ACTION)

    everything = _counts(head.get(town.inbox()))
    housing = head.get(town.inbox("theme=wonen&status=closed"))

    assert everything["alle"] == 4
    assert everything["afgerond"] == 2
    assert everything["in actie"] == 1
    assert everything["ingediend"] == 1
    assert everything["niet weerhouden"] == 0
    counts = _counts(housing)
    assert (counts["alle"], counts["ingediend"], counts["afgerond"], counts["in actie"]) == (
        2,
        1,
        1,
        0,
    )
    assert _status_line(housing).startswith("1 signaal gevonden.")
    # Each count links to its status under the same other filters.
    nav = parse(housing).find("nav", **{"aria-label": "Aantal signalen per status"})
    closed = next(a for a in nav.find_all("a") if a.text().startswith("afgerond"))
    assert closed.attrs["aria-current"] == "page"
    assert parse_qs(urlsplit(closed.attrs["href"]).query) == {
        "status": ["closed"],
        "theme": ["wonen"],
    }


# --- Filters -----------------------------------------------------------------------------------


@pytest.fixture
def variety(make, town, update_signal):
    """Signals that differ in one filterable property each."""
    signals = {
        "housing": make.signal(
            town.municipality, town.giver, title="Huurwoningen te duur", themes=("wonen",)
        ),
        "youth": make.signal(
            town.municipality,
            town.colleague,
            title="Jeugdhuis dicht",
            themes=("jeugd",),
            status=SignalStatus.IN_PROGRESS,
        ),
        "anonymous": make.signal(town.municipality, None, title="Zonder account gegeven"),
    }
    update_signal(signals["youth"], assignee_id=town.processor.id)
    return signals


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=in_progress", ["Jeugdhuis dicht"]),
        ("theme=wonen", ["Huurwoningen te duur"]),
        ("assignee=niemand", ["Zonder account gegeven", "Huurwoningen te duur"]),
        ("unhandled=1", ["Zonder account gegeven", "Huurwoningen te duur"]),
        ("q=huurwoningen", ["Huurwoningen te duur"]),
        ("q=jeugdhuis&status=submitted", []),
        ("q=", ["Zonder account gegeven", "Jeugdhuis dicht", "Huurwoningen te duur"]),
    ],
)
def test_filters_narrow_the_list(head, town, variety, query, expected):
    assert _titles(head.get(town.inbox(query))) == expected


def test_filter_by_organisation_and_assignee(head, town, variety):
    by_ocmw = head.get(town.inbox(f"organisation={town.ocmw.id}"))
    by_processor = head.get(town.inbox(f"assignee={town.processor.id}"))

    assert _titles(by_ocmw) == ["Jeugdhuis dicht"]
    assert _titles(by_processor) == ["Jeugdhuis dicht"]


def test_filter_by_target_group(app, head, make, town):
    from tests.signals.helpers import set_target_groups

    older = make.signal(town.municipality, town.giver, title="Eenzame ouderen")
    make.signal(town.municipality, town.giver, title="Iets anders")
    set_target_groups(app, older, "ouderen")

    assert _titles(head.get(town.inbox("target_group=ouderen"))) == ["Eenzame ouderen"]


def test_unhandled_means_submitted_and_not_assigned(head, make, town, update_signal):
    waiting = make.signal(town.municipality, town.giver, title="Wacht nog")
    taken = make.signal(town.municipality, town.giver, title="Al opgepakt")
    make.signal(town.municipality, town.giver, title="Al bezig", status=SignalStatus.IN_PROGRESS)
    update_signal(taken, assignee_id=town.head.id)

    response = head.get(town.inbox("unhandled=1"))

    assert _titles(response) == ["Wacht nog"]
    assert waiting.id
    assert parse(response).find("input", name="unhandled").attrs.get("checked") is not None


def test_full_text_search_finds_word_forms_and_every_word(head, make, town):
    make.signal(
        town.municipality,
        town.giver,
        title="Lange wachtlijsten bij de kinderopvang",
        description="Ouders wachten maanden op een plaats.",
    )
    make.signal(
        town.municipality,
        town.giver,
        title="Geen bus naar het ziekenhuis",
        description="Ouderen geraken niet op hun afspraak.",
    )

    assert _titles(head.get(town.inbox("q=wachtlijst"))) == [
        "Lange wachtlijsten bij de kinderopvang"
    ]
    assert _titles(head.get(town.inbox("q=bus+ziekenhuis"))) == ["Geen bus naar het ziekenhuis"]
    assert _titles(head.get(town.inbox("q=bus+kinderopvang"))) == []


def test_period_filter_uses_brussels_days(head, make, town, update_signal):
    # 23:30 UTC on 31 March is already 1 April in Brussels (summer time, UTC+2).
    late = make.signal(town.municipality, town.giver, title="Laat op de avond")
    early = make.signal(town.municipality, town.giver, title="Vroeg in maart")
    after = make.signal(town.municipality, town.giver, title="Begin mei")
    update_signal(late, created_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    update_signal(early, created_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    update_signal(after, created_at=datetime(2026, 5, 1, 9, 0, tzinfo=UTC))

    april = head.get(town.inbox("since=2026-04-01&until=2026-04-30"))
    march = head.get(town.inbox("since=2026-03-01&until=2026-03-31"))
    from_april = head.get(town.inbox("since=2026-04-01"))

    assert _titles(april) == ["Laat op de avond"]
    assert _titles(march) == ["Vroeg in maart"]
    assert _titles(from_april) == ["Begin mei", "Laat op de avond"]


@pytest.mark.parametrize(
    "query",
    [
        "status=bestaat-niet",
        "theme=onbekend",
        "target_group=onbekend",
        "organisation=999999",
        "organisation=abc",
        "assignee=12345678",
        "assignee=iemand",
        "since=gisteren",
        "since=2026-02-30",
        "until=9999-12-31",
        "since=0001-01-01",
        "since=2026-05-01&until=2026-04-01",
        "unhandled=ja",
        "sort=willekeurig",
        "pagina=0",
        "pagina=abc",
        "pagina=²",
        "pagina=99999999999999999999",
        "q=" + "x" * 201,
    ],
)
def test_invalid_filter_values_answer_400_never_500(head, make, town, query):
    make.signal(town.municipality, town.giver)

    response = head.get(town.inbox(query))
    fragment = head.get(town.inbox(query), headers=HTMX)

    assert response.status_code == 400
    assert fragment.status_code == 400
    assert "<html" not in text(fragment)
    assert "Deze filters kloppen niet" in text(fragment)


def test_invalid_filters_tell_what_is_wrong(head, town):
    response = head.get(town.inbox("since=gisteren&status=x"))

    assert response.status_code == 400
    summary = parse(response).by_id("resultaten").find("div", class_="error-summary")
    assert "Deze filters kloppen niet" in summary.text()
    assert "Gegeven vanaf" in summary.text()


def test_an_organisation_of_another_municipality_is_no_valid_filter(head, town, other_town):
    assert head.get(town.inbox(f"organisation={other_town.caw.id}")).status_code == 400


def test_nul_in_search_is_no_server_error(head, town):
    response = head.get(town.inbox("q=wacht%00lijst"))

    assert response.status_code in (200, 400)


# --- Sort and pages ----------------------------------------------------------------------------


def test_sort_orders(head, make, town, update_signal):
    old = make.signal(town.municipality, town.giver, title="Oud")
    middle = make.signal(town.municipality, town.giver, title="Midden")
    new = make.signal(town.municipality, town.giver, title="Nieuw")
    update_signal(old, created_at=datetime(2026, 1, 1, tzinfo=UTC), reinforcement_count=2)
    update_signal(middle, created_at=datetime(2026, 2, 1, tzinfo=UTC), reinforcement_count=5)
    update_signal(new, created_at=datetime(2026, 3, 1, tzinfo=UTC), reinforcement_count=2)

    assert _titles(head.get(town.inbox())) == ["Nieuw", "Midden", "Oud"]
    assert _titles(head.get(town.inbox("sort=nieuwste"))) == ["Nieuw", "Midden", "Oud"]
    assert _titles(head.get(town.inbox("sort=oudste"))) == ["Oud", "Midden", "Nieuw"]
    assert _titles(head.get(town.inbox("sort=meest-versterkt"))) == ["Midden", "Nieuw", "Oud"]


@pytest.fixture
def many(make, town):
    """30 signals, numbered in the order they were given."""
    return [
        make.signal(town.municipality, town.giver, title=f"Signaal nummer {n:02d}")
        for n in range(1, 31)
    ]


def test_pages_of_25_with_previous_and_next_keeping_the_filters(head, town, many):
    first = head.get(town.inbox("status=submitted&sort=oudste"))

    assert len(_titles(first)) == 25
    assert _titles(first)[0] == "Signaal nummer 01"
    assert "Pagina 1 van 2" in text(first)
    assert _link(first, "prev") is None
    assert _link(first, "next") == {
        "pagina": ["2"],
        "status": ["submitted"],
        "sort": ["oudste"],
    }

    second = head.get(town.inbox("status=submitted&sort=oudste&pagina=2"))

    assert _titles(second) == [f"Signaal nummer {n}" for n in range(26, 31)]
    assert _link(second, "next") is None
    assert _link(second, "prev") == {"pagina": ["1"], "status": ["submitted"], "sort": ["oudste"]}
    # The selection form remembers the page and filters, for the way back after a bulk change.
    hidden = parse(second).find("input", name="filters")
    assert parse_qs(hidden.attrs["value"]) == {
        "status": ["submitted"],
        "sort": ["oudste"],
        "pagina": ["2"],
    }


def test_page_past_the_end_is_empty_with_a_way_back(head, town, many):
    response = head.get(town.inbox("pagina=7"))

    assert response.status_code == 200
    assert _titles(response) == []
    empty = parse(response).by_id("resultaten").find("p", class_="empty")
    assert "Deze pagina is leeg" in empty.text()


# --- Without JavaScript and with htmx ----------------------------------------------------------


def test_filters_work_without_javascript(head, town, variety):
    response = head.get(town.inbox())

    form = parse(response).find("form", role="search")
    assert form.attrs["method"] == "get"
    assert form.attrs["action"] == town.inbox()
    assert form.find("button", type="submit").text() == "Filteren"
    names = {node.attrs["name"] for node in form.iter() if "name" in node.attrs}
    assert names == {
        "q",
        "status",
        "theme",
        "target_group",
        "organisation",
        "assignee",
        "domain",
        "since",
        "until",
        "unhandled",
        "sort",
    }
    # htmx swaps only the results and keeps the URL in step.
    assert form.attrs["data-hx-get"] == town.inbox()
    assert form.attrs["data-hx-target"] == "#resultaten"
    assert form.attrs["data-hx-push-url"] == "true"
    # The same request as a plain submit: the whole page, with the filter filled in.
    filtered = head.get(town.inbox("theme=wonen&q=huurwoningen"))
    doc = parse(filtered)
    assert doc.find("h1").text() == "Signalen verwerken"
    assert doc.find("input", name="q").attrs["value"] == "huurwoningen"
    assert doc.find("option", value="wonen").attrs.get("selected") is not None
    assert _titles(filtered) == ["Huurwoningen te duur"]


def test_htmx_gets_only_the_results(head, town, variety):
    response = head.get(town.inbox("theme=wonen"), headers=HTMX)

    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    body = text(response)
    assert body.lstrip().startswith('<section id="resultaten"')
    assert "<html" not in body
    assert 'role="search"' not in body
    assert _titles(response) == ["Huurwoningen te duur"]
    assert _counts(response)["alle"] == 1


def test_fragment_stays_small_for_a_full_page(head, town, many):
    response = head.get(town.inbox(), headers={**HTMX, "Accept-Encoding": "br, gzip"})

    assert response.headers.get("Content-Encoding") in {"br", "gzip"}
    assert len(response.get_data()) <= 4 * 1024


# --- Who sees which signals --------------------------------------------------------------------


def test_organisation_processor_with_own_staff_agreement_sees_own_staff_only(as_user, make, town):
    make.agreement(town.municipality, town.caw)
    org_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.caw)
    own = make.signal(town.municipality, town.giver, title="Van een CAW-medewerker")
    other = make.signal(town.municipality, town.colleague, title="Van een OCMW-medewerker")
    client = as_user(org_processor)

    response = client.get(town.inbox())

    assert _titles(response) == ["Van een CAW-medewerker"]
    assert _counts(response)["alle"] == 1
    assert client.get(town.handle(own)).status_code == 200
    assert client.get(town.handle(other)).status_code == 404
    assert client.post(town.handle(other, "status"), data={"status": "closed"}).status_code == 404


def test_organisation_processor_with_broad_mandate_sees_all(as_user, make, town):
    from webapp.models import Engagement

    make.agreement(town.municipality, town.caw, engagement=Engagement.BROAD_MANDATE)
    org_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.caw)
    make.signal(town.municipality, town.giver, title="Van een CAW-medewerker")
    other = make.signal(town.municipality, town.colleague, title="Van een OCMW-medewerker")
    client = as_user(org_processor)

    assert len(_titles(client.get(town.inbox()))) == 2
    assert client.get(town.handle(other)).status_code == 200


@pytest.mark.parametrize("engagement", ["none", "draft", "staff_signal"])
def test_organisation_processor_without_an_active_processing_agreement_is_refused(
    as_user, make, town, engagement
):
    from webapp.models import AgreementStatus, Engagement

    if engagement == "draft":
        make.agreement(town.municipality, town.caw, status=AgreementStatus.DRAFT)
    elif engagement == "staff_signal":
        make.agreement(town.municipality, town.caw, engagement=Engagement.STAFF_SIGNAL)
    org_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.caw)
    signal = make.signal(town.municipality, town.giver)
    client = as_user(org_processor)

    assert client.get(town.inbox()).status_code == 403
    assert client.get(town.handle(signal)).status_code == 403


def test_on_a_phone_the_filters_wait_behind_a_disclosure(head, town):
    closed = parse(head.get(town.inbox())).find("details", class_="filter-panel")
    assert closed is not None and "open" not in closed.attrs
    assert closed.find("summary").text() == "Filteren en zoeken"
    assert closed.find("form", role="search") is not None

    filtered = parse(head.get(town.inbox("q=kinderopvang")))
    assert "open" in filtered.find("details", class_="filter-panel").attrs
    refused = parse(head.get(town.inbox("since=gisteren")))
    assert "open" in refused.find("details", class_="filter-panel").attrs
