"""A built report is kept per worker while its data is unchanged (webapp/reports/cache.py); every
change it counts, also one that no public page shows (feedback, a supplement), makes the next
request build it again."""

from sqlalchemy import select

from tests.reports import world
from webapp.extensions import db
from webapp.models import Feedback, Signal, Supplement
from webapp.reports import cache
from webapp.reports.figures import Scope
from webapp.reports.periods import Period


def _report(municipality_id: int, network: bool = False):
    ids = None if network else (municipality_id,)
    return cache.report(Scope(ids, Period.parse("2026")), exact=True, threshold=5, network=network)


def _supplements(report) -> int:
    label, count, *_ = report.tables["overzicht"].rows[2]
    assert label == "aanvullingen"
    return count


def test_a_kept_report_follows_feedback_and_supplements(app):
    municipality_id, _ = world.build(app, world.spec(seed=9, count=30), slug="bewaarstad")
    with app.app_context():
        first = _report(municipality_id)
        network_first = _report(municipality_id, network=True)
        assert _report(municipality_id) is first  # unchanged data: the kept report
        waiting = db.session.scalar(
            select(Signal.id)
            .where(Signal.municipality_id == municipality_id, ~Signal.feedback.any())
            .order_by(Signal.id)
        )

        # Rows of their own, as a processor's feedback and a giver's supplement are stored:
        # no public page shows them, but the report counts them.
        db.session.add(Feedback(signal_id=waiting, body="We nemen dit mee naar het overleg."))
        db.session.commit()
        second = _report(municipality_id)
        network_second = _report(municipality_id, network=True)
        db.session.add(
            Supplement(signal_id=waiting, body="Ook in de deelgemeente.", idempotency_key="b-1")
        )
        db.session.commit()
        third = _report(municipality_id)
    assert second.feedback_times["count"] == first.feedback_times["count"] + 1
    assert network_second.feedback_times["count"] == network_first.feedback_times["count"] + 1
    assert _supplements(third) == _supplements(second) + 1
