"""The readable access log (issue 18 Build 4): every access event in Dutch, filterable by
person, event and period, 50 per page by cursor, and each head processor sees only what
concerns their municipality, also for a person who belongs to two."""

from datetime import datetime, timedelta

from sqlalchemy import select

from tests.html import parse
from webapp.extensions import db
from webapp.labels import AUTH_EVENT_LABELS
from webapp.models import AuditEntry, AuthEvent, Membership, Role, utcnow
from webapp.processing.access_log import ACCESS_CODES, event_label

AGREED_KINDS = [
    "login",
    "login_failed",
    "login_throttled",
    "locked",
    "password_reset_requested",
    "password_reset",
    "two_factor_on",
    "two_factor_off",
    "two_factor_failed",
    "recovery_code_used",
    "invitation_accepted",
    "logout",
    "session_expired",
]


def _events(response) -> list[str]:
    page = parse(response)
    section = page.find("section", id="resultaten")
    listing = section.find("ul", class_="people")
    return [li.text() for li in listing.find_all("li")] if listing else []


def _add_events(app, user, kind: str, times: list[datetime], detail: str = "") -> None:
    with app.app_context():
        for moment in times:
            db.session.add(
                AuthEvent(
                    kind=kind,
                    email=user.email,
                    user_id=user.id,
                    detail=detail,
                    address="203.0.113.9",
                    created_at=moment,
                )
            )
        db.session.commit()


def test_every_agreed_kind_and_access_code_has_a_dutch_label():
    for kind in AGREED_KINDS:
        assert kind in AUTH_EVENT_LABELS and "_" not in AUTH_EVENT_LABELS[kind]
    for code in ACCESS_CODES:
        label = event_label(2, code)
        assert label != "andere wijziging" and "." not in label, code


