"""One signal: what it says, who is involved, and following, reinforcing and supplementing it."""

import io
import threading

import pytest

from tests.conftest import PASSWORD
from tests.signals.helpers import (
    HTMX,
    field_value,
    follows,
    parse,
    redirect_path,
    reinforcements,
    supplements,
    text,
)
from webapp.models import Role, SignalStatus


@pytest.fixture
def signal(make, kortrijk):
    return make.signal(
        kortrijk.municipality,
        kortrijk.giver,
        title="Te weinig betaalbare kinderopvang",
        description='Gezinnen vinden geen plaats <na> de schooluren & "wachten".',
        themes=("jeugd", "armoede"),
    )


@pytest.fixture
def colleague(make, kortrijk):
    organisation = make.organisation(kortrijk.municipality, name="OCMW Kortrijk")
    return make.user(
        municipality=kortrijk.municipality,
        organisation=organisation,
        name="Chris De Smet",
        email="chris@ocmw-kortrijk.be",
    )


def _url(town, signal, action: str = "") -> str:
    return town.url(f"signalen/{signal.id}" + (f"/{action}" if action else ""))


def _section(response, section_id: str):
    return parse(response).by_id(section_id)


def _flashes(response) -> list[str]:
    return [p.text() for p in parse(response).find_all("p", class_="flash flash-success")]


def test_detail_shows_the_signal_and_who_gave_it(client, login, kortrijk, signal):
    login(kortrijk.giver)

    response = client.get(_url(kortrijk, signal))

    assert response.status_code == 200
    doc = parse(response)
    assert doc.find("h1").text() == "Te weinig betaalbare kinderopvang"
    assert "ingediend" in doc.find("span", class_="badge").text()
    assert f"Referentie {signal.reference}" in doc.find("p", class_="meta").text()
    details = doc.find("dl").text()
    assert "Gegeven door Ann Vermeulen, CAW Kortrijk · ann@caw-kortrijk.be" in details
    assert doc.find("a", href="mailto:ann@caw-kortrijk.be") is not None
    assert "Thema's Armoede, Jeugd" in details
    assert "Doelgroepen Kinderen" in details
    assert 'Gezinnen vinden geen plaats <na> de schooluren & "wachten".' in doc.text()
    assert "&lt;na&gt;" in text(response)
    timeline = doc.find("ol", class_="timeline")
    assert [li.text().split(": ")[-1] for li in timeline.find_all("li")] == ["ingediend"]
    assert "Er is nog geen terugkoppeling." in doc.text()
    assert _section(response, "volgen").find("p", class_="empty").text() == (
        "Nog niemand volgt dit signaal."
    )
    assert _section(response, "versterken").find("p", class_="empty").text() == (
        "Nog niemand versterkte dit signaal."
    )
    assert _section(response, "aanvullingen").find("p", class_="empty").text() == (
        "Nog geen aanvullingen."
    )


def test_detail_shows_status_changes(client, login, make, kortrijk):
    closed = make.signal(kortrijk.municipality, kortrijk.giver, status=SignalStatus.NOT_RETAINED)
    login(kortrijk.giver)

    response = client.get(_url(kortrijk, closed))

    assert "niet weerhouden" in parse(response).find("span", class_="badge").text()


def test_detail_shows_followers_reinforcers_and_supplements(
    client, login, make, kortrijk, signal, colleague
):
    login(colleague)
    client.post(_url(kortrijk, signal, "volgen"), data={"follow": "1"})
    client.post(_url(kortrijk, signal, "versterken"), data={"context": "Zie ik ook in Heule."})
    client.post(
        _url(kortrijk, signal, "aanvullen"),
        data={"body": "Ook na de paasvakantie.", "submission_token": "t" * 20},
    )
    login(kortrijk.giver)

    response = client.get(_url(kortrijk, signal))

    # A giver sees who, never another person's e-mail address (issue 17).
    person = "Chris De Smet, OCMW Kortrijk"
    assert "chris@ocmw-kortrijk.be" not in text(response)
    following = _section(response, "volgen")
    assert following.find("h3").text() == "Volgers (1)"
    assert following.find("ul", class_="people").text() == person
    reinforcing = _section(response, "versterken")
    assert reinforcing.find("h3").text() == "Versterkt door (1)"
    assert reinforcing.find("ul", class_="people").text() == f"{person} Zie ik ook in Heule."
    supplementing = _section(response, "aanvullingen").find("ul", class_="people").text()
    assert supplementing.startswith(person)
    assert supplementing.endswith("Ook na de paasvakantie.")

    for role in (Role.HEAD_PROCESSOR, Role.PROCESSOR):
        login(make.user(role, kortrijk.municipality))
        processor_view = client.get(_url(kortrijk, signal))
        for section in ("volgen", "versterken", "aanvullingen"):
            people = _section(processor_view, section).find("ul", class_="people")
            assert "Chris De Smet, OCMW Kortrijk · chris@ocmw-kortrijk.be" in people.text()


