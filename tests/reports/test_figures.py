"""Every report figure against counts made independently from the fixture's spec, from the raw
tables (webapp.reports.figures) and from the monthly summaries (webapp.reports.summary)."""

import statistics
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import literal, select

from tests.reports import world
from webapp.extensions import db
from webapp.models.types import UTCDateTime
from webapp.reports import figures, summary
from webapp.reports.figures import Scope
from webapp.reports.periods import Period

# The third quarter of 2026 in Brussels time, written out by hand.
Q3 = (datetime(2026, 6, 30, 22, tzinfo=UTC), datetime(2026, 9, 30, 22, tzinfo=UTC))
Q2 = (datetime(2026, 3, 31, 22, tzinfo=UTC), Q3[0])


def within(moment, window):
    return window[0] <= moment < window[1]


@pytest.fixture
def built(app):
    specs = world.spec()
    municipality_id, card_ids = world.once(app, "report_town", lambda: world.build(app, specs))
    return specs, municipality_id, card_ids


@pytest.fixture(params=["figures", "summary"])
def source(request, app, built):
    if request.param == "figures":
        return figures
    with app.app_context():
        assert summary.refresh() > 0
    return summary


def scope(municipality_id, **filters):
    return Scope((municipality_id,), Period.parse("2026-k3"), **filters)


def test_totals_and_change(app, built, source):
    specs, municipality_id, _ = built
    with app.app_context():
        totals = source.totals(scope(municipality_id))
    assert totals["signals"] == (
        sum(within(s.created_at, Q3) for s in specs),
        sum(within(s.created_at, Q2) for s in specs),
    )
    assert totals["reinforcements"][0] == sum(
        within(at, Q3) for s in specs for at in s.reinforced_at
    )
    assert totals["supplements"] == (
        sum(within(at, Q3) for s in specs for at in s.supplemented_at),
        sum(within(at, Q2) for s in specs for at in s.supplemented_at),
    )
    assert totals["signals"][0] > 10  # the fixture exercises something


@pytest.mark.parametrize(
    ("dimension", "key_of"),
    [
        ("theme", lambda s: s.themes),
        ("target_group", lambda s: (s.group,)),
        ("status", lambda s: (s.status.value,)),
        ("organisation_kind", lambda s: (s.kind or figures.NO_ORGANISATION,)),
    ],
)
def test_breakdowns(app, built, source, dimension, key_of):
    specs, municipality_id, _ = built
    with app.app_context():
        rows = source.breakdown(scope(municipality_id), dimension)
    signals, previous, reinforcements, supplements = Counter(), Counter(), Counter(), Counter()
    for s in specs:
        for key in key_of(s):
            signals[key] += within(s.created_at, Q3)
            previous[key] += within(s.created_at, Q2)
            reinforcements[key] += sum(within(at, Q3) for at in s.reinforced_at)
            supplements[key] += sum(within(at, Q3) for at in s.supplemented_at)
    keys = {k for k in signals | previous | reinforcements | supplements}
    assert set(rows) == keys
    for key in keys:
        assert rows[key] == {
            "signals": signals[key],
            "previous": previous[key],
            "reinforcements": reinforcements[key],
            "supplements": supplements[key],
        }, key


def test_theme_filter_counts_only_that_theme(app, built, source):
    specs, municipality_id, _ = built
    with app.app_context():
        totals = source.totals(scope(municipality_id, theme="Wonen"))
        by_group = source.breakdown(scope(municipality_id, theme="Wonen"), "target_group")
    wonen = [s for s in specs if "Wonen" in s.themes]
    assert totals["signals"][0] == sum(within(s.created_at, Q3) for s in wonen)
    assert sum(row["signals"] for row in by_group.values()) == totals["signals"][0]


def test_series_by_month(app, built, source):
    specs, municipality_id, _ = built
    with app.app_context():
        points = source.series(Scope((municipality_id,), Period.parse("2026-09")), count=3)
    # July, August and September 2026 in Brussels time (UTC+2 in summer).
    edges = [
        datetime(2026, 6, 30, 22, tzinfo=UTC),
        datetime(2026, 7, 31, 22, tzinfo=UTC),
        datetime(2026, 8, 31, 22, tzinfo=UTC),
        datetime(2026, 9, 30, 22, tzinfo=UTC),
    ]
    expected = [
        sum(within(s.created_at, w) for s in specs) for w in zip(edges, edges[1:], strict=False)
    ]
    assert [p.slug for p, _ in points] == ["2026-07", "2026-08", "2026-09"]
    assert [v for _, v in points] == expected


def test_reach(app, built, source):
    specs, municipality_id, _ = built
    in_q3 = [s for s in specs if within(s.created_at, Q3)]
    with app.app_context():
        reached = source.reach(scope(municipality_id))
    assert reached == {
        "total": len(in_q3),
        "card": sum(s.card is not None for s in in_q3),
        "action": sum(s.card is not None and world.CARDS[s.card][1] for s in in_q3),
        "meeting": sum(
            s.on_meeting or (s.card is not None and world.CARDS[s.card][2]) for s in in_q3
        ),
    }


def test_time_to_first_feedback(app, built, source):
    specs, municipality_id, _ = built
    # In whole hours, rounded down: the unit the monthly summaries keep (README).
    durations = sorted(
        min(s.feedback_after).total_seconds() // 3600
        for s in specs
        if within(s.created_at, Q3) and s.feedback_after
    )
    with app.app_context():
        times = source.first_feedback_times(scope(municipality_id))
    quantiles = statistics.quantiles(durations, n=10, method="inclusive")
    assert times["count"] == len(durations)
    assert times["median_days"] == round(statistics.median(durations) / 24, 1)
    assert times["p90_days"] == round(quantiles[8] / 24, 1)


def test_most_reinforced_cards(app, built, source):
    specs, municipality_id, card_ids = built
    with app.app_context():
        every = figures.most_reinforced_cards(scope(municipality_id), published_only=False)
        published = figures.most_reinforced_cards(scope(municipality_id), published_only=True)
    expected = {
        card_ids[index]: (
            sum(s.card == index for s in specs),
            sum(len(s.reinforced_at) for s in specs if s.card == index),
        )
        for index in range(len(world.CARDS))
    }
    assert {card.id: (n, r) for card, _, n, r in every} == expected
    assert [r for *_, r in every] == sorted((r for _, r in expected.values()), reverse=True)
    assert {card.id for card, *_ in published} == {
        card_ids[i] for i, (is_published, *_) in enumerate(world.CARDS) if is_published
    }


@pytest.mark.parametrize(
    "later",
    [
        timedelta(hours=1),
        timedelta(hours=1, microseconds=-1),
        timedelta(0),
        timedelta(microseconds=-1),
        timedelta(hours=-1, microseconds=-1),
        timedelta(days=40, seconds=7),
        timedelta(hours=23, minutes=59, seconds=59, microseconds=999999),
    ],
)
def test_whole_hours_in_sql_count_as_the_summaries_do(app, later):
    start = datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=UTC)
    with app.app_context():
        hours = db.session.scalar(
            select(
                figures.whole_hours(
                    literal(start, UTCDateTime), literal(start + later, UTCDateTime)
                )
            )
        )
    assert int(hours) == summary.hours_between(start, start + later)
