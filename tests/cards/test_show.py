"""Who sees which card, what a card page shows, and the list of cards."""

from datetime import UTC, datetime

import pytest

from tests.cards.helpers import follow, reinforce, set_created, supplement
from tests.signals.helpers import HTMX, parse, text
from webapp.models import Role


@pytest.fixture
def draft(make, town):
    signal = make.signal(town.municipality, town.giver, title="Geheime signaaltitel")
    return make.card(town.municipality, title="Ontwerp over kinderopvang", signals=(signal,))


@pytest.fixture
def published(make, town):
    signal = make.signal(
        town.municipality, town.giver, title="Zichtbare signaaltitel", description="Signaaltekst"
    )
    return make.card(
        town.municipality, title="Fiche over budgethulp", published=True, signals=(signal,)
    )


@pytest.mark.parametrize("who", ["giver", "alderman"])
def test_drafts_never_reach_givers_or_aldermen(client, login, town, draft, published, who):
    login(getattr(town, who))

    assert client.get(town.url(f"fiches/{draft.id}")).status_code == 404
    listing = text(client.get(town.url("fiches")))
    assert "Fiche over budgethulp" in listing
    assert "Ontwerp over kinderopvang" not in listing
    # Asking for drafts changes nothing for them.
    assert "Ontwerp over kinderopvang" not in text(client.get(town.url("fiches?state=ontwerp")))


@pytest.mark.parametrize("who", ["head", "processor"])
def test_processors_see_drafts(client, login, town, draft, who):
    login(getattr(town, who))

    response = client.get(town.url(f"fiches/{draft.id}"))

    assert response.status_code == 200
    assert "ontwerp: alleen signaalverwerkers zien dit" in text(response)
    assert "Ontwerp over kinderopvang" in text(client.get(town.url("fiches")))


def test_another_municipality_sees_nothing(client, login, town, other_town, draft, published):
    login(other_town.head)

    for card in (draft, published):
        assert client.get(town.url(f"fiches/{card.id}")).status_code == 404
        assert client.get(other_town.url(f"fiches/{card.id}")).status_code == 404
    assert client.get(town.url("fiches")).status_code == 404


def test_the_network_and_anonymous_visitors_do_not_read_cards_here(
    client, login, make, town, published
):
    assert "/login" in client.get(town.url(f"fiches/{published.id}")).headers["Location"]
    login(make.user(Role.NETWORK))
    assert client.get(town.url(f"fiches/{published.id}")).status_code == 403


def test_an_alderman_reads_a_published_card_without_its_signals(client, login, town, published):
    login(town.alderman)

    response = client.get(town.url(f"fiches/{published.id}"))

    assert response.status_code == 200
    doc = parse(response)
    assert doc.find("h1").text() == "Fiche over budgethulp"
    assert "lange wachtlijsten" in doc.find("div", class_="markdown").text()
    # One signal would point at its giver: the alderman reads what the public site shows.
    assert "minder dan 5 signalen" in doc.by_id("herkomst").text()
    assert "1 signaal" not in doc.by_id("herkomst").text()
    html = text(response)
    assert "Zichtbare signaaltitel" not in html
    assert "Signaaltekst" not in html
    main = doc.find("main")
    assert not [a for a in main.find_all("a") if "/signalen/" in a.attrs["href"]]
    assert "Ann Gever" not in html
    assert doc.by_id("signalen") is None
    assert main.find("form") is None


def test_a_giver_sees_the_card_but_not_its_signals(client, login, town, published):
    login(town.giver)

    html = text(client.get(town.url(f"fiches/{published.id}")))

    assert "Fiche over budgethulp" in html
    assert "Zichtbare signaaltitel" not in html
    assert "Status wijzigen" not in html
    assert "Bewerken" not in html


def test_processors_see_the_linked_signals_with_links(app, client, login, town, published):
    from tests.cards.helpers import card_row

    [signal_id] = card_row(app, published.id)["signals"]
    login(town.processor)

    doc = parse(client.get(town.url(f"fiches/{published.id}")))

    [link] = doc.by_id("signalen").find_all("a")
    assert link.attrs["href"] == town.url(f"signalen/{signal_id}")
    assert link.text() == "Zichtbare signaaltitel"


