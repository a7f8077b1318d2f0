"""The giver list and the submit page keep parts rendered per site generation
(webapp/fragments.py): never after a change, never for a reader who may not see them, and with a
number of queries that does not grow with the signals."""

import pytest
from flask import g
from sqlalchemy import event

from webapp import fragments
from webapp.extensions import db
from webapp.models import Membership, Municipality, Role, TargetGroup, User


@pytest.fixture(autouse=True)
def _empty_cache():
    fragments.forget()
    yield
    fragments.forget()


def _list(client, town, query: str = "") -> str:
    response = client.get(town.url("signalen") + query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_new_signal_shows_at_the_next_request(as_user, make, town):
    make.signal(town.municipality, town.giver, title="Eerste signaal over kinderopvang")
    giver = as_user(town.giver)
    assert "Eerste signaal" in _list(giver, town)
    assert "Tweede signaal" not in _list(giver, town)  # served from the cache
    make.signal(town.municipality, town.colleague, title="Tweede signaal over de wachtlijst")
    page = _list(giver, town)
    assert "Tweede signaal over de wachtlijst" in page
    assert "2 signalen" in page


def test_a_reinforcement_shows_at_the_next_request(as_user, make, town):
    signal = make.signal(town.municipality, town.giver)
    giver, colleague = as_user(town.giver), as_user(town.colleague)
    assert "× versterkt" not in _list(giver, town)
    response = colleague.post(
        town.url(f"signalen/{signal.id}/versterken"), data={"context": "Zie ik ook."}
    )
    assert response.status_code == 303
    assert "1 × versterkt" in _list(giver, town)


def test_a_status_change_shows_at_the_next_request(as_user, make, town):
    signal = make.signal(town.municipality, town.giver)
    giver = as_user(town.giver)
    submitted, in_progress = '"badge">ingediend<', '"badge">in behandeling<'
    assert submitted in _list(giver, town)
    assert in_progress not in _list(giver, town, "?status=in_progress")
    response = as_user(town.processor).post(
        town.handle(signal, "status"), data={"status": "in_progress"}
    )
    assert response.status_code in {200, 303}
    page = _list(giver, town)
    assert in_progress in page
    assert submitted not in page
    assert in_progress in _list(giver, town, "?status=in_progress")


def test_a_redaction_shows_at_the_next_request(as_user, make, town):
    signal = make.signal(town.municipality, town.giver, title="Wachtlijst voor mevrouw Zqxw")
    giver = as_user(town.giver)
    assert "mevrouw Zqxw" in _list(giver, town)
    response = as_user(town.head).post(
        town.url(f"verwerken/signalen/{signal.id}/persoonsgegevens"),
        data={
            "target": "signaal-title",
            "text": "Wachtlijst voor een oudere dame",
            "mode": "vervangen",
        },
    )
    assert response.status_code == 303
    page = _list(giver, town)
    assert "Zqxw" not in page
    assert "Wachtlijst voor een oudere dame" in page


def test_a_givers_new_name_shows_also_without_a_role_there(app, as_user, make, town):
    make.signal(town.municipality, town.colleague, title="Signaal van een oud-collega")
    giver = as_user(town.giver)
    assert "Chris De Smet" in _list(giver, town)
    with app.app_context():
        colleague = db.session.get(User, town.colleague.id)
        for membership in list(colleague.memberships):
            db.session.delete(membership)
        db.session.commit()
        assert "Chris De Smet" in _list(giver, town)
        colleague = db.session.get(User, town.colleague.id)
        colleague.processing_restricted = True
        db.session.commit()
    page = _list(giver, town)
    assert "Chris De Smet" not in page
    assert "naam afgeschermd" in page


def test_the_cached_list_goes_to_no_one_who_may_not_read_it(app, as_user, client, make, town):
    make.signal(town.municipality, town.giver, title="Alleen voor signaalgevers van Kortrijk")
    assert "Alleen voor signaalgevers" in _list(as_user(town.giver), town)
    assert client.get(town.url("signalen")).status_code == 302  # anonymous: log in first
    assert as_user(town.alderman).get(town.url("signalen")).status_code == 403
    stranger = make.user(Role.GIVER, make.municipality(slug="brugge"), email="x@brugge.be")
    assert as_user(stranger).get(town.url("signalen")).status_code == 404
    # A giver whose role ends loses the list at the next request, cached or not.
    giver = as_user(town.colleague)
    assert "Alleen voor signaalgevers" in _list(giver, town)
    with app.app_context():
        db.session.execute(db.delete(Membership).where(Membership.user_id == town.colleague.id))
        db.session.commit()
    assert giver.get(town.url("signalen")).status_code == 404


def test_another_municipality_never_gets_this_ones_rows(as_user, make, town, other_town):
    make.signal(town.municipality, town.giver, title="Signaal uit Kortrijk")
    make.signal(other_town.municipality, other_town.giver, title="Signaal uit Gent")
    kortrijk = _list(as_user(town.giver), town)
    gent = _list(as_user(other_town.giver), other_town)
    assert "Signaal uit Kortrijk" in kortrijk and "Signaal uit Gent" not in kortrijk
    assert "Signaal uit Gent" in gent and "Signaal uit Kortrijk" not in gent


def test_the_submit_page_shows_a_renamed_target_group_at_once(app, as_user, town):
    giver = as_user(town.giver)
    assert "Ouderen" in giver.get(town.url("signalen/nieuw")).get_data(as_text=True)
    with app.app_context():
        group = db.session.scalars(
            db.select(TargetGroup).filter_by(municipality_id=town.municipality.id, slug="ouderen")
        ).one()
        group.name = "Senioren"
        db.session.commit()
    page = giver.get(town.url("signalen/nieuw")).get_data(as_text=True)
    assert "Senioren" in page
    assert ">Ouderen<" not in page


def test_the_submit_page_keeps_its_tokens_fresh(as_user, town):
    giver = as_user(town.giver)
    first = giver.get(town.url("signalen/nieuw")).get_data(as_text=True)
    second = giver.get(town.url("signalen/nieuw")).get_data(as_text=True)
    token = 'name="submission_token" type="hidden" value="'

    def submission_token(page: str) -> str:
        return page.split(token)[1].split('"')[0]

    assert submission_token(first) != submission_token(second)


def _statements(app, client, url: str) -> tuple[int, int]:
    """The queries of a first (uncached) and a repeated request for a page."""
    counted: list[str] = []

    def count(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("BEGIN", "SAVEPOINT", "RELEASE")):
            counted.append(statement)

    with app.app_context():
        engine = db.engine
    fragments.forget()
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
        first = len(counted)
        counted.clear()
        assert client.get(url).status_code == 200
        return first, len(counted)
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_queries_per_page_do_not_grow_with_the_signals(app, as_user, client, make, town):
    giver = as_user(town.giver)
    make.signal(town.municipality, town.giver)
    few = {
        "login": _statements(app, client, "/login"),
        "submit": _statements(app, giver, town.url("signalen/nieuw")),
        "list": _statements(app, giver, town.url("signalen")),
    }
    for number in range(45):  # more than two pages, several givers and themes
        make.signal(
            town.municipality,
            town.colleague if number % 2 else town.giver,
            title=f"Signaal nummer {number} over de wachtlijst",
            themes=("jeugd", "wonen") if number % 3 else ("armoede",),
        )
    many = {
        "login": _statements(app, client, "/login"),
        "submit": _statements(app, giver, town.url("signalen/nieuw")),
        "list": _statements(app, giver, town.url("signalen")),
    }
    assert many == few
    assert few["login"] == (0, 0)
    # Repeated: the municipality with its data version, the user and their roles, in one query.
    assert few["submit"][1] == 1
    assert few["list"][1] == 1
    # The list's first request: that query, the filters' themes and target groups, the count,
    # the rows and their themes, givers and organisations (one query each, whatever the rows).
    assert few["list"][0] <= 8


def test_a_request_that_changed_data_renders_afresh(app, town):
    built = []

    def build() -> str:
        built.append(1)
        return "deel"

    with app.test_request_context(town.url("signalen")):
        g.municipality = db.session.get(Municipality, town.municipality.id)
        g.data_version = (1, None)
        assert fragments.cached("proef", (), build) == "deel"
        assert fragments.cached("proef", (), build) == "deel"
        assert len(built) == 1
        g.municipality.name = "Kortrijk-Stad"
        db.session.flush()
        fragments.cached("proef", (), build)
        assert len(built) == 2
        db.session.rollback()


def test_the_filter_form_shows_each_requests_own_values(as_user, town):
    giver = as_user(town.giver)
    for query, theme in (("wachtlijst", "jeugd"), ("kinderopvang", "wonen"), ("", "")):
        page = _list(giver, town, f"?q={query}&theme={theme}")
        assert f'name="q" type="search" value="{query}"' in page
        selected = [line for line in page.split("<option") if " selected" in line.split(">")[0]]
        assert any(f'value="{theme}"' in option for option in selected)


def test_a_giver_of_several_municipalities_keeps_every_role(app, as_user, make, town, other_town):
    # The municipality's query reads the user's memberships too: all of them, not the first.
    with app.app_context():
        db.session.add(
            Membership(
                user_id=town.giver.id,
                municipality_id=other_town.municipality.id,
                role=Role.GIVER.value,
            )
        )
        db.session.add(Membership(user_id=town.giver.id, role=Role.NETWORK.value))
        db.session.commit()
    giver = as_user(town.giver)
    for place in (town, other_town, town):
        assert giver.get(place.url("signalen")).status_code == 200
        assert giver.get(place.url("signalen/nieuw")).status_code == 200
    assert giver.get("/netwerk").status_code == 200


def test_the_inbox_counts_follow_a_change_at_the_next_request(as_user, make, town):
    make.signal(town.municipality, town.giver)
    processor = as_user(town.processor)
    for _ in range(2):  # the second from the kept counts
        assert "alle (1)" in processor.get(town.inbox()).get_data(as_text=True)
    make.signal(town.municipality, town.colleague)
    assert "alle (2)" in processor.get(town.inbox()).get_data(as_text=True)
    # Counted under each filter for itself: the giver's organisation.
    only_caw = processor.get(town.inbox(f"organisation={town.caw.id}")).get_data(as_text=True)
    assert "alle (1)" in only_caw
    assert "alle (2)" in processor.get(town.inbox()).get_data(as_text=True)