def test_anonymous_submitters_contact_is_for_processors_only(client, login, make, kortrijk):
    anonymous = make.signal(kortrijk.municipality, None, contact_email="melder@example.org")

    login(kortrijk.giver)
    giver_view = client.get(_url(kortrijk, anonymous))
    assert giver_view.status_code == 200
    assert "iemand zonder account" in parse(giver_view).find("dl").text()
    assert "melder@example.org" not in text(giver_view)

    for role in (Role.HEAD_PROCESSOR, Role.PROCESSOR):
        login(make.user(role, kortrijk.municipality))
        response = client.get(_url(kortrijk, anonymous))
        assert response.status_code == 200
        details = parse(response).find("dl")
        assert "iemand zonder account · contact: melder@example.org" in details.text()
        assert details.find("a", href="mailto:melder@example.org") is not None


def test_organisation_processor_without_agreement_does_not_see_the_contact(
    client, login, make, kortrijk
):
    anonymous = make.signal(kortrijk.municipality, None, contact_email="melder@example.org")
    login(make.user(Role.ORG_PROCESSOR, kortrijk.municipality))

    response = client.get(_url(kortrijk, anonymous))

    assert response.status_code == 200
    assert "melder@example.org" not in text(response)


# --- Follow ------------------------------------------------------------------------------------


def test_follow_and_unfollow_without_javascript(client, app, login, kortrijk, signal, colleague):
    login(colleague)

    response = client.post(_url(kortrijk, signal, "volgen"), data={"follow": "1"})

    assert response.status_code == 303
    assert redirect_path(response) == f"/kortrijk/signalen/{signal.id}"
    assert follows(app) == [(signal.id, colleague.id)]
    page = client.get(response.headers["Location"])
    assert "Je volgt dit signaal." in _flashes(page)
    following = _section(page, "volgen")
    assert following.find("button").text() == "Niet meer volgen"
    assert following.find("input", name="follow").attrs["value"] == "0"

    response = client.post(_url(kortrijk, signal, "volgen"), data={"follow": "0"})

    assert response.status_code == 303
    assert follows(app) == []
    page = client.get(response.headers["Location"])
    assert "Je volgt dit signaal niet meer." in _flashes(page)
    assert _section(page, "volgen").find("button").text() == "Volgen"


def test_follow_with_htmx_answers_the_follow_section(
    client, app, login, kortrijk, signal, colleague
):
    login(colleague)

    response = client.post(_url(kortrijk, signal, "volgen"), data={"follow": "1"}, headers=HTMX)

    assert response.status_code == 200
    body = text(response)
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="volgen"')
    section = _section(response, "volgen")
    assert section.find("p", role="status").text() == "Je volgt dit signaal."
    assert section.find("h3").text() == "Volgers (1)"
    assert "Chris De Smet" in section.find("ul", class_="people").text()
    assert section.find("button").text() == "Niet meer volgen"
    assert parse(response).by_id("versterken") is None

    response = client.post(_url(kortrijk, signal, "volgen"), data={"follow": "0"}, headers=HTMX)

    section = _section(response, "volgen")
    assert section.find("p", role="status").text() == "Je volgt dit signaal niet meer."
    assert section.find("h3").text() == "Volgers (0)"
    assert follows(app) == []


