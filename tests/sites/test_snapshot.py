"""What the snapshot takes from the database: published data only, counts under disclosure
control."""

from datetime import UTC, date, datetime

from webapp.disclosure import rounded, rounded_partition
from webapp.extensions import db
from webapp.models import (
    AgreementStatus,
    Engagement,
    Municipality,
    Role,
    Signal,
    SignalStatus,
    utcnow,
)
from webapp.public.snapshot import collect
from webapp.reports import summary
from webapp.reports.protected import cell_identity


def snapshot(app, ref, now=None):
    with app.app_context():
        place = db.session.get(Municipality, ref.id)
        return collect(place, now or utcnow())


def test_counts_are_rounded_base_cells_and_a_rounded_zero_reads_none(app, make):
    place = make.municipality()
    for _ in range(5):
        make.signal(place, themes=("wonen",), status=SignalStatus.IN_PROGRESS)
    for _ in range(4):
        make.signal(place, themes=("jeugd",), status=SignalStatus.SUBMITTED)
    for _ in range(4):
        make.user(Role.GIVER, place)
    now = utcnow()
    figures = snapshot(app, place, now)["figures"]
    month = summary.month_of(now)
    with app.app_context():
        everything = cell_identity(place.id, month, (), "signals")
        statuses_rounded = rounded_partition(
            {SignalStatus.IN_PROGRESS.value: 5, SignalStatus.SUBMITTED.value: 4}, everything
        )
        jeugd = rounded(4, cell_identity(place.id, month, {("theme", "Jeugd")}, "signals"))
        total = rounded(9, everything)
    themes = {row["label"]: row["count"] for row in figures["themes"]}
    statuses = {row["label"]: row["count"] for row in figures["statuses"]}
    assert themes["Wonen"] == 5  # a multiple of five stays what it is
    assert themes["Jeugd"] == (jeugd or None) and jeugd in (0, 5)
    assert themes["Zorg"] is None  # zero stays zero
    assert statuses["in behandeling"] == (statuses_rounded[SignalStatus.IN_PROGRESS.value] or None)
    assert statuses["ingediend"] == (statuses_rounded[SignalStatus.SUBMITTED.value] or None)
    assert figures["signals"] == total and total in (5, 10)
    # The statuses add up to the total, and the quarter is that same total.
    assert sum(v or 0 for v in statuses.values()) == total
    assert [row["count"] for row in figures["quarters"]][-1] == total
    assert figures["users"] in (None, 5)  # four givers and the test's own accounts


def test_only_published_cards_public_actions_and_meetings(app, make):
    place = make.municipality()
    other = make.municipality()
    make.card(place, title="Gepubliceerd", published=True)
    make.card(place, title="Ontwerp")
    make.card(other, title="Elders", published=True)
    make.action(place, title="Publiek", public=True)
    make.action(place, title="Intern")
    make.meeting(place, title="Open overleg", public=True)
    make.meeting(place, title="Besloten overleg")
    make.meeting(place, title="Voorbij", public=True, days_ahead=-30)
    data = snapshot(app, place)
    assert [card["title"] for card in data["cards"]] == ["Gepubliceerd"]
    assert [action["title"] for action in data["actions"]] == ["Publiek"]
    meetings = {meeting["title"]: meeting["upcoming"] for meeting in data["meetings"]}
    assert meetings == {"Open overleg": True, "Voorbij": False}


def test_only_agreements_in_force_are_public(app, make):
    place = make.municipality()
    organisation = make.organisation(place, name="CAW Proefstreek")
    active = make.agreement(place, organisation, Engagement.OWN_STAFF)
    make.agreement(place, organisation, Engagement.BROAD_MANDATE, AgreementStatus.DRAFT)
    make.agreement(place, organisation, Engagement.OWN_STAFF, AgreementStatus.ENDED)
    data = snapshot(app, place)
    assert [a["id"] for a in data["agreements"]] == [active.id]
    assert data["agreements"][0]["engagement_label"] == "signaalverwerker van eigen personeel"
    assert "contact_name" not in data["agreements"][0]
    assert data["organisations"] == [
        {
            "id": organisation.id,
            "name": "CAW Proefstreek",
            "kind": "other",
            "agreements": [active.id],
            "logo": None,  # none uploaded (tests/branding)
        }
    ]


def _created_at(app, refs, moment) -> None:
    with app.app_context():
        for ref in refs:
            db.session.get(Signal, ref.id).created_at = moment
        db.session.commit()


def test_the_quarters_run_from_the_first_signal_to_the_current_quarter(app, make):
    place = make.municipality()
    _created_at(app, [make.signal(place) for _ in range(5)], datetime(2026, 8, 1, tzinfo=UTC))
    _created_at(app, [make.signal(place)], datetime(2027, 4, 2, tzinfo=UTC))

    quarters = snapshot(app, place, now=datetime(2027, 6, 14, tzinfo=UTC))["figures"]["quarters"]

    with app.app_context():
        april = rounded(1, cell_identity(place.id, date(2027, 4, 1), (), "signals"))
    assert quarters == [
        {"label": "jul-sep 2026", "count": 5},
        {"label": "okt-dec 2026", "count": None},
        {"label": "jan-mrt 2027", "count": None},
        {"label": "apr-jun 2027", "count": april or None},
    ]


def test_at_most_eight_quarters_are_shown(app, make):
    place = make.municipality()
    _created_at(app, [make.signal(place) for _ in range(5)], datetime(2020, 1, 10, tzinfo=UTC))

    quarters = snapshot(app, place, now=datetime(2027, 12, 31, 22, tzinfo=UTC))["figures"]

    labels = [row["label"] for row in quarters["quarters"]]
    assert labels[0] == "jan-mrt 2026" and labels[-1] == "okt-dec 2027" and len(labels) == 8
