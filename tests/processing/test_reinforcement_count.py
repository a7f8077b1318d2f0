"""Signal.reinforcement_count, which the inbox sorts on, stays equal to the reinforcements."""

from sqlalchemy import func, select

from tests.processing.helpers import stored_signal
from webapp.extensions import db
from webapp.models import Reinforcement, Signal


def test_each_new_reinforcement_counts_once(app, as_user, make, town):
    signal = make.signal(town.municipality, town.giver)
    colleague = as_user(town.colleague)
    url = town.url(f"signalen/{signal.id}/versterken")

    colleague.post(url, data={})
    colleague.post(url, data={"context": "Nu met toelichting."})  # an update, no new row
    as_user(town.processor).post(url, data={})

    assert stored_signal(app, signal)["reinforcement_count"] == 2


def test_reinforcing_from_a_draft_counts_too(app, as_user, make, town):
    signal = make.signal(town.municipality, town.giver, title="Al gegeven signaal")
    client = as_user(town.colleague)

    client.post(town.url("signalen/nieuw"), data={"reinforce_id": str(signal.id)})

    assert stored_signal(app, signal)["reinforcement_count"] == 1


def test_demo_signals_carry_their_count(app):
    from webapp.demo.loader import load_demo

    with app.app_context():
        load_demo()
        db.session.commit()
        counted = select(func.count()).where(Reinforcement.signal_id == Signal.id).scalar_subquery()
        mismatches = db.session.scalar(
            select(func.count()).select_from(Signal).where(Signal.reinforcement_count != counted)
        )
        reinforced = db.session.scalar(
            select(func.count()).select_from(Signal).where(Signal.reinforcement_count > 0)
        )
        db.session.remove()

    assert mismatches == 0
    assert reinforced > 0
