"""The demo shows what issue 21 adds: domains, decisions, minutes, owners and deadlines, a named
referral, and a time to the first feedback worth reading in the half-year report."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tests.signals.helpers import text
from webapp.demo.loader import DEMO_PASSWORD, demo_email, load_demo
from webapp.extensions import db
from webapp.models import (
    Action,
    Meeting,
    Municipality,
    PolicyDecision,
    SignalCard,
    SignalReferral,
    processor_domain,
)
from webapp.public.snapshot import collect


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo()
        db.session.commit()
        db.session.remove()


def test_the_demo_shows_domains_decisions_minutes_and_owners(app, demo):
    with app.app_context():
        kortrijk = db.session.scalars(select(Municipality).filter_by(slug="kortrijk")).one()
        followed = db.session.scalar(select(func.count()).select_from(processor_domain))
        decisions = db.session.scalars(
            select(PolicyDecision).where(PolicyDecision.municipality_id == kortrijk.id)
        ).all()
        minutes = db.session.scalars(
            select(Meeting).where(
                Meeting.municipality_id == kortrijk.id, Meeting.minutes_public.is_(True)
            )
        ).all()
        actions = db.session.scalars(
            select(Action).where(Action.municipality_id == kortrijk.id)
        ).all()
        priorities = db.session.scalars(
            select(SignalCard.priority).where(
                SignalCard.municipality_id == kortrijk.id, SignalCard.priority.is_not(None)
            )
        ).all()
        referrals = db.session.scalar(select(func.count()).select_from(SignalReferral))
        snapshot = collect(kortrijk, datetime.now(UTC))

        assert followed >= 2
        assert any(d.card_id for d in decisions) and any(d.meeting_id for d in decisions)
        assert any(d.plan_goal for d in decisions)
        assert len(minutes) == 1
        assert all(a.owner_service and a.due_on for a in actions)
        assert sorted(set(priorities)) == ["gemiddeld", "hoog", "laag"]
        assert referrals > 0
        assert any(card["decisions"] for card in snapshot["cards"])
        assert any(m["minutes"] and m["decisions"] for m in snapshot["meetings"])
        db.session.remove()


def test_the_demo_report_reads_a_median_and_half_years(app, client, demo):
    client.post(
        "/login",
        data={"email": demo_email("hoofdverwerker", "kortrijk"), "password": DEMO_PASSWORD},
    )
    year = datetime.now(UTC).year

    page = text(client.get(f"/kortrijk/rapporten?periode={year}"))
    half = client.get(f"/kortrijk/rapporten?periode={year}-h2")

    # The demo gives feedback days after its signals: the median reads days, not 0,0.
    median = re.search(r"mediaan</th>\s*<td[^>]*>([^<]+)</td>", page).group(1)
    assert float(median.replace(",", ".")) >= 1.0
    assert half.status_code == 200
    assert f"tweede helft van {year}" in text(half)
    assert f'value="{year}-h1"' in page  # half-years are on offer
    inbox = text(client.get("/kortrijk/verwerken"))
    assert "over tijd" in inbox and "Mijn beleidsdomeinen" in inbox