def test_following_twice_stores_one_follow(client, app, login, kortrijk, signal, colleague):
    login(colleague)

    client.post(_url(kortrijk, signal, "volgen"), data={"follow": "1"})
    client.post(_url(kortrijk, signal, "volgen"), data={"follow": "1"}, headers=HTMX)

    assert follows(app) == [(signal.id, colleague.id)]


def test_unfollowing_a_signal_not_followed_changes_nothing(
    client, app, login, kortrijk, signal, colleague
):
    login(colleague)

    response = client.post(_url(kortrijk, signal, "volgen"), data={"follow": "0"})

    assert response.status_code == 303
    assert follows(app) == []


# --- Reinforce ---------------------------------------------------------------------------------


def test_reinforce_without_context_and_without_javascript(
    client, app, login, kortrijk, signal, colleague
):
    login(colleague)

    response = client.post(_url(kortrijk, signal, "versterken"), data={"context": ""})

    assert response.status_code == 303
    assert redirect_path(response) == f"/kortrijk/signalen/{signal.id}"
    assert reinforcements(app) == [(signal.id, colleague.id, None)]
    page = client.get(response.headers["Location"])
    assert "Je hebt dit signaal versterkt. Dank je." in _flashes(page)
    assert _section(page, "versterken").find("button").text() == "Toelichting bijwerken"


def test_reinforce_with_htmx_answers_the_reinforce_section(
    client, app, login, kortrijk, signal, colleague
):
    login(colleague)

    response = client.post(
        _url(kortrijk, signal, "versterken"),
        data={"context": "Ook bij ons: <b>drie</b> gezinnen per week."},
        headers=HTMX,
    )

    assert response.status_code == 200
    body = text(response)
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="versterken"')
    assert "&lt;b&gt;drie&lt;/b&gt;" in body
    section = _section(response, "versterken")
    status = section.find("p", role="status").text()
    assert status == "Je hebt dit signaal versterkt. Dank je."
    assert section.find("h3").text() == "Versterkt door (1)"
    assert "Ook bij ons: <b>drie</b> gezinnen per week." in section.text()


def test_reinforcing_again_updates_the_context(client, app, login, kortrijk, signal, colleague):
    login(colleague)
    client.post(_url(kortrijk, signal, "versterken"), data={"context": "Eerste toelichting."})

    client.post(_url(kortrijk, signal, "versterken"), data={"context": "Betere toelichting."})
    assert reinforcements(app) == [(signal.id, colleague.id, "Betere toelichting.")]

    # An empty second submit keeps the context given before.
    client.post(_url(kortrijk, signal, "versterken"), data={"context": "  "})
    assert reinforcements(app) == [(signal.id, colleague.id, "Betere toelichting.")]


def test_too_long_reinforcement_context_is_refused_in_dutch(
    client, app, login, kortrijk, signal, colleague
):
    login(colleague)
    typed = "Ç" * 2001

    response = client.post(
        _url(kortrijk, signal, "versterken"), data={"context": typed}, headers=HTMX
    )

    assert response.status_code == 400
    section = _section(response, "versterken")
    assert "Je toelichting heeft hoogstens 2000 tekens." in section.find("p", class_="error").text()
    assert field_value(section, "context") == typed
    assert reinforcements(app) == []


# --- Supplement --------------------------------------------------------------------------------


def test_supplement_without_javascript(client, app, login, kortrijk, signal, colleague):
    login(colleague)
    form = parse(client.get(_url(kortrijk, signal))).by_id("aanvullingen")
    token = field_value(form, "submission_token")

    response = client.post(
        _url(kortrijk, signal, "aanvullen"),
        data={"body": "Ook ‘s woensdags 😞", "submission_token": token},
    )

    assert response.status_code == 303
    assert redirect_path(response) == f"/kortrijk/signalen/{signal.id}"
    assert supplements(app) == [(signal.id, colleague.id, "Ook ‘s woensdags 😞")]
    page = client.get(response.headers["Location"])
    assert "Je aanvulling is toegevoegd." in _flashes(page)
    assert "Ook ‘s woensdags 😞" in _section(page, "aanvullingen").text()


