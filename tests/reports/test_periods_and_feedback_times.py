"""Issue 21: half-years and a range of one's own in every report and export, and the median
time to the first feedback counted right, against worlds counted by hand."""

from datetime import UTC, date, datetime, timedelta

import pytest

from webapp.extensions import db
from webapp.models import Feedback, Role, Signal, StatusChange
from webapp.reports import figures, summary
from webapp.reports.figures import Scope
from webapp.reports.periods import Period


@pytest.mark.parametrize(
    ("slug", "label", "start", "months"),
    [
        ("2026-h1", "eerste helft van 2026", date(2026, 1, 1), 6),
        ("2026-h2", "tweede helft van 2026", date(2026, 7, 1), 6),
        ("2026-03-tot-2026-08", "maart 2026 tot en met augustus 2026", date(2026, 3, 1), 6),
        ("2025-11-tot-2026-02", "november 2025 tot en met februari 2026", date(2025, 11, 1), 4),
    ],
)
def test_half_years_and_ranges_parse_and_name_themselves(slug, label, start, months):
    period = Period.parse(slug)

    assert period.slug == slug and period.label == label
    assert (period.year, period.month, period.length) == (start.year, start.month, months)
    following = period.shifted(1)
    assert following.length == months
    assert period.end == following.start
    assert period.previous.shifted(1) == period


@pytest.mark.parametrize(
    "slug", ["2026-h3", "2026-08-tot-2026-03", "2026-13-tot-2027-01", "2000-01-tot-2011-01"]
)
def test_impossible_periods_are_refused(slug):
    assert Period.parse(slug) is None


def test_a_half_year_contains_its_days():
    assert Period.containing(date(2026, 6, 30), "halfjaar").slug == "2026-h1"
    assert Period.containing(date(2026, 7, 1), "halfjaar").slug == "2026-h2"


def _at(day: int, hour: int = 9) -> datetime:
    """A moment in February 2026, Brussels winter time (UTC+1)."""
    return datetime(2026, 2, day, hour - 1, 0, tzinfo=UTC)


# Hand-counted worlds: (hours to the first feedback, later feedback that must not count) per
# signal; None is a signal without feedback. Median and 90th percentile in days, one decimal.
WORLDS = {
    "three": (
        [(24, [200]), (72, []), (240, []), (None, [])],
        # sorted 24, 72, 240: median 72 h = 3.0 d; p90 at 1.8: 72 + 0.8 * 168 = 206.4 h = 8.6 d
        {"count": 3, "median_days": 3.0, "p90_days": 8.6},
    ),
    "four": (
        [(2, []), (26, [30]), (50, []), (100, [])],
        # median (26 + 50) / 2 = 38 h = 1.6 d; p90 at 2.7: 50 + 0.7 * 50 = 85 h = 3.5 d
        {"count": 4, "median_days": 1.6, "p90_days": 3.5},
    ),
    "same_day": (
        [(0, []), (5, []), (30, [])],
        # 0, 5, 30 h: median 5 h = 0.2 d, not 0.0; p90 at 1.8: 5 + 0.8 * 25 = 25 h = 1.0 d
        {"count": 3, "median_days": 0.2, "p90_days": 1.0},
    ),
}


def _build(app, make, world: str):
    place = make.municipality(slug=f"uren-{world.replace('_', '-')}")
    giver = make.user(Role.GIVER, place)
    with app.app_context():
        for index, (first, later) in enumerate(WORLDS[world][0]):
            created = _at(3 + index)
            signal = Signal(
                municipality_id=place.id,
                idempotency_key=f"uren-{index}",
                title=f"Signaal {index}",
                description="Tekst",
                submitted_by_id=giver.id,
                created_at=created,
                updated_at=created,
            )
            signal.history.append(StatusChange(to_status="submitted", created_at=created))
            db.session.add(signal)
            db.session.flush()
            # Given out of order: the first feedback is the earliest, not the first stored.
            for hours in [*later, *([] if first is None else [first])]:
                db.session.add(
                    Feedback(
                        signal_id=signal.id,
                        body="Terugkoppeling",
                        created_at=created + timedelta(hours=hours, minutes=20),
                    )
                )
        db.session.commit()
        summary.refresh((place.id,))
        db.session.commit()
        db.session.remove()
    return place


@pytest.mark.parametrize("world", sorted(WORLDS))
@pytest.mark.parametrize("period", ["2026-02", "2026-k1", "2026-h1", "2026", "2026-01-tot-2026-03"])
def test_the_median_time_to_first_feedback_is_counted_by_hand(app, make, world, period):
    place = _build(app, make, world)
    expected = WORLDS[world][1]
    with app.app_context():
        scope = Scope((place.id,), Period.parse(period))
        assert figures.first_feedback_times(scope) == expected  # from the raw tables
        assert summary.first_feedback_times(scope) == expected  # from the monthly summaries
        db.session.remove()


def test_the_report_and_its_export_show_the_hand_counted_median(app, client, login, make):
    place = _build(app, make, "four")
    login(make.user(Role.HEAD_PROCESSOR, place))

    page = client.get(f"/{place.slug}/rapporten?periode=2026-h1")
    export = client.get(f"/{place.slug}/rapporten/terugkoppeling.csv?periode=2026-h1")
    ranged = client.get(f"/{place.slug}/rapporten?van=2026-02&tot=2026-02")

    assert page.status_code == 200
    assert "eerste helft van 2026" in page.get_data(as_text=True)
    body = export.get_data(as_text=True)
    assert "Periode: eerste helft van 2026" in body
    assert "mediaan,1.6" in body.replace(";", ",") or "mediaan,1,6" in body.replace(";", ",")
    text = ranged.get_data(as_text=True)
    assert ranged.status_code == 200
    assert "februari 2026 tot en met februari 2026" in text


def test_a_half_open_range_is_refused_in_dutch(app, client, login, make):
    place = make.municipality(slug="halfopen")
    login(make.user(Role.HEAD_PROCESSOR, place))
    assert client.get(f"/{place.slug}/rapporten?van=2026-02").status_code == 400
    assert client.get(f"/{place.slug}/rapporten?van=2026-05&tot=2026-02").status_code == 400
