"""The app marks a municipality's site stale in the same transaction as a public change."""

from datetime import date

from webapp.extensions import db
from webapp.models import ActionUpdate, SignalCard, SiteState


def generation(app, ref) -> int:
    with app.app_context():
        state = db.session.get(SiteState, ref.id)
        return state.generation if state else 0


def test_creating_and_changing_public_data_bumps_the_generation(app, make):
    place = make.municipality()
    other = make.municipality()
    start, other_start = generation(app, place), generation(app, other)
    card = make.card(place, published=True)
    assert generation(app, place) == start + 1
    with app.app_context():
        db.session.get(SignalCard, card.id).title = "Nieuwe titel"
        db.session.commit()
    assert generation(app, place) == start + 2
    assert generation(app, other) == other_start


def test_an_action_update_marks_the_actions_municipality(app, make):
    place = make.municipality()
    action = make.action(place, public=True)
    before = generation(app, place)
    with app.app_context():
        # Added on its own, not through the action: the listener finds the municipality itself.
        db.session.add(ActionUpdate(action_id=action.id, happened_on=date.today(), body="Nieuw"))
        db.session.commit()
    assert generation(app, place) == before + 1


def test_a_rolled_back_change_marks_nothing(app, make):
    place = make.municipality()
    card = make.card(place)
    before = generation(app, place)
    with app.app_context():
        db.session.get(SignalCard, card.id).title = "Toch niet"
        db.session.flush()
        db.session.rollback()
    assert generation(app, place) == before


def test_reading_marks_nothing(app, make):
    place = make.municipality()
    make.card(place, published=True)
    before = generation(app, place)
    with app.app_context():
        db.session.scalars(db.select(SignalCard)).all()
        db.session.commit()
    assert generation(app, place) == before
