"""The menu per role (webapp/templates/base.html): every link it offers opens a page for that
role, never a refusal; the daily pages in the row, what processors manage under "Beheer", one's
own pages under "Mijn account". The 360 px measure is in tests/browser/test_menu.py."""

import pytest

from tests.html import parse
from tests.processing.conftest import as_user, town  # noqa: F401  (fixtures)
from webapp.models import AgreementStatus, Engagement, Role

ROW = {
    "anonymous": ["Signaal geven", "Aanmelden"],
    "giver": ["Signaal geven", "Signalen", "Fiches", "Acties", "Agenda", "Partners"],
    "processor": ["Signaal geven", "Signalen", "Verwerken", "Fiches"],
    "head": ["Signaal geven", "Signalen", "Verwerken", "Fiches"],
    "org_processor": ["Signaal geven", "Signalen", "Verwerken", "Fiches"],
    "alderman": ["Fiches", "Acties", "Agenda", "Partners", "Rapporten"],
    "network": ["Netwerk"],
}
GROUPS = {
    "anonymous": {},
    "giver": {"Mijn account": ["Mijn signalen", "Mijn engagement", "E-mails", "Mijn gegevens"]},
    "processor": {
        "Beheer": [
            "Acties",
            "Agenda",
            "Partners",
            "Lerend netwerk",
            "Rapporten",
            "Uitnodigen",
            "Mensen",
            "Instellingen",
        ],
        "Mijn account": ["Mijn signalen", "Mijn engagement", "E-mails", "Mijn gegevens"],
    },
    "head": {
        "Beheer": [
            "Acties",
            "Agenda",
            "Partners",
            "Lerend netwerk",
            "Rapporten",
            "Uitnodigen",
            "Mensen",
            "Instellingen",
        ],
        "Mijn account": ["Mijn signalen", "Mijn engagement", "E-mails", "Mijn gegevens"],
    },
    "org_processor": {
        "Beheer": ["Acties", "Agenda", "Partners", "Lerend netwerk"],
        "Mijn account": ["Mijn signalen", "Mijn engagement", "E-mails", "Mijn gegevens"],
    },
    "alderman": {"Mijn account": ["Mijn gegevens"]},
    "network": {"Mijn account": ["Mijn gegevens"]},
}


@pytest.fixture
def people(app, make, town):  # noqa: F811
    organisation_staff = make.user(
        Role.ORG_PROCESSOR, town.municipality, organisation=town.caw, email="org@caw.be"
    )
    make.agreement(town.municipality, town.caw, Engagement.OWN_STAFF, AgreementStatus.ACTIVE)
    return {
        "giver": town.giver,
        "processor": town.processor,
        "head": town.head,
        "org_processor": organisation_staff,
        "alderman": town.alderman,
        "network": make.user(Role.NETWORK, None, email="net@vvsg.be"),
    }


def _menu(html):
    nav = parse(html).find("nav", **{"aria-label": "Hoofdmenu"})
    row, groups = [], {}
    for item in nav.find("ul").select(":scope > li"):
        details = item.find("details")
        if details:
            groups[details.find("summary").text()] = [
                (a.text(), a.attrs["href"]) for a in details.find_all("a")
            ]
        else:
            row += [(a.text(), a.attrs["href"]) for a in item.find_all("a")]
    return row, groups


@pytest.mark.parametrize("role", list(ROW))
def test_each_role_has_its_menu_and_every_link_opens(app, people, town, as_user, role):  # noqa: F811
    client = app.test_client() if role == "anonymous" else as_user(people[role])
    row, groups = _menu(client.get(town.url("fiches" if role != "anonymous" else "")))

    assert [label for label, _ in row] == ROW[role]
    assert {name: [label for label, _ in links] for name, links in groups.items()} == GROUPS[role]
    for label, href in row + [link for links in groups.values() for link in links]:
        response = client.get(href)
        assert response.status_code == 200, (label, href, response.status_code)
        assert "Met die rol geef je geen signalen" not in response.get_data(as_text=True)


def test_the_group_of_the_current_page_is_marked(people, town, as_user):  # noqa: F811
    html = as_user(people["head"]).get(town.url("instellingen"))
    nav = parse(html).find("nav", **{"aria-label": "Hoofdmenu"})
    marked = [s.text() for s in nav.find_all("summary", class_="current")]
    assert marked == ["Beheer"]
    assert nav.find("a", **{"aria-current": "page"}).text() == "Instellingen"
