"""Two processors changing one signal at once: both changes in the history with the right
from and to, no lost update. SQLite serialises writers with BEGIN IMMEDIATE; PostgreSQL needs
the row lock this tests."""

import threading
import time

import pytest

from tests.processing.helpers import audit_entries, history, stored_signal
from webapp.extensions import db
from webapp.models import Signal, User
from webapp.processing import services

pytestmark = pytest.mark.postgres_only(
    reason="row locks are a PostgreSQL matter: SQLite serialises writers itself"
)


@pytest.fixture
def signal(make, town):
    return make.signal(town.municipality, town.giver, title="Gelijktijdig behandeld")


def test_the_second_change_waits_for_the_first_and_starts_from_it(app, town, signal):
    first_changed = threading.Event()
    commit_first = threading.Event()
    second_read = threading.Event()
    second_done = threading.Event()
    failures = []

    def first():
        try:
            with app.app_context():
                row = db.session.get(Signal, signal.id)
                services.change_status(
                    row, db.session.get(User, town.head.id), "in_progress", "Eerste"
                )
                first_changed.set()
                commit_first.wait(10)
                db.session.commit()
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
            first_changed.set()

    def second():
        try:
            first_changed.wait(10)
            with app.app_context():
                row = db.session.get(Signal, signal.id)
                # Read before the lock: the first change is not committed yet.
                assert row.status == "submitted"
                second_read.set()
                services.change_status(
                    row, db.session.get(User, town.processor.id), "not_retained", "Tweede"
                )
                db.session.commit()
                db.session.remove()
                second_done.set()
        except Exception as error:  # noqa: BLE001
            failures.append(error)
            second_read.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert second_read.wait(10)
    time.sleep(0.5)
    blocked = not second_done.is_set()
    commit_first.set()
    for thread in threads:
        thread.join(20)

    assert failures == []
    assert blocked, "the second change did not wait for the row lock"
    assert history(app, signal) == [
        (None, "submitted", None, None),
        ("submitted", "in_progress", "Eerste", town.head.id),
        ("in_progress", "not_retained", "Tweede", town.processor.id),
    ]
    assert stored_signal(app, signal)["status"] == "not_retained"
    assert len(audit_entries(app)) == 2


@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_requests_both_land_in_the_history(app, as_user, town, signal, attempt):
    clients = [(as_user(town.head), "in_progress"), (as_user(town.processor), "on_agenda")]
    barrier = threading.Barrier(len(clients))
    statuses = []

    def change(client, status):
        barrier.wait()
        response = client.post(town.handle(signal, "status"), data={"status": status})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=change, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert statuses == [303, 303]
    changes = history(app, signal)
    assert len(changes) == 3
    # A chain without a gap: each change starts where the one before ended.
    for before, after in zip(changes, changes[1:], strict=False):
        assert after[0] == before[1]
    assert {c[1] for c in changes[1:]} == {"in_progress", "on_agenda"}
    assert stored_signal(app, signal)["status"] == changes[-1][1]


def test_simultaneous_bulk_and_single_changes_do_not_deadlock(app, as_user, make, town):
    signals = [make.signal(town.municipality, town.giver) for _ in range(5)]
    ids = [str(s.id) for s in signals]
    head, processor = as_user(town.head), as_user(town.processor)
    barrier = threading.Barrier(2)
    statuses = []

    def bulk():
        barrier.wait()
        response = head.post(
            town.url("verwerken/bulk"),
            data={"signal_ids": list(reversed(ids)), "status": "in_progress", "confirm": "1"},
        )
        statuses.append(response.status_code)

    def bulk_other():
        barrier.wait()
        response = processor.post(
            town.url("verwerken/bulk"),
            data={"signal_ids": ids, "assignee": str(town.processor.id), "confirm": "1"},
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=bulk), threading.Thread(target=bulk_other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert statuses == [303, 303]
    for signal in signals:
        stored = stored_signal(app, signal)
        assert stored["status"] == "in_progress"
        assert stored["assignee_id"] == town.processor.id
