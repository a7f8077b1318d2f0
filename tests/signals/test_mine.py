"""My signals: what I gave, follow, reinforced and supplemented, in this municipality."""

import pytest

from tests.signals.helpers import HTMX, parse, redirect_path, text
from webapp.models import Role

SECTIONS = ["Gegeven", "Gevolgd", "Versterkt", "Aangevuld"]


def _sections(response) -> dict[str, list[str]]:
    """Per heading (without its count), the titles listed under it or its empty-state text."""
    doc = parse(response)
    main = doc.find("main")
    result, current = {}, None
    for node in main.iter():
        if node.tag == "h2":
            current = node.text().rsplit(" (", 1)[0]
            result[current] = []
        elif current and (node.tag == "h3" or node.attrs.get("class") == "empty"):
            result[current].append(node.text())
    return result


def _counts(response) -> list[str]:
    return [h.text() for h in parse(response).find("main").find_all("h2")]


def test_empty_states(client, login, kortrijk):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("mijn-signalen"))

    assert response.status_code == 200
    assert parse(response).find("h1").text() == "Mijn signalen in Kortrijk"
    assert _counts(response) == ["Gegeven (0)", "Gevolgd (0)", "Versterkt (0)", "Aangevuld (0)"]
    assert _sections(response) == {
        "Gegeven": ["Je gaf nog geen signaal."],
        "Gevolgd": ["Je volgt nog geen signalen."],
        "Versterkt": ["Je versterkte nog geen signalen."],
        "Aangevuld": ["Je vulde nog geen signalen aan."],
    }
    link = parse(response).find("a", href="/kortrijk/signalen/nieuw", class_="button")
    assert link.text() == "Een signaal geven"


def test_lists_what_i_gave_follow_reinforced_and_supplemented(client, login, make, kortrijk, draft):
    colleague = make.user(municipality=kortrijk.municipality, name="Chris De Smet")
    theirs = [
        make.signal(kortrijk.municipality, colleague, title=f"Signaal van Chris {n}")
        for n in range(1, 4)
    ]
    untouched = make.signal(
        kortrijk.municipality, colleague, title="Signaal waar ik niets mee deed"
    )
    login(kortrijk.giver)
    assert client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk)).status_code == 303
    client.post(kortrijk.url(f"signalen/{theirs[0].id}/volgen"), data={"follow": "1"})
    client.post(kortrijk.url(f"signalen/{theirs[1].id}/versterken"), data={"context": ""})
    for token in ("s" * 20, "t" * 20):  # two supplements, one listing
        client.post(
            kortrijk.url(f"signalen/{theirs[2].id}/aanvullen"),
            data={"body": "Aanvulling.", "submission_token": token},
        )

    response = client.get(kortrijk.url("mijn-signalen"))

    assert _counts(response) == ["Gegeven (1)", "Gevolgd (1)", "Versterkt (1)", "Aangevuld (1)"]
    assert _sections(response) == {
        "Gegeven": ["Lange wachtlijst voor budgetbegeleiding"],
        "Gevolgd": ["Signaal van Chris 1"],
        "Versterkt": ["Signaal van Chris 2"],
        "Aangevuld": ["Signaal van Chris 3"],
    }
    assert untouched.name not in text(response)
    doc = parse(response)
    assert doc.find("a", href=f"/kortrijk/signalen/{theirs[0].id}").text() == "Signaal van Chris 1"


def test_unfollowed_signal_leaves_the_list(client, login, make, kortrijk):
    signal = make.signal(kortrijk.municipality, None, title="Eerst gevolgd")
    login(kortrijk.giver)
    client.post(kortrijk.url(f"signalen/{signal.id}/volgen"), data={"follow": "1"})
    client.post(kortrijk.url(f"signalen/{signal.id}/volgen"), data={"follow": "0"})

    response = client.get(kortrijk.url("mijn-signalen"))

    assert _sections(response)["Gevolgd"] == ["Je volgt nog geen signalen."]


def test_newest_first(client, login, make, kortrijk):
    for n in range(1, 4):
        make.signal(kortrijk.municipality, kortrijk.giver, title=f"Mijn signaal {n}")
    login(kortrijk.giver)

    response = client.get(kortrijk.url("mijn-signalen"))

    assert _sections(response)["Gegeven"] == ["Mijn signaal 3", "Mijn signaal 2", "Mijn signaal 1"]


def test_only_my_own_and_only_this_municipality(client, login, make, kortrijk, gent):
    colleague = make.user(municipality=kortrijk.municipality)
    make.signal(kortrijk.municipality, colleague, title="Signaal van een collega")
    make.signal(kortrijk.municipality, None, title="Signaal zonder account")
    make.signal(gent.municipality, gent.giver, title="Signaal uit Gent")
    mine = make.signal(kortrijk.municipality, kortrijk.giver, title="Mijn eigen signaal")
    login(kortrijk.giver)

    response = client.get(kortrijk.url("mijn-signalen"))

    assert _sections(response)["Gegeven"] == [mine.name]
    body = text(response)
    assert "Signaal van een collega" not in body
    assert "Signaal zonder account" not in body
    assert "Signaal uit Gent" not in body


def test_anonymous_submission_while_logged_in_elsewhere_is_not_mine(
    client, login, kortrijk, gent, draft
):
    login(gent.giver)
    client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk))

    response = client.get(gent.url("mijn-signalen"))

    assert _sections(response)["Gegeven"] == ["Je gaf nog geen signaal."]


def test_item_shows_status_and_who_gave_it(client, login, make, kortrijk):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Mijn signaal")
    login(kortrijk.giver)

    item = parse(client.get(kortrijk.url("mijn-signalen"))).find("li", class_="card")

    assert "ingediend" in item.find("span", class_="badge").text()
    assert "Ann Vermeulen (CAW Kortrijk)" in item.text()


def test_anonymous_is_sent_to_login(client, kortrijk):
    response = client.get(kortrijk.url("mijn-signalen"))

    assert response.status_code == 302
    assert redirect_path(response) == "/login"


@pytest.mark.parametrize(("role", "status"), [(Role.ALDERMAN, 403), (Role.NETWORK, 403)])
def test_roles_without_signals_are_refused(client, login, make, kortrijk, role, status):
    login(make.user(role, kortrijk.municipality))

    assert client.get(kortrijk.url("mijn-signalen")).status_code == status


def test_giver_of_another_municipality_gets_not_found(client, login, kortrijk, gent):
    login(gent.giver)

    assert client.get(kortrijk.url("mijn-signalen")).status_code == 404


def test_htmx_request_gets_the_page(client, login, kortrijk):
    login(kortrijk.giver)

    response = client.get(kortrijk.url("mijn-signalen"), headers=HTMX)

    assert response.status_code == 200
    assert "Mijn signalen in Kortrijk" in text(response)