def test_supplement_with_htmx_answers_the_supplements_section(
    client, app, login, kortrijk, signal, colleague
):
    login(colleague)

    response = client.post(
        _url(kortrijk, signal, "aanvullen"),
        data={"body": "Extra info.", "submission_token": "a" * 20},
        headers=HTMX,
    )

    assert response.status_code == 200
    body = text(response)
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="aanvullingen"')
    section = _section(response, "aanvullingen")
    assert section.find("p", role="status").text() == "Je aanvulling is toegevoegd."
    assert "Extra info." in section.find("ul", class_="people").text()
    # A fresh form for the next supplement: empty, with a new token.
    assert field_value(section, "body") == ""
    assert field_value(section, "submission_token") != "a" * 20


def test_the_same_supplement_token_twice_stores_one(
    client, app, login, kortrijk, signal, colleague
):
    login(colleague)
    data = {"body": "Dubbel verstuurd.", "submission_token": "b" * 20}

    first = client.post(_url(kortrijk, signal, "aanvullen"), data=data)
    second = client.post(_url(kortrijk, signal, "aanvullen"), data=data, headers=HTMX)

    assert first.status_code == 303
    assert second.status_code == 200
    assert supplements(app) == [(signal.id, colleague.id, "Dubbel verstuurd.")]
    assert len(_section(second, "aanvullingen").find("ul", class_="people").find_all("li")) == 1


def test_a_second_supplement_from_the_refreshed_form_is_stored(
    client, app, login, kortrijk, signal, colleague
):
    login(colleague)
    first = client.post(
        _url(kortrijk, signal, "aanvullen"),
        data={"body": "Eerste aanvulling.", "submission_token": "f" * 20},
        headers=HTMX,
    )
    token = field_value(_section(first, "aanvullingen"), "submission_token")

    second = client.post(
        _url(kortrijk, signal, "aanvullen"),
        data={"body": "Tweede aanvulling.", "submission_token": token},
        headers=HTMX,
    )

    assert second.status_code == 200
    assert sorted(body for _, _, body in supplements(app)) == [
        "Eerste aanvulling.",
        "Tweede aanvulling.",
    ]
    assert "Tweede aanvulling." in _section(second, "aanvullingen").find("ul").text()


def test_reinforce_section_after_htmx_offers_an_update(
    client, app, login, kortrijk, signal, colleague
):
    login(colleague)

    response = client.post(
        _url(kortrijk, signal, "versterken"), data={"context": "Eerste."}, headers=HTMX
    )

    section = _section(response, "versterken")
    assert section.find("button").text() == "Toelichting bijwerken"


@pytest.mark.parametrize("body", ["", "   ", None])
def test_supplement_needs_text(client, app, login, kortrijk, signal, colleague, body):
    login(colleague)
    data = {"submission_token": "c" * 20}
    if body is not None:
        data["body"] = body

    response = client.post(_url(kortrijk, signal, "aanvullen"), data=data, headers=HTMX)

    assert response.status_code == 400
    section = _section(response, "aanvullingen")
    assert "<html" not in text(response)
    error = section.find("p", class_="error")
    assert error.text() == "Schrijf je aanvulling."
    assert error.attrs["id"] in section.find("textarea").attrs["aria-describedby"].split()
    assert supplements(app) == []


def test_too_long_supplement_keeps_the_text(client, app, login, kortrijk, signal, colleague):
    login(colleague)
    typed = "\n".join(["Lange <aanvulling> & meer"] * 200)

    response = client.post(
        _url(kortrijk, signal, "aanvullen"), data={"body": typed, "submission_token": "d" * 20}
    )

    assert response.status_code == 400
    section = _section(response, "aanvullingen")
    assert "Een aanvulling heeft hoogstens 3000 tekens." in section.text()
    assert field_value(section, "body") == typed
    assert parse(response).find("html") is not None  # a full page without JavaScript
    assert supplements(app) == []


def test_supplement_with_a_broken_token_is_refused(client, app, login, kortrijk, signal, colleague):
    login(colleague)

    response = client.post(
        _url(kortrijk, signal, "aanvullen"), data={"body": "Info.", "submission_token": "kort"}
    )

    assert response.status_code == 400
    assert supplements(app) == []


# --- Not found ---------------------------------------------------------------------------------


