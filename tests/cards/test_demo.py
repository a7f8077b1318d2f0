"""The demo follow-up: cards in every status, actions with progress, meetings of every kind."""

from datetime import datetime

import pytest
from sqlalchemy import func, select

from common.dutch import BRUSSELS
from webapp.demo.loader import DEMO_PASSWORD, demo_email, load_demo
from webapp.extensions import db
from webapp.models import (
    Action,
    ActionUpdate,
    CardStatus,
    Meeting,
    MeetingKind,
    Municipality,
    SignalCard,
    utcnow,
)

COUNTED = (SignalCard, Action, ActionUpdate, Meeting)


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo()
        db.session.commit()
        db.session.remove()


def _counts(app) -> dict[str, int]:
    with app.app_context():
        counts = {
            model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in COUNTED
        }
        db.session.remove()
        return counts


def test_every_demo_municipality_gets_cards_actions_and_meetings(app, demo):
    with app.app_context():
        for place in db.session.scalars(select(Municipality)):
            cards = db.session.scalars(select(SignalCard).filter_by(municipality_id=place.id))
            cards = cards.all()
            published = [c for c in cards if c.published]
            assert {c.public_status for c in published} == {s.value for s in CardStatus}
            assert [c for c in cards if not c.published], place.slug
            assert all(c.signals and c.summary and c.themes for c in cards)
            assert all(s.municipality_id == place.id for c in cards for s in c.signals)

            actions = db.session.scalars(select(Action).filter_by(municipality_id=place.id))
            actions = actions.all()
            assert 2 <= len(actions) <= 3
            assert {a.is_public for a in actions} == {True, False}
            assert all(a.updates and a.cards for a in actions)

            meetings = db.session.scalars(select(Meeting).filter_by(municipality_id=place.id))
            meetings = meetings.all()
            now = utcnow()
            for kind in MeetingKind:
                of_kind = [m for m in meetings if m.kind == kind.value]
                assert any(m.starts_at < now for m in of_kind), (place.slug, kind)
                assert any(m.starts_at > now for m in of_kind), (place.slug, kind)
            assert {m.is_public for m in meetings} == {True, False}
            assert any(m.cards for m in meetings if m.is_public)
            assert all(m.ends_at > m.starts_at for m in meetings)
        db.session.remove()


def test_demo_meetings_start_at_round_brussels_times(app, demo):
    with app.app_context():
        for meeting in db.session.scalars(select(Meeting)):
            local: datetime = meeting.starts_at.astimezone(BRUSSELS)
            assert local.minute in (0, 30) and 9 <= local.hour <= 14
        db.session.remove()


def test_a_seasonal_meeting_is_named_after_the_season_it_falls_in(app, demo):
    seasons = {12: "winter", 1: "winter", 2: "winter", 3: "voorjaar", 4: "voorjaar", 5: "voorjaar"}
    seasons |= {6: "zomer", 7: "zomer", 8: "zomer", 9: "najaar", 10: "najaar", 11: "najaar"}
    with app.app_context():
        named = [
            m
            for m in db.session.scalars(select(Meeting))
            if any(f" {season} " in m.title for season in set(seasons.values()))
        ]
        assert named
        for meeting in named:
            season = seasons[meeting.starts_at.astimezone(BRUSSELS).month]
            assert f"Signaaldag {season} " in meeting.title, meeting.title
        db.session.remove()


def test_loading_twice_adds_nothing(app, demo):
    before = _counts(app)
    with app.app_context():
        load_demo()
        db.session.commit()
        db.session.remove()
    assert _counts(app) == before


def test_a_demo_database_from_before_gets_the_follow_up(app, demo):
    with app.app_context():
        for model in (Meeting, Action, SignalCard):
            for row in db.session.scalars(select(model)):
                db.session.delete(row)
        db.session.commit()
        load_demo()
        db.session.commit()
        db.session.remove()
    assert _counts(app)["SignalCard"] > 0


def test_the_demo_head_processor_sees_the_cards_and_the_alderman_only_published(app, client, demo):
    def login(local):
        client.post(
            "/login", data={"email": demo_email(local, "kortrijk"), "password": DEMO_PASSWORD}
        )

    login("hoofdverwerker")
    assert "ontwerp" in client.get("/kortrijk/fiches").get_data(as_text=True)
    assert client.get("/kortrijk/agenda").status_code == 200
    assert client.get("/kortrijk/acties").status_code == 200
    client.post("/logout")
    login("schepen")
    html = client.get("/kortrijk/fiches").get_data(as_text=True)
    assert "ontwerp" not in html
    assert "5 signaalfiches" in html
