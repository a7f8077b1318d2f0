"""Retention: the purge removes what outlived its period, prints counts and logs no data."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.privacy.helpers import stored_anywhere
from tests.processing.helpers import audit_entries
from webapp.extensions import db
from webapp.models import (
    Follow,
    Reinforcement,
    Role,
    Signal,
    SignalStatus,
    Supplement,
    User,
    utcnow,
)
from webapp.privacy import retention

OLD = timedelta(days=800)  # past the default periods for addresses and closed signals
ABANDONED = timedelta(days=1200)  # past the default period for inactive accounts


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        result = runner.invoke(args=["privacy", *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


@pytest.fixture
def aged(app):
    """Move rows back in time, as the years would."""

    def age(model, row_id, **columns):
        with app.app_context():
            row = db.session.get(model, row_id)
            for name, value in columns.items():
                setattr(row, name, value)
            db.session.commit()
            db.session.remove()

    return age


@pytest.fixture
def old_world(make, as_user, town, aged):
    """An old anonymous signal with a contact address, an old closed signal with people on it,
    a recent closed one, and a giver who has not logged in for years."""
    anonymous = make.signal(town.municipality, contact_email="melder.oud@example.org")
    closed = make.signal(town.municipality, town.giver, status=SignalStatus.CLOSED)
    recent = make.signal(town.municipality, town.giver, status=SignalStatus.CLOSED)
    chris = as_user(town.colleague)
    for signal in (closed, recent):
        chris.post(town.url(f"signalen/{signal.id}/volgen"), data={"follow": "1"})
        chris.post(town.url(f"signalen/{signal.id}/versterken"), data={"context": "Ook hier."})
        chris.post(
            town.url(f"signalen/{signal.id}/aanvullen"),
            data={"body": "Al twee jaar.", "submission_token": f"{signal.id}" * 16},
        )
    long_ago = utcnow() - OLD
    # The signal's own timestamp: set after the contributions, which touch it.
    aged(Signal, anonymous.id, updated_at=long_ago)
    aged(Signal, closed.id, updated_at=long_ago)
    aged(User, town.alderman.id, created_at=utcnow() - ABANDONED, last_login_at=None)
    # An old account still in use stays.
    aged(User, town.giver.id, created_at=utcnow() - ABANDONED, last_login_at=utcnow())
    return anonymous, closed, recent


def test_dry_run_prints_counts_and_removes_nothing(app, run, town, old_world):
    output = run("purge", "--dry-run", town.slug)

    assert output.splitlines() == [
        "kortrijk: 1 contactadressen, 4 koppelingen van afgeronde signalen aan personen, "
        "1 inactieve accounts",
        "6 items would be removed.",
    ]
    assert stored_anywhere(app, "melder.oud@example.org") == ["signal.contact_email"]
    assert audit_entries(app) == []


def test_purge_removes_what_outlived_its_period_and_logs_only_counts(app, run, town, old_world):
    anonymous, closed, recent = old_world

    output = run("purge")

    assert "kortrijk: 1 contactadressen, 4 koppelingen" in output
    assert stored_anywhere(app, "melder.oud@example.org") == []
    with app.app_context():
        assert db.session.get(Signal, closed.id).submitted_by_id is None
        assert db.session.get(Signal, closed.id).updated_at < utcnow() - timedelta(days=700)
        assert db.session.get(Signal, recent.id).submitted_by_id == town.giver.id
        for model in (Follow, Reinforcement, Supplement):
            users = db.session.scalars(
                select(model.user_id).where(model.signal_id == closed.id)
            ).all()
            assert users in ([], [None]), model
            assert db.session.scalars(
                select(model.user_id).where(model.signal_id == recent.id)
            ).all() == [town.colleague.id]
        supplement = db.session.scalars(
            select(Supplement).where(Supplement.signal_id == closed.id)
        ).one()
        assert supplement.body == "Al twee jaar."  # the text stays the municipality's record
        assert db.session.get(User, town.alderman.id).erased_at is not None
        assert db.session.get(User, town.giver.id).erased_at is None
    assert stored_anywhere(app, "Sofie Schepen") == []
    summaries = [e[4] for e in audit_entries(app)]
    assert (
        "Bewaartermijnen: kortrijk: 1 contactadressen, 4 koppelingen van afgeronde signalen "
        "aan personen, 1 inactieve accounts." in summaries
    )
    assert not any("melder.oud" in s for s in summaries)
    assert run("purge").splitlines()[-1] == "0 items removed."


def test_the_signal_page_after_the_links_are_gone(run, as_user, town, old_world):
    _, closed, _ = old_world
    run("purge")

    page = as_user(town.head).get(town.url(f"signalen/{closed.id}")).get_data(as_text=True)

    assert page.count("niet meer gekend (bewaartermijn verstreken)") == 2
    assert "Al twee jaar." in page


def test_a_municipality_sets_its_own_periods(run, town, old_world):
    assert run("retention", town.slug) == (
        "kortrijk: contact addresses 365 days, links of closed signals 730 days, "
        "inactive accounts 1095 days\n"
    )
    run("retention", town.slug, "--contact-email-days", "1000", "--closed-links-days", "900")

    output = run("purge", "--dry-run", town.slug)

    assert output.startswith("kortrijk: 0 contactadressen, 0 koppelingen")
    run("retention", town.slug, "--default")
    assert run("purge", "--dry-run").startswith("kortrijk: 1 contactadressen")


def test_logging_in_counts_as_activity(app, as_user, town):
    with app.app_context():
        assert db.session.get(User, town.giver.id).last_login_at is None
    as_user(town.giver)
    with app.app_context():
        assert db.session.get(User, town.giver.id).last_login_at > utcnow() - timedelta(minutes=1)


def test_the_purge_erases_accounts_a_batch_at_a_time(app, run, make, town, aged, monkeypatch):
    """Inactive accounts are erased in batches the session lets go of (memory stays bounded
    for a big city); every batch is erased, the last one partly filled."""
    monkeypatch.setattr(retention, "ERASE_BATCH", 2)
    abandoned = [make.user(Role.GIVER, town.municipality) for _ in range(5)]
    for user in abandoned:
        aged(User, user.id, created_at=utcnow() - ABANDONED, last_login_at=None)

    output = run("purge")

    assert "5 inactieve accounts" in output
    with app.app_context():
        for user in abandoned:
            erased = db.session.get(User, user.id)
            assert erased.erased_at is not None and erased.email.endswith("@gewist.invalid")
            assert erased.memberships == []