def test_logins_failures_and_the_single_invitation_form_are_in_the_log(app, town, as_user, client):
    client.post("/login", data={"email": town.giver.email, "password": "fout-wachtwoord-1"})
    head = as_user(town.head)
    response = head.post(
        town.url("uitnodigingen"),
        data={
            "email": "nieuwe.schepen@kortrijk.be",
            "role": Role.ALDERMAN.value,
            "organisation": "0",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        codes = db.session.scalars(select(AuditEntry.action)).all()
    assert "invitation.create" in codes

    events = _events(head.get(town.url("verwerken/toegangslog")))
    joined = "\n".join(events)
    assert "aanmelden mislukt · Ann Vermeulen vanaf" in joined
    assert "aangemeld · Hanne Hoofd" in joined
    assert "uitnodiging verstuurd · Hanne Hoofd" in joined
    assert f"nieuwe.schepen@kortrijk.be uitgenodigd als {Role.ALDERMAN.label}" in joined
    # Newest first.
    assert events[0].startswith(next(e for e in events if "uitnodiging verstuurd" in e)[:10])


def test_filter_by_person_event_and_period(app, town, as_user):
    # After the people joined: what came before is not this municipality's concern.
    base = (utcnow() + timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    day = base.date()
    _add_events(app, town.giver, "login", [base, base + timedelta(days=10)])
    _add_events(app, town.colleague, "two_factor_failed", [base + timedelta(days=1)])
    head = as_user(town.head)
    url = town.url("verwerken/toegangslog")

    by_person = _events(head.get(url, query_string={"persoon": "vermeulen"}))
    assert by_person and all("Ann Vermeulen" in e for e in by_person)
    by_kind = _events(head.get(url, query_string={"gebeurtenis": "a:two_factor_failed"}))
    assert [e.split(" · ")[1:3] for e in by_kind] == [
        ["tweestapsverificatie: verkeerde code", "Chris De Smet vanaf 203.0.113.9"]
    ]
    until = (day + timedelta(days=1)).isoformat()
    period = _events(head.get(url, query_string={"since": day.isoformat(), "until": until}))
    assert len(period) == 2
    assert (
        head.get(url, query_string={"since": "2026-11-05", "until": "2026-11-01"}).status_code
        == 400
    )
    assert head.get(url, query_string={"gebeurtenis": "a:bestaat-niet"}).status_code == 400
    assert head.get(url, query_string={"na": "kapot"}).status_code == 400


def test_fifty_per_page_by_cursor_without_gaps_or_repeats(app, town, as_user):
    base = utcnow() + timedelta(hours=1)
    # 130 events on a few shared moments: the cursor must break the ties.
    _add_events(app, town.giver, "login", [base + timedelta(seconds=n % 7) for n in range(130)])
    head = as_user(town.head)
    url = town.url("verwerken/toegangslog")
    query = {"persoon": "ann@caw"}
    seen, pages = [], 0
    while url:
        response = head.get(url, query_string=query)
        assert response.status_code == 200
        page = parse(response)
        items = page.find("section", id="resultaten").find("ul", class_="people").find_all("li")
        assert len(items) <= 50
        seen += [li.text() for li in items]
        pages += 1
        following = page.find("a", rel="next")
        url, query = (following.attrs["href"], None) if following else (None, None)
        assert pages < 10
    with app.app_context():
        total = db.session.scalar(
            select(db.func.count()).select_from(AuthEvent).where(AuthEvent.user_id == town.giver.id)
        )
    assert pages == -(-total // 50) and len(seen) == total


def test_a_person_in_two_municipalities_each_head_sees_only_their_part(
    app, town, other_town, as_user
):
    """Ann works in Kortrijk and, later, in Gent too. Gent's head sees her logins from the day
    she joined Gent, never the role she got in Kortrijk nor Kortrijk's audit entries; Kortrijk's
    head sees her logins, but not the role she got in Gent."""
    joined_gent = utcnow() + timedelta(days=1)
    with app.app_context():
        db.session.add(
            Membership(
                user_id=town.giver.id,
                municipality_id=other_town.municipality.id,
                role=Role.GIVER.value,
                created_at=joined_gent,
            )
        )
        db.session.commit()
    _add_events(app, town.giver, "login", [joined_gent - timedelta(hours=12)])
    _add_events(app, town.giver, "locked", [joined_gent + timedelta(days=1)])
    _add_events(
        app, town.giver, "role_granted", [joined_gent], detail="giver in gent (uitnodiging 7)"
    )
    kortrijk = as_user(town.head)
    # Something in Kortrijk's audit log only: her role there.
    kortrijk.post(town.url(f"mensen/{town.giver.id}/rol"), data={"role": Role.ALDERMAN.value})

    gent = _events(as_user(other_town.head).get(other_town.url("verwerken/toegangslog")))
    ann_in_gent = [e for e in gent if "Ann Vermeulen" in e]
    labels = [e.split(" · ")[1] for e in ann_in_gent]
    assert "account tijdelijk vergrendeld" in labels  # after she joined Gent
    assert "rol gekregen" in labels  # the role in Gent
    assert "aangemeld" not in labels  # before she joined Gent
    assert "rol gewijzigd" not in labels  # Kortrijk's own entry
    assert not any("kortrijk" in e.lower() for e in gent)

    here = _events(
        kortrijk.get(town.url("verwerken/toegangslog"), query_string={"persoon": "ann@"})
    )
    labels = [e.split(" · ")[1] for e in here]
    assert "rol gewijzigd" in labels and "account tijdelijk vergrendeld" in labels
    assert not any("in gent" in e for e in here)
    # A role granted in Kortrijk (at creation, by the factory) is Kortrijk's.
    assert "rol gekregen" in labels


def test_only_the_head_processor_reads_the_access_log(town, as_user):
    assert as_user(town.processor).get(town.url("verwerken/toegangslog")).status_code == 403
    assert as_user(town.alderman).get(town.url("verwerken/toegangslog")).status_code == 403


def test_an_accepted_invitation_is_named_so_with_its_role(app, town, as_user):
    from webapp.auth import services
    from webapp.models import Invitation

    head = as_user(town.head)
    head.post(
        town.url("uitnodigingen"),
        data={"email": "nieuw@kortrijk.be", "role": Role.PROCESSOR.value, "organisation": "0"},
    )
    with app.test_request_context():
        invitation = db.session.scalars(select(Invitation)).one()
        services.accept_invitation(invitation, "Nieuwe Collega", "een-lang-wachtwoord-1")
        db.session.commit()
        db.session.remove()
    query = {"persoon": "nieuw@"}
    events = _events(head.get(town.url("verwerken/toegangslog"), query_string=query))
    assert any(
        "uitnodiging aanvaard · Nieuwe Collega" in e and f"(als {Role.PROCESSOR.label})" in e
        for e in events
    ), events