def test_provenance_counts_signals_reinforcements_organisations_and_since(
    app, client, login, make, town
):
    other_org = make.organisation(town.municipality, name="Jeugddienst")
    youth_worker = make.user(Role.GIVER, town.municipality, organisation=other_org)
    first = make.signal(town.municipality, town.giver)  # CAW
    second = make.signal(town.municipality, town.colleague)  # OCMW
    anonymous = make.signal(town.municipality, contact_email="iemand@example.org")
    set_created(app, second, datetime(2025, 3, 4, 9, 0, tzinfo=UTC))
    reinforce(app, first, youth_worker)  # a third organisation
    reinforce(app, first, town.colleague)  # OCMW again
    reinforce(app, second, town.giver, "Zie ik ook")
    supplement(app, first, town.colleague, "Extra uitleg")
    follow(app, first, youth_worker)
    card = make.card(town.municipality, published=True, signals=(first, second, anonymous))
    login(town.head)

    doc = parse(client.get(town.url(f"fiches/{card.id}")))

    assert doc.by_id("herkomst").text() == (
        "Deze fiche bundelt 3 signalen, waarvan 1 van iemand zonder account. "
        "Mensen uit 3 organisaties gaven of versterkten ze. "
        "Collega's versterkten die signalen 3 keer. Het eerste signaal kwam op 4 maart 2025."
    )
    client.post("/logout")
    login(town.alderman)
    # The alderman reads the card as the public site shows it: small counts suppressed.
    assert parse(client.get(town.url(f"fiches/{card.id}"))).by_id("herkomst").text() == (
        "Deze fiche bundelt minder dan 5 signalen. "
        "Mensen uit minder dan 5 organisaties gaven of versterkten ze. "
        "Collega's versterkten die signalen minder dan 5 keer."
    )


def test_linked_actions_and_meetings_show_only_public_ones_to_members(
    app, client, login, make, town
):
    from webapp.extensions import db
    from webapp.models import Action, Meeting, SignalCard

    card = make.card(town.municipality, published=True)
    public_action = make.action(town.municipality, title="Openbare actie", public=True)
    internal_action = make.action(town.municipality, title="Interne actie")
    public_meeting = make.meeting(town.municipality, title="Openbaar overleg", public=True)
    internal_meeting = make.meeting(town.municipality, title="Intern overleg")
    with app.app_context():
        row = db.session.get(SignalCard, card.id)
        row.actions = [db.session.get(Action, a.id) for a in (public_action, internal_action)]
        row.meetings = [db.session.get(Meeting, m.id) for m in (public_meeting, internal_meeting)]
        db.session.commit()
        db.session.remove()

    login(town.giver)
    html = text(client.get(town.url(f"fiches/{card.id}")))
    assert "Openbare actie" in html and "Openbaar overleg" in html
    assert "Interne actie" not in html and "Intern overleg" not in html
    client.post("/logout")

    login(town.head)
    html = text(client.get(town.url(f"fiches/{card.id}")))
    assert "Interne actie" in html and "Intern overleg" in html


def test_the_list_filters_by_status_and_by_draft(app, client, login, make, town, draft, published):
    from tests.cards.helpers import touch_card

    touch_card(app, published.id, public_status="in_action")
    login(town.head)

    def titles(query: str) -> list[str]:
        doc = parse(client.get(town.url(f"fiches{query}")))
        return [h.text() for h in doc.find_all("h3")]

    assert sorted(titles("")) == ["Fiche over budgethulp", "Ontwerp over kinderopvang"]
    assert titles("?state=ontwerp") == ["Ontwerp over kinderopvang"]
    assert titles("?state=gepubliceerd") == ["Fiche over budgethulp"]
    assert titles("?status=in_action") == ["Fiche over budgethulp"]
    assert titles("?status=exploring") == ["Ontwerp over kinderopvang"]
    assert titles("?q=budget") == ["Fiche over budgethulp"]
    assert client.get(town.url("fiches?status=weg")).status_code == 400
    assert client.get(town.url("fiches?pagina=0")).status_code == 400


def test_the_list_answers_htmx_with_its_results_only(client, login, town, published):
    login(town.giver)

    response = client.get(town.url("fiches?status=exploring"), headers=HTMX)

    html = text(response)
    assert html.lstrip().startswith('<section id="resultaten"')
    assert "Fiche over budgethulp" in html
    assert "HX-Request" in response.headers["Vary"]


def test_the_list_pages(client, login, make, town):
    for number in range(23):
        make.card(town.municipality, title=f"Fiche nummer {number:02d}", published=True)
    login(town.giver)

    first = parse(client.get(town.url("fiches")))
    second = parse(client.get(town.url("fiches?pagina=2")))

    assert len(first.find_all("h3")) == 20
    assert len(second.find_all("h3")) == 3
    assert "Pagina 2 van 2" in second.text()


def test_bad_card_ids_answer_404(client, login, town):
    login(town.head)

    for path in ("fiches/0", "fiches/999", "fiches/2147483648", "fiches/abc", "fiches/12/bewerken"):
        assert client.get(town.url(path)).status_code == 404, path


def test_an_alderman_reads_small_counts_in_the_list_as_the_public_does(
    client, login, town, published
):
    login(town.alderman)
    listing = parse(client.get(town.url("fiches"))).find("ul", class_="cards").text()
    assert "minder dan 5 signalen" in listing
    assert "1 signaal" not in listing


def test_a_processor_reads_exact_counts_in_the_list(client, login, town, published):
    login(town.head)
    listing = parse(client.get(town.url("fiches"))).find("ul", class_="cards").text()
    assert "1 signaal" in listing