@pytest.mark.parametrize("signal_id", ["999999", "0", "9" * 25])
@pytest.mark.parametrize("action", ["", "volgen", "versterken", "aanvullen"])
def test_unknown_signal_is_not_found(client, login, kortrijk, signal, signal_id, action):
    login(kortrijk.giver)
    url = kortrijk.url(f"signalen/{signal_id}" + (f"/{action}" if action else ""))

    response = client.post(url, data={"body": "x"}) if action else client.get(url)

    assert response.status_code == 404
    assert parse(response).find("h1").text() == "Niet gevonden"


def test_signal_of_another_municipality_under_this_slug_is_not_found(
    client, app, login, make, kortrijk, gent
):
    foreign = make.signal(gent.municipality, gent.giver, title="Signaal uit Gent")
    login(kortrijk.giver)

    assert client.get(_url(kortrijk, foreign)).status_code == 404
    for action, data in [
        ("volgen", {"follow": "1"}),
        ("versterken", {"context": "x"}),
        ("aanvullen", {"body": "x", "submission_token": "e" * 20}),
    ]:
        response = client.post(_url(kortrijk, foreign, action), data=data, headers=HTMX)
        assert response.status_code == 404
        assert "Signaal uit Gent" not in text(response)
    assert follows(app) == reinforcements(app) == supplements(app) == []


def test_actions_only_accept_post(client, app, login, kortrijk, signal):
    login(kortrijk.giver)

    response = client.get(_url(kortrijk, signal, "volgen") + "?follow=1")

    # The access policy refuses the unrouted request before Flask can answer 405.
    assert response.status_code in (404, 405)
    assert follows(app) == []


@pytest.mark.parametrize("action", ["volgen", "versterken", "aanvullen"])
def test_json_and_file_bodies_are_not_a_server_error(
    client, app, login, kortrijk, signal, colleague, action
):
    login(colleague)
    url = _url(kortrijk, signal, action)

    as_json = client.post(
        url,
        data='{"body": 5, "context": [1, 2], "submission_token": 5}',
        content_type="application/json",
    )
    as_list = client.post(url, data="[1, 2]", content_type="application/json")
    as_file = client.post(
        url,
        data={
            "body": (io.BytesIO(b"Aanvulling als bestand."), "aanvulling.txt"),
            "context": (io.BytesIO(b"Toelichting als bestand."), "toelichting.txt"),
            "submission_token": "g" * 20,
        },
        content_type="multipart/form-data",
    )

    for response in (as_json, as_list, as_file):
        assert response.status_code in (303, 400)
    assert supplements(app) == []
    assert all(context is None for _, _, context in reinforcements(app))


# --- Double clicks -----------------------------------------------------------------------------


@pytest.mark.parametrize("attempt", range(3))
@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("volgen", {"follow": "1"}),
        ("versterken", {"context": "Ook bij ons."}),
        ("aanvullen", {"body": "Dubbel geklikt.", "submission_token": "h" * 20}),
    ],
)
def test_a_double_click_stores_one_row_and_answers_both(
    app, kortrijk, signal, colleague, action, data, attempt
):
    clients = [app.test_client() for _ in range(3)]
    for client in clients:
        client.post("/login", data={"email": colleague.email, "password": PASSWORD})
    barrier = threading.Barrier(len(clients))
    statuses = []

    def click(client):
        barrier.wait()
        statuses.append(client.post(_url(kortrijk, signal, action), data=data).status_code)

    threads = [threading.Thread(target=click, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [303, 303, 303]
    assert len(follows(app)) + len(reinforcements(app)) + len(supplements(app)) == 1


def test_simultaneous_unfollows_are_no_error(app, kortrijk, signal, colleague):
    clients = [app.test_client() for _ in range(3)]
    for client in clients:
        client.post("/login", data={"email": colleague.email, "password": PASSWORD})
    clients[0].post(_url(kortrijk, signal, "volgen"), data={"follow": "1"})
    barrier = threading.Barrier(len(clients))
    statuses = []

    def click(client):
        barrier.wait()
        answer = client.post(_url(kortrijk, signal, "volgen"), data={"follow": "0"})
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=click, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [303, 303, 303]
    assert follows(app) == []
