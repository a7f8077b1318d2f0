"""While typing, a giver sees similar signals of their own municipality and can reinforce one."""

import pytest

from tests.signals.helpers import (
    HTMX,
    field_value,
    parse,
    reinforcements,
    stored_signals,
    text,
)

SIMILAR = [
    ("Wachtlijst budgetbegeleiding OCMW", "Wachtlijsten voor budgetbegeleiding worden langer."),
    ("Budgetbegeleiding pas na maanden", "De wachtlijst bij het OCMW loopt op tot zes maanden."),
    (
        "Schulden stapelen op tijdens wachtlijst",
        "Budgetbegeleiding start te laat, schulden groeien.",
    ),
    ("Gezinnen wachten op budgetbegeleiding", "Gezinnen wachten te lang, schulden lopen op."),
    ("Wachtlijst schuldhulp", "Schuldhulp en budgetbegeleiding hebben een lange wachtlijst."),
    ("Budgetbegeleiding onbereikbaar", "Maanden wachten op budgetbegeleiding bij het OCMW."),
    ("OCMW wachtlijst groeit", "Meer gezinnen op de wachtlijst voor budgetbegeleiding."),
]
UNRELATED = ("Geen fietsenstalling aan de school", "Kinderen laten hun fiets op de stoep staan.")


@pytest.fixture
def signals(make, kortrijk, gent):
    for title, description in SIMILAR:
        make.signal(kortrijk.municipality, kortrijk.giver, title=title, description=description)
    make.signal(kortrijk.municipality, kortrijk.giver, title=UNRELATED[0], description=UNRELATED[1])
    make.signal(
        gent.municipality,
        gent.giver,
        title="Gentse wachtlijst budgetbegeleiding",
        description="Ook in Gent wachten gezinnen maanden op budgetbegeleiding bij het OCMW.",
    )


def _check(client, town, data, headers=None):
    return client.post(town.url("signalen/nieuw"), data=dict(data, action="check"), headers=headers)


def test_htmx_check_answers_only_the_similar_block(client, login, kortrijk, draft, signals):
    login(kortrijk.giver)

    response = _check(client, kortrijk, draft(kortrijk), headers=HTMX)

    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    body = text(response)
    assert "<html" not in body
    assert "<form" not in body
    assert body.lstrip().startswith('<div id="similar"')
    block = parse(response).by_id("similar")
    assert block.find("h2").text() == "Lijkt je signaal op een van deze?"
    titles = [h.text() for h in block.find_all("h3")]
    assert len(titles) == 5
    assert set(titles) <= {title for title, _ in SIMILAR}
    assert "Gentse wachtlijst budgetbegeleiding" not in body
    assert UNRELATED[0] not in body
    buttons = block.find_all("button", name="reinforce_id")
    assert len(buttons) == 5
    assert all(b.text().startswith("Versterk") for b in buttons)


def test_plain_check_shows_the_full_page_with_the_draft_kept(
    client, app, login, kortrijk, draft, signals
):
    login(kortrijk.giver)
    data = draft(kortrijk, tried="Telefonisch aangedrongen.")

    response = _check(client, kortrijk, data)

    assert response.status_code == 200
    doc = parse(response)
    assert doc.find("html") is not None
    assert len(doc.by_id("similar").find_all("h3")) == 5
    for name in ("title", "description", "tried", "submission_token"):
        assert field_value(doc, name) == data[name]
    assert len(stored_signals(app)) == len(SIMILAR) + 2  # nothing new stored


def test_check_finds_nothing_for_an_unrelated_draft(client, login, kortrijk, draft, signals):
    login(kortrijk.giver)
    data = draft(
        kortrijk, title="Bibliotheek sluit vroeg", description="Studenten vinden geen studieplek."
    )

    response = _check(client, kortrijk, data, headers=HTMX)

    assert response.status_code == 200
    assert parse(response).by_id("similar").text() == "We vonden geen gelijkaardige signalen."


def test_check_shows_nothing_of_another_municipality(client, login, gent, draft, signals):
    login(gent.giver)

    response = _check(client, gent, draft(gent), headers=HTMX)

    titles = [h.text() for h in parse(response).by_id("similar").find_all("h3")]
    assert titles == ["Gentse wachtlijst budgetbegeleiding"]


@pytest.mark.parametrize("headers", [HTMX, None])
def test_anonymous_check_shows_no_signals(client, kortrijk, draft, signals, headers):
    response = _check(client, kortrijk, draft(kortrijk), headers=headers)

    assert response.status_code == 200
    body = text(response)
    for title, _ in SIMILAR:
        assert title not in body
    assert parse(response).by_id("similar").text() == ""


def test_giver_of_another_municipality_sees_nothing_there(
    client, login, kortrijk, gent, draft, signals
):
    login(gent.giver)

    response = _check(client, kortrijk, draft(kortrijk), headers=HTMX)

    body = text(response)
    for title, _ in SIMILAR:
        assert title not in body


def _signal_id(app, title):
    return next(s["id"] for s in stored_signals(app) if s["title"] == title)


def test_reinforcing_from_the_draft_keeps_the_draft(
    client, app, login, kortrijk, draft, signals, make
):
    colleague = make.user(municipality=kortrijk.municipality, name="Chris Colleague")
    login(colleague)
    target = _signal_id(app, SIMILAR[0][0])
    data = draft(kortrijk)
    before = len(stored_signals(app))

    response = client.post(
        kortrijk.url("signalen/nieuw"), data=dict(data, reinforce_id=str(target)), headers=HTMX
    )

    assert response.status_code == 200
    assert "<html" not in text(response)
    block = parse(response).by_id("similar")
    item = next(li for li in block.find_all("li") if li.find("h3").text() == SIMILAR[0][0])
    assert "Je hebt dit signaal versterkt." in item.find("p", role="status").text()
    assert item.find("button") is None
    assert reinforcements(app) == [(target, colleague.id, None)]
    assert len(stored_signals(app)) == before

    # The draft can still be submitted as a signal of its own.
    assert client.post(kortrijk.url("signalen/nieuw"), data=data).status_code == 303
    assert len(stored_signals(app)) == before + 1


def test_reinforcing_without_javascript_shows_the_page_with_the_draft(
    client, app, login, kortrijk, draft, signals
):
    login(kortrijk.giver)
    target = _signal_id(app, SIMILAR[1][0])
    data = draft(kortrijk)

    response = client.post(kortrijk.url("signalen/nieuw"), data=dict(data, reinforce_id=target))

    assert response.status_code == 200
    doc = parse(response)
    assert field_value(doc, "title") == data["title"]
    assert field_value(doc, "description") == data["description"]
    assert field_value(doc, "submission_token") == data["submission_token"]
    assert "Je hebt dit signaal versterkt." in doc.by_id("similar").text()
    assert reinforcements(app) == [(target, kortrijk.giver.id, None)]


def test_reinforcing_twice_from_the_draft_stores_one_reinforcement(
    client, app, login, kortrijk, draft, signals
):
    login(kortrijk.giver)
    target = _signal_id(app, SIMILAR[0][0])
    data = dict(draft(kortrijk), reinforce_id=target)

    client.post(kortrijk.url("signalen/nieuw"), data=data, headers=HTMX)
    client.post(kortrijk.url("signalen/nieuw"), data=data, headers=HTMX)

    assert reinforcements(app) == [(target, kortrijk.giver.id, None)]


def test_reinforcing_a_signal_of_another_municipality_is_not_found(
    client, app, login, kortrijk, draft, signals
):
    login(kortrijk.giver)
    foreign = _signal_id(app, "Gentse wachtlijst budgetbegeleiding")

    response = client.post(
        kortrijk.url("signalen/nieuw"), data=dict(draft(kortrijk), reinforce_id=foreign)
    )

    assert response.status_code == 404
    assert reinforcements(app) == []


@pytest.mark.parametrize("reinforce_id", ["0", "999999", "abc", "²", "9" * 30])
def test_reinforcing_an_unknown_signal_is_not_found(
    client, app, login, kortrijk, draft, signals, reinforce_id
):
    login(kortrijk.giver)

    response = client.post(
        kortrijk.url("signalen/nieuw"),
        data=dict(draft(kortrijk), reinforce_id=reinforce_id),
        headers=HTMX,
    )

    assert response.status_code == 404
    assert reinforcements(app) == []


def test_anonymous_cannot_reinforce_from_the_form(client, app, kortrijk, draft, signals):
    target = _signal_id(app, SIMILAR[0][0])

    response = client.post(
        kortrijk.url("signalen/nieuw"), data=dict(draft(kortrijk), reinforce_id=target)
    )

    assert response.status_code == 404
    assert reinforcements(app) == []


def test_live_check_is_wired_for_givers_only(client, login, kortrijk):
    anonymous = parse(client.get(kortrijk.url("signalen/nieuw")))
    assert "data-hx-post" not in anonymous.find("input", name="title").attrs

    login(kortrijk.giver)
    doc = parse(client.get(kortrijk.url("signalen/nieuw")))
    title = doc.find("input", name="title")
    assert title.attrs["data-hx-post"] == "/kortrijk/signalen/nieuw"
    assert title.attrs["data-hx-target"] == "#similar"
    assert title.attrs["data-hx-vals"] == '{"action": "check"}'
    # Until suggestions arrive the box is truly empty, so that CSS hides it (.similar:empty).
    assert doc.by_id("similar").raw_text() == ""


def test_similar_signals_are_found_through_accented_words(client, login, make, kortrijk, draft):
    make.signal(
        kortrijk.municipality,
        kortrijk.giver,
        title="Geen crèche voor patiënten",
        description="Wie patiënt is, vindt geen crèche in de buurt.",
    )
    login(kortrijk.giver)
    data = draft(
        kortrijk,
        title="Patiënten zonder crèche",
        description="Mama's in behandeling krijgen geen plek in een crèche.",
    )

    response = _check(client, kortrijk, data, headers=HTMX)

    titles = [h.text() for h in parse(response).by_id("similar").find_all("h3")]
    assert titles == ["Geen crèche voor patiënten"]
